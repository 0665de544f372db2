"""Helpers shared by the reports tests."""

import io
import re

from pypdf import PdfReader

LONG_OBJECTIVE = (
    "Réduire l'écart de rémunération (cœur du plan) à moins de 5 % d'ici trois ans en révisant "
    "chaque année les grilles salariales des catégories où l'écart dépasse 10 %, en garantissant "
    "l'égalité des augmentations (budget ≥ 150 000 €) au retour de congé maternité et un bilan "
    "chiffré au CSE à chaque réunion trimestrielle : une œuvre commune."
)


def pdf_text(data: bytes) -> str:
    """All pages' text, with every run of whitespace (incl. no-break spaces) as one space."""
    reader = PdfReader(io.BytesIO(data))
    raw = "\n".join(page.extract_text() or "" for page in reader.pages)
    return re.sub(r"\s+", " ", raw)


def pdf_pages(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)
