"""importers: scheduled run claims

Revision ID: i001
Revises: 0001
Create Date: 2026-11-23
"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = 'i001'
down_revision: Union[str, Sequence[str], None] = '0001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('scheduledrunclaim',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('fire_time', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('claimed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('claimed_by', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('source', 'fire_time', name='uq_scheduled_run_claim')
    )
    with op.batch_alter_table('scheduledrunclaim', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_scheduledrunclaim_source'), ['source'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('scheduledrunclaim', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_scheduledrunclaim_source'))
    op.drop_table('scheduledrunclaim')
