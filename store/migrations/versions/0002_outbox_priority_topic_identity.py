"""outbox: priority, topic, kept email identity; claim index by priority

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        # Rows already queued, and rows written by an instance not yet upgraded, count as
        # what people wait for (PRIORITY_PERSON).
        batch_op.add_column(sa.Column("priority", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("topic", sa.String(length=128), nullable=True))
        batch_op.add_column(sa.Column("message_id", sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column("reply_token", sa.String(length=64), nullable=True))
        batch_op.drop_index("ix_outbox_due")
        batch_op.create_index(
            "ix_outbox_claim", ["status", "priority", "next_attempt_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_outbox_message_topic"), ["topic"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outbox_message_topic"))
        batch_op.drop_index("ix_outbox_claim")
        batch_op.create_index("ix_outbox_due", ["status", "next_attempt_at"], unique=False)
        batch_op.drop_column("reply_token")
        batch_op.drop_column("message_id")
        batch_op.drop_column("topic")
        batch_op.drop_column("priority")
