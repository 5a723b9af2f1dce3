"""area names: PC4 -> neighbourhood or village name for the kiosk

Revision ID: k102
Revises: k101
Create Date: 2026-12-05
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel.sql.sqltypes


revision: str = "k102"
down_revision: Union[str, Sequence[str], None] = "k101"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "areaname",
        sa.Column("pc4", sqlmodel.sql.sqltypes.AutoString(length=4), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("municipality", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.PrimaryKeyConstraint("pc4"),
    )
    with op.batch_alter_table("areaname", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_areaname_municipality"), ["municipality"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("areaname", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_areaname_municipality"))
    op.drop_table("areaname")
