"""Company address as the official form asks it: address, postal code, town

Revision ID: 0009
Revises: 0006
Create Date: 2026-12-07 23:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("company") as batch:
        batch.add_column(sa.Column("address", sa.String(), nullable=True))
        batch.add_column(sa.Column("postal_code", sa.String(length=5), nullable=True))
        batch.add_column(sa.Column("town", sa.String(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("company") as batch:
        batch.drop_column("town")
        batch.drop_column("postal_code")
        batch.drop_column("address")
