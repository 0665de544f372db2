"""Référents: territory, dashboard sessions, weekly digests, stored secrets, answers to questions

Revision ID: 0006
Revises: 0004
Create Date: 2026-12-07 23:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401
from alembic import op

revision: str = "0006"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "referent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("telegram_user_id", sa.BigInteger(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("email"),
    )
    with op.batch_alter_table("referent", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_referent_telegram_user_id"), ["telegram_user_id"], unique=False
        )
    op.create_table(
        "referent_departement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("referent_id", sa.Integer(), nullable=False),
        sa.Column("departement", sa.String(length=3), nullable=False),
        sa.Column("region", sa.String(), nullable=False),
        sa.Column("whole_region", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["referent_id"], ["referent.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("referent_id", "departement"),
    )
    with op.batch_alter_table("referent_departement", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_referent_departement_departement"), ["departement"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_referent_departement_referent_id"), ["referent_id"], unique=False
        )
    op.create_table(
        "referent_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("referent_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["referent_id"], ["referent.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )
    with op.batch_alter_table("referent_session", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_referent_session_referent_id"), ["referent_id"], unique=False
        )
    op.create_table(
        "referent_digest",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("referent_id", sa.Integer(), nullable=False),
        sa.Column("week", sa.String(length=8), nullable=False),
        sa.Column("campaign_year", sa.Integer(), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["referent_id"], ["referent.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("referent_id", "week"),
    )
    with op.batch_alter_table("referent_digest", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_referent_digest_referent_id"), ["referent_id"], unique=False
        )
    op.create_table(
        "app_secret",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("value", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    with op.batch_alter_table("email_question", schema=None) as batch_op:
        batch_op.add_column(sa.Column("answer", sa.String(), nullable=True))
        batch_op.add_column(sa.Column("answered_by", sa.String(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("email_question", schema=None) as batch_op:
        batch_op.drop_column("answered_by")
        batch_op.drop_column("answer")
    op.drop_table("app_secret")
    op.drop_table("referent_digest")
    op.drop_table("referent_session")
    op.drop_table("referent_departement")
    op.drop_table("referent")
