"""one line of history after the parallel branches

Revision ID: 0002
Revises: i001, k001, l002
Create Date: 2026-11-23
"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = '0002'
down_revision: Union[str, Sequence[str], None] = ('i001', 'k001', 'l002')
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
