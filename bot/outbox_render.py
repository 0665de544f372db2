"""Telegram outbox kinds rendered from the bot's catalogue (``bot.delivery.Render``).

Each kind maps to a function ``(params, language) -> TelegramContent``; kinds not listed here
fall back to ``bot.delivery.default_render`` (``notice``).
"""

from collections.abc import Callable
from typing import Any

from bot.callbacks import MenuAction
from bot.delivery import RenderError, TelegramContent, default_render
from bot.texts import text


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
    "referent_linked": _referent_linked,
}


def render(kind: str, params: dict[str, Any], language: str) -> TelegramContent:
    renderer = RENDERERS.get(kind)
    if renderer is None:
        return default_render(kind, params, language)
    return renderer(params, language if language in ("fr", "en") else "fr")
