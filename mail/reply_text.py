"""The new text of a reply: the quoted message cut off (mail-parser-reply), HTML made plain."""

import html
import re
from html.parser import HTMLParser

from mailparser_reply import EmailReplyParser

LANGUAGES = ["fr", "en"]
_BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "table", "blockquote", "hr"}
_SKIPPED = {"script", "style", "head", "title", "blockquote"}
# Outlook's quoted header block, when the library did not cut it.
_OUTLOOK = re.compile(r"^\s*(De|From)\s*:.*\n\s*(Envoyé|Sent|Date)\s*:", re.MULTILINE)
_parser = EmailReplyParser(languages=LANGUAGES)


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs) -> None:
        classes = dict(attrs).get("class") or ""
        if tag in _SKIPPED or "gmail_quote" in classes or "moz-cite-prefix" in classes:
            self.skipping += 1
        elif tag in _BLOCKS and not self.skipping:
            self.pieces.append("\n")

    def handle_endtag(self, tag) -> None:
        if tag in _SKIPPED and self.skipping:
            self.skipping -= 1
        elif tag in _BLOCKS and not self.skipping:
            self.pieces.append("\n")

    def handle_data(self, data) -> None:
        if not self.skipping:
            self.pieces.append(data)


def html_to_text(markup: str) -> str:
    extractor = _TextExtractor()
    try:
        extractor.feed(markup)
        extractor.close()
    except Exception:  # html.parser is lenient; this is only a guard
        return html.unescape(re.sub(r"<[^>]+>", " ", markup))
    lines = [" ".join(line.split()) for line in "".join(extractor.pieces).splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def new_text(text: str) -> str:
    """The part of ``text`` the sender wrote, without the quoted message it answers."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        reply = _parser.parse_reply(text=text)
    except Exception:
        reply = text
    reply = reply or ""
    outlook = _OUTLOOK.search(reply)
    if outlook:
        reply = reply[: outlook.start()]
    lines = [line for line in reply.split("\n") if not line.lstrip().startswith(">")]
    return "\n".join(lines).strip()
