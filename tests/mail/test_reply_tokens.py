from sqlmodel import select

from mail.addresses import (
    bounce_address,
    parse_token_address,
    reply_address,
    unsubscribe_mailto,
    unsubscribe_url,
)
from store import replies
from store.tables.replies import ReplyAddress
from tests.mail.smtp_server import mail_settings


def test_tokens_are_long_random_and_lower_case():
    tokens = {replies.new_token() for _ in range(50)}
    assert len(tokens) == 50
    for token in tokens:
        assert len(token) == 32  # 160 bits in base32
        assert token == token.lower()
        assert replies.normalise_token(token.upper()) == token


async def test_token_resolves_to_person_company_and_message_only_by_hash(db):
    async with db.session() as session:
        token = await replies.create(
            session,
            email=" RH@Durand.FR ",
            siren="552100554",
            kind="receipt",
            language="en",
            message_id="<m1@reply.assistant.test>",
            reminder=True,
        )
    async with db.session() as session:
        found = await replies.resolve(session, token.upper())
        rows = (await session.exec(select(ReplyAddress))).all()
    assert (found.email, found.siren, found.kind, found.language, found.reminder) == (
        "rh@durand.fr",
        "552100554",
        "receipt",
        "en",
        True,
    )
    assert found.message_id == "<m1@reply.assistant.test>"
    assert [row.token_hash for row in rows] == [replies.hash_token(token)]
    assert token not in rows[0].token_hash


async def test_unknown_or_malformed_tokens_resolve_to_nothing(db):
    async with db.session() as session:
        await replies.create(session, email="rh@durand.fr", kind="notice")
        assert await replies.resolve(session, replies.new_token()) is None
        assert await replies.resolve(session, "' or 1=1 --") is None
        assert await replies.resolve(session, "") is None


def test_addresses_round_trip_even_when_lower_or_upper_cased():
    settings = mail_settings(25)
    token = replies.new_token()
    assert reply_address(token, settings) == f"r+{token}@reply.assistant.test"
    assert bounce_address(token, settings) == f"bounce+{token}@bounce.assistant.test"
    assert unsubscribe_url(token, settings) == f"https://assistant.test/unsubscribe/{token}"
    assert unsubscribe_mailto(token, settings) == (
        f"mailto:r+{token}@reply.assistant.test?subject=STOP"
    )
    shouted = f"Someone <R+{token.upper()}@REPLY.assistant.test>"
    assert parse_token_address(shouted, settings) == ("r", token)
    assert parse_token_address(bounce_address(token, settings), settings) == ("bounce", token)


def test_addresses_we_did_not_issue_are_not_ours():
    settings = mail_settings(25)
    token = replies.new_token()
    assert parse_token_address(f"r+{token}@elsewhere.test", settings) is None
    assert parse_token_address(f"bounce+{token}@reply.assistant.test", settings) is None
    assert parse_token_address(f"x+{token}@reply.assistant.test", settings) is None
    assert parse_token_address("r+short@reply.assistant.test", settings) is None
    assert parse_token_address("assistant@reply.assistant.test", settings) is None
