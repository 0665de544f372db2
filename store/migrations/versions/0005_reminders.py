"""Reminders: scheduler state, Telegram users' reminder switch

Revision ID: 0005
Revises: 0008
Create Date: 2026-12-07 23:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0005"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "scheduler_state",
        sa.Column("job", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("last_run_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("job"),
    )
    # A plain ADD COLUMN: a batch (copy and move) of telegram_user would break its foreign keys
    # on SQLite.
    op.add_column(
        "telegram_user",
        sa.Column("reminders_off", sa.Boolean(), nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    with op.batch_alter_table("telegram_user", schema=None) as batch_op:
        batch_op.drop_column("reminders_off")
    op.drop_table("scheduler_state")
