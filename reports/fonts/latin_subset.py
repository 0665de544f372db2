"""Builds the Latin subsets of the DejaVu Sans fonts (``DejaVuSans*-Latin.ttf``).

fpdf2 parses the whole font file of each font in every document and subsets it on output: with
DejaVu Sans (6 000 glyphs) that is most of the time spent on a recap. These files hold the same
glyphs, outlines, metrics, names and tables for the characters below (French, the other Western
European languages, typographic punctuation), in the original glyph order and with the original
header, so that fpdf2's own subsetting gives byte-for-byte the PDF the full fonts give.
``reports.pdf_document.render_latin_first`` uses them and falls back to the full fonts for a
document that needs another character.

    .venv/bin/python -m reports.fonts.latin_subset     # after changing the fonts or the ranges
"""

from __future__ import annotations

from pathlib import Path

from fontTools import subset, ttLib

FONT_DIR = Path(__file__).resolve().parent
FONTS = {
    "DejaVuSans.ttf": "DejaVuSans-Latin.ttf",
    "DejaVuSans-Bold.ttf": "DejaVuSans-Bold-Latin.ttf",
}
RANGES = (
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x017F),  # Latin-1 Supplement, Latin Extended-A (Œ, Ÿ, Č, Ł ...)
    (0x2000, 0x203A),  # spaces (incl. narrow no-break), dashes, quotes, bullet, ellipsis, ‰, ‹ ›
    (0x20AC, 0x20AC),  # €
    (0x2122, 0x2122),  # ™
    (0x2190, 0x2193),  # arrows
    (0x2212, 0x2212),  # minus sign
    (0x2264, 0x2265),  # ≤ ≥
)


def codepoints() -> list[int]:
    return [point for first, last in RANGES for point in range(first, last + 1)]


def build(source: Path, target: Path) -> None:
    options = subset.Options()
    options.drop_tables = []  # keep every table: fpdf2 decides what it embeds
    options.passthrough_tables = True
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.name_legacy = True
    options.glyph_names = True
    options.legacy_kern = True
    options.notdef_outline = True
    options.recommended_glyphs = True
    options.prune_unicode_ranges = False
    options.prune_codepage_ranges = False
    # The original header (bounding box, dates): the PDF's font descriptor is made from it.
    font = ttLib.TTFont(source, recalcBBoxes=False, recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints())
    subsetter.subset(font)
    font.save(target)


def main() -> None:
    for source, target in FONTS.items():
        build(FONT_DIR / source, FONT_DIR / target)
        print(f"{target}: {(FONT_DIR / target).stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
