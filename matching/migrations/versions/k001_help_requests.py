"""kiosk help requests

Revision ID: k001
Revises: 0001
Create Date: 2026-11-23
"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "k001"
down_revision: Union[str, Sequence[str], None] = "0001"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "helprequest",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("municipality", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("lang", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("opportunity_ids", sa.JSON(), nullable=False),
        sa.Column("shared", sa.JSON(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("taken_by_user_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("helprequest", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_helprequest_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_helprequest_status"), ["status"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("helprequest", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_helprequest_status"))
        batch_op.drop_index(batch_op.f("ix_helprequest_created_at"))
    op.drop_table("helprequest")
