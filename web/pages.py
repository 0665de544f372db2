"""Small server-rendered HTML pages: one layout, every value escaped, one inline stylesheet."""

import base64
import hashlib
from dataclasses import dataclass
from html import escape

from aiohttp import web

from web.texts import text

STYLE = (
    "body{margin:0;font-family:Arial,Helvetica,sans-serif;font-size:17px;line-height:1.5;"
    "color:#1e1e1e;background:#f6f6f6}"
    "main{max-width:36rem;margin:2rem auto;padding:1.5rem 2rem;background:#fff;"
    "border-top:4px solid #000091}"
    "h1{font-size:1.5rem;margin-top:0}"
    "dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}"
    "dt{font-weight:bold}dd{margin:0;overflow-wrap:anywhere}"
    "button{font-size:1.1rem;padding:.6rem 1.4rem;background:#000091;color:#fff;border:0;"
    "border-radius:4px;cursor:pointer}"
    "button:focus{outline:3px solid #0a76f6;outline-offset:2px}"
    ".note{color:#555;font-size:.95rem}"
    "header{font-size:.95rem;color:#555;margin-bottom:1rem}"
)
# The stylesheet is allowed by its hash: the policy needs no 'unsafe-inline'.
STYLE_HASH = base64.b64encode(hashlib.sha256(STYLE.encode()).digest()).decode()
CONTENT_SECURITY_POLICY = (
    f"default-src 'none'; style-src 'sha256-{STYLE_HASH}'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)

_LAYOUT = """<!DOCTYPE html>
<html lang="{language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{title} – {site}</title>
<style>{style}</style>
</head>
<body>
<main>
<header>{site}</header>
<h1>{title}</h1>
{body}
</main>
</body>
</html>
"""


@dataclass(frozen=True)
class Field:
    label: str
    value: str


def paragraph(content: str, css_class: str | None = None) -> str:
    attribute = f' class="{css_class}"' if css_class else ""
    return f"<p{attribute}>{escape(content)}</p>"


def definitions(fields: list[Field]) -> str:
    items = "".join(f"<dt>{escape(f.label)}</dt><dd>{escape(f.value)}</dd>" for f in fields)
    return f"<dl>{items}</dl>"


def post_form(action: str, hidden: dict[str, str], button: str) -> str:
    inputs = "".join(
        f'<input type="hidden" name="{escape(name)}" value="{escape(value)}">'
        for name, value in hidden.items()
    )
    return (
        f'<form method="post" action="{escape(action)}">{inputs}'
        f'<button type="submit">{escape(button)}</button></form>'
    )


def post_form_with_number(
    action: str, hidden: dict[str, str], button: str, *, name: str, label: str
) -> str:
    """A form with one optional whole-number field (0–100), labelled, and its button."""
    inputs = "".join(
        f'<input type="hidden" name="{escape(name_)}" value="{escape(value)}">'
        for name_, value in hidden.items()
    )
    field = (
        f'<p><label for="{escape(name)}">{escape(label)}</label><br>'
        f'<input type="number" id="{escape(name)}" name="{escape(name)}" min="0" max="100" '
        'step="1" inputmode="numeric"></p>'
    )
    return (
        f'<form method="post" action="{escape(action)}">{inputs}{field}'
        f'<button type="submit">{escape(button)}</button></form>'
    )


def page(language: str, title: str, body: str, *, status: int = 200) -> web.Response:
    """``body`` is HTML built with the helpers above (they escape their values)."""
    document = _LAYOUT.format(
        language=escape(language),
        title=escape(title),
        site=escape(text("site", language)),
        style=STYLE,
        body=body,
    )
    return web.Response(text=document, status=status, content_type="text/html", charset="utf-8")


def message_page(language: str, key: str, *, status: int, **params: object) -> web.Response:
    """A page made of a title and one paragraph: ``<key>.title`` and ``<key>.body``."""
    return page(
        language,
        text(f"{key}.title", language),
        paragraph(text(f"{key}.body", language, **params)),
        status=status,
    )
