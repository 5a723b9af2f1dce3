"""The catalogue side of the match index (database, never the engine itself): read active opportunities from the database into plain items and an index."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

from sqlalchemy import func, select
from sqlmodel import Session, col

from matching.catalogue import catalogue_version
from matching.engine.index import MatchIndex
from matching.engine.items import Item, schedule_mask
from matching.models import CatalogueState, Opportunity

_COLUMNS = [
    col(c)
    for c in (
        Opportunity.id, Opportunity.kind, Opportunity.provider_name, Opportunity.lat, Opportunity.lon,
        Opportunity.talents, Opportunity.talent_words, Opportunity.title, Opportunity.description,
        Opportunity.phase, Opportunity.dutch_level_min, Opportunity.languages, Opportunity.schedule,
        Opportunity.places_left, Opportunity.cost_eur_year, Opportunity.subsidy, Opportunity.age_min,
        Opportunity.age_max, Opportunity.audience, Opportunity.free_trial, Opportunity.buddy,
        Opportunity.integration_value, Opportunity.status, Opportunity.last_confirmed,
        Opportunity.first_seen,
    )
]  # fmt: skip


def _confirmed(last_confirmed: date | None, first_seen: datetime) -> date:
    # As matching.catalogue.confirmed_on: a source that never says counts from its first listing.
    return last_confirmed or first_seen.date()


def iter_items(session: Session, *, changed_since: datetime | None = None) -> Iterator[Item]:
    """Every active opportunity as an engine item; or every item (withdrawn too) changed since a time."""
    query = select(*_COLUMNS).order_by(col(Opportunity.id))
    if changed_since is None:
        query = query.where(
            col(Opportunity.status) == "active"
        )  # withdrawn ones never need ranking
    else:
        query = query.where(col(Opportunity.updated_at) >= changed_since)
    for row in session.execute(query.execution_options(yield_per=5000)):
        (oid, kind, provider, lat, lon, talents, talent_words, title, description, phase, dutch,
         languages, schedule, places, cost, subsidy, age_min, age_max, audience, trial, buddy,
         values, status, last_confirmed, first_seen) = row  # fmt: skip
        yield Item(
            id=oid,
            kind=kind,
            lat=lat,
            lon=lon,
            confirmed=_confirmed(last_confirmed, first_seen),
            provider=provider or "",
            talents=tuple(talents or ()),
            words=" ".join([title or "", *(talent_words or ()), description or ""]),
            title=title or "",
            phase=phase,
            dutch_level_min=dutch or "none",
            languages=tuple(languages or ()),
            schedule_mask=schedule_mask(schedule or ()),
            places_left=places,
            cost_eur_year=cost,
            subsidy=bool(subsidy),
            age_min=age_min,
            age_max=age_max,
            audience=audience or "everyone",
            free_trial=bool(trial),
            buddy=bool(buddy),
            integration_value=tuple(values or ()),
            status=status,
        )


def catalogue_state(session: Session) -> tuple[int, str]:
    """(version, changed_at as text): together they name one catalogue state, also across a restore."""
    row = session.execute(
        select(col(CatalogueState.version), col(CatalogueState.changed_at)).where(
            col(CatalogueState.id) == 1
        )
    ).first()
    return (int(row[0]), row[1].isoformat()) if row else (0, "")


def last_change(session: Session) -> datetime | None:
    """The newest `updated_at` in the catalogue: where the next incremental refresh starts looking."""
    return session.execute(select(func.max(col(Opportunity.updated_at)))).scalar()


def load_index(session: Session) -> tuple[int, datetime | None, MatchIndex]:
    """(catalogue version, newest change, index); the version is read first, so it never claims newer rows."""
    version = catalogue_version(session)
    newest = last_change(session)
    return version, newest, MatchIndex.build(iter_items(session))


def refresh_index(
    session: Session, index: MatchIndex, *, since: datetime
) -> tuple[int, datetime | None] | None:
    """Patch the index with the items changed since `since`: (version, newest change), or None when it needs a rebuild."""
    version = catalogue_version(session)
    newest = last_change(session)
    if not index.patch(iter_items(session, changed_since=since)):
        return None
    return version, newest
