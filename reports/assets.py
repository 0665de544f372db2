"""Files shipped with the reports package."""

from __future__ import annotations

from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT_REGULAR = FONT_DIR / "DejaVuSans.ttf"
FONT_BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
# The same fonts cut down to Latin text (see reports/fonts/latin_subset.py).
FONT_REGULAR_LATIN = FONT_DIR / "DejaVuSans-Latin.ttf"
FONT_BOLD_LATIN = FONT_DIR / "DejaVuSans-Bold-Latin.ttf"
