"""Facts about a company in a campaign that are not declarations: work started here."""

from datetime import datetime

from sqlalchemy import BigInteger, UniqueConstraint
from sqlmodel import Field, SQLModel

from store.tables.columns import created_at_field


class CampaignProgress(SQLModel, table=True):
    """Someone started, for ``siren``, the work of campaign ``campaign_year`` (a computation or a
    declaration): the company is "in progress" until it declares. The first start is kept."""

    __tablename__ = "campaign_progress"
    __table_args__ = (UniqueConstraint("siren", "campaign_year"),)

    id: int | None = Field(default=None, primary_key=True)
    siren: str = Field(foreign_key="company.siren", max_length=9)
    campaign_year: int = Field(index=True)
    started_by: str = Field(max_length=16)  # "compute" | "declaration"
    started_at: datetime = created_at_field()
    telegram_user_id: int | None = Field(default=None, sa_type=BigInteger)
