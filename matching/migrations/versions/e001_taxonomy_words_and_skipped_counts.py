"""taxonomy words and skipped counts

Revision ID: e001
Revises: 0002
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "e001"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "taxonomyedit",
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("group", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("icon", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("labels", sa.JSON(), nullable=False),
        sa.Column("is_new", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("code"),
    )
    op.create_table(
        "taxonomystate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("changed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "taxonomysynonym",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("lang", sqlmodel.sql.sqltypes.AutoString(length=5), nullable=False),
        sa.Column("word", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("lang", "word", name="uq_taxonomysynonym_lang_word"),
    )
    with op.batch_alter_table("taxonomysynonym", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_taxonomysynonym_code"), ["code"], unique=False)

    op.create_table(
        "unknownword",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("word", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("lang", sqlmodel.sql.sqltypes.AutoString(length=5), nullable=False),
        sa.Column("month", sqlmodel.sql.sqltypes.AutoString(length=7), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("word", "lang", "month", name="uq_unknownword_word_lang_month"),
    )
    with op.batch_alter_table("opportunity", schema=None) as batch_op:
        batch_op.create_index("ix_opportunity_kind_updated_id", ["kind", "updated_at", "id"], unique=False)
    with op.batch_alter_table("importrun", schema=None) as batch_op:
        batch_op.add_column(sa.Column("skipped", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("opportunity", schema=None) as batch_op:
        batch_op.drop_index("ix_opportunity_kind_updated_id")
    with op.batch_alter_table("importrun", schema=None) as batch_op:
        batch_op.drop_column("skipped")

    op.drop_table("unknownword")
    with op.batch_alter_table("taxonomysynonym", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_taxonomysynonym_code"))

    op.drop_table("taxonomysynonym")
    op.drop_table("taxonomystate")
    op.drop_table("taxonomyedit")
