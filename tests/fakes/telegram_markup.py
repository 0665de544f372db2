"""Text formatting and keyboard checks, following what the Bot API accepts and refuses.

The HTML and MarkdownV2 parsers mirror the rules of the Telegram server (tdlib) closely enough
that a text refused here would be refused by Telegram, with the same error description.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any

MAX_TEXT_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024
MAX_CALLBACK_DATA_BYTES = 64
MAX_CALLBACK_ANSWER_LENGTH = 200

HTML_TAGS = {
    "a": "text_link",
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "tg-emoji": "custom_emoji",
    "tg-time": "date_time",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
}
NAMED_HTML_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
MARKDOWN_V2_RESERVED = "_*[]()~`>#+-=|{}.!"


class MarkupError(Exception):
    """A text or keyboard that the Bot API refuses; str() is the API description."""


@dataclass
class FormattedText:
    text: str
    entities: list[dict[str, Any]] = field(default_factory=list)


class _Builder:
    """Accumulates the plain text and its entities, counting offsets in UTF-16 code units."""

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.utf16 = 0
        self.entities: list[dict[str, Any]] = []

    def add(self, text: str) -> None:
        for char in text:
            self.chars.append(char)
            self.utf16 += 2 if ord(char) > 0xFFFF else 1

    def entity(self, kind: str, start: int, **extra: Any) -> None:
        if self.utf16 > start:
            self.entities.append(
                {"type": kind, "offset": start, "length": self.utf16 - start, **extra}
            )

    def result(self) -> FormattedText:
        self.entities.sort(key=lambda e: (e["offset"], -e["length"]))
        return FormattedText("".join(self.chars), self.entities)


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


def _decode_html_entity(text: str, index: int) -> tuple[str, int] | None:
    """Decode an entity starting at text[index] == '&'; None leaves the '&' as a literal."""
    match = re.match(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]+);", text[index:])
    if not match:
        return None
    name = match.group(1)
    if name.startswith("#"):
        code = int(name[2:], 16) if name[1] in "xX" else int(name[1:])
        if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            return None
        return chr(code), match.end()
    if name in NAMED_HTML_ENTITIES:
        return NAMED_HTML_ENTITIES[name], match.end()
    return None


def parse_html(text: str) -> FormattedText:
    out = _Builder()
    stack: list[tuple[str, str, int]] = []  # tag, argument, utf16 start
    i, size = 0, len(text)
    while i < size:
        char = text[i]
        if char == "&":
            decoded = _decode_html_entity(text, i)
            if decoded:
                out.add(decoded[0])
                i += decoded[1]
                continue
        if char != "<":
            out.add(char)
            i += 1
            continue
        begin = i
        i += 1
        if i < size and text[i] == "/":
            i = _close_html_tag(text, begin, stack, out)
        else:
            i = _open_html_tag(text, begin, stack, out)
    if stack:
        raise MarkupError(f'Can\'t find end tag corresponding to start tag "{stack[-1][0]}"')
    return out.result()


def _open_html_tag(text: str, begin: int, stack: list, out: _Builder) -> int:
    size = len(text)
    i = begin + 1
    while i < size and not text[i].isspace() and text[i] != ">":
        i += 1
    if i >= size:
        raise MarkupError(f"Unclosed start tag at byte offset {_byte_offset(text, begin)}")
    tag = text[begin + 1 : i].lower()
    if tag not in HTML_TAGS:
        raise MarkupError(
            f'Unsupported start tag "{tag}" at byte offset {_byte_offset(text, begin)}'
        )
    argument = ""
    while i < size and text[i] != ">":
        while i < size and text[i].isspace():
            i += 1
        if i < size and text[i] == ">":
            break
        name_start = i
        while i < size and not text[i].isspace() and text[i] not in "=>":
            i += 1
        name = text[name_start:i]
        if not name:
            raise MarkupError(
                f'Empty attribute name in the tag "{tag}" at byte offset '
                f"{_byte_offset(text, begin)}"
            )
        while i < size and text[i].isspace():
            i += 1
        if i >= size or text[i] != "=":
            if tag == "blockquote" and name == "expandable":
                argument = "expandable"
                continue
            raise MarkupError(
                "Expected equal sign in declaration of an attribute of the tag "
                f'"{tag}" at byte offset {_byte_offset(text, begin)}'
            )
        i += 1
        while i < size and text[i].isspace():
            i += 1
        if i >= size:
            raise MarkupError(
                f'Unclosed start tag "{tag}" at byte offset {_byte_offset(text, begin)}'
            )
        if text[i] in "'\"":
            quote = text[i]
            end = text.find(quote, i + 1)
            end = size if end < 0 else end
            value = html.unescape(text[i + 1 : end])
            i = min(end + 1, size)
        else:
            token_start = i
            while i < size and (text[i].isalnum() or text[i] in ".-"):
                i += 1
            value = text[token_start:i].lower()
            if i < size and not text[i].isspace() and text[i] != ">":
                raise MarkupError(
                    f"Unexpected end of name token at byte offset {_byte_offset(text, token_start)}"
                )
        if i >= size:
            raise MarkupError(f"Unclosed start tag at byte offset {_byte_offset(text, begin)}")
        if (tag, name) in {("a", "href"), ("tg-emoji", "emoji-id"), ("tg-time", "unix")}:
            argument = value
        elif tag == "span" and name == "class" and value.startswith("tg-"):
            argument = value[3:]
        elif tag == "code" and name == "class" and value.startswith("language-"):
            argument = value[len("language-") :]
    if tag == "span" and argument != "spoiler":
        raise MarkupError(
            f'Tag "span" must have class "tg-spoiler" at byte offset {_byte_offset(text, begin)}'
        )
    stack.append((tag, argument, out.utf16))
    return i + 1


def _close_html_tag(text: str, begin: int, stack: list, out: _Builder) -> int:
    size = len(text)
    if not stack:
        raise MarkupError(f"Unexpected end tag at byte offset {_byte_offset(text, begin)}")
    i = begin + 2
    while i < size and not text[i].isspace() and text[i] != ">":
        i += 1
    end_name = text[begin + 2 : i].lower()
    while i < size and text[i].isspace():
        i += 1
    if i >= size or text[i] != ">":
        raise MarkupError(f"Unclosed end tag at byte offset {_byte_offset(text, begin)}")
    tag, argument, start = stack.pop()
    if end_name and end_name != tag:
        raise MarkupError(
            f"Unmatched end tag at byte offset {_byte_offset(text, begin)}, "
            f'expected "</{tag}>", found "</{end_name}>"'
        )
    kind = HTML_TAGS[tag]
    if kind == "blockquote" and argument == "expandable":
        kind = "expandable_blockquote"
    extra: dict[str, Any] = {}
    if kind == "text_link":
        if not argument:
            kind = "url"
        else:
            extra["url"] = argument
    elif kind == "pre" and argument:
        extra["language"] = argument
    elif kind == "custom_emoji":
        extra["custom_emoji_id"] = argument
    out.entity(kind, start, **extra)
    return i + 1


_MD2_OPENERS = {
    "*": ("bold", "*"),
    "~": ("strikethrough", "~"),
    "[": ("text_link", "]"),
}


def parse_markdown_v2(text: str) -> FormattedText:
    out = _Builder()
    stack: list[tuple[str, int, int]] = []  # kind, utf16 start, byte offset
    i, size = 0, len(text)
    at_line_start = True
    while i < size:
        char = text[i]
        if char == "\\" and i + 1 < size and 0 < ord(text[i + 1]) <= 126:
            out.add(text[i + 1])
            i += 2
            at_line_start = False
            continue
        in_code = bool(stack) and stack[-1][0] in {"code", "pre"}
        reserved = "`" if in_code else MARKDOWN_V2_RESERVED
        if char not in reserved:
            out.add(char)
            at_line_start = char == "\n"
            i += 1
            continue
        closing = _md2_closes(stack[-1][0], text, i) if stack else 0
        if closing:
            kind, start, _ = stack.pop()
            extra: dict[str, Any] = {}
            i += closing
            if kind == "text_link":
                if i < size and text[i] == "(":
                    end = text.find(")", i)
                    if end < 0:
                        raise MarkupError(
                            f"Can't find end of a url at byte offset {_byte_offset(text, i)}"
                        )
                    extra["url"] = text[i + 1 : end].replace("\\)", ")").replace("\\\\", "\\")
                    i = end + 1
                else:
                    continue
            out.entity(kind, start, **extra)
            at_line_start = False
            continue
        if char == ">" and at_line_start:
            i += 1
            continue
        kind, width = _md2_opens(text, i)
        if kind is None:
            raise MarkupError(
                f"Character '{char}' is reserved and must be escaped with the preceding '\\'"
            )
        stack.append((kind, out.utf16, _byte_offset(text, i)))
        i += width
        if kind == "pre":
            newline = text.find("\n", i)
            if newline >= 0 and " " not in text[i:newline] and "`" not in text[i:newline]:
                i = newline + 1
        at_line_start = False
    if stack:
        raise MarkupError(f"Can't find end of the entity starting at byte offset {stack[-1][2]}")
    return out.result()


def _md2_opens(text: str, i: int) -> tuple[str | None, int]:
    char = text[i]
    nxt = text[i + 1 : i + 2]
    if char == "_":
        return ("underline", 2) if nxt == "_" else ("italic", 1)
    if char == "|":
        return ("spoiler", 2) if nxt == "|" else (None, 0)
    if char == "`":
        return ("pre", 3) if text[i : i + 3] == "```" else ("code", 1)
    if char == "!" and nxt == "[":
        return "custom_emoji", 2
    if char in _MD2_OPENERS:
        return _MD2_OPENERS[char][0], 1
    return None, 0


def _md2_closes(kind: str, text: str, i: int) -> int:
    char = text[i]
    nxt = text[i + 1 : i + 2]
    if kind == "bold" and char == "*":
        return 1
    if kind == "italic" and char == "_" and nxt != "_":
        return 1
    if kind == "underline" and text[i : i + 2] == "__":
        return 2
    if kind == "strikethrough" and char == "~":
        return 1
    if kind == "spoiler" and text[i : i + 2] == "||":
        return 2
    if kind == "code" and char == "`":
        return 1
    if kind == "pre" and text[i : i + 3] == "```":
        return 3
    if kind in {"text_link", "custom_emoji"} and char == "]":
        return 1
    return 0


def parse_markdown_legacy(text: str) -> FormattedText:
    out = _Builder()
    kinds = {"*": "bold", "_": "italic", "`": "code"}
    i, size = 0, len(text)
    while i < size:
        char = text[i]
        if char == "\\" and i + 1 < size and text[i + 1] in "_*`[":
            out.add(text[i + 1])
            i += 2
            continue
        if char not in "_*`[":
            out.add(char)
            i += 1
            continue
        begin = _byte_offset(text, i)
        if text.startswith("```", i):
            end = text.find("```", i + 3)
            if end < 0:
                raise MarkupError(f"Can't find end of the entity starting at byte offset {begin}")
            start = out.utf16
            out.add(text[i + 3 : end])
            out.entity("pre", start)
            i = end + 3
            continue
        closer = "]" if char == "[" else char
        end = text.find(closer, i + 1)
        if end < 0:
            raise MarkupError(f"Can't find end of the entity starting at byte offset {begin}")
        start = out.utf16
        out.add(text[i + 1 : end])
        i = end + 1
        if char == "[":
            if i < size and text[i] == "(":
                url_end = text.find(")", i)
                if url_end < 0:
                    raise MarkupError(
                        f"Can't find end of the entity starting at byte offset {begin}"
                    )
                out.entity("text_link", start, url=text[i + 1 : url_end])
                i = url_end + 1
            continue
        out.entity(kinds[char], start)
    return out.result()


def format_text(text: str, parse_mode: str | None) -> FormattedText:
    """Return the text as Telegram would show it, or raise MarkupError like the Bot API."""
    mode = (parse_mode or "").lower()
    try:
        if mode == "html":
            return parse_html(text)
        if mode == "markdownv2":
            return parse_markdown_v2(text)
        if mode == "markdown":
            return parse_markdown_legacy(text)
    except MarkupError as error:
        raise MarkupError(f"Bad Request: can't parse entities: {error}") from None
    if mode:
        raise MarkupError(f"Bad Request: unsupported parse_mode: {parse_mode}")
    return FormattedText(text)


def checked_text(
    text: Any, parse_mode: str | None, entities: Any = None, *, caption: bool = False
) -> FormattedText:
    """Format and validate a message text (or a media caption)."""
    if text is None or text == "":
        if caption:
            return FormattedText("")
        raise MarkupError("Bad Request: message text is empty")
    formatted = format_text(str(text), parse_mode)
    if entities and not parse_mode:
        formatted.entities = list(entities)
    if not caption and not formatted.text.strip():
        raise MarkupError("Bad Request: message text is empty")
    limit = MAX_CAPTION_LENGTH if caption else MAX_TEXT_LENGTH
    if len(formatted.text.strip()) > limit:
        raise MarkupError(
            "Bad Request: message caption is too long"
            if caption
            else "Bad Request: message is too long"
        )
    return formatted


_INLINE_BUTTON_ACTIONS = (
    "callback_data",
    "url",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)


def check_reply_markup(markup: Any) -> dict[str, Any] | None:
    """Validate a reply_markup object as the Bot API does; return it normalised."""
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise MarkupError("Bad Request: can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in markup:
        _check_inline_keyboard(markup["inline_keyboard"])
        return markup
    if "keyboard" in markup:
        rows = markup["keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise MarkupError("Bad Request: can't parse reply keyboard markup JSON object")
        normalised = [
            [button if isinstance(button, dict) else {"text": str(button)} for button in row]
            for row in rows
        ]
        for row in normalised:
            for button in row:
                if not str(button.get("text", "")).strip():
                    raise MarkupError("Bad Request: keyboard button text can't be empty")
        return {**markup, "keyboard": normalised}
    if markup.get("remove_keyboard") is True or markup.get("force_reply") is True:
        return markup
    raise MarkupError("Bad Request: can't parse reply keyboard markup JSON object")


def _check_inline_keyboard(rows: Any) -> None:
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise MarkupError("Bad Request: can't parse inline keyboard button: field is not an array")
    for row in rows:
        for button in row:
            if not isinstance(button, dict) or not str(button.get("text", "")).strip():
                raise MarkupError("Bad Request: can't parse inline keyboard button: Text is empty")
            actions = [key for key in _INLINE_BUTTON_ACTIONS if key in button]
            if len(actions) != 1:
                raise MarkupError(
                    "Bad Request: can't parse inline keyboard button: "
                    "Text buttons are unallowed in the inline keyboard"
                )
            if "callback_data" in button:
                data = str(button["callback_data"]).encode("utf-8")
                if not 1 <= len(data) <= MAX_CALLBACK_DATA_BYTES:
                    raise MarkupError("Bad Request: BUTTON_DATA_INVALID")
