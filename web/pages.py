"""Small server-rendered HTML pages: one layout, every value escaped, one inline stylesheet."""

import base64
import hashlib
from dataclasses import dataclass
from html import escape

from aiohttp import web

from web.texts import preferred_language, text

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
    "pre{white-space:pre-wrap;overflow-wrap:anywhere;font-family:inherit}"
    "main.wide{max-width:80rem;padding:1rem 1.25rem}"
    "header.bar{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;"
    "justify-content:space-between}"
    "header.bar form{margin:0}header.bar button{font-size:.9rem;padding:.3rem .8rem}"
    "a{color:#000091}a:focus,input:focus,select:focus,textarea:focus{outline:3px solid #0a76f6;"
    "outline-offset:2px}"
    "h2{font-size:1.2rem;margin-top:1.5rem}"
    "ul.counts{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0}"
    "ul.counts a{display:block;padding:.4rem .8rem;border:1px solid #000091;border-radius:4px;"
    "text-decoration:none}ul.counts a[aria-current]{background:#000091;color:#fff}"
    "form.filters{display:flex;flex-wrap:wrap;gap:.75rem;align-items:flex-end}"
    "form.filters label,form.answer label{display:block;font-size:.9rem;font-weight:bold}"
    "input,select,textarea{font-size:1rem;padding:.35rem;border:1px solid #666;"
    "border-radius:4px;max-width:100%}"
    "textarea{width:100%;min-height:6rem;box-sizing:border-box}"
    ".scroll{overflow-x:auto}"
    "table{border-collapse:collapse;width:100%;font-size:.95rem}"
    "th,td{border-bottom:1px solid #ccc;padding:.4rem .5rem;text-align:left;vertical-align:top}"
    "th{background:#eef;white-space:nowrap}td.num{text-align:right}"
    "caption{text-align:left;font-weight:bold;padding:.4rem 0}"
    ".late{color:#b00000;font-weight:bold}"
    "blockquote{margin:.5rem 0;padding:.5rem 1rem;background:#f3f3f3;white-space:pre-wrap}"
    ".notice{padding:.6rem 1rem;background:#e8f3e8;border-left:4px solid #18753c}"
    "nav.pages{display:flex;gap:1rem;margin-top:1rem}"
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
<main{main_class}>
{header}
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


def page(
    language: str,
    title: str,
    body: str,
    *,
    status: int = 200,
    wide: bool = False,
    header: str | None = None,
    site_key: str = "site",
) -> web.Response:
    """``body`` (and ``header``, which replaces the site's name) is HTML built with the helpers
    above (they escape their values)."""
    site = escape(text(site_key, language))
    document = _LAYOUT.format(
        language=escape(language),
        title=escape(title),
        site=site,
        style=STYLE,
        body=body,
        main_class=' class="wide"' if wide else "",
        header=header if header is not None else f"<header>{site}</header>",
    )
    return web.Response(text=document, status=status, content_type="text/html", charset="utf-8")


def link(url: str, label: str) -> str:
    return f'<p><a href="{escape(url)}">{escape(label)}</a></p>'


def message_page(
    language: str,
    key: str,
    *,
    status: int,
    body_key: str | None = None,
    extra: str = "",
    **params: object,
) -> web.Response:
    """A page made of a title and one paragraph: ``<key>.title`` and ``<key>.body`` (or
    ``body_key``), then ``extra`` (HTML built with the helpers above)."""
    return page(
        language,
        text(f"{key}.title", language),
        paragraph(text(body_key or f"{key}.body", language, **params)) + extra,
        status=status,
    )


def language_of(request: web.Request) -> str:
    """The page's language, from the browser's Accept-Language (French first)."""
    return preferred_language(request.headers.get("Accept-Language"))
