"""Result chart (PNG) and PDF recaps built from the engine's output objects (plain dicts)."""

from reports.chart import render_chart_png
from reports.pdf import render_recap_pdf, render_representation_pdf

__all__ = ["render_chart_png", "render_recap_pdf", "render_representation_pdf"]
