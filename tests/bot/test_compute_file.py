"""Computing from an employee file sent as a document, through the fake Telegram server."""

import io

import openpyxl
import pytest

from bot.callbacks import MenuAction
from bot.compute.callbacks import FileOption
from tests.bot.compute_scripts import dispatcher
from tests.bot.test_compute_steps import fsm_data
from tests.fakes import running_bot

FILE = MenuAction(action="compute_file").pack()
HEADER = "sexe;categorie;age;remuneration_etp;augmente;promu"


def employee_rows() -> list[list[str]]:
    """128 employees: 4 per sex in each CSP × age group, men paid slightly more."""
    rows = []
    for rank, csp in enumerate(("ouv", "emp", "tam", "ic")):
        for age in (25, 35, 45, 55):
            for sex in "FH":
                for k in range(4):
                    pay = 30000 + 5000 * rank + (500 if sex == "H" else 0) + 100 * k
                    rows.append([sex, csp, str(age), str(pay), "oui" if k % 2 else "non", "non"])
    return rows


def csv_bytes(rows: list[list[str]]) -> bytes:
    return "\n".join([HEADER, *(";".join(row) for row in rows)]).encode()


@pytest.fixture
async def bot(sqlite_db, telegram):
    async with running_bot(dispatcher(sqlite_db), telegram):
        yield


async def open_file(user) -> str:
    await user.send_command("/start")
    await user.next_message()
    await user.press(FILE)
    return (await user.next_message()).text


@pytest.fixture
async def on_channel(sqlite_db, channel):
    """The bot on the fake Telegram server, then on the web chat."""
    async with channel.running(dispatcher(sqlite_db)):
        yield channel


async def test_a_good_csv_is_scored_with_what_was_read(sqlite_db, on_channel):
    telegram = on_channel
    user = telegram.user(5001)
    asked = await open_file(user)
    assert "CSV ou XLSX" in asked
    await user.send_document(csv_bytes(employee_rows()), "salaries.csv")
    result, chart, pdf = await user.next_messages(3)
    assert "Fichier « salaries.csv » : 128 lignes lues, 128 utilisées, 0 exclues." in result.text
    assert "Indicateur 1 : 16 groupe(s) valide(s) sur 16" in result.text
    data = await fsm_data(sqlite_db, telegram, user)
    output = data["last_result"]["output"]
    assert f"Index : {output['index']}/100" in result.text
    assert data["last_result"]["document"]["kind"] == "raw"
    assert chart.photo is not None and pdf.document.file_name.endswith(".pdf")
    assert "autre fichier" in pdf.caption


async def test_a_csv_with_an_error_names_its_row_and_column(telegram, bot):
    user = telegram.user(5002)
    await open_file(user)
    rows = employee_rows()
    rows[45][3] = "beaucoup"
    await user.send_document(csv_bytes(rows), "salaries.csv")
    reply = await user.next_message()
    assert reply.text.startswith("❌ Le fichier « salaries.csv » n'a pas pu être calculé")
    assert "Ligne 47" in reply.text and "remuneration_etp" in reply.text
    assert "beaucoup" in reply.text
    assert reply.text.count("47") == 1
    # Still waiting for a file: the corrected one is scored.
    await user.send_document(csv_bytes(employee_rows()), "salaries.csv")
    result, _, _ = await user.next_messages(3)
    assert "128 lignes lues" in result.text


async def test_an_xlsx_with_the_band_chosen_by_button(telegram, bot):
    user = telegram.user(5003)
    await open_file(user)
    await user.press(FileOption(k="band", v="m").pack())
    edited = await user.next_edit()
    assert "Tranche : 251 à 999 salariés" in edited.text
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(";"))
    for row in employee_rows():
        sheet.append([*row[:2], int(row[2]), float(row[3]), *row[4:]])
    buffer = io.BytesIO()
    workbook.save(buffer)
    await user.send_document(buffer.getvalue(), "salaries.xlsx")
    result, _, _ = await user.next_messages(3)
    assert "Tranche : 251 à 999 salariés" in result.text
    assert "Indicateur 2 – " in result.text and "Indicateur 3 – " in result.text


async def test_a_20_mb_file_is_refused_before_downloading(telegram, bot):
    user = telegram.user(5004)
    await open_file(user)
    await user.send_document(b"x" * (20 * 1024 * 1024 + 1), "enorme.csv")
    reply = await user.next_message()
    assert "Ce fichier fait 20,1 Mo : la limite est de 20 Mo" in reply.text
    assert not [call for call in telegram.calls if call.method == "getFile"]


async def test_text_where_a_file_is_expected(telegram, bot):
    user = telegram.user(5005)
    await open_file(user)
    await user.send_text("voici mon fichier")
    reply = await user.next_message()
    assert reply.text.startswith("J'attends un fichier CSV ou XLSX en pièce jointe")
    await user.send_text("31/12/2024")
    assert "Fin de période : 31 décembre 2024" in (await user.next_message()).text


async def test_a_file_that_is_not_a_spreadsheet(telegram, bot):
    user = telegram.user(5006)
    await open_file(user)
    await user.send_document(b"%PDF-1.4", "bilan.pdf")
    reply = await user.next_message()
    assert "« bilan.pdf » n'est pas un fichier CSV ou XLSX" in reply.text
