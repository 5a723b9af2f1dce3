"""one line of history after the wave of kiosk, mail, forms, contract, scale and ecosystem

Revision ID: 0003
Revises: e001, f001, k102, m001_mail_outbox, s001
Create Date: 2026-12-05 11:18:37.571745
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel.sql.sqltypes


revision: str = '0003'
down_revision: Union[str, Sequence[str], None] = ('e001', 'f001', 'k102', 'm001_mail_outbox', 's001')
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
