"""Web chat: chats, messages, files; local mailbox

Revision ID: 0008
Revises: 0009
Create Date: 2026-12-07 23:19:22.693956
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (autogenerate renders sqlmodel.sql.sqltypes.AutoString)
from alembic import op

revision: str = "0008"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "local_mail",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("envelope_from", sa.String(), nullable=False),
        sa.Column("recipient", sa.String(), nullable=False),
        sa.Column("subject", sa.String(), nullable=True),
        sa.Column("raw", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("local_mail", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_local_mail_recipient"), ["recipient"], unique=False)

    op.create_table(
        "web_chat",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "web_chat_file",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("file_name", sa.String(), nullable=True),
        sa.Column("mime_type", sa.String(), nullable=True),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("web_chat_file", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_web_chat_file_chat_id"), ["chat_id"], unique=False)

    op.create_table(
        "web_chat_message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("from_bot", sa.Boolean(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(), nullable=True),
        sa.Column("parse_mode", sa.String(length=16), nullable=True),
        sa.Column("entities", sa.JSON(), nullable=True),
        sa.Column("reply_markup", sa.JSON(), nullable=True),
        sa.Column("media", sa.String(length=16), nullable=True),
        sa.Column("file_id", sa.Integer(), nullable=True),
        sa.Column("update", sa.JSON(), nullable=True),
        sa.Column("processed", sa.Boolean(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("edited_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["file_id"],
            ["web_chat_file.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("web_chat_message", schema=None) as batch_op:
        batch_op.create_index(
            "ix_web_chat_message_chat_revision", ["chat_id", "revision"], unique=False
        )
        batch_op.create_index("ix_web_chat_message_pending", ["processed", "id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("web_chat_message", schema=None) as batch_op:
        batch_op.drop_index("ix_web_chat_message_pending")
        batch_op.drop_index("ix_web_chat_message_chat_revision")

    op.drop_table("web_chat_message")
    with op.batch_alter_table("web_chat_file", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_web_chat_file_chat_id"))

    op.drop_table("web_chat_file")
    op.drop_table("web_chat")
    with op.batch_alter_table("local_mail", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_local_mail_recipient"))

    op.drop_table("local_mail")
