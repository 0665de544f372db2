"""A first-time employer's whole path through the running service: the fake Bot API over HTTP,
a real SMTP server and the emailed web link. Compute (step by step, or by employee file) →
"Déclarer ce résultat" → link the company (email, GET, POST) → the declaration, without typing
again what the computation knows → the receipt with its PDF recap and copy sheet, whose values
are the declaration's."""

import html
import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

from bot.callbacks import MenuAction
from bot.declaring.common import DeclareAction
from bot.texts import text
from store import companies, declarations
from tests.bot.compute_scripts import YEAR, load_example, steps_script
from tests.bot.test_compute_file import csv_bytes, employee_rows
from tests.bot.test_compute_steps import play
from tests.e2e.conftest import link_in
from tests.web.test_verify import FORM_KEY

SIREN = "552100554"
COMPANY = "Acme Industrie"
EMAIL = "rh@acme.fr"
ADDRESS = ("12 rue de la Paix", "75002", "Paris")
DRAWN = 30  # seconds for a chart and PDF on a busy machine (the drawing process is niced)


def declare(action: str, value: str = "") -> str:
    return DeclareAction(a=action, s=SIREN, v=value).pack()


async def compute_step_by_step(user) -> None:
    await user.press(MenuAction(action="compute_steps").pack())
    await user.next_message()
    example = load_example("gen-lt250-nominal.json")
    *steps, compute = steps_script(example["input"])
    await play(user, steps)
    await user.press(compute.value)
    await user.next_messages(3, timeout=DRAWN)


async def compute_by_file(user) -> None:
    await user.press(MenuAction(action="compute_file").pack())
    await user.next_message()
    # The end of the reference period, typed once, before the file.
    await user.send_text(f"31/12/{YEAR}")
    await user.next_message()
    await user.send_document(csv_bytes(employee_rows()), "salaries.csv")
    await user.next_messages(3, timeout=DRAWN)


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    joined = " ".join(page.extract_text() or "" for page in reader.pages)
    return " ".join(joined.replace("\xa0", " ").replace("\u202f", " ").split())


def sheet_values(sheet: str) -> list[str]:
    """The values of the copy sheet's text, in order ("Label : value" lines)."""
    return [line.split(" : ", 1)[1] for line in sheet.splitlines() if " : " in line]


def day(value: date) -> str:
    return value.strftime("%d/%m/%Y")


@pytest.mark.parametrize("compute", [compute_step_by_step, compute_by_file], ids=["steps", "file"])
async def test_compute_link_declare_without_typing_anything_again(
    service, telegram, smtp, http, compute
):
    async with service.database.session() as session:
        await companies.upsert(session, SIREN, name=COMPANY, source="import")
    anne = telegram.user(9301, "Anne")
    await anne.send_command("/start")
    await anne.next_message()

    # 1. The result, and "Déclarer ce résultat" under it, before any company is linked.
    await compute(anne)
    result_button = DeclareAction(a="start").pack()
    assert anne.last_message.has_callback(result_button)
    asked = (await anne.press(result_button), await anne.next_message())[1].text
    assert asked.endswith(text("companies.ask_siren"))

    # 2. Linking: SIREN, email, the emailed link opened (GET) and confirmed (POST).
    await anne.send_text("552 100 554")
    await anne.next_message()
    await anne.send_text(EMAIL)
    assert (await anne.next_message()).text == text("companies.link_sent", email=EMAIL, hours=24)
    [received] = await smtp.handler.wait_for(1)
    link = link_in(received)
    async with http.get(link) as response:
        assert response.status == 200
        form_key = FORM_KEY.search(await response.text()).group(1)
    async with http.post(link, data={"form_key": form_key}) as response:
        assert "C'est confirmé" in html.unescape(await response.text())
    linked = await anne.next_message()
    assert linked.text.startswith("✅")
    assert linked.has_callback(DeclareAction(a="start", s=SIREN).pack())

    # 3. The declaration, straight from the notice: the year, the reference period and the band
    # come from the computation; only what it cannot know is asked.
    await anne.press(DeclareAction(a="start", s=SIREN).pack())
    asked = (await anne.next_message()).text
    assert asked.endswith(text("declare.q.address"))
    street, postal_code, town = ADDRESS
    await anne.send_text(street)
    await anne.next_message()
    await anne.send_text(postal_code)
    await anne.next_message()
    await anne.send_text(town)
    assert (await anne.next_message()).text.startswith(text("declare.q.sufficient"))
    await anne.press(declare("ps", "1"))
    await anne.next_message()
    await anne.send_text(f"15/02/{YEAR + 1}")
    await anne.next_message()
    await anne.send_text("https://www.acme.fr/egalite")
    asked = (await anne.next_message()).text
    if asked.startswith(text("declare.q.measures").split("{")[0][:20]):
        await anne.press(declare("cm", "mmo"))
        asked = (await anne.next_message()).text
    assert asked.startswith(text("declare.q.plan_relance"))
    await anne.press(declare("pr", "0"))
    await anne.next_message()
    await anne.send_text("Anne Martin")
    await anne.next_message()
    await anne.send_text("01 23 45 67 89")
    summary = (await anne.next_message()).text
    assert f"• Année des indicateurs : {YEAR}" in summary
    assert f"• Fin de la période de référence : 31 décembre {YEAR}" in summary
    assert "• Tranche d'effectif : 50 à 250 salariés" in summary
    asked_again = [
        m.text
        for m in anne.messages
        if m.text
        and (
            text("declare.q.year", first=2018, last=date.today().year) in m.text
            or text("declare.q.period_end", year=YEAR) in m.text
        )
    ]
    assert asked_again == []

    # 4. Recorded: what is left to do, the copy sheet (PDF and text), the receipt by email.
    await anne.press(declare("ok"))
    done = (await anne.next_message()).text
    assert done.startswith("✅ Déclaration enregistrée")
    assert "Accusés de réception envoyés : 1" in done
    assert service.settings.official_platform_url in done
    sheet_pdf, sheet = await anne.next_messages(2)
    assert sheet_pdf.document.file_name == f"fiche-de-recopie-{SIREN}-{YEAR}.pdf"
    [_, receipt] = await smtp.handler.wait_for(2)
    assert receipt.recipients == [EMAIL]
    attached = {
        part.get_filename(): part.get_content()
        for part in receipt.message.iter_attachments()
        if part.get_content_type() == "application/pdf"
    }
    assert attached[sheet_pdf.document.file_name] == sheet_pdf.document.data
    assert len(attached) == 2  # the recap and the copy sheet

    # 5. The copy sheet's values are the declaration's, in the form's order, in the PDF too.
    async with service.database.session() as session:
        row = await declarations.get_index(session, SIREN, YEAR)
    output = row.engine_output
    expected = [
        SIREN,
        COMPANY,
        street,
        postal_code,
        town,
        "75",
        "Île-de-France",
        str(YEAR),
        day(row.period_end),
        day(row.publication_date),
        row.publication_url,
        "Anne",
        "Martin",
        "0123456789",
        EMAIL,
        str(row.points),
        str(row.max_points),
        str(row.index),
    ]
    expected += [
        str(result["note"])
        for result in output["indicators"].values()
        if result["calculable"] and result.get("note") is not None
    ]
    values = sheet_values(sheet.text)
    for value in expected:
        assert value in values, (value, values)
    extracted = pdf_text(sheet_pdf.document.data)
    position = 0
    for value in values:
        found = extracted.find(" ".join(value.split()), position)
        assert found >= 0, (value, extracted[position : position + 200])
        position = found
    assert re.search(rf"Index\D+{row.index}\b", extracted)
