"""The result chart sent after a computation: one bar per indicator and the index, as a PNG."""

from __future__ import annotations

import io
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from reports.assets import FONT_BOLD, FONT_REGULAR
from reports.summary import IndicatorLine, band_label, indicator_lines, note_text, plain_result
from reports.texts import normalize_language, text

WIDTH, HEIGHT = 1000, 640
_SCALE = 2  # drawn at twice the size then reduced: smooth edges without anti-aliasing support
_MARGIN = 40
_HEADER_HEIGHT = 160
_FOOTER_HEIGHT = 56

_INK = (22, 22, 22)
_MUTED = (96, 96, 96)
_HEADER_BG = (245, 245, 254)
_TRACK = (229, 229, 240)
_NC_TRACK = (240, 240, 240)
_NC_HATCH = (214, 214, 214)
_GREEN = (24, 117, 60)
_ORANGE = (214, 100, 40)
_RED = (206, 5, 0)
_GREY = (102, 102, 102)
_WHITE = (255, 255, 255)


def render_chart_png(result: dict, language: str = "fr") -> bytes:
    """A 1000×640 PNG: each indicator's note against its maximum, and the index.

    ``result`` is an engine output object (engine-contract §4) as a dict (an engine model is
    accepted too). Non-calculable indicators are
    drawn as hatched empty bars with their reason; a non-calculable index says so.
    """
    result = plain_result(result)
    lang = normalize_language(language)
    image = Image.new("RGB", (WIDTH * _SCALE, HEIGHT * _SCALE), _WHITE)
    draw = ImageDraw.Draw(image)
    _draw_header(draw, result, lang)
    lines = indicator_lines(result, lang)
    _draw_rows(draw, lines, lang)
    _draw_footer(draw, result, lang)
    final = image.resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    final.save(buffer, format="PNG")
    return buffer.getvalue()


@lru_cache(maxsize=64)
def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_BOLD if bold else FONT_REGULAR), size * _SCALE)


def _s(value: float) -> int:
    return round(value * _SCALE)


def _text_width(draw: ImageDraw.ImageDraw, value: str, font: ImageFont.FreeTypeFont) -> float:
    return draw.textlength(value, font=font) / _SCALE


def _fitting_font(
    draw: ImageDraw.ImageDraw, value: str, size: int, max_width: float, bold: bool = False
) -> ImageFont.FreeTypeFont:
    """The largest font up to ``size`` in which ``value`` fits ``max_width`` pixels."""
    while size > 12 and _text_width(draw, value, _font(size, bold)) > max_width:
        size -= 1
    return _font(size, bold)


def _write(draw, xy, value, font, fill, anchor="la") -> None:
    draw.text((_s(xy[0]), _s(xy[1])), value, font=font, fill=fill, anchor=anchor)


def _index_colour(index: int | None) -> tuple[int, int, int]:
    if index is None:
        return _GREY
    if index >= 85:
        return _GREEN
    return _ORANGE if index >= 75 else _RED


def _bar_colour(line: IndicatorLine) -> tuple[int, int, int]:
    if line.fraction >= 1:
        return _GREEN
    return _ORANGE if line.fraction >= 0.5 else _RED


def _draw_header(draw: ImageDraw.ImageDraw, result: dict, language: str) -> None:
    draw.rectangle((0, 0, _s(WIDTH), _s(_HEADER_HEIGHT - 20)), fill=_HEADER_BG)
    badge_left = WIDTH - _MARGIN - 270
    text_width = badge_left - _MARGIN - 20
    title = text(language, "chart.title")
    _write(draw, (_MARGIN, 30), title, _fitting_font(draw, title, 38, text_width, True), _INK)
    points = {"points": result.get("points", 0), "max_points": result.get("max_points", 0)}
    band = band_label(result, language)
    subtitle = (
        text(language, "chart.subtitle", band=band, **points)
        if band
        else text(language, "chart.subtitle_no_band", **points)
    )
    _write(draw, (_MARGIN, 88), subtitle, _fitting_font(draw, subtitle, 26, text_width), _MUTED)
    _draw_index_badge(draw, result.get("index"), badge_left, language)


def _draw_index_badge(draw, index: int | None, left: float, language: str) -> None:
    right, top, bottom = WIDTH - _MARGIN, 18, _HEADER_HEIGHT - 38
    draw.rounded_rectangle(
        (_s(left), _s(top), _s(right), _s(bottom)), radius=_s(18), fill=_index_colour(index)
    )
    centre = (left + right) / 2
    _write(draw, (centre, top + 12), text(language, "chart.index_label"), _font(22), _WHITE, "ma")
    if index is None:
        value, size = text(language, "chart.not_calculable"), 30
    else:
        value, size = text(language, "chart.index_value", index=index), 52
    font = _fitting_font(draw, value, size, right - left - 24, bold=True)
    _write(draw, (centre, (top + 40 + bottom) / 2), value, font, _WHITE, "mm")


def _draw_rows(draw: ImageDraw.ImageDraw, lines: list[IndicatorLine], language: str) -> None:
    if not lines:
        return
    area_top, area_bottom = _HEADER_HEIGHT, HEIGHT - _FOOTER_HEIGHT
    row_height = (area_bottom - area_top) / len(lines)
    for position, line in enumerate(lines):
        _draw_row(draw, line, area_top + position * row_height, row_height, language)


def _draw_row(draw, line: IndicatorLine, top: float, row_height: float, language: str) -> None:
    bar_height = 32
    block = 40 + bar_height
    label_y = top + (row_height - block) / 2
    bar_top = label_y + 40
    left, right = _MARGIN, WIDTH - _MARGIN
    if line.calculable:
        score, score_font, score_fill = note_text(line, language), _font(28, True), _INK
    else:
        score, score_font, score_fill = text(language, "chart.not_calculable"), _font(24), _GREY
    score_width = _text_width(draw, score, score_font)
    _write(draw, (right, label_y + 30), score, score_font, score_fill, "rs")
    label_font = _fitting_font(draw, line.short_name, 26, right - left - score_width - 24)
    _write(draw, (left, label_y + 30), line.short_name, label_font, _INK, "ls")
    box = (_s(left), _s(bar_top), _s(right), _s(bar_top + bar_height))
    radius = _s(bar_height / 2)
    if not line.calculable:
        _draw_hatched_track(draw, box, radius)
        if line.reason_short_text:
            reason_font = _fitting_font(draw, line.reason_short_text, 20, right - left - 40)
            centre_y = bar_top + bar_height / 2
            _write(draw, (left + 20, centre_y), line.reason_short_text, reason_font, _MUTED, "lm")
        return
    draw.rounded_rectangle(box, radius=radius, fill=_TRACK)
    if line.fraction > 0:
        filled_right = left + max(bar_height, (right - left) * line.fraction)
        fill_box = (box[0], box[1], _s(filled_right), box[3])
        draw.rounded_rectangle(fill_box, radius=radius, fill=_bar_colour(line))


def _draw_hatched_track(draw: ImageDraw.ImageDraw, box: tuple[int, ...], radius: int) -> None:
    left, top, right, bottom = box
    draw.rounded_rectangle(box, radius=radius, fill=_NC_TRACK)
    height = bottom - top
    step = _s(16)
    for start in range(left + radius, right - radius - height, step):
        draw.line((start, bottom - 2, start + height, top + 2), fill=_NC_HATCH, width=_s(2))
    draw.rounded_rectangle(box, radius=radius, outline=_NC_HATCH, width=_s(1))


def _draw_footer(draw: ImageDraw.ImageDraw, result: dict, language: str) -> None:
    if result.get("index") is not None:
        return
    message = text(language, "chart.not_calculable_footer", max_points=result.get("max_points", 0))
    font = _fitting_font(draw, message, 22, WIDTH - 2 * _MARGIN)
    _write(draw, (_MARGIN, HEIGHT - _FOOTER_HEIGHT / 2), message, font, _MUTED, "lm")
