"""Result chart (PNG) and PDF recaps built from the engine's output objects (plain dicts).

Pillow and fpdf2 (about 25 MB) are imported by the modules that draw (``reports.chart``,
``reports.pdf``, ``reports.copy_sheet``), which the service imports when it first draws.
"""
