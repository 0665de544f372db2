"""Secrets generated once and kept in the database, so that every instance and every restart
uses the same one (e.g. the web secret when ``EGAPRO_WEB_SECRET`` is not set)."""

import secrets

from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from store.tables.referents import AppSecret
from store.types import utcnow


async def get_or_create(session: AsyncSession, name: str, *, nbytes: int = 32) -> str:
    """The secret called ``name``; drawn now (URL-safe text) if none exists. Concurrent first
    calls agree: the first insert wins and everyone reads it back."""
    insert = (postgresql if session.bind.dialect.name == "postgresql" else sqlite).insert
    await session.exec(
        insert(AppSecret)
        .values(name=name, value=secrets.token_urlsafe(nbytes), created_at=utcnow())
        .on_conflict_do_nothing(index_elements=["name"])
    )
    return (await session.exec(select(AppSecret.value).where(AppSecret.name == name))).one()
