"""« Mes entreprises » against the fake Telegram server, on a real SQLite database."""

import re

import pytest
from sqlmodel import select

from bot.app import build_dispatcher
from bot.callbacks import MenuAction
from bot.routers.companies import CompanyAction
from bot.texts import text
from egapro_assistant.config import Settings
from store import companies, declarants, links, telegram_users, tokens
from store.tables.companies import DeclarantEmail
from store.tables.identity import VerificationToken
from store.tables.outbox import OutboxMessage
from tests.fakes import running_bot

SIREN_A = "552100554"
SIREN_B = "732829320"
SIREN_C = "443061841"
COMPANIES = MenuAction(action="companies").pack()
LINK = CompanyAction(action="link").pack()


def settings(**overrides) -> Settings:
    values = dict(public_base_url="https://assistant.test", verification_ttl_hours=24)
    values.update(overrides)
    return Settings(_env_file=None, **values)


class Wakes:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self) -> None:
        self.count += 1


async def run(database, server, **setting_overrides):
    wakes = Wakes()
    dispatcher = build_dispatcher(
        database, settings=settings(**setting_overrides), notify_outbox=wakes
    )
    return running_bot(dispatcher, server), wakes


@pytest.fixture
async def bot(sqlite_db, telegram):
    context, wakes = await run(sqlite_db, telegram)
    async with context:
        yield wakes


async def linked(database, user_id, siren, email, *, others=(), name=None):
    """A user already linked to ``siren`` through ``email`` (a declarant, with ``others``)."""
    async with database.session() as session:
        await telegram_users.touch(
            session, user_id=user_id, chat_id=user_id, first_name="U", telegram_language="fr"
        )
        await companies.upsert(session, siren, name=name)
        for address in (email, *others):
            await declarants.add(session, siren, address)
        await links.link(session, telegram_user_id=user_id, siren=siren, email=email)


async def outbox_rows(database, kind=None):
    async with database.session() as session:
        statement = select(OutboxMessage).order_by(OutboxMessage.id)
        if kind:
            statement = statement.where(OutboxMessage.kind == kind)
        return list((await session.exec(statement)).all())


async def declarant_emails(database, siren):
    async with database.session() as session:
        return await declarants.emails_of(session, siren)


async def start_linking(user, siren):
    await user.send_command("/start")
    await user.next_message()
    await user.press(COMPANIES)
    await user.next_message()
    await user.press(LINK)
    assert (await user.next_message()).text == text("companies.ask_siren")
    await user.send_text(siren)
    return await user.next_message()


@pytest.fixture
async def on_channel(sqlite_db, channel):
    """The bot on the fake Telegram server, then on the web chat."""
    wakes = Wakes()
    dispatcher = build_dispatcher(sqlite_db, settings=settings(), notify_outbox=wakes)
    async with channel.running(dispatcher):
        yield wakes, channel


async def test_a_new_user_links_a_company_by_email(sqlite_db, on_channel):
    bot, telegram = on_channel
    anne = telegram.user(1001, "Anne")
    await anne.send_command("/start")
    await anne.next_message()
    await anne.press(COMPANIES)
    listing = await anne.next_message()
    assert listing.text == text("companies.none")
    assert listing.has_callback(LINK)
    await anne.press(LINK)
    await anne.next_message()
    await anne.send_text("552 100 554")
    asked = await anne.next_message()
    assert asked.text == text("companies.ask_email", company="SIREN 552100554")
    await anne.send_text(" RH@Example.FR ")
    done = await anne.next_message()
    assert done.text == text("companies.link_sent", email="rh@example.fr", hours=24)

    [email] = await outbox_rows(sqlite_db)
    assert (email.channel, email.recipient, email.kind) == (
        "email",
        "rh@example.fr",
        "verification_link",
    )
    params = email.payload["params"]
    assert email.payload["language"] == "fr"
    assert (params["siren"], params["expiry_hours"]) == (SIREN_A, 24)
    token = re.fullmatch(r"https://assistant\.test/verify/([A-Za-z0-9_-]{43})", params["link"])[1]
    async with sqlite_db.session() as session:
        row = (await session.exec(select(VerificationToken))).one()
        assert row.token_hash == tokens.hash_token(token)
        assert (row.telegram_user_id, row.siren, row.email) == (anne.id, SIREN_A, "rh@example.fr")
    assert bot.count == 1
    assert await declarant_emails(sqlite_db, SIREN_A) == []  # nothing until the link is used


async def test_a_siret_is_reduced_to_its_siren(sqlite_db, telegram, bot):
    asked = await start_linking(telegram.user(1002), "552 100 554 00005")
    assert asked.text == text("companies.ask_email", company="SIREN 552100554")


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("552100555", "bad_checksum"),
        ("55210055", "bad_length"),
        ("55210055400006", "bad_siret_checksum"),
        ("ACME", "not_digits"),
    ],
)
async def test_a_wrong_siren_is_explained_and_asked_again(sqlite_db, telegram, bot, typed, reason):
    user = telegram.user(1003)
    answer = await start_linking(user, typed)
    assert answer.text == text(f"companies.siren.{reason}", text=typed)
    await user.send_text(SIREN_C)
    assert (await user.next_message()).text == text(
        "companies.ask_email", company="SIREN 443061841"
    )


async def test_a_wrong_email_is_explained_and_the_siren_kept(sqlite_db, telegram, bot):
    user = telegram.user(1004)
    await start_linking(user, SIREN_A)
    await user.send_text("rh@example")
    assert (await user.next_message()).text == text("companies.email.invalid", text="rh@example")
    await user.send_text("rh@example.fr")
    assert (await user.next_message()).text == text(
        "companies.link_sent", email="rh@example.fr", hours=24
    )
    [email] = await outbox_rows(sqlite_db)
    assert email.payload["params"]["siren"] == SIREN_A


async def test_refusal_names_no_attached_email_and_reads_the_same_for_any_address(
    sqlite_db, telegram, bot
):
    """The rule: a refusal is one fixed text per company, whatever address was typed; it
    never shows an attached address nor any part of one (domain, initials)."""
    async with sqlite_db.session() as session:
        await declarants.add(session, SIREN_A, "jeanne.martin@acme-industrie.fr")
        await declarants.add(session, SIREN_A, "paie@cabinet-compta.fr")
    user = telegram.user(1005)
    await start_linking(user, SIREN_A)
    answers = []
    for guess in ("someone@gmail.com", "jeanne@acme-industrie.fr", "paie@cabinet-compta.com"):
        await user.send_text(guess)
        answers.append((await user.next_message()).text)
    assert answers[0] == answers[1] == answers[2]
    assert answers[0] == text("companies.refused", company="SIREN 552100554")
    for fragment in ("jeanne", "martin", "acme", "paie", "cabinet", "compta", "@"):
        assert fragment not in answers[0].lower()
    assert await outbox_rows(sqlite_db) == []

    # A declarant address gets exactly the answer an unknown company gets.
    await user.send_text("paie@cabinet-compta.fr")
    accepted = (await user.next_message()).text
    other = telegram.user(1006)
    await start_linking(other, SIREN_C)
    await other.send_text("paie@cabinet-compta.fr")
    assert (await other.next_message()).text == accepted


async def test_refused_guesses_count_against_the_company_limit(sqlite_db, telegram):
    async with sqlite_db.session() as session:
        await declarants.add(session, SIREN_A, "boss@acme.fr")
    context, _ = await run(sqlite_db, telegram, rate_limit_per_siren_per_hour=3)
    async with context:
        prober = telegram.user(1007)
        await start_linking(prober, SIREN_A)
        for number in range(3):
            await prober.send_text(f"guess{number}@acme.fr")
            assert (await prober.next_message()).text.startswith("Je ne peux pas relier")
        await prober.send_text("boss@acme.fr")
        assert (await prober.next_message()).text == text("companies.rate_limited.siren", limit=3)
    assert await outbox_rows(sqlite_db) == []


@pytest.mark.parametrize(
    ("scope", "overrides"),
    [
        ("user", {"rate_limit_per_user_per_hour": 2}),
        ("email", {"rate_limit_per_email_per_hour": 2}),
        ("siren", {"rate_limit_per_siren_per_hour": 2}),
    ],
)
async def test_verification_requests_are_rate_limited(sqlite_db, telegram, scope, overrides):
    context, _ = await run(sqlite_db, telegram, **overrides)
    async with context:
        # Two requests pass; the third breaks the limit of its scope only.
        requests = {
            "user": [
                (1010, SIREN_A, "a@x.fr"),
                (1010, SIREN_B, "b@x.fr"),
                (1010, SIREN_C, "c@x.fr"),
            ],
            "email": [
                (1011, SIREN_A, "a@x.fr"),
                (1012, SIREN_B, "a@x.fr"),
                (1013, SIREN_C, "a@x.fr"),
            ],
            "siren": [
                (1014, SIREN_A, "a@x.fr"),
                (1015, SIREN_A, "b@x.fr"),
                (1016, SIREN_A, "c@x.fr"),
            ],
        }[scope]
        answers = []
        for user_id, siren, email in requests:
            user = telegram.user(user_id)
            await start_linking(user, siren)
            await user.send_text(email)
            answers.append((await user.next_message()).text)
    assert answers[0].startswith("C'est parti")
    assert answers[1].startswith("C'est parti")
    assert answers[2] == text(f"companies.rate_limited.{scope}", limit=2)
    assert len(await outbox_rows(sqlite_db, "verification_link")) == 2


async def test_my_companies_and_status_list_the_linked_companies(sqlite_db, telegram, bot):
    await linked(sqlite_db, 1020, SIREN_A, "rh@acme.fr", name="Acme")
    await linked(sqlite_db, 1020, SIREN_B, "paie@beta.fr")
    user = telegram.user(1020)
    await user.send_command("/status")
    status = await user.next_message()
    assert "Acme (SIREN 552100554) – via rh@acme.fr" in status.text
    assert "SIREN 732829320 – via paie@beta.fr" in status.text
    await user.send_command("/start")
    await user.next_message()
    await user.press(COMPANIES)
    listing = await user.next_message()
    assert listing.has_callback(CompanyAction(action="open", siren=SIREN_A).pack())
    assert listing.has_callback(CompanyAction(action="open", siren=SIREN_B).pack())
    assert listing.has_callback(LINK)


async def test_a_declarant_adds_an_address_which_is_told_by_email(sqlite_db, telegram, bot):
    await linked(sqlite_db, 1021, SIREN_A, "rh@acme.fr", name="Acme")
    user = telegram.user(1021)
    await user.send_command("/start")
    await user.next_message()
    await user.press(COMPANIES)
    await user.next_message()
    await user.press(CompanyAction(action="open", siren=SIREN_A).pack())
    detail = await user.next_message()
    assert detail.text == text(
        "companies.detail", company="Acme (SIREN 552100554)", email="rh@acme.fr"
    )
    await user.press(CompanyAction(action="add", siren=SIREN_A).pack())
    await user.next_message()
    await user.send_text("not an email")
    assert (await user.next_message()).text.startswith("« not an email »")
    await user.send_text("Paie@Acme.fr")
    assert (await user.next_message()).text == text(
        "companies.declarant_added", email="paie@acme.fr", company="Acme (SIREN 552100554)"
    )
    assert await declarant_emails(sqlite_db, SIREN_A) == ["paie@acme.fr", "rh@acme.fr"]
    [notice] = await outbox_rows(sqlite_db)
    assert (notice.recipient, notice.kind, notice.siren) == (
        "paie@acme.fr",
        "declarant_added",
        SIREN_A,
    )
    assert notice.payload["params"] == {
        "siren": SIREN_A,
        "company_name": "Acme",
        "added_by": "rh@acme.fr",
    }
    assert bot.count == 1
    await user.press(CompanyAction(action="decl", siren=SIREN_A).pack(), message=detail)
    listing = await user.next_message()
    assert "• paie@acme.fr\n• rh@acme.fr" in listing.text


async def test_a_declarant_removes_another_after_confirming(sqlite_db, telegram, bot):
    await linked(sqlite_db, 1022, SIREN_A, "rh@acme.fr", others=["old@acme.fr"])
    await linked(sqlite_db, 1023, SIREN_A, "old@acme.fr")
    user = telegram.user(1022)
    await user.send_command("/start")
    await user.next_message()
    await user.press(COMPANIES)
    await user.next_message()
    await user.press(CompanyAction(action="open", siren=SIREN_A).pack())
    await user.next_message()
    await user.press(CompanyAction(action="rm", siren=SIREN_A).pack())
    choice = await user.next_message()
    await user.press(choice.callback_data_for("old@acme.fr"))
    confirm = await user.next_message()
    assert confirm.text.startswith("Retirer old@acme.fr des déclarants")
    assert await declarant_emails(sqlite_db, SIREN_A) == ["old@acme.fr", "rh@acme.fr"]
    await user.press(confirm.callback_data_for(text("companies.button.confirm_remove")))
    assert (await user.next_message()).text == text(
        "companies.declarant_removed", email="old@acme.fr", company="SIREN 552100554"
    )
    assert await declarant_emails(sqlite_db, SIREN_A) == ["rh@acme.fr"]
    async with sqlite_db.session() as session:
        assert not await links.may_act(session, 1023, SIREN_A)  # linked through that address
        assert await links.may_act(session, 1022, SIREN_A)


async def test_the_last_declarant_cannot_be_removed(sqlite_db, telegram, bot):
    await linked(sqlite_db, 1024, SIREN_A, "rh@acme.fr")
    user = telegram.user(1024)
    await user.send_command("/start")
    await user.next_message()
    await user.press(COMPANIES)
    await user.next_message()
    await user.press(CompanyAction(action="open", siren=SIREN_A).pack())
    detail = await user.next_message()
    last = text("companies.last_declarant", email="rh@acme.fr", company="SIREN 552100554")
    await user.press(CompanyAction(action="rm", siren=SIREN_A).pack())
    assert (await user.next_message()).text == last
    # Even a hand-made confirmation for that row is refused.
    async with sqlite_db.session() as session:
        row = (await session.exec(select(DeclarantEmail))).one()
    forged = CompanyAction(action="rmok", siren=SIREN_A, ref=row.id).pack()
    telegram.push_callback_query(user, detail, forged)
    assert (await user.next_message()).text == last
    assert await declarant_emails(sqlite_db, SIREN_A) == ["rh@acme.fr"]


async def test_a_user_linked_to_a_can_never_act_on_b(sqlite_db, telegram, bot):
    await linked(sqlite_db, 1030, SIREN_A, "rh@acme.fr")
    await linked(sqlite_db, 1031, SIREN_B, "boss@beta.fr", others=["paie@beta.fr"])
    async with sqlite_db.session() as session:
        rows = (
            await session.exec(select(DeclarantEmail).where(DeclarantEmail.siren == SIREN_B))
        ).all()
    mallory = telegram.user(1030)
    await mallory.send_command("/start")
    menu = await mallory.next_message()
    refusal = text("companies.not_allowed")
    forged = [CompanyAction(action=a, siren=SIREN_B).pack() for a in ("open", "decl", "add", "rm")]
    forged += [
        CompanyAction(action=a, siren=SIREN_B, ref=row.id).pack()
        for a in ("rmask", "rmok")
        for row in rows
    ]
    # Rows of B addressed through A's SIREN: the row must belong to the SIREN acted on.
    forged += [CompanyAction(action="rmok", siren=SIREN_A, ref=row.id).pack() for row in rows]
    for data in forged:
        telegram.push_callback_query(mallory, menu, data)
        answer = await mallory.next_message()
        assert answer.text in (
            refusal,
            text("companies.declarant_gone", company="SIREN 552100554"),
        ), data
        assert "boss@beta.fr" not in answer.text and "paie@beta.fr" not in answer.text
    assert await declarant_emails(sqlite_db, SIREN_B) == ["boss@beta.fr", "paie@beta.fr"]
    assert await declarant_emails(sqlite_db, SIREN_A) == ["rh@acme.fr"]
    assert await outbox_rows(sqlite_db) == []
    assert telegram.unanswered_callbacks == []


async def test_a_forged_add_state_cannot_add_to_another_company(sqlite_db, telegram, bot):
    """Linked to A, the user starts adding to A, then loses the link: the address is refused."""
    await linked(sqlite_db, 1032, SIREN_A, "rh@acme.fr", others=["boss@acme.fr"])
    user = telegram.user(1032)
    await user.send_command("/start")
    menu = await user.next_message()
    telegram.push_callback_query(user, menu, CompanyAction(action="add", siren=SIREN_A).pack())
    await user.next_message()
    async with sqlite_db.session() as session:
        await declarants.remove(session, SIREN_A, "rh@acme.fr")
    await user.send_text("friend@acme.fr")
    assert (await user.next_message()).text == text("companies.not_allowed")
    assert await declarant_emails(sqlite_db, SIREN_A) == ["boss@acme.fr"]
    assert await outbox_rows(sqlite_db) == []


async def test_english_user_gets_english_texts(sqlite_db, telegram, bot):
    user = telegram.user(1040, language_code="en")
    await user.send_command("/start")
    await user.next_message()
    await user.press(COMPANIES)
    assert (await user.next_message()).text == text("companies.none", "en")


async def test_every_button_fits_in_64_bytes():
    longest = CompanyAction(action="rmask", siren=SIREN_A, ref=2**63 - 1).pack()
    assert len(longest.encode()) < 64
