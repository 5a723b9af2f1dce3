"""rate-limit counters shared by every web process

Revision ID: s001
Revises: 0002
Create Date: 2026-12-05 09:50:00
"""

from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "s001"
down_revision: Union[str, Sequence[str], None] = "0002"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "ratelimitcounter",
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("hits", sa.Integer(), nullable=False),
        sa.Column("expires_at", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    with op.batch_alter_table("ratelimitcounter", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ratelimitcounter_expires_at"), ["expires_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("ratelimitcounter", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ratelimitcounter_expires_at"))
    op.drop_table("ratelimitcounter")
