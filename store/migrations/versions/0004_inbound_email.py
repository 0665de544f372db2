"""Inbound email: received messages, questions, address standing, reply campaign year

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06 07:13:03.178724
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (autogenerate renders sqlmodel.sql.sqltypes.AutoString)
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "email_address_standing",
        sa.Column("email", sa.String(), nullable=False),
        sa.Column("unsubscribed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("undeliverable_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("undeliverable_reason", sa.String(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("email"),
    )
    op.create_table(
        "inbound_message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("envelope_from", sa.String(), nullable=False),
        sa.Column("recipient", sa.String(), nullable=False),
        sa.Column("reply_address_id", sa.Integer(), nullable=True),
        sa.Column("raw", sa.LargeBinary(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("outcome", sa.String(length=32), nullable=True),
        sa.Column("reason", sa.String(), nullable=True),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("processed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["reply_address_id"],
            ["reply_address.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("inbound_message", schema=None) as batch_op:
        batch_op.create_index("ix_inbound_message_status", ["status", "id"], unique=False)

    op.create_table(
        "email_question",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("siren", sa.String(length=9), nullable=True),
        sa.Column("email", sa.String(), nullable=False),
        sa.Column("inbound_message_id", sa.Integer(), nullable=False),
        sa.Column("answered_kind", sa.String(length=64), nullable=True),
        sa.Column("subject", sa.String(), nullable=True),
        sa.Column("text", sa.String(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["inbound_message_id"],
            ["inbound_message.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("inbound_message_id"),
    )
    with op.batch_alter_table("email_question", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_email_question_siren"), ["siren"], unique=False)

    with op.batch_alter_table("reply_address", schema=None) as batch_op:
        batch_op.add_column(sa.Column("campaign_year", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("reply_address", schema=None) as batch_op:
        batch_op.drop_column("campaign_year")

    with op.batch_alter_table("email_question", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_email_question_siren"))

    op.drop_table("email_question")
    with op.batch_alter_table("inbound_message", schema=None) as batch_op:
        batch_op.drop_index("ix_inbound_message_status")

    op.drop_table("inbound_message")
    op.drop_table("email_address_standing")
