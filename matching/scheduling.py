"""The scheduler's claims: one row per (source, trigger time), so two scheduler processes run a trigger once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from matching.models import utcnow


class ScheduledRunClaim(SQLModel, table=True):
    """A scheduler process took this trigger of this source; a second process finds the row and skips."""

    __table_args__ = (UniqueConstraint("source", "fire_time", name="uq_scheduled_run_claim"),)

    id: int | None = Field(default=None, primary_key=True)
    source: str = Field(max_length=120, index=True)
    fire_time: datetime
    claimed_at: datetime = Field(default_factory=utcnow)
    claimed_by: str = Field(default="", max_length=120)
