"""Catalogue tables: opportunities, providers, sources, their records and runs, postcodes."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    """Timezone-aware UTC now (SQLModel stores aware datetimes, returned in UTC)."""
    return datetime.now(UTC)


class Provider(SQLModel, table=True):
    """An organisation that offers opportunities: a club, a volunteer centre, a school, an employer."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=300, index=True, unique=True)
    verified: bool = False
    created_at: datetime = Field(default_factory=utcnow)


class Opportunity(SQLModel, table=True):
    """One opportunity in the catalogue (PRODUCT §3 and the native format of §6)."""

    __table_args__ = (
        UniqueConstraint("source", "source_id", name="uq_opportunity_source"),
        Index("ix_opportunity_lat_lon", "lat", "lon"),
        # The OpenActive feed pages through one kind in (updated_at, id) order.
        Index("ix_opportunity_kind_updated_id", "kind", "updated_at", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    source: str = Field(max_length=120, index=True)
    source_id: str = Field(max_length=300)
    kind: str = Field(max_length=20, index=True)
    title: str = Field(max_length=300)
    description: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    provider_id: int | None = Field(default=None, foreign_key="provider.id", index=True)
    provider_name: str = Field(default="", max_length=300)
    address: str | None = Field(default=None, max_length=300)
    postcode: str | None = Field(default=None, max_length=10, index=True)
    city: str | None = Field(default=None, max_length=120)
    lat: float
    lon: float
    talents: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    talent_words: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    phase: int
    dutch_level_min: str = Field(default="none", max_length=4)
    languages: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    schedule: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    places_left: int | None = None
    cost_eur_year: float | None = None
    subsidy: bool = False
    age_min: int | None = None
    age_max: int | None = None
    audience: str = Field(default="everyone", max_length=10)
    free_trial: bool = False
    buddy: bool = False
    integration_value: list[str] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    paid: bool = False
    hours_week: float | None = None
    contact: str | None = Field(default=None, max_length=300)
    # {"ar": {"title": …, "description": …}}: a source's or provider's own translations.
    translations: dict[str, dict[str, str]] = Field(
        default_factory=dict, sa_column=Column(JSON, nullable=False, server_default="{}")
    )
    first_seen: datetime = Field(default_factory=utcnow)
    last_confirmed: date | None = None
    status: str = Field(default="active", max_length=12, index=True)
    updated_at: datetime = Field(default_factory=utcnow)
    content_hash: str = Field(default="", max_length=64)


class SourceRecord(SQLModel, table=True):
    """One source's listing of an opportunity; several sources may list the same (merged) item."""

    __table_args__ = (UniqueConstraint("source", "source_id", name="uq_source_record"),)

    id: int | None = Field(default=None, primary_key=True)
    source: str = Field(max_length=120, index=True)
    source_id: str = Field(max_length=300)
    opportunity_id: int = Field(foreign_key="opportunity.id", index=True)
    content_hash: str = Field(default="", max_length=64)
    listed: bool = True  # False once a complete run of the source no longer lists it
    first_seen: datetime = Field(default_factory=utcnow)
    last_seen: datetime = Field(default_factory=utcnow)


class ImportRun(SQLModel, table=True):
    """One run of one source: what it added, changed, retired and rejected."""

    id: int | None = Field(default=None, primary_key=True)
    source: str = Field(max_length=120, index=True)
    location: str = Field(default="", max_length=1000)
    status: str = Field(default="running", max_length=12)  # running | success | failed
    started_at: datetime = Field(default_factory=utcnow)
    finished_at: datetime | None = None
    duration_s: float | None = None
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    retired: int = 0
    rejected: int = 0
    skipped: int = 0  # records left out on purpose (e.g. DUO programmes of levels not asked)
    error: str | None = Field(default=None, sa_column=Column(Text, nullable=True))


class ImportRejection(SQLModel, table=True):
    """A row a run could not take, with its number and the reason."""

    id: int | None = Field(default=None, primary_key=True)
    run_id: int = Field(foreign_key="importrun.id", index=True)
    row_number: int
    reason: str = Field(sa_column=Column(Text, nullable=False))
    excerpt: str = Field(default="", max_length=500)


class Postcode(SQLModel, table=True):
    """A PC4 or PC6 postcode with its (mean) coordinates, from a GeoNames postal-code file."""

    code: str = Field(primary_key=True, max_length=6)
    lat: float
    lon: float
    place: str = Field(default="", max_length=200)
    municipality: str = Field(default="", max_length=200)
    row_count: int = 1


class GeocodeCache(SQLModel, table=True):
    """Answers of the online geocoder, kept so the same address is asked once."""

    query: str = Field(primary_key=True, max_length=500)
    lat: float | None = None
    lon: float | None = None
    created_at: datetime = Field(default_factory=utcnow)


class CatalogueState(SQLModel, table=True):
    """A single row whose version changes on every catalogue write, so every process sees changes."""

    id: int = Field(default=1, primary_key=True)
    version: int = 0
    changed_at: datetime = Field(default_factory=utcnow)
