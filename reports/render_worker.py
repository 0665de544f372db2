"""What the drawing process runs: the chart and the PDF recap of a result.

Kept apart from reports.drawing so that the worker process imports only what it draws with.
"""

from datetime import datetime

Files = tuple[bytes, bytes]


def render_files(output: dict, language: str, generated_at: datetime) -> Files:
    # Imported here: the service imports this module to name the function, only the drawing
    # process draws.
    from reports.chart import render_chart_png
    from reports.pdf import render_recap_pdf
    from reports.pdf_document import render_latin_first

    chart = render_chart_png(output, language)
    pdf = render_latin_first(
        lambda: render_recap_pdf(output, language=language, generated_at=generated_at)
    )
    return chart, pdf
