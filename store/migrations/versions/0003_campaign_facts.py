"""campaign facts: work in progress, and how a declaration made elsewhere was told

Revision ID: 0003
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "campaign_progress",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("siren", sa.String(length=9), nullable=False),
        sa.Column("campaign_year", sa.Integer(), nullable=False),
        sa.Column("started_by", sa.String(length=16), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("telegram_user_id", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(["siren"], ["company.siren"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("siren", "campaign_year"),
    )
    with op.batch_alter_table("campaign_progress", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_campaign_progress_campaign_year"), ["campaign_year"], unique=False
        )
    # A plain ADD COLUMN (no table copy on SQLite).
    op.add_column(
        "index_declaration", sa.Column("elsewhere_source", sa.String(length=16), nullable=True)
    )


def downgrade() -> None:
    with op.batch_alter_table("index_declaration", schema=None) as batch_op:
        batch_op.drop_column("elsewhere_source")
    with op.batch_alter_table("campaign_progress", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_campaign_progress_campaign_year"))
    op.drop_table("campaign_progress")
