"""Declarations through the fake Telegram server on a real SQLite database: the index from the
last result, /status and "declared on the official platform", représentation équilibrée, and
the checks that only a linked user acts for a SIREN.

The helpers here are shared with the end-to-end tests (tests/e2e/test_declaration.py).
"""

from datetime import timedelta

import pytest
from aiogram.fsm.storage.base import StorageKey
from sqlmodel import select

from bot.app import build_dispatcher
from bot.callbacks import MenuAction
from bot.compute.callbacks import ResultsChoice
from bot.declaring.common import DeclareAction, RepresentationAction, StatusAction
from bot.fsm_storage import DatabaseStorage
from bot.texts import text
from egapro_assistant.config import Settings
from reports.formatting import format_date
from store import companies, declarants, declarations, links, telegram_users
from store.outbox import attachments_of
from store.tables.declarations import ObjectivesStatus
from store.tables.outbox import OutboxMessage
from store.types import utcnow
from tests.bot.test_compute_steps import fsm_data
from tests.fakes import running_bot

SIREN = "552100554"
OTHER_SIREN = "732829320"
YEAR = 2025
COMPANY = "Acme Industrie (SIREN 552100554)"
RESULTS = MenuAction(action="compute_results").pack()
STATUS = MenuAction(action="status").pack()
DECLARE_MENU = MenuAction(action="declare").pack()
# 50-250 results: ind. 1 0 (40), 2&3 8 % / 6 (15), maternity 100 (15), top ten 4 (10) → 80.
RESULTS_80 = ["0", "8 ; 6 femmes", "100", "4 hommes"]
# Ind. 1 15,5 % (14), 2&3 12 % / 12 (0), maternity 50 (0), top ten 1 (0) → 14.
RESULTS_14 = ["15,5 hommes", "12 ; 12 hommes", "50", "1 hommes"]


def declare_start(siren: str = SIREN, year: int = YEAR) -> str:
    return DeclareAction(a="start", s=siren, y=year).pack()


def declare_button(action: str, value: str = "", siren: str = SIREN) -> str:
    return DeclareAction(a=action, s=siren, v=value).pack()


async def linked(
    database,
    user_id: int,
    email: str,
    *,
    siren: str = SIREN,
    others: tuple[str, ...] = (),
    name: str | None = "Acme Industrie",
    band: str | None = None,
    address: tuple[str, str, str] | None = ("1 place de la Bourse", "75002", "Paris"),
) -> None:
    """A Telegram user linked to ``siren`` through the declarant ``email`` (the company's
    address already known unless ``address`` is None)."""
    street, postal_code, town = address or (None, None, None)
    async with database.session() as session:
        await telegram_users.touch(
            session, user_id=user_id, chat_id=user_id, first_name="U", telegram_language="fr"
        )
        await companies.upsert(
            session,
            siren,
            name=name,
            workforce_range=band,
            address=street,
            postal_code=postal_code,
            town=town,
        )
        for address in (email, *others):
            await declarants.add(session, siren, address)
        await links.link(session, telegram_user_id=user_id, siren=siren, email=email)


async def compute_results(user, answers: list[str], *, year: int = YEAR) -> str:
    """Type indicator results of a 50-250 company; returns the result message."""
    await user.send_command("/start")
    await user.next_message()
    await user.press(RESULTS)
    await user.next_message()
    await user.send_text(str(year))
    await user.next_message()
    await user.press(ResultsChoice(q="band", v="s").pack())
    await user.next_message()
    for answer in answers[:-1]:
        await user.send_text(answer)
        await user.next_message()
    await user.send_text(answers[-1])
    result, _chart, _pdf = await user.next_messages(3)
    return result.text


async def answer(user, typed: str | None = None, *, press: str | None = None) -> str:
    if press is not None:
        await user.press(press)
    else:
        await user.send_text(typed)
    return (await user.next_message()).text


async def declare_from_status(
    user,
    *,
    siren: str = SIREN,
    year: int = YEAR,
    url: str | None = "www.acme.fr/egalite",
    measures: str | None = None,
    name: str = "Anne Martin",
    phone: str = "01 23 45 67 89",
    plan_relance: str = "0",
) -> str:
    """/status, then the declaration of the last result; returns the bot's final answer."""
    await user.send_command("/status")
    await user.next_message()
    asked = await give_address(user, await answer(user, press=declare_start(siren, year)))
    assert text("declare.q.period_end", year=year) in asked, asked
    await answer(user, press=declare_button("pe", siren=siren))
    await answer(user, press=declare_button("ps", "1", siren=siren))
    await answer(user, press=declare_button("mode", "csp", siren=siren))
    await answer(user, f"15/02/{year + 1}")
    if url:
        asked = await answer(user, url)
    else:
        await answer(user, press=declare_button("nourl", siren=siren))
        asked = await answer(user, "Affichage dans le hall")
    if measures:
        assert text("declare.measures.mmo") in str(user.last_message.buttons)
        asked = await answer(user, press=declare_button("cm", measures, siren=siren))
    assert asked.startswith(text("declare.q.plan_relance")), asked
    asked = await answer(user, press=declare_button("pr", plan_relance, siren=siren))
    assert asked.startswith(text("declare.q.declarant")), asked
    assert (await answer(user, name)).startswith(text("declare.q.phone"))
    summary = await answer(user, phone)
    assert summary.startswith(text("declare.summary.title")), summary
    return await recorded(user, press=declare_button("ok", siren=siren))


ADDRESS = ("12 rue de la Paix", "75002", "Paris")


async def give_address(user, asked: str, address: tuple[str, str, str] = ADDRESS) -> str:
    """Answer the company's address, postal code and commune when they are asked."""
    if text("declare.q.address") not in asked:
        return asked
    street, postal_code, town = address
    assert (await answer(user, street)).startswith(text("declare.q.postal_code"))
    assert (await answer(user, postal_code)).startswith(text("declare.q.town").split(" ?")[0])
    return await answer(user, town)


async def recorded(user, *, press: str) -> str:
    """Confirm a declaration; once recorded, the copy sheet follows (PDF, then text)."""
    done = await answer(user, press=press)
    if done.startswith("✅"):
        sheet_pdf, sheet_text = await user.next_messages(2)
        assert sheet_pdf.document.file_name.startswith("fiche-de-recopie-")
        assert sheet_text.text.startswith("Fiche de recopie") or sheet_text.text.startswith("Copy")
    return done


async def outbox_rows(database, kind: str | None = None) -> list[OutboxMessage]:
    async with database.session() as session:
        statement = select(OutboxMessage).order_by(OutboxMessage.id)
        if kind:
            statement = statement.where(OutboxMessage.kind == kind)
        return list((await session.exec(statement)).all())


class Wakes:
    count = 0

    def __call__(self) -> None:
        self.count += 1


@pytest.fixture
async def wakes(sqlite_db, telegram):
    woken = Wakes()
    settings = Settings(_env_file=None, public_base_url="https://assistant.test")
    dispatcher = build_dispatcher(sqlite_db, settings=settings, notify_outbox=woken)
    async with running_bot(dispatcher, telegram):
        yield woken


async def test_a_linked_user_declares_the_last_result(sqlite_db, telegram, wakes):
    await linked(sqlite_db, 5001, "rh@acme.fr", others=("paie@acme.fr",), address=None)
    anne = telegram.user(5001, "Anne")
    assert "Index : 80/100" in await compute_results(anne, RESULTS_80)
    await anne.send_command("/status")
    status = await anne.next_message()
    assert f"{COMPANY} – via rh@acme.fr" in status.text
    assert text("status.index.none", year=YEAR) in status.text
    asked = await answer(anne, press=declare_start())
    assert text("declare.company_chosen", company=COMPANY) in asked
    # The address as the official form asks it; a postal code that cannot be one is refused.
    assert asked.endswith(text("declare.q.address"))
    await answer(anne, "  12  rue de la Paix ")
    refused = await answer(anne, "7500")
    assert refused.startswith("❌") and "il faut 5 chiffres" in refused
    assert refused.endswith(text("declare.q.postal_code"))
    refused = await answer(anne, "00100")
    assert refused.startswith("❌") and "n'existe pas" in refused
    asked = await answer(anne, "20 200")
    assert "département Haute-Corse (2B)" in asked
    refused = await answer(anne, " ")
    assert refused.startswith("❌ La commune est vide")
    # The computation gave the year: the next question is the end of the period.
    asked = await answer(anne, "Bastia")
    assert asked.startswith(text("declare.q.period_end", year=YEAR))
    # A period end outside the data year is refused, with the rule, and asked again.
    refused = await answer(anne, "30/06/2026")
    assert refused.startswith("❌") and "doit être en 2025" in refused
    assert text("declare.q.period_end", year=YEAR) in refused
    await answer(anne, "31/12/2025")
    await answer(anne, press=declare_button("ps", "1"))
    await answer(anne, press=declare_button("mode", "csp"))
    await answer(anne, "15 février 2026")
    refused = await answer(anne, "notre site")
    assert refused.startswith("❌") and "n'est pas une adresse de site internet" in refused
    asked = await answer(anne, "www.acme.fr/egalite")
    assert asked.startswith(text("declare.q.plan_relance"))
    # A typed answer where buttons are expected: the question again, nothing lost.
    refused = await answer(anne, "oui")
    assert text("declare.q.plan_relance") in refused
    await answer(anne, press=declare_button("pr", "1"))
    refused = await answer(anne, "Anne")
    assert refused.startswith("❌") and "prénom puis le nom" in refused
    await answer(anne, "Anne Martin")
    refused = await answer(anne, "01 23 45")
    assert refused.startswith("❌ " + text("declare.error.phone_invalid"))
    assert refused.endswith(text("declare.q.phone"))
    summary = await answer(anne, "+33 (0)1 23 45 67 89")
    assert "• Index : 80/100" in summary and "https://www.acme.fr/egalite" in summary
    assert "• Aide du plan de relance : oui" in summary
    assert "• Déclarant : Anne Martin" in summary and "• Téléphone : 01 23 45 67 89" in summary
    assert "• Adresse : 12 rue de la Paix, 20200 Bastia" in summary
    assert "• Département : Haute-Corse (2B)" in summary
    assert "• Année des indicateurs : 2025" in summary
    assert "• Tranche d'effectif : 50 à 250 salariés" in summary
    done = await recorded(anne, press=declare_button("ok"))
    assert done.startswith("✅ Déclaration enregistrée dans l'assistant : " + COMPANY)
    assert "Accusés de réception envoyés : 2" in done
    assert text("declare.objectives_due") in done
    assert wakes.count == 1

    async with sqlite_db.session() as session:
        row = await declarations.get_index(session, SIREN, YEAR)
    assert (row.index, row.points, row.max_points) == (80, 80, 100)
    assert (row.declarant_first_name, row.declarant_last_name) == ("Anne", "Martin")
    assert (row.declarant_phone, row.plan_relance) == ("0123456789", True)
    assert (
        row.declarant_email == "rh@acme.fr" and row.publication_url == "https://www.acme.fr/egalite"
    )
    assert row.objectives_status == ObjectivesStatus.TO_FILL
    async with sqlite_db.session() as session:
        company = await companies.get(session, SIREN)
    assert (company.address, company.postal_code, company.town) == (
        "12 rue de la Paix",
        "20200",
        "Bastia",
    )
    assert (company.departement, company.region) == ("2B", "Corse")
    assert company.workforce_range == "50:250"  # the band of the computation
    receipts = await outbox_rows(sqlite_db, "index_receipt")
    assert sorted(r.recipient for r in receipts) == ["paie@acme.fr", "rh@acme.fr"]
    for receipt in receipts:
        assert receipt.payload["params"]["index"] == 80
        async with sqlite_db.session() as session:
            pdf, sheet = await attachments_of(session, receipt.id)
        assert pdf.content_type == "application/pdf" and pdf.data.startswith(b"%PDF")
        assert sheet.filename == f"fiche-de-recopie-{SIREN}-{YEAR}.pdf"

    await anne.send_command("/status")
    status = (await anne.next_message()).text
    assert "Index 2025 : déclaré le" in status and "80/100" in status
    assert text("status.objectives.to_fill") in status


async def test_scores_come_from_the_stored_document_not_the_conversation(
    sqlite_db, telegram, wakes
):
    """The result kept in the conversation could say anything: the declaration is scored again."""
    await linked(sqlite_db, 5002, "rh@acme.fr")
    anne = telegram.user(5002, "Anne")
    await compute_results(anne, RESULTS_80)
    data = await fsm_data(sqlite_db, telegram, anne)
    data["last_result"]["output"]["index"] = 100
    data["last_result"]["output"]["points"] = 100
    key = StorageKey(bot_id=telegram.bot_id, chat_id=anne.id, user_id=anne.id)
    await DatabaseStorage(sqlite_db).set_data(key, data)
    done = await declare_from_status(anne)
    assert "Index 2025 : 80/100" in done
    async with sqlite_db.session() as session:
        assert (await declarations.get_index(session, SIREN, YEAR)).index == 80


async def test_without_a_result_or_a_company_the_user_is_told_what_to_do(
    sqlite_db, telegram, wakes
):
    eve = telegram.user(5003, "Eve")
    await eve.send_command("/start")
    await eve.next_message()
    assert await answer(eve, press=DECLARE_MENU) == text("declare.need_result")
    await compute_results(eve, RESULTS_80)
    await eve.press(DECLARE_MENU)
    assert (await eve.next_message()).text.startswith(text("declare.no_company"))


async def test_a_user_not_linked_to_the_siren_cannot_declare_for_it(sqlite_db, telegram, wakes):
    await linked(sqlite_db, 5004, "rh@acme.fr")
    await linked(sqlite_db, 5005, "rh@beta.fr", siren=OTHER_SIREN, name="Beta")
    eve = telegram.user(5005, "Eve")
    await compute_results(eve, RESULTS_80)
    # A forged button for a company she is not linked to.
    telegram.push_callback_query(eve, eve.last_message, declare_start(SIREN, YEAR))
    assert (await eve.next_message()).text == text("declare.not_linked")
    telegram.push_callback_query(
        eve, eve.last_message, StatusAction(a="off", s=SIREN, y=YEAR).pack()
    )
    assert (await eve.next_message()).text == text("declare.not_linked")
    async with sqlite_db.session() as session:
        assert await declarations.get_index(session, SIREN, YEAR) is None


async def test_a_link_removed_mid_declaration_stops_it(sqlite_db, telegram, wakes):
    await linked(sqlite_db, 5006, "rh@acme.fr", others=("paie@acme.fr",))
    anne = telegram.user(5006, "Anne")
    await compute_results(anne, RESULTS_80)
    await anne.send_command("/status")
    await anne.next_message()
    await answer(anne, press=declare_start())
    await answer(anne, press=declare_button("pe"))
    async with sqlite_db.session() as session:
        await declarants.remove(session, SIREN, "rh@acme.fr")
    assert await answer(anne, press=declare_button("ps", "1")) == text("declare.not_linked")
    async with sqlite_db.session() as session:
        assert await declarations.get_index(session, SIREN, YEAR) is None


async def test_modification_after_one_year_is_refused_with_the_date(sqlite_db, telegram, wakes):
    await linked(sqlite_db, 5007, "rh@acme.fr")
    anne = telegram.user(5007, "Anne")
    await compute_results(anne, RESULTS_80)
    await declare_from_status(anne)
    async with sqlite_db.session() as session:
        row = await declarations.get_index(session, SIREN, YEAR)
        row.first_submitted_at = utcnow() - timedelta(days=400)
        submitted = row.first_submitted_at
    await anne.send_command("/status")
    status = await anne.next_message()
    assert not status.has_callback(declare_start())  # no "modify" button any more
    await anne.press(DECLARE_MENU)
    await anne.next_message()
    refused = await answer(anne, press=DeclareAction(a="yr", s=SIREN, y=YEAR).pack())
    assert refused.startswith("❌ La déclaration 2025 ne peut plus être modifiée")
    assert format_date(submitted, "fr") in refused
    assert format_date(submitted.replace(year=submitted.year + 1), "fr") in refused


async def test_declared_on_the_official_platform_from_status(sqlite_db, telegram, wakes):
    await linked(sqlite_db, 5008, "rh@acme.fr")
    anne = telegram.user(5008, "Anne")
    await anne.send_command("/status")
    await anne.next_message()
    recorded = await answer(anne, press=StatusAction(a="off", s=SIREN, y=YEAR).pack())
    assert recorded.startswith("✅ C'est noté : l'Index 2025 pour " + COMPANY)
    refused = await answer(anne, "120")
    assert refused.startswith("❌")
    noted = await answer(anne, "88")
    assert noted == text("status.official.index_noted", index=88, year=YEAR)
    status = (await anne.next_message()).text
    assert text("status.index.official_with", year=YEAR, index=88) in status
    async with sqlite_db.session() as session:
        row = await declarations.get_index(session, SIREN, YEAR)
    assert (row.channel, row.index, row.telegram_user_id) == ("official_platform", 88, 5008)


async def test_representation_equilibree(sqlite_db, telegram, wakes):
    await linked(sqlite_db, 5009, "rh@acme.fr", band="1000:")
    anne = telegram.user(5009, "Anne")
    await anne.send_command("/status")
    status = await anne.next_message()
    assert text("status.representation.none", year=YEAR) in status.text
    start = RepresentationAction(a="start", s=SIREN, y=YEAR).pack()
    assert text("representation.q.period_end", year=YEAR) in await answer(anne, press=start)
    await answer(anne, press=RepresentationAction(a="pe", s=SIREN).pack())
    refused = await answer(anne, "28,5 70")
    assert refused.startswith("❌") and "ne font pas 100" in refused
    await answer(anne, "28,5")
    compared = await answer(anne, "45")
    assert "Cadres dirigeants : 28,5 % de femmes, 71,5 % d'hommes" in compared
    assert "objectif de 30 % de chaque sexe NON atteint" in compared
    assert "Membres des instances dirigeantes : 45 % de femmes, 55 % d'hommes" in compared
    await answer(anne, press=RepresentationAction(a="pd", s=SIREN).pack())
    await answer(anne, press=RepresentationAction(a="nourl", s=SIREN).pack())
    await answer(anne, "Affichage")
    await answer(anne, "Anne Martin")
    done = await answer(anne, press=RepresentationAction(a="ok", s=SIREN).pack())
    assert done.startswith("✅ Représentation équilibrée enregistrée")
    async with sqlite_db.session() as session:
        row = await declarations.get_representation(session, SIREN, YEAR)
    assert row.engine_output["executives"]["women_pct"] == 28.5
    assert row.engine_output["governing_bodies"]["meets_target"] is True
    [receipt] = await outbox_rows(sqlite_db, "representation_receipt")
    async with sqlite_db.session() as session:
        [pdf] = await attachments_of(session, receipt.id)
    assert pdf.data.startswith(b"%PDF")
