"""Data access for the catalogue: keyword-only functions that take a session; callers commit."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, or_, update
from sqlmodel import Session, col, select

from matching.errors import DomainError
from matching.geo import bbox_around, haversine_km
from matching.models import CatalogueState, Opportunity, Provider, SourceRecord, utcnow
from matching.schema import MAX_PLACES

# The fields of the public opportunity object, in the order the API and export write them.
PUBLIC_FIELDS: tuple[str, ...] = (
    "kind", "title", "description", "provider", "address", "postcode", "city", "lat", "lon",
    "talents", "phase", "dutch_level_min", "languages", "schedule", "places_left", "cost_eur_year",
    "subsidy", "age_min", "age_max", "audience", "free_trial", "buddy", "integration_value", "paid",
    "hours_week", "contact", "last_confirmed", "status", "translations",
)  # fmt: skip


def bump_version(session: Session) -> int:
    """Mark the catalogue as changed, so every process's match index reloads; returns the new version."""
    state = session.get(CatalogueState, 1)
    if state is None:
        state = CatalogueState(id=1, version=0)
        session.add(state)
    state.version += 1
    state.changed_at = utcnow()
    session.flush()
    return state.version


def catalogue_version(session: Session) -> int:
    """The current catalogue version (0 for a new database)."""
    version = session.exec(select(CatalogueState.version).where(CatalogueState.id == 1)).first()
    return int(version or 0)


def provider_id_for(
    session: Session, *, name: str, cache: dict[str, int] | None = None
) -> int | None:
    """Id of the provider with this name, created (unverified) when new; None for an empty name."""
    name = name.strip()
    if not name:
        return None
    if cache is not None and name in cache:
        return cache[name]
    provider = session.exec(select(Provider).where(Provider.name == name)).first()
    if provider is None:
        provider = Provider(name=name)
        session.add(provider)
        session.flush()
    assert provider.id is not None
    if cache is not None:
        cache[name] = provider.id
    return provider.id


def confirmed_on(opp: Opportunity) -> date:
    """When the listing was last confirmed; a source that never says counts from its first listing."""
    return opp.last_confirmed or opp.first_seen.date()


def is_stale(last_confirmed: date, *, today: date, stale_days: int) -> bool:
    """True when a listing was not confirmed for more than `stale_days`."""
    return (today - last_confirmed) > timedelta(days=stale_days)


def opportunity_public(
    opp: Opportunity, *, today: date | None = None, stale_days: int = 183
) -> dict[str, Any]:
    """The API's opportunity object, with `full` and `stale` derived."""
    today = today or date.today()
    data: dict[str, Any] = {"id": opp.id, "source": opp.source, "source_id": opp.source_id}
    for name in PUBLIC_FIELDS:
        data[name] = opp.provider_name if name == "provider" else getattr(opp, name)
    data["last_confirmed"] = opp.last_confirmed.isoformat() if opp.last_confirmed else None
    data["full"] = opp.places_left == 0
    data["stale"] = is_stale(confirmed_on(opp), today=today, stale_days=stale_days)
    return data


def export_line(opp: Opportunity) -> dict[str, Any]:
    """One native-format line: the source's own id as `id`, so the export re-imports onto the same item."""
    data = opportunity_public(opp)
    data["id"] = opp.source_id
    for derived in ("source_id", "full", "stale"):
        data.pop(derived)
    return data


@dataclass(frozen=True)
class OpportunityFilter:
    """What the browse page and `GET /api/v1/opportunities` filter on."""

    kind: str | None = None
    near: tuple[float, float] | None = None
    radius_km: float | None = None
    talent: str | None = None
    q: str | None = None
    include_withdrawn: bool = False


def list_opportunities(
    session: Session, *, where: OpportunityFilter, limit: int = 50, offset: int = 0
) -> tuple[list[tuple[Opportunity, float | None]], int]:
    """Matching opportunities with their distance (nearest first when `near` is given) and the total."""
    query = select(Opportunity)
    if not where.include_withdrawn:
        query = query.where(Opportunity.status == "active")
    if where.kind:
        query = query.where(Opportunity.kind == where.kind)
    if where.q:
        pattern = f"%{where.q.strip().lower()}%"
        query = query.where(
            or_(
                func.lower(Opportunity.title).like(pattern),
                func.lower(Opportunity.description).like(pattern),
                func.lower(Opportunity.provider_name).like(pattern),
            )
        )
    if where.near is not None and where.radius_km is not None:
        south, west, north, east = bbox_around(*where.near, where.radius_km)
        query = query.where(
            col(Opportunity.lat).between(south, north), col(Opportunity.lon).between(west, east)
        )
    rows = list(session.exec(query.order_by(col(Opportunity.title), col(Opportunity.id))))
    if where.talent:
        rows = [r for r in rows if where.talent in r.talents]
    results: list[tuple[Opportunity, float | None]] = []
    for row in rows:
        distance = haversine_km(*where.near, row.lat, row.lon) if where.near else None
        if distance is not None and where.radius_km is not None and distance > where.radius_km:
            continue
        results.append((row, distance))
    if where.near is not None:
        results.sort(key=lambda pair: (pair[1], pair[0].title, pair[0].id))
    return results[offset : offset + limit], len(results)


def get_opportunity(session: Session, *, opportunity_id: int) -> Opportunity | None:
    """One opportunity by Opstap's own id."""
    return session.get(Opportunity, opportunity_id)


def iter_opportunities(session: Session, *, source: str | None = None) -> Iterator[Opportunity]:
    """Every opportunity (optionally of one source), in id order, for export."""
    query = select(Opportunity).order_by(col(Opportunity.id))
    if source:
        query = query.where(Opportunity.source == source)
    yield from session.exec(query.execution_options(yield_per=1000))


def set_places_left(session: Session, *, opportunity_id: int, places_left: int | None) -> None:
    """Change places left (a provider's one-tap update) and mark the catalogue changed."""
    if places_left is not None and places_left < 0:
        raise ValueError("places_left cannot be negative")
    session.execute(
        update(Opportunity)
        .where(col(Opportunity.id) == opportunity_id)
        .values(places_left=places_left, updated_at=utcnow())
    )
    bump_version(session)
    # Imported here, not at the top: matching.waiting builds on the catalogue's tables.
    from matching.waiting import open_places

    open_places(session, opportunity_ids=[opportunity_id])


# --- writes a provider makes (provider pages and the provider API share them) ----------------------

PLACE_STEPS: tuple[str, ...] = ("up", "down", "full", "unknown")


class ListingError(DomainError):
    """A provider's change to a listing that cannot be made; the message names the field."""


def places_after(current: int | None, *, step: str, typed: str | None = None) -> int | None:
    """Places left after a one-tap step ('up', 'down', 'full', 'unknown') or a typed number."""
    if step == "up":
        return min((current or 0) + 1, MAX_PLACES)
    if step == "down":
        return max(0, (current or 0) - 1)
    if step == "full":
        return 0
    if step == "unknown":
        return None
    text = (typed or "").strip()
    if not text.isdigit():
        raise ListingError(f"places_left: must be a whole number of 0 or more, got {text!r}")
    if int(text) > MAX_PLACES:
        raise ListingError(f"places_left: at most {MAX_PLACES}")
    return int(text)


def update_places_left(
    session: Session, *, opp: Opportunity, places_left: int | None, today: date | None = None
) -> None:
    """Set places left; a provider who counts places also confirms the listing."""
    if places_left is not None and not 0 <= places_left <= MAX_PLACES:
        raise ListingError(f"places_left: must be from 0 to {MAX_PLACES}, got {places_left}")
    opp.last_confirmed = today or date.today()
    session.add(opp)
    session.flush()
    assert opp.id is not None
    set_places_left(session, opportunity_id=opp.id, places_left=places_left)
    session.refresh(opp)


def confirm_listing(session: Session, *, opp: Opportunity, today: date | None = None) -> None:
    """The listing is still valid: its confirmation date becomes today."""
    opp.last_confirmed = today or date.today()
    opp.updated_at = utcnow()
    session.add(opp)
    bump_version(session)


def set_listing_status(session: Session, *, opp: Opportunity, withdrawn: bool) -> None:
    """Take a listing out of the catalogue, or put it back."""
    opp.status = "withdrawn" if withdrawn else "active"
    opp.updated_at = utcnow()
    session.add(opp)
    bump_version(session)


def save_listing(
    session: Session,
    *,
    provider: Provider,
    opp: Opportunity | None,
    source_id: str,
    columns: dict[str, Any],
    content_hash: str,
) -> Opportunity:
    """Create or change a provider's own listing from validated catalogue columns; it counts as confirmed."""
    assert provider.id is not None
    now = utcnow()
    if opp is None:
        source = f"provider-{provider.id}"
        opp = Opportunity(
            source=source, source_id=source_id, provider_id=provider.id, first_seen=now, **columns
        )
        session.add(opp)
        session.flush()
        assert opp.id is not None
        session.add(SourceRecord(source=source, source_id=source_id, opportunity_id=opp.id))
    else:
        for name, value in columns.items():
            setattr(opp, name, value)
    opp.provider_id = provider.id
    opp.last_confirmed = date.today()
    opp.updated_at = now
    opp.content_hash = content_hash
    session.add(opp)
    bump_version(session)
    return opp
