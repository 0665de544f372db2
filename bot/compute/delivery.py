"""Sending a result: the message, then the chart (sendPhoto) and the PDF recap (sendDocument)."""

from aiogram.types import BufferedInputFile, InlineKeyboardMarkup, Message

from bot.compute.result_view import result_message
from bot.texts import text
from egapro_assistant.usecases.file_scoring import result_files


def pdf_name(year: int | None) -> str:
    return f"index-egapro-{year}.pdf" if year else "index-egapro.pdf"


async def send_result(
    message: Message,
    output: dict,
    language: str,
    *,
    year: int | None,
    intro: str | None = None,
    closing: str | None = None,
    reply_markup: InlineKeyboardMarkup | None = None,
) -> None:
    """Three messages: the scores in words, the chart, and the PDF carrying the next choices."""
    body = result_message(output, language, year=year)
    await message.answer(f"{intro}\n\n{body}" if intro else body)
    chart, pdf = await result_files(output, language)
    index = output["index"]
    shown = (
        f"{index}/100"
        if index is not None
        else text("compute.result.not_calculable_short", language)
    )
    await message.answer_photo(
        BufferedInputFile(chart, filename="index-egapro.png"),
        caption=text("compute.result.chart_caption", language, index=shown),
    )
    await message.answer_document(
        BufferedInputFile(pdf, filename=pdf_name(year)),
        caption=closing or text("compute.done", language),
        reply_markup=reply_markup,
    )
