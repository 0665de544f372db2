"""Settings from environment variables (prefix ``EGAPRO_``) or a ``.env`` file.

Each field is documented in the README; add a field here rather than reading ``os.environ``.
"""

from functools import cached_property

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from store.campaigns import CampaignCalendar


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="EGAPRO_", env_file=".env", extra="ignore")

    database_url: str = "sqlite+aiosqlite:///egapro-assistant.db"

    # Telegram
    telegram_token: str | None = None
    telegram_api_base: str | None = None  # another Bot API server (tests, local server)
    telegram_webhook_url: str | None = None  # set to use webhook mode instead of long polling
    telegram_webhook_secret: str | None = None

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

    @cached_property
    def calendar(self) -> CampaignCalendar:
        """The campaign calendar with this configuration's overrides (raises CalendarError)."""
        return CampaignCalendar.load(file=self.campaigns_file, inline=self.campaigns)
