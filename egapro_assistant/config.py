"""Settings from environment variables (prefix ``EGAPRO_``) or a ``.env`` file.

Each field is documented in the README; add a field here rather than reading ``os.environ``.
"""

from datetime import time
from functools import cached_property
from ipaddress import IPv4Network, IPv6Network, ip_network
from typing import Annotated

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from store.campaigns import CampaignCalendar

WEB_CHAT_BURST_SECONDS = 10  # the window of EGAPRO_WEB_CHAT_BURST
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="EGAPRO_", env_file=".env", extra="ignore")

    database_url: str = "sqlite+aiosqlite:///egapro-assistant.db"
    database_schema: str | None = None  # PostgreSQL: the schema to use (search_path)
    # PostgreSQL connections per instance: kept open, and opened beyond them under load. Every
    # instance may hold both at once: keep their sum under the server's max_connections.
    database_pool_size: int = Field(default=20, ge=1)
    database_max_overflow: int = Field(default=10, ge=0)

    # Telegram
    telegram_token: str | None = None
    telegram_api_base: str | None = None  # another Bot API server (tests, local server)
    telegram_webhook_url: str | None = None  # set to use webhook mode instead of long polling
    # Required with a webhook URL: Telegram sends it back in X-Telegram-Bot-Api-Secret-Token.
    telegram_webhook_secret: str | None = None
    # A webhook update claimed by a process that died is taken again after this many seconds.
    telegram_update_lease_seconds: float = Field(default=120.0, gt=0)
    telegram_update_concurrency: int = Field(default=64, ge=1)  # chats handled at once

    # Web app (email links, référent dashboard, webhook, health)
    web_host: str = "127.0.0.1"
    web_port: int = 8080
    public_base_url: str = "http://127.0.0.1:8080"
    # Signs cookies and keys form values; instances behind one address share it. Required in
    # production; when absent, one is drawn once and kept in the database (web/signing.py).
    web_secret: str | None = None
    # Référents: sign-in links valid this long; dashboard sessions last this long.
    referent_link_minutes: int = Field(default=30, ge=1)
    referent_session_hours: int = Field(default=8, ge=1)

    # The web chat at /chat: the same conversation as in Telegram, in a browser
    web_chat: bool = True
    web_chat_max_upload_bytes: int = Field(default=20 * 1024 * 1024, ge=1024)
    # What one web chat may post (messages, button presses, files): a burst within
    # WEB_CHAT_BURST_SECONDS (10 s), and a sustained rate per minute; more gets HTTP 429.
    web_chat_burst: int = Field(default=20, ge=1)
    web_chat_per_minute: int = Field(default=60, ge=1)
    # New web chats (the page opened without its cookie) per client address and hour.
    web_chat_new_per_hour: int = Field(default=30, ge=1)
    # Front proxies whose X-Forwarded-For is believed (addresses or networks, comma-separated):
    # the limits per client address then count the client, not the proxy (web/client_address.py).
    trusted_proxies: Annotated[tuple[IPv4Network | IPv6Network, ...], NoDecode] = ()

    # Outbound email; without a relay host, emails go to the local mailbox shown at /mailbox
    smtp_host: str | None = None
    smtp_port: int = 25
    smtp_starttls: bool = False
    smtp_use_tls: bool = False
    smtp_username: str | None = None
    smtp_password: str | None = None
    mail_from: str = "Egapro Assistant <assistant@egapro-assistant.local>"
    reply_domain: str = "egapro-assistant.local"
    bounce_domain: str | None = None  # VERP return path; defaults to reply_domain
    mail_from_reminders: str | None = None  # From of reminders and digests; default mail_from
    dkim_selector: str | None = None  # DKIM signing when both the selector and the key are set
    dkim_key_file: str | None = None  # PEM private key
    dkim_domain: str | None = None  # signing domain; default the domain of From

    # Inbound email
    inbound_smtp_host: str = "127.0.0.1"
    inbound_smtp_port: int = 2525
    inbound_max_message_bytes: int = 25 * 1024 * 1024
    inbound_enabled: bool = True
    # Questions asked by email go to the company's référent; until one is known, here.
    operator_email: str | None = None

    # Identity
    verification_ttl_hours: int = 24
    rate_limit_per_user_per_hour: int = 5
    rate_limit_per_email_per_hour: int = 3
    rate_limit_per_siren_per_hour: int = 10

    # Where the legal declaration is made, named in receipts and reminders
    official_platform_url: str = "https://egapro.travail.gouv.fr"

    # Campaign calendar overrides (store/data/campaigns.json has the defaults)
    campaigns_file: str | None = None
    campaigns: str | None = None  # the same JSON inline

    sender_batch_size: int = Field(default=20, ge=1)
    sender_poll_seconds: float = Field(default=1.0, gt=0)
    # Sent messages (and their attachments) are deleted after this many days.
    outbox_retention_days: int = Field(default=30, ge=1)

    # Personal data kept no longer than needed (purged at start and every hour).
    token_retention_days: int = Field(default=7, ge=0)  # email-link tokens, after they expire
    rate_limit_retention_hours: int = Field(default=1, ge=1)  # counted requests (the window)
    inbound_retention_days: int = Field(default=30, ge=1)  # processed inbound mail
    telegram_update_retention_days: int = Field(default=2, ge=1)  # finished webhook updates

    # Operation
    worker_id: str | None = None  # default: host name, pid and a random suffix
    stop_timeout_seconds: float = Field(default=8.0, gt=0)  # work in flight at SIGTERM
    # Reminders (a scheduler tick writes what is due; the sender sends it inside the window)
    reminders_enabled: bool = True
    reminder_tick_seconds: float = Field(default=300, gt=0)
    # Days from the deadline (negative: before); J+1 and later are "overdue", then monthly.
    reminder_offsets_days: Annotated[tuple[int, ...], NoDecode] = (-30, -14, -7, -2, 1)
    # Bulk messages (reminders, digests) leave only inside this window, Europe/Paris.
    send_window: Annotated[tuple[time, time], NoDecode] = (time(9), time(18))
    send_days: Annotated[frozenset[int], NoDecode] = frozenset(range(5))  # 0 = Monday
    send_on_holidays: bool = False  # French public holidays (the ``holidays`` package)

    @field_validator("reminder_offsets_days", mode="before")
    @classmethod
    def _offsets(cls, value):
        return parse_offsets(value)

    @field_validator("trusted_proxies", mode="before")
    @classmethod
    def _proxies(cls, value):
        return parse_networks(value)

    @field_validator("send_window", mode="before")
    @classmethod
    def _window(cls, value):
        return parse_window(value)

    @field_validator("send_days", mode="before")
    @classmethod
    def _days(cls, value):
        return parse_days(value)

    @property
    def web_chat_url(self) -> str:
        """The chat page's address, as a person is told to go back to it."""
        return f"{self.public_base_url.rstrip('/')}/chat"

    @cached_property
    def calendar(self) -> CampaignCalendar:
        """The campaign calendar with this configuration's overrides (raises CalendarError)."""
        return CampaignCalendar.load(file=self.campaigns_file, inline=self.campaigns)


def parse_networks(value) -> tuple[IPv4Network | IPv6Network, ...]:
    """``"10.0.0.0/8, 172.18.0.2"`` → the networks (an address is a network of one)."""
    parts = value.split(",") if isinstance(value, str) else list(value)
    networks = []
    for part in parts:
        if isinstance(part, str) and not part.strip():
            continue
        try:
            networks.append(
                ip_network(part.strip() if isinstance(part, str) else part, strict=False)
            )
        except ValueError:
            raise ValueError(
                f"EGAPRO_TRUSTED_PROXIES: {part!r} is not an IP address or network"
            ) from None
    return tuple(networks)


def parse_offsets(value) -> tuple[int, ...]:
    """``"-30,-14,-7,-2,1"`` → (-30, -14, -7, -2, 1), sorted, without duplicates."""
    if isinstance(value, str):
        parts = [part.strip() for part in value.split(",") if part.strip()]
    else:
        parts = list(value)
    offsets = []
    for part in parts:
        try:
            offsets.append(int(part))
        except (TypeError, ValueError):
            raise ValueError(
                f"EGAPRO_REMINDER_OFFSETS_DAYS: {part!r} is not a whole number of days"
            ) from None
    if not offsets:
        raise ValueError("EGAPRO_REMINDER_OFFSETS_DAYS: give at least one offset, e.g. -30,-7,1")
    return tuple(sorted(set(offsets)))


def parse_window(value) -> tuple[time, time]:
    """``"09:00-18:00"`` → (09:00, 18:00); the end must come after the start."""
    if isinstance(value, tuple | list) and len(value) == 2:
        start, end = value
    else:
        start, _, end = str(value).partition("-")
    try:
        start = start if isinstance(start, time) else time.fromisoformat(start.strip())
        end = end if isinstance(end, time) else time.fromisoformat(end.strip())
    except ValueError:
        raise ValueError(
            f"EGAPRO_SEND_WINDOW: {value!r} is not HH:MM-HH:MM, e.g. 09:00-18:00"
        ) from None
    if end <= start:
        raise ValueError(f"EGAPRO_SEND_WINDOW: {value!r} ends before it starts")
    return start, end


def parse_days(value) -> frozenset[int]:
    """``"mon-fri"``, ``"mon,wed,fri"`` or ``"mon-fri,sat"`` → weekday numbers (Monday 0)."""
    if not isinstance(value, str):
        return frozenset(value)
    days: set[int] = set()
    for part in (p.strip().lower() for p in value.split(",")):
        first, _, last = part.partition("-")
        if first not in WEEKDAYS or (last and last not in WEEKDAYS):
            raise ValueError(
                f"EGAPRO_SEND_DAYS: {part!r} is not a day or a range of days (mon … sun)"
            )
        start, stop = WEEKDAYS.index(first), WEEKDAYS.index(last or first)
        if stop < start:
            raise ValueError(f"EGAPRO_SEND_DAYS: {part!r} ends before it starts")
        days.update(range(start, stop + 1))
    return frozenset(days)
