"""Telegram outbox kinds rendered from the bot's catalogue (``bot.delivery.Render``).

Each kind maps to a function ``(params, language) -> TelegramContent``; kinds not listed here
fall back to ``bot.delivery.default_render`` (``notice``).
"""

from collections.abc import Callable
from typing import Any

from bot.callbacks import MenuAction
from bot.delivery import RenderError, TelegramContent, default_render
from bot.texts import text
from reports.formatting import format_date


def company_label(siren: str, name: str | None, language: str) -> str:
    if name:
        return text("companies.label", language, name=name, siren=siren)
    return text("companies.label_siren_only", language, siren=siren)


def _company_linked(params: dict[str, Any], language: str) -> TelegramContent:
    """params: siren, email, company_name (optional)."""
    missing = {"siren", "email"} - set(params)
    if missing:
        raise RenderError(f"Telegram kind 'company_linked' needs params {sorted(missing)}")
    from bot.declaring.common import DeclareAction  # that module names companies with ours

    siren = str(params["siren"])
    company = company_label(siren, params.get("company_name"), language)
    declare = DeclareAction(a="start", s=siren).pack()
    return TelegramContent(
        text("companies.linked", language, company=company, email=params["email"]),
        buttons=[
            [(text("declare.button.declare_result", language), declare)],
            [(text("menu.companies", language), MenuAction(action="companies").pack())],
        ],
    )


def _declared_elsewhere(params: dict[str, Any], language: str) -> TelegramContent:
    """params: siren, year (data year), company_name and index (optional)."""
    missing = {"siren", "year"} - set(params)
    if missing:
        raise RenderError(f"Telegram kind 'declared_elsewhere' needs params {sorted(missing)}")
    company = company_label(str(params["siren"]), params.get("company_name"), language)
    index = params.get("index")
    key = "status.official.told" if index is None else "status.official.told_with"
    return TelegramContent(
        text(key, language, company=company, year=params["year"], index=index),
        buttons=[[(text("menu.status", language), MenuAction(action="status").pack())]],
    )


def _objectives_erased(params: dict[str, Any], language: str) -> TelegramContent:
    """params: siren, year, who, company_name (optional)."""
    missing = {"siren", "year", "who"} - set(params)
    if missing:
        raise RenderError(f"Telegram kind 'objectives_erased' needs params {sorted(missing)}")
    company = company_label(str(params["siren"]), params.get("company_name"), language)
    return TelegramContent(
        text(
            "declare.erased_notice",
            language,
            company=company,
            year=params["year"],
            who=params["who"],
        )
    )


def _email_reply(key: str, needed: set[str]):
    """params: siren, email, company_name (optional), and for questions ``question``."""

    def render_kind(params: dict[str, Any], language: str) -> TelegramContent:
        missing = needed - set(params)
        if missing:
            raise RenderError(f"Telegram kind {key!r} needs params {sorted(missing)}")
        company = company_label(str(params["siren"]), params.get("company_name"), language)
        values = {name: params[name] for name in needed}
        return TelegramContent(text(key, language, **{**values, "company": company}))

    return render_kind


def _reminder(params: dict[str, Any], language: str) -> TelegramContent:
    """params: those of the email kind "reminder" (siren, campaign_year, year, about, step,
    state, deadline, days, since, index, company_name)."""
    missing = {"siren", "year", "campaign_year", "about"} - set(params)
    if missing:
        raise RenderError(f"Telegram kind 'reminder' needs params {sorted(missing)}")
    from bot.declaring.common import (  # that module names companies with ours
        DeclareAction,
        ObjectivesAction,
        RepresentationAction,
        StatusAction,
    )

    siren, about, year = str(params["siren"]), params["about"], int(params["year"])
    values = {
        "company": company_label(siren, params.get("company_name"), language),
        "year": year,
        "campaign_year": params["campaign_year"],
        "index_part": "",
    }
    if params.get("deadline"):
        values["deadline"] = format_date(params["deadline"], language)
    if params.get("since"):
        values["since"] = format_date(params["since"], language)
    if params.get("index") is not None:
        values["index_part"] = text("reminders.index_part", language, index=params["index"])
    days = params.get("days")
    late = isinstance(days, int) and days < 0
    if about == "objectives":
        title = text("reminders.title.objectives", language, **values)
        timing = text("reminders.timing.objectives", language)
        missing_key = "reminders.missing.objectives"
    else:
        title = text(f"reminders.title.{about}" + (".late" if late else ""), language, **values)
        key = "late" if late else "before" if days else "today"
        timing = text(f"reminders.timing.{key}", language, **values, days=abs(days or 0))
        missing_key = f"reminders.missing.{about}"
        if about == "index":
            state = "in_progress" if params.get("state") == "in_progress" else "not_started"
            missing_key += f".{state}"
    body = "\n\n".join(
        [
            title,
            text(missing_key, language, **values),
            timing,
            text("reminders.stop_hint", language),
        ]
    )
    if about == "index":
        actions = [
            ("reminders.button.declare", DeclareAction(a="start", s=siren, y=year)),
            ("reminders.button.declared", StatusAction(a="off", s=siren, y=year)),
        ]
    elif about == "objectives":
        actions = [("reminders.button.objectives", ObjectivesAction(a="open", s=siren, y=year))]
    else:
        actions = [
            ("reminders.button.representation", RepresentationAction(a="start", s=siren, y=year))
        ]
    buttons = [[(text(key, language), action.pack())] for key, action in actions]
    return TelegramContent(body, buttons=buttons)


def _referent_linked(params: dict[str, Any], language: str) -> TelegramContent:
    """params: email."""
    if "email" not in params:
        raise RenderError("Telegram kind 'referent_linked' needs param 'email'")
    return TelegramContent(text("referents.linked", language, email=params["email"]))


RENDERERS: dict[str, Callable[[dict[str, Any], str], TelegramContent]] = {
    "company_linked": _company_linked,
    "declared_elsewhere": _declared_elsewhere,
    "objectives_erased": _objectives_erased,
    "email_question": _email_reply("email_replies.question", {"siren", "email", "question"}),
    "email_bounce": _email_reply("email_replies.bounce", {"siren", "email"}),
    "reminder": _reminder,
    "reminder_objectives": _reminder,
    "reminder_representation": _reminder,
    "referent_linked": _referent_linked,
}


def render(kind: str, params: dict[str, Any], language: str) -> TelegramContent:
    renderer = RENDERERS.get(kind)
    if renderer is None:
        return default_render(kind, params, language)
    return renderer(params, language if language in ("fr", "en") else "fr")
