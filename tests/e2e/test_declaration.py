"""Declarations end to end: Telegram (fake Bot API) → the Service → the outbox → a real SMTP
server. Receipts reach every declarant with the PDF recap; objectives are declared with each
rule enforced; modifying the index declaration erases them and everyone is told."""

import io
from datetime import timedelta

from pypdf import PdfReader

from bot.declaring.common import DeclareAction, ObjectivesAction
from bot.texts import text
from store import declarations
from store.tables.declarations import ObjectivesStatus
from store.types import utcnow
from tests.bot.test_declare import (
    COMPANY,
    RESULTS_14,
    RESULTS_80,
    SIREN,
    YEAR,
    answer,
    compute_results,
    declare_from_status,
    declare_start,
    linked,
    recorded,
)

OBJECTIVE = "Réduire l'écart de taux d'augmentations à moins de 2 points d'ici 2027."


def pdf_of(received) -> str:
    part, *_copy_sheet = [
        p for p in received.message.iter_attachments() if p.get_content_type() == "application/pdf"
    ]
    reader = PdfReader(io.BytesIO(part.get_content()))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def body_of(received) -> str:
    return received.message.get_body(preferencelist=("plain",)).get_content()


def by_recipient(received: list) -> dict[str, object]:
    return {item.recipients[0]: item for item in received}


def objectives(action: str, value: str = "") -> str:
    return ObjectivesAction(a=action, s=SIREN, y=YEAR, v=value).pack()


async def test_declare_then_objectives_then_modify(service, telegram, smtp):
    database = service.database
    await linked(database, 6001, "rh@acme.fr", others=("paie@acme.fr",))
    await linked(database, 6002, "paie@acme.fr")
    anne, bob = telegram.user(6001, "Anne"), telegram.user(6002, "Bob")

    # 1. Anne declares the index she has just computed: every declarant gets the receipt.
    await compute_results(anne, RESULTS_80)
    done = await declare_from_status(anne)
    assert (
        done.startswith("✅ Déclaration enregistrée") and "Accusés de réception envoyés : 2" in done
    )
    receipts = by_recipient(await smtp.handler.wait_for(2))
    assert set(receipts) == {"rh@acme.fr", "paie@acme.fr"}
    replies = set()
    for received in receipts.values():
        message = received.message
        assert (
            message["Subject"] == f"Accusé de réception : Index Egapro {YEAR} – {COMPANY} (80/100)"
        )
        assert "Anne Martin (rh@acme.fr)" in body_of(received)
        assert service.settings.official_platform_url in body_of(received)
        replies.add(message["Reply-To"])
        recap = pdf_of(received)
        assert "Index : 80 / 100" in recap
        assert "40 / 40" in recap and "15 / 35" in recap and "10 / 10" in recap
        assert "https://www.acme.fr/egalite" in recap
    assert len(replies) == 2  # one reply address per recipient

    # 2. Objectives: each rule is enforced, with its reason.
    form = await answer(anne, press=objectives("open"))
    assert f"🎯 Objectifs et mesures – {COMPANY} – Index 2025 : 80/100" in form
    assert "✏️ Indicateur 2 et 3 – écart de taux d'augmentations (15/35) : à renseigner" in form
    refused = await answer(anne, press=objectives("f", "indicator1"))
    assert refused.startswith("❌") and "a déjà la note maximale (40/40)" in refused
    refused = await answer(anne, press=objectives("f", "md"))
    assert refused.startswith("❌ L'index est de 80/100 : une date de publication des mesures")
    refused = await answer(anne, press=objectives("f", "mo"))
    assert refused.startswith("❌") and "sans site internet" in refused
    await answer(anne, press=objectives("f", "indicator2and3"))
    refused = await answer(anne, "x" * 301)
    assert refused.startswith("❌") and "fait 301 caractères : 300 au plus" in refused
    noted = await answer(anne, OBJECTIVE)
    assert noted.startswith(text("objectives.noted")) and OBJECTIVE in noted
    await answer(anne, press=objectives("f", "od"))
    refused = await answer(anne, "15/12/2025")
    assert refused.startswith("❌") and "avant la fin de la période de référence" in refused
    await answer(anne, "01/03/2026")
    saved = await answer(anne, press=objectives("save"))
    assert saved.startswith("✅ Objectifs et mesures enregistrés") and "envoyés : 2" in saved
    received = await smtp.handler.wait_for(4)
    for item in received[2:]:
        assert item.message["Subject"].startswith("Accusé de réception : objectifs et mesures")
        assert OBJECTIVE in pdf_of(item)
    async with database.session() as session:
        row = await declarations.get_index(session, SIREN, YEAR)
        assert row.objectives_status == ObjectivesStatus.FILLED
        assert (await declarations.objectives_of(session, row.id)).objectives == {
            "indicator2and3": OBJECTIVE
        }

    # 3. Anne modifies the index: the objectives are erased and everyone is told.
    await compute_results(anne, RESULTS_14)
    await anne.send_command("/status")
    await anne.next_message()
    warned = await answer(anne, press=declare_start())
    assert "EFFACE les objectifs et mesures déjà déclarés" in warned
    done = await declare_from_status_again(anne)
    assert done.startswith("✅ Déclaration modifiée") and "a EFFACÉ les objectifs" in done
    notice = await bob.next_message()
    assert notice.text.startswith(
        f"⚠️ Anne Martin (rh@acme.fr) a modifié la déclaration de l'Index 2025 pour {COMPANY}"
    )
    assert "les objectifs et mesures déclarés ont été effacés" in notice.text
    received = await smtp.handler.wait_for(8)
    subjects = sorted(item.message["Subject"] for item in received[4:])
    assert subjects == sorted(
        [f"Accusé de réception : Index Egapro {YEAR} – {COMPANY} (14/100)"] * 2
        + [f"Objectifs et mesures effacés : Index Egapro {YEAR} – {COMPANY}"] * 2
    )
    for item in received[4:]:
        if "(14/100)" in item.message["Subject"]:
            assert "Index : 14 / 100" in pdf_of(item)
    async with database.session() as session:
        row = await declarations.get_index(session, SIREN, YEAR)
        assert (row.index, row.revision, row.corrective_measures) == (14, 2, "mmo")
        assert row.objectives_status == ObjectivesStatus.TO_FILL
        assert await declarations.objectives_of(session, row.id) is None


async def declare_from_status_again(user) -> str:
    """The rest of a modification started from /status (the first question is answered)."""
    await answer(user, press=DeclareAction(a="pe", s=SIREN).pack())
    await answer(user, press=DeclareAction(a="ps", s=SIREN, v="1").pack())
    await answer(user, press=DeclareAction(a="mode", s=SIREN, v="csp").pack())
    await answer(user, "20/02/2026")
    measures = await answer(user, "https://www.acme.fr/egalite")
    assert "inférieur à 75" in measures
    await answer(user, press=DeclareAction(a="cm", s=SIREN, v="mmo").pack())
    await answer(user, press=DeclareAction(a="pr", s=SIREN, v="0").pack())
    await answer(user, "Anne Martin")
    summary = await answer(user, "06 12 34 56 78")
    assert "Cette déclaration remplacera celle déjà faite" in summary
    return await recorded(user, press=DeclareAction(a="ok", s=SIREN).pack())


async def test_refusals_send_nothing(service, telegram, smtp):
    """Too late to modify, or not linked to the SIREN: refused with the reason, no email."""
    database = service.database
    await linked(database, 6003, "rh@acme.fr")
    await linked(database, 6004, "rh@beta.fr", siren="732829320", name="Beta")
    anne, eve = telegram.user(6003, "Anne"), telegram.user(6004, "Eve")
    await compute_results(anne, RESULTS_80)
    await declare_from_status(anne)
    await smtp.handler.wait_for(1)
    async with database.session() as session:
        row = await declarations.get_index(session, SIREN, YEAR)
        row.first_submitted_at = utcnow() - timedelta(days=370)

    await anne.send_command("/status")
    await anne.next_message()
    anne_status = anne.last_message
    telegram.push_callback_query(anne, anne_status, declare_start())
    refused = (await anne.next_message()).text
    assert "❌ La déclaration 2025 ne peut plus être modifiée" in refused
    assert "modifiable que pendant un an" in refused

    await compute_results(eve, RESULTS_14)
    telegram.push_callback_query(eve, eve.last_message, declare_start())
    assert (await eve.next_message()).text == text("declare.not_linked")
    await anne.expect_no_message()
    assert len(smtp.received) == 1
    async with database.session() as session:
        assert (await declarations.get_index(session, SIREN, YEAR)).index == 80
