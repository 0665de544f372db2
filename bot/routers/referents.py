"""/referent ADDRESS: a DREETS référent proves their address by the emailed link (the same
mechanism as linking a company); then /pending gives their territory's counts and the first
companies that are late, with a link to the dashboard.

/referent answers the same whatever the address: nothing tells which addresses are référents'.
"""

from datetime import timedelta

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from bot.declaring.common import Notify
from bot.texts import text
from egapro_assistant.config import Settings
from egapro_assistant.usecases import territory
from egapro_assistant.usecases.campaigns import paris_today
from store import links, outbox, rate_limits, referents, tokens
from store.campaign_status import IndexStatus
from store.database import Database
from store.declarants import InvalidEmail, normalise_email

router = Router(name="referents")


@router.message(Command("referent"))
async def ask_link(
    message: Message,
    command: CommandObject,
    database: Database,
    language: str,
    settings: Settings | None = None,
    notify_outbox: Notify | None = None,
) -> None:
    settings = settings or Settings()
    typed = (command.args or "").strip()
    if not typed:
        await message.answer(text("referents.ask_email", language))
        return
    try:
        email = normalise_email(typed)
    except InvalidEmail:
        await message.answer(text("referents.bad_email", language, value=typed[:100]))
        return
    user_id = message.from_user.id
    minutes = settings.referent_link_minutes
    async with database.session() as session:
        exhausted = await rate_limits.try_acquire(
            session,
            [
                rate_limits.Limit("user", str(user_id), settings.rate_limit_per_user_per_hour),
                rate_limits.Limit("referent", email, settings.rate_limit_per_email_per_hour),
            ],
        )
        if exhausted is not None:
            await message.answer(text("referents.rate_limited", language))
            return
        referent = await referents.get_by_email(session, email)
        if referent is not None:
            token = await tokens.create(
                session,
                email=email,
                telegram_user_id=user_id,
                siren=None,
                ttl=timedelta(minutes=minutes),
                purpose=tokens.REFERENT_TELEGRAM,
            )
            link = f"{settings.public_base_url.rstrip('/')}/referents/telegram/{token}"
            await outbox.enqueue(
                session,
                channel="email",
                recipient=email,
                dedup_key=f"referent_telegram_link:{tokens.hash_token(token)}",
                kind="referent_telegram_link",
                payload={
                    "language": language,
                    "params": {
                        "link": link,
                        "minutes": minutes,
                        "channel": links.channel_of(user_id),
                        "chat_url": settings.web_chat_url,
                    },
                },
            )
    if referent is not None and notify_outbox:
        notify_outbox()
    await message.answer(text("referents.link_sent", language, email=email, minutes=minutes))


@router.message(Command("pending"))
async def show_pending(
    message: Message, database: Database, language: str, settings: Settings | None = None
) -> None:
    settings = settings or Settings()
    today = paris_today()
    campaign = settings.calendar.current(today)
    async with database.session() as session:
        referent = await referents.get_by_telegram_user(session, message.from_user.id)
        if referent is None:
            await message.answer(text("referents.not_referent", language))
            return
        scope = await referents.scope_of(session, referent.id)
        found = await territory.pending(session, campaign, scope, today)
    lines = [
        text(
            "referents.pending.title",
            language,
            year=campaign.year,
            departements=", ".join(sorted(scope)) or "-",
        )
    ]
    for status in IndexStatus:
        label = text(f"referents.status.{status.value}", language)
        count = found.counts[status.value]
        lines.append(text("referents.pending.count", language, label=label, count=count))
    lines.append("")
    if found.late_total:
        deadline = campaign.index_deadline.strftime("%d/%m/%Y")
        lines.append(
            text("referents.pending.late", language, deadline=deadline, count=found.late_total)
        )
        for standing in found.late:
            lines.append(
                text(
                    "referents.pending.late_line",
                    language,
                    siren=standing.siren,
                    name=standing.name or "",
                    departement=standing.departement or "?",
                )
            )
        if found.late_total > len(found.late):
            more = found.late_total - len(found.late)
            lines.append(text("referents.pending.more", language, count=more))
    else:
        lines.append(text("referents.pending.none_late", language))
    url = f"{settings.public_base_url.rstrip('/')}/referents"
    lines.append("")
    lines.append(text("referents.pending.dashboard", language, url=url))
    await message.answer("\n".join(lines))
