"""The match service: a per-process index that reloads when the catalogue version changes, and the API document."""

from __future__ import annotations

import logging
import threading
import time
import weakref
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy.engine import Engine as DbEngine
from sqlmodel import Session, col, select

from matching.catalogue import catalogue_version, opportunity_public
from matching.engine import Engine, MatchResult, ProfileError, note_document, parse_profile
from matching.index_loader import load_index, refresh_index
from matching.geo import lookup_postcode
from matching.models import Opportunity
from matching.taxonomy import default_taxonomy
from matching.taxonomy_store import current_taxonomy, with_taxonomy
from matching.vocab import UI_LANGUAGES

log = logging.getLogger(__name__)
MAX_LIMIT = 50


@dataclass
class _Cached:
    version: int
    engine: Engine
    newest: datetime | None  # newest updated_at the index has seen
    built: float  # time.monotonic() of the last full build


class IndexCache:
    """One match engine per database, refreshed when `catalogue_version` moves (one small query per match).

    A small catalogue is simply rebuilt. A large one is patched with the rows changed since the last
    look (a provider's places-left tap costs milliseconds, not a rebuild of 500,000 items); a new or
    moved item, or a full rebuild older than `full_every` seconds, rebuilds it, so a write that
    committed late with an old `updated_at` (a long import) is picked up within that time at worst.
    """

    def __init__(self, *, rebuild_below: int = 20_000, full_every: float = 900.0, margin_s: float = 600.0) -> None:
        self._lock = threading.Lock()
        self._cached: weakref.WeakKeyDictionary[DbEngine, _Cached] = weakref.WeakKeyDictionary()
        self.rebuild_below, self.full_every, self.margin = rebuild_below, full_every, timedelta(seconds=margin_s)
        self.rebuilds = self.patches = 0

    def engine_for(self, db: DbEngine, session: Session, *, stale_days: int) -> Engine:
        """The engine for the current catalogue, refreshed if any process changed it."""
        version = catalogue_version(session)
        cached = self._cached.get(db)
        if cached is not None and cached.version == version and cached.engine.stale_days == stale_days:
            return cached.engine
        with self._lock:
            cached = self._cached.get(db)
            if cached is not None and cached.engine.stale_days == stale_days:
                if cached.version == version:
                    return cached.engine
                if self._patch(db, cached):
                    return cached.engine
            return self._rebuild(db, stale_days)

    def _patch(self, db: DbEngine, cached: _Cached) -> bool:
        index = cached.engine.index
        too_old = time.monotonic() - cached.built > self.full_every
        if index.size < self.rebuild_below or too_old or cached.newest is None:
            return False
        started = time.perf_counter()
        with Session(db) as fresh:
            refreshed = refresh_index(fresh, index, since=cached.newest - self.margin)
        if refreshed is None:
            return False
        cached.version, cached.newest = refreshed[0], refreshed[1] or cached.newest
        self.patches += 1
        log.info("match index v%s patched in %.3fs", cached.version, time.perf_counter() - started)
        return True

    def _rebuild(self, db: DbEngine, stale_days: int) -> Engine:
        started = time.perf_counter()
        with Session(db) as fresh:
            version, newest, index = load_index(fresh)
        engine = Engine(index, taxonomy=default_taxonomy(), stale_days=stale_days)
        self._cached[db] = _Cached(version, engine, newest, time.monotonic())
        self.rebuilds += 1
        log.info("match index v%s: %d items in %.2fs", version, index.size, time.perf_counter() - started)
        return engine

    def clear(self) -> None:
        """Forget every index (tests)."""
        with self._lock:
            self._cached.clear()


CACHE = IndexCache()



def match_document(
    db: DbEngine,
    profile: dict[str, Any],
    *,
    lang: str = "nl",
    limit: int = 10,
    stale_days: int = 183,
    today: date | None = None,
) -> dict[str, Any]:
    """The API document of PRODUCT §6 for a profile, on a given database (also used by the CLI)."""
    if lang not in UI_LANGUAGES:
        raise ProfileError("lang", f"must be one of {', '.join(UI_LANGUAGES)}, got {lang!r}")
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
        raise ProfileError("limit", f"must be a whole number from 1 to {MAX_LIMIT}, got {limit!r}")
    today = today or date.today()
    with Session(db, expire_on_commit=False) as session:
        parsed = parse_profile(
            profile, postcode_lookup=lambda pc: lookup_postcode(session, postcode=pc)
        )
        engine = CACHE.engine_for(db, session, stale_days=stale_days)
        # The coordinator's taxonomy edits have their own version: the index is not rebuilt for them.
        engine = with_taxonomy(engine, current_taxonomy(db, session))
        result = engine.match(parsed, today=today, limit=limit)
        return _document(session, result, lang=lang, engine=engine, today=today)


def _document(
    session: Session, result: MatchResult, *, lang: str, engine: Engine, today: date
) -> dict[str, Any]:
    ids = [s.id for s in result.suggestions]
    rows = (
        {o.id: o for o in session.exec(select(Opportunity).where(col(Opportunity.id).in_(ids)))}
        if ids
        else {}
    )
    suggestions = []
    for suggestion in result.suggestions:
        opp = rows.get(suggestion.id)
        if opp is None:  # removed since the index was built; the next match reloads
            continue
        suggestions.append(
            {
                "opportunity": opportunity_public(opp, today=today, stale_days=engine.stale_days),
                "score": suggestion.score,
                "distance_km": suggestion.distance_km,
                "phase": suggestion.phase,
                "reasons": [note_document(n, lang, engine.taxonomy) for n in suggestion.reasons],
                "cautions": [note_document(n, lang, engine.taxonomy) for n in suggestion.cautions],
            }
        )
    return {"suggestions": suggestions, "not_understood": list(result.not_understood)}

