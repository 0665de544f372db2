"""The A4 page layout shared by the PDF reports: fonts, header, sections, fields, footer."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from contextvars import ContextVar
from datetime import datetime

from fpdf import FPDF

from reports.assets import FONT_BOLD, FONT_BOLD_LATIN, FONT_REGULAR, FONT_REGULAR_LATIN
from reports.formatting import format_datetime
from reports.texts import text

FONT = "DejaVu"
BLUE = (0, 0, 145)
INK = (22, 22, 22)
MUTED = (96, 96, 96)
RULE = (200, 200, 220)
HEADING_FILL = (236, 236, 250)
GREEN = (24, 117, 60)
ORANGE = (190, 80, 20)
RED = (206, 5, 0)
GREY = (102, 102, 102)

_LABEL_WIDTH = 62
_LINE = 5.2

_LATIN_FIRST: ContextVar[bool] = ContextVar("latin_fonts_first", default=False)


class NeedsFullFonts(Exception):
    """A text of the document has a character that the Latin subsets of the fonts lack."""


def render_latin_first(render: Callable[[], bytes]) -> bytes:
    """``render()`` with the Latin subsets of the fonts, else with the full fonts.

    The subsets give the same bytes in about half the time (fpdf2 parses and subsets the whole
    font file for each document); a document with a character they lack is drawn again with
    the full fonts.
    """
    token = _LATIN_FIRST.set(True)
    try:
        return render()
    except NeedsFullFonts:
        pass
    finally:
        _LATIN_FIRST.reset(token)
    return render()


class ReportDocument(FPDF):
    """An A4 portrait document in DejaVu Sans with a dated, numbered footer."""

    def __init__(self, language: str, generated_at: datetime, title: str) -> None:
        self._drawable: frozenset[str] | None = None  # characters the fonts can draw
        super().__init__(orientation="P", unit="mm", format="A4")
        self.language = language
        self.generated_at = generated_at
        self.set_margins(18, 16, 18)
        self.set_auto_page_break(auto=True, margin=20)
        latin = _LATIN_FIRST.get()
        self.add_font(FONT, "", str(FONT_REGULAR_LATIN if latin else FONT_REGULAR))
        self.add_font(FONT, "B", str(FONT_BOLD_LATIN if latin else FONT_BOLD))
        if latin:
            regular, bold = self.fonts[FONT.lower()], self.fonts[FONT.lower() + "B"]
            self._drawable = frozenset(map(chr, regular.cmap.keys() & bold.cmap.keys()))
        self.set_creation_date(generated_at)
        self.set_creator("Egapro Assistant")
        self.set_title(title)
        self.set_lang(language)
        self.alias_nb_pages()
        self.add_page()

    def normalize_text(self, text: str) -> str:
        """Every text goes through here before it is measured or drawn."""
        if self._drawable is not None and not self._drawable.issuperset(text):
            missing = set(text) - self._drawable
            if any(unicodedata.category(character) != "Cc" for character in missing):
                raise NeedsFullFonts("".join(sorted(missing)))
        return super().normalize_text(text)

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font(FONT, "", 8)
        self.set_text_color(*MUTED)
        when = format_datetime(self.generated_at, self.language)
        half = self.epw / 2
        self.cell(half, 5, text(self.language, "footer.generated", when=when))
        self.cell(
            half,
            5,
            text(self.language, "footer.page", page=self.page_no(), pages="{nb}"),
            align="R",
        )

    def ensure_space(self, height: float) -> None:
        """Start a new page unless ``height`` mm still fit on this one."""
        if self.get_y() + height > self.page_break_trigger:
            self.add_page()

    def title_block(self, title: str, subtitle: str) -> None:
        self.set_text_color(*BLUE)
        self.set_font(FONT, "B", 16)
        self.multi_cell(0, 8, title, align="L", new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(*MUTED)
        self.set_font(FONT, "", 11.5)
        self.multi_cell(0, 6.5, subtitle, align="L", new_x="LMARGIN", new_y="NEXT")
        self.ln(1.5)
        self._rule(BLUE, 0.6)
        self.ln(3)

    def heading(self, title: str) -> None:
        self.ensure_space(28)
        self.ln(3)
        self.set_text_color(*BLUE)
        self.set_font(FONT, "B", 12.5)
        self.multi_cell(0, 7, title, align="L", new_x="LMARGIN", new_y="NEXT")
        self._rule(RULE, 0.3)
        self.ln(2)
        self.set_text_color(*INK)

    def field(self, label: str, value: str) -> None:
        """A label in the left column and its value, wrapped, on the right."""
        value_width = self.epw - _LABEL_WIDTH
        self.set_font(FONT, "", 9.5)
        label_height = self.multi_cell(
            _LABEL_WIDTH - 3, _LINE, label, align="L", dry_run=True, output="HEIGHT"
        )
        self.set_font(FONT, "", 10)
        value_height = self.multi_cell(
            value_width, _LINE, value, align="L", dry_run=True, output="HEIGHT"
        )
        height = max(label_height, value_height)
        self.ensure_space(min(height, 60))
        top = self.get_y()
        self.set_text_color(*MUTED)
        self.set_font(FONT, "", 9.5)
        self.multi_cell(_LABEL_WIDTH - 3, _LINE, label, align="L", new_x="LMARGIN", new_y="NEXT")
        self.set_xy(self.l_margin + _LABEL_WIDTH, top)
        self.set_text_color(*INK)
        self.set_font(FONT, "", 10)
        self.multi_cell(value_width, _LINE, value, align="L", new_x="LMARGIN", new_y="NEXT")
        self.set_y(max(self.get_y(), top + label_height) + 1)

    def paragraph(
        self, value: str, size: float = 10, bold: bool = False, colour=INK, align: str = "L"
    ) -> None:
        self.set_text_color(*colour)
        self.set_font(FONT, "B" if bold else "", size)
        self.multi_cell(0, _LINE, value, align=align, new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def bullet(self, value: str, level: int = 0) -> None:
        self.ensure_space(_LINE * 2)
        indent = 4 + 6 * level
        self.set_text_color(*INK)
        self.set_font(FONT, "", 10)
        self.set_x(self.l_margin + indent)
        self.cell(5, _LINE, "•" if level == 0 else "–")
        self.multi_cell(0, _LINE, value, align="L", new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def banner(self, value: str, fill: tuple[int, int, int], size: float = 18) -> None:
        """A coloured band with large white text (the index)."""
        self.ensure_space(18)
        self.set_fill_color(*fill)
        self.set_text_color(255, 255, 255)
        self.set_font(FONT, "B", size)
        self.cell(0, 13, value, fill=True, align="C", new_x="LMARGIN", new_y="NEXT")
        self.set_fill_color(255, 255, 255)
        self.set_text_color(*INK)
        self.ln(2)

    def _rule(self, colour: tuple[int, int, int], width: float) -> None:
        self.set_draw_color(*colour)
        self.set_line_width(width)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
