"""Reminders: what a tick writes to the outbox, and stopping them once no longer relevant.

A tick reads every company's standing in the current campaign (one query; only the companies
whose objectives are due, ``campaign_status.objectives_due``, when no index or représentation
step became due since the last tick: ``reminder_rules.deadline_steps_due``), and the standings
of earlier campaigns whose objectives are still due (``campaign_status.objectives_carried``: one
narrow query, and a few filtered ones when there are some), asks the pure rule
(``reminder_rules.due_steps``, once per ``schedule_key``) which steps became due since the last
tick, finds the recipients of those companies (two queries), and writes one outbox row per step,
channel and recipient with a single INSERT ... ON CONFLICT DO NOTHING: the dedup key
``reminder:<campaign>:<siren>:<subject>:<step>:<channel>:<recipient>`` makes a step go once to
each recipient, whatever the number of ticks or processes. Steps superseded by a later one
(downtime) are written as "skipped". Rows wait for the sending window; the one sender sends them.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from egapro_assistant.send_window import SendWindow
from egapro_assistant.usecases.reminder_rules import (
    PARIS,
    Decision,
    ReminderPolicy,
    deadline_steps_due,
    due_steps,
    schedule_key,
)
from store import campaign_status, outbox
from store import reminders as reminder_store
from store.campaign_status import CampaignStanding
from store.clock import SYSTEM_CLOCK, Clock
from store.database import Database
from store.tables.outbox import OutboxStatus

JOB = "reminders"
# Each tick looks this far behind the previous one: a fact committed while the previous tick was
# reading (objectives due "at once") is still seen. Rows written twice are the same rows (dedup
# key), so the overlap never sends anything twice.
OVERLAP = timedelta(minutes=10)
KIND = reminder_store.REMINDER_KIND


def kind_of(subject: str) -> str:
    return KIND if subject == "index" else f"{KIND}_{subject}"


EMAIL = "email"
TELEGRAM = "telegram"


def reminder_topic(campaign_year: int, subject: str = "index") -> str:
    """The outbox topic of a campaign's reminders about ``subject`` (index, objectives,
    representation): rows of one topic are cancelled together."""
    return f"reminders:{campaign_year}:{subject}"


async def cancel_campaign_reminders(
    session: AsyncSession, *, campaign_year: int, siren: str, subject: str = "index"
) -> int:
    """Cancel the queued ``subject`` reminders of ``siren`` for ``campaign_year``."""
    return await outbox.cancel_pending(
        session, topic=reminder_topic(campaign_year, subject), siren=siren
    )


async def cancel_replaced_objectives(session: AsyncSession, *, data_year: int, siren: str) -> int:
    """An index of ``siren`` for ``data_year`` replaces the objectives still due from its earlier
    indexes (``store.campaign_status.objectives_carried``): their queued reminders are cancelled
    too, not only the ones the next tick would no longer write."""
    years = await campaign_status.objectives_candidate_years(session, siren, before=data_year)
    topics = [reminder_topic(year + 1, "objectives") for year in years]
    return await outbox.cancel_pending(session, topic=topics, siren=siren)


def step_id(campaign_year: int, siren: str, subject: str, step: str) -> str:
    """The step part of the dedup key (``outbox.step_key`` adds channel and recipient)."""
    return f"reminder:{campaign_year}:{siren}:{subject}:{step}"


@dataclass(frozen=True)
class PlannedMessage:
    """One outbox row a tick writes (or would write, for ``preview``)."""

    siren: str
    company_name: str | None
    campaign_year: int
    subject: str
    step: str
    channel: str
    recipient: str
    status: str  # pending | skipped
    not_before: datetime
    row: dict = field(repr=False, compare=False)


@dataclass(frozen=True)
class TickResult:
    at: datetime
    since: datetime | None
    companies: int  # companies with something due (written now or before)
    queued: int  # new rows to send
    skipped: int  # new rows of skipped steps


def _params(standing: CampaignStanding, decision: Decision, send_day) -> dict:
    step = decision.step
    params = {
        "siren": standing.siren,
        "campaign_year": standing.campaign_year,
        "year": standing.campaign_year - 1,
        "about": step.subject,
        "step": step.name,
    }
    if standing.name:
        params["company_name"] = standing.name
    if step.subject == "index":
        params["state"] = str(standing.status)
    if step.deadline is not None:
        params["deadline"] = step.deadline.isoformat()
        params["days"] = (step.deadline - send_day).days
    if step.subject == "objectives" and standing.objectives_due_since is not None:
        params["since"] = standing.objectives_due_since.astimezone(PARIS).date().isoformat()
        if standing.index is not None:
            params["index"] = standing.index
    return params


def _row(
    *,
    channel: str,
    recipient: str,
    key: str,
    standing: CampaignStanding,
    topic: str,
    payload: dict,
    status: str,
    not_before: datetime,
    now: datetime,
) -> dict:
    return {
        "channel": channel,
        "recipient": recipient,
        "dedup_key": outbox.storable_key(outbox.step_key(key, channel, recipient)),
        "kind": kind_of(payload["params"]["about"]),
        "siren": standing.siren,
        "payload": payload,
        "status": status,
        "priority": outbox.PRIORITY_BULK,
        "topic": topic,
        "attempts": 0,
        "next_attempt_at": not_before,
        "created_at": now,
    }


def _messages(
    standing: CampaignStanding,
    decisions: list[Decision],
    recipients: reminder_store.Recipients,
    *,
    now: datetime,
    window: SendWindow,
    opens: dict[datetime, datetime],
) -> list[PlannedMessage]:
    planned = []
    email_ok = set(recipients.emails)
    for decision in decisions:
        step = decision.step
        moment = max(now, step.due_at)
        not_before = opens.get(moment)
        if not_before is None:
            not_before = opens[moment] = window.next_open(moment)
        params = _params(standing, decision, not_before.astimezone(PARIS).date())
        key = step_id(standing.campaign_year, standing.siren, step.subject, step.name)
        topic = reminder_topic(standing.campaign_year, step.subject)
        status = OutboxStatus.PENDING if decision.send else OutboxStatus.SKIPPED
        common = dict(standing=standing, topic=topic, status=status, now=now)
        targets = []
        for user in recipients.telegram:
            payload = {
                "language": user.language,
                "params": params,
                "reminder": True,
                "step": key,
                "fallback_kind": kind_of(step.subject),
            }
            if user.email in email_ok:
                payload["fallback_emails"] = [user.email]
            targets.append((TELEGRAM, str(user.chat_id), payload))
        for email in recipients.emails:
            payload = {"language": "fr", "params": params, "reminder": True, "step": key}
            targets.append((EMAIL, email, payload))
        for channel, recipient, payload in targets:
            row = _row(
                channel=channel,
                recipient=recipient,
                key=key,
                payload=payload,
                not_before=not_before,
                **common,
            )
            planned.append(
                PlannedMessage(
                    siren=standing.siren,
                    company_name=standing.name,
                    campaign_year=standing.campaign_year,
                    subject=step.subject,
                    step=step.name,
                    channel=channel,
                    recipient=recipient,
                    status=status,
                    not_before=not_before,
                    row=row,
                )
            )
    return planned


async def plan(
    session: AsyncSession,
    *,
    now: datetime,
    since: datetime | None,
    policy: ReminderPolicy,
    window: SendWindow,
) -> list[PlannedMessage]:
    """What a tick at ``now`` writes, given the last tick ``since``: nothing is written here."""
    campaign = policy.calendar.current(now.astimezone(PARIS).date())
    if deadline_steps_due(campaign.year, now, policy, since=since):
        current = await campaign_status.standings(session, campaign)
    else:  # only companies whose objectives are due can have a step due
        current = await campaign_status.objectives_due(session, campaign)
    carried = await campaign_status.objectives_carried(session, policy.calendar, campaign)
    due: list[tuple[CampaignStanding, list[Decision]]] = []
    decided: dict[tuple, list[Decision]] = {}  # the rule, once per schedule_key
    for standing in [*carried, *current]:
        key = schedule_key(standing)
        decisions = decided.get(key)
        if decisions is None:
            decisions = decided[key] = due_steps(standing, now, policy, since=since)
        if decisions:
            due.append((standing, decisions))
    if not due:
        return []
    recipients = await reminder_store.recipients_of(session, {s.siren for s, _ in due})
    opens: dict[datetime, datetime] = {}  # window.next_open, once per moment
    planned: list[PlannedMessage] = []
    for standing, decisions in due:
        planned += _messages(
            standing, decisions, recipients[standing.siren], now=now, window=window, opens=opens
        )
    return planned


async def tick(
    database: Database,
    *,
    policy: ReminderPolicy,
    window: SendWindow,
    clock: Clock = SYSTEM_CLOCK,
    job: str = JOB,
) -> TickResult:
    """Decide what became due since the last tick and write it to the outbox."""
    now = clock.now()
    async with database.session() as session:
        since = await reminder_store.last_run(session, job)
        if since is not None and since >= now:
            return TickResult(now, since, 0, 0, 0)
        looked_from = since - OVERLAP if since is not None else None
        planned = await plan(session, now=now, since=looked_from, policy=policy, window=window)
    # A short write transaction of its own (SQLite has one writer): the rows, then the tick.
    to_send = [message.row for message in planned if message.status == OutboxStatus.PENDING]
    to_skip = [message.row for message in planned if message.status == OutboxStatus.SKIPPED]
    async with database.session() as session:
        queued = await reminder_store.write_rows(session, to_send)
        skipped = await reminder_store.write_rows(session, to_skip)
        await reminder_store.record_run(session, job, now)
    return TickResult(
        at=now,
        since=since,
        companies=len({message.siren for message in planned}),
        queued=queued,
        skipped=skipped,
    )


async def preview(
    database: Database,
    *,
    at: datetime,
    policy: ReminderPolicy,
    window: SendWindow,
    job: str = JOB,
) -> list[PlannedMessage]:
    """What a tick at ``at`` would write (after the last recorded tick), writing nothing."""
    async with database.session() as session:
        since = await reminder_store.last_run(session, job)
        if since is not None and since >= at:
            since = None
        looked_from = since - OVERLAP if since is not None else None
        return await plan(session, now=at, since=looked_from, policy=policy, window=window)


async def set_telegram_reminders(database: Database, user_id: int, *, on: bool) -> bool:
    """/rappels: a Telegram user turns their reminders on or off; False for an unknown user."""
    async with database.session() as session:
        return await reminder_store.set_reminders_off(session, user_id, not on)


async def telegram_reminders_on(database: Database, user_id: int) -> bool:
    async with database.session() as session:
        return not await reminder_store.reminders_off(session, user_id)
