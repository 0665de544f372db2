"""Render an email kind with its params into a subject, a text part and an HTML part.

Params are escaped in HTML (the catalogue's own text is escaped too); URLs given to an
``Action`` must be http(s). Missing params raise ``TemplateError`` naming them.
"""

import html
import string
from dataclasses import dataclass
from typing import Any

from mail import texts
from mail.texts import Action, EmailText
from reports.formatting import format_date

_formatter = string.Formatter()


def _escape_text(text: str) -> str:
    """Escape for element content (attributes use ``html.escape`` with quotes)."""
    return html.escape(text, quote=False)


_LAYOUT = """<!DOCTYPE html>
<html lang="{language}">
<head><meta charset="utf-8"><title>{title}</title></head>
<body style="margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;font-size:15px;\
line-height:1.5;color:#1e1e1e;background:#ffffff;">
<div style="max-width:600px;">
{body}
</div>
</body>
</html>
"""
_PARAGRAPH = "<p>{content}</p>"
_SMALL = '<p style="font-size:13px;color:#666666;">{content}</p>'
_BUTTON = (
    '<p><a href="{url}" style="display:inline-block;padding:10px 18px;background:#000091;'
    'color:#ffffff;text-decoration:none;border-radius:4px;">{label}</a></p>'
    '<p style="font-size:13px;color:#666666;word-break:break-all;">{url}</p>'
)
_SMALL_LINK = '<p style="font-size:13px;"><a href="{url}" style="color:#666666;">{label}</a></p>'
_SEPARATOR = '<hr style="border:none;border-top:1px solid #dddddd;margin:24px 0;">'


REMINDER_FACTS = frozenset({"siren", "campaign_year", "year", "about", "step"})


class TemplateError(ValueError):
    """An email cannot be rendered: unknown kind, missing param, bad URL."""


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str
    language: str


def kinds() -> frozenset[str]:
    return frozenset(texts.EMAILS)


def required_params(kind: str) -> frozenset[str]:
    """The params a producer must give for ``kind`` (``company`` may come from ``siren``,
    ``where`` from ``channel``)."""
    template = _template(kind, texts.DEFAULT_LANGUAGE)
    names = set(_fields(template.subject))
    for block in template.blocks:
        names |= {block.url_param} if isinstance(block, Action) else set(_fields(block))
    names.discard("where")
    if any(name.startswith("reminder_") for name in names):  # made from the reminder's facts
        names = {name for name in names if not name.startswith("reminder_")} | REMINDER_FACTS
    return frozenset(names)


def render(
    kind: str,
    params: dict[str, Any],
    language: str = texts.DEFAULT_LANGUAGE,
    *,
    reminder: bool = False,
    extra: dict[str, Any] | None = None,
) -> RenderedEmail:
    """``extra`` holds values the service adds (``unsubscribe_url``...); ``params`` win over it."""
    language = language if language in texts.LANGUAGES else texts.DEFAULT_LANGUAGE
    template = _template(kind, language)
    if kind == DIGEST_KIND and "statuses" in params:
        params = {**params, **digest_lines(params, language)}
    values = _values(params, extra or {}, language)
    blocks: list[str | Action] = list(template.blocks)
    footer: list[str | Action] = [texts.REPLY_HINT[language]]
    if reminder:
        footers = texts.DIGEST_FOOTER if kind == DIGEST_KIND else texts.REMINDER_FOOTER
        footer.extend(footers[language])
    subject = " ".join(_format(template.subject, values, kind).split())
    return RenderedEmail(
        subject=subject,
        text=_text(blocks, footer, values, kind, language),
        html=_html(subject, blocks, footer, values, kind, language),
        language=language,
    )


DIGEST_KIND = "referent_digest"


def digest_lines(params: dict[str, Any], language: str) -> dict[str, str]:
    """A référent's digest: ``statuses`` (counts), ``previous`` (last week's, or None),
    ``late_total``, ``overdue`` ([SIREN, name] pairs), ``overdue_total``, ``open_questions``
    become the ``counts``, ``overdue`` and ``questions`` paragraphs."""
    statuses: dict[str, int] = params.get("statuses") or {}
    previous: dict[str, int] | None = params.get("previous")
    lines = []
    for status, label in texts.DIGEST_STATUS[language].items():
        count = int(statuses.get(status, 0))
        change = ""
        if previous is not None:
            delta = count - int(previous.get(status, 0))
            change = f" ({delta:+d})" if delta else " (=)"
        lines.append(texts.DIGEST_LINE[language].format(label=label, count=count, change=change))
    lines.append(texts.DIGEST_LATE[language].format(count=int(params.get("late_total") or 0)))
    overdue_total = int(params.get("overdue_total") or 0)
    if overdue_total:
        named = [f"{siren} {name}".strip() for siren, name in params.get("overdue") or []]
        overdue = [texts.DIGEST_OVERDUE[language].format(count=overdue_total), *named]
        if overdue_total > len(named):
            more = texts.DIGEST_OVERDUE_MORE[language]
            overdue.append(more.format(count=overdue_total - len(named)))
    else:
        overdue = [texts.DIGEST_OVERDUE_NONE[language]]
    questions = texts.DIGEST_QUESTIONS[language].format(
        count=int(params.get("open_questions") or 0)
    )
    return {"counts": "\n".join(lines), "overdue": "\n".join(overdue), "questions": questions}


def _template(kind: str, language: str) -> EmailText:
    try:
        return texts.EMAILS[kind][language]
    except KeyError:
        raise TemplateError(f"unknown email kind {kind!r}") from None


def _fields(template: str) -> list[str]:
    return [field for _, field, _, _ in _formatter.parse(template) if field]


def _values(params: dict[str, Any], extra: dict[str, Any], language: str) -> dict[str, Any]:
    values = {**extra, **{k: v for k, v in params.items() if v is not None}}
    if "company" not in values and "siren" in values:
        label = (
            texts.COMPANY_LABEL[language]
            if values.get("company_name")
            else texts.COMPANY_LABEL_SIREN_ONLY[language]
        )
        values["company"] = label.format(**values)
    if "where" not in values:
        channel = values.get("channel")
        where = texts.CHANNEL_WHERE[language]
        values["where"] = where["web_chat" if channel == "web_chat" else "telegram"].format(
            chat_url=values.get("chat_url", "")
        )
    if values.get("about") in ("index", "objectives", "representation") and "step" in values:
        values.update(_reminder_lines(values, language))
    return values


def _reminder_lines(values: dict[str, Any], language: str) -> dict[str, str]:
    """A reminder's subject, what is missing and the time left (or late), from its facts."""
    lines = texts.REMINDER_LINES[language]
    subject = values["about"]
    facts = dict(values)
    if values.get("deadline"):
        facts["deadline"] = format_date(values["deadline"], language)
    if values.get("since"):
        facts["since"] = format_date(values["since"], language)
    facts["index_part"] = (
        lines["index_part"].format(index=values["index"]) if "index" in values else ""
    )
    days = values.get("days")
    late = isinstance(days, int) and days < 0
    if subject == "objectives":
        timing = lines["timing.objectives"]
        subject_key = "subject.objectives"
    else:
        timing = lines["timing.late" if late else "timing.before" if days else "timing.today"]
        subject_key = f"subject.{subject}" + (".late" if late else "")
        facts["days"] = abs(days or 0)
    missing_key = f"missing.{subject}"
    if subject == "index":
        missing_key += ".in_progress" if values.get("state") == "in_progress" else ".not_started"
    try:
        return {
            "reminder_subject": lines[subject_key].format(**facts),
            "reminder_missing": lines[missing_key].format(**facts),
            "reminder_timing": timing.format(**facts),
            "reminder_done": lines["done"].format(**facts),
        }
    except KeyError as error:
        raise TemplateError(f"email kind 'reminder' needs param {error.args[0]!r}") from None


def _format(template: str, values: dict[str, Any], kind: str, escape=None) -> str:
    escape = escape or (lambda text: text)
    pieces = []
    for literal, field, spec, conversion in _formatter.parse(template):
        pieces.append(escape(literal))
        if field is None:
            continue
        if field not in values:
            raise TemplateError(f"email kind {kind!r} needs param {field!r}")
        value = _formatter.convert_field(values[field], conversion)
        pieces.append(escape(_formatter.format_field(value, spec or "")))
    return "".join(pieces)


def _url(action: Action, values: dict[str, Any], kind: str) -> str:
    url = values.get(action.url_param)
    if url is None:
        raise TemplateError(f"email kind {kind!r} needs param {action.url_param!r}")
    url = str(url).strip()
    if not url.lower().startswith(("https://", "http://")):
        raise TemplateError(f"email kind {kind!r}: {action.url_param!r} is not an http(s) URL")
    return url


def _text(blocks, footer, values, kind, language) -> str:
    def lines(items):
        for block in items:
            if isinstance(block, Action):
                url = _url(block, values, kind)
                yield texts.ACTION_TEXT[language].format(label=block.label, url=url)
            else:
                yield _format(block, values, kind)

    body = "\n\n".join(lines(blocks))
    return f"{body}\n\n{texts.SIGNATURE[language]}\n\n-- \n" + "\n\n".join(lines(footer)) + "\n"


def _html_paragraphs(block: str, values, kind, wrapper: str) -> str:
    rendered = _format(block, values, kind, escape=_escape_text)
    paragraphs = [part.strip() for part in rendered.replace("\r\n", "\n").split("\n\n")]
    return "\n".join(
        wrapper.format(content=part.replace("\n", "<br>\n")) for part in paragraphs if part
    )


def _html(subject, blocks, footer, values, kind, language) -> str:
    parts = []
    for block in blocks:
        if isinstance(block, Action):
            url = html.escape(_url(block, values, kind))
            parts.append(_BUTTON.format(url=url, label=_escape_text(block.label)))
        else:
            parts.append(_html_paragraphs(block, values, kind, _PARAGRAPH))
    parts.append(_PARAGRAPH.format(content=_escape_text(texts.SIGNATURE[language])))
    parts.append(_SEPARATOR)
    for block in footer:
        if isinstance(block, Action):
            url = html.escape(_url(block, values, kind))
            parts.append(_SMALL_LINK.format(url=url, label=_escape_text(block.label)))
        else:
            parts.append(_html_paragraphs(block, values, kind, _SMALL))
    return _LAYOUT.format(language=language, title=_escape_text(subject), body="\n".join(parts))
