"""When each listing was last sent a "still valid?" reminder: monthly, not daily."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from matching.models import utcnow


class ListingReminder(SQLModel, table=True):
    """The last reminder about one listing."""

    __tablename__ = "listing_reminder"

    opportunity_id: int = Field(foreign_key="opportunity.id", primary_key=True)
    reminded_at: datetime = Field(default_factory=utcnow)
