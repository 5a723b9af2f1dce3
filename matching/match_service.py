"""The match service: the index each process answers from, refreshed off the request path, and the API document."""

from __future__ import annotations

import logging
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlalchemy.engine import Engine as DbEngine
from sqlmodel import Session, col, select

from matching.catalogue import catalogue_version, opportunity_public
from matching.engine import Engine, MatchResult, ProfileError, note_document, parse_profile
from matching.engine.index import MatchIndex
from matching.geo import lookup_postcode
from matching.index_loader import catalogue_state, refresh_index
from matching.index_snapshot import SnapshotStore, build_from_database
from matching.index_snapshot import load as load_snapshot
from matching.models import Opportunity
from matching.profile_schema import MAX_MATCH_LIMIT, ProfileIn
from matching.taxonomy import default_taxonomy
from matching.taxonomy_store import current_taxonomy, with_taxonomy
from matching.vocab import UI_LANGUAGES

log = logging.getLogger(__name__)
MAX_LIMIT = MAX_MATCH_LIMIT


# The columns `MatchIndex.patch` writes: copied before a patch, so a mapped snapshot stays read-only
# and a request holding the previous index never sees a half-patched one.
_PATCHED = ("places", "active", "confirmed", "cost", "subsidy", "free_trial", "buddy", "age_min",
            "age_max", "audience", "dutch", "phase", "schedule", "values")  # fmt: skip


@dataclass
class Current:
    """The index a process answers from, and where it came from."""

    version: int
    changed_at: str
    newest: datetime | None  # newest updated_at the index has seen
    index: MatchIndex
    built_at: float  # wall-clock time of the last full build (a patch keeps it)
    build_s: float
    origin: str  # "snapshot" (mapped, shared by the machine's workers) or "memory"
    engines: dict[int, Engine] = field(default_factory=dict)

    def engine(self, stale_days: int) -> Engine:
        """The engine over this index for a stale-days setting (a thin wrapper, made once)."""
        found = self.engines.get(stale_days)
        if found is None:
            found = self.engines[stale_days] = Engine(
                self.index, taxonomy=default_taxonomy(), stale_days=stale_days
            )
        return found


class _Slot:
    """One database's index in this process, the lock for replacing it, and its refresher thread."""

    def __init__(self, db: DbEngine) -> None:
        self.db = weakref.ref(db)  # weak: a test's disposed database takes its thread with it
        self.current: Current | None = None
        self.lock = threading.Lock()
        self.wake = threading.Event()
        self.thread: threading.Thread | None = None
        self.stopped = False
        self.error: str | None = None


class IndexCache:
    """One match index per database per process, refreshed off the request path.

    A request reads the catalogue version (one small query) and answers from the current index. When
    the version moved, a small catalogue (below `sync_below` items) is simply rebuilt or patched in the
    request, as that costs less than a page. A large one is refreshed by a background thread: changed
    values (a provider's places-left tap) are patched onto a copy of the few columns they touch; a new
    or moved item, or a full build older than `full_every` seconds, takes a new snapshot, built once per
    machine by a child process and memory-mapped by every worker. Until the new index is swapped in
    (one reference assignment), requests keep being answered from the previous one.
    """

    def __init__(self, *, sync_below: int = 5000, full_every: float = 900.0, margin_s: float = 600.0,
                 poll_s: float = 2.0, snapshot_dir: str | None = None, background: bool = True) -> None:  # fmt: skip
        self._slots: weakref.WeakKeyDictionary[DbEngine, _Slot] = weakref.WeakKeyDictionary()
        self._guard = threading.Lock()
        self.sync_below, self.full_every, self.margin = (
            sync_below,
            full_every,
            timedelta(seconds=margin_s),
        )
        self.poll_s, self.snapshot_dir, self.background = poll_s, snapshot_dir, background
        self.rebuilds = self.patches = self.loads = 0
        # Patching reads the changed rows in this process (holding the GIL while requests wait for it):
        # worth it for a provider's tap or a small update, not for a whole import.
        self.patch_limit = 2000
        self.on_swap: Callable[[Current], None] | None = None  # e.g. the web app's metrics

    def configure(self, *, snapshot_dir: str | None, sync_below: int, poll_s: float) -> None:
        """Apply the settings (the web app and the CLI call this once)."""
        self.snapshot_dir, self.sync_below, self.poll_s = snapshot_dir or None, sync_below, poll_s

    def _slot(self, db: DbEngine) -> _Slot:
        with self._guard:
            slot = self._slots.get(db)
            if slot is None:
                slot = self._slots[db] = _Slot(db)
            return slot

    def current(self, db: DbEngine) -> Current | None:
        """The index this process answers from for a database (None before the first load)."""
        slot = self._slots.get(db)
        return slot.current if slot is not None else None

    def engine_for(self, db: DbEngine, session: Session, *, stale_days: int) -> Engine:
        """The engine to answer with now; never waits for a build once an index is loaded."""
        version = catalogue_version(session)
        slot = self._slot(db)
        current = slot.current
        if current is not None and current.version == version:
            return current.engine(stale_days)
        if current is None:
            with slot.lock:  # a cold process has nothing to answer from: load (or build) once
                if slot.current is None:
                    self._refresh(slot, db, in_request=True)
        elif current.index.size < self.sync_below and slot.lock.acquire(blocking=False):
            try:
                self._refresh(slot, db, in_request=True)
            finally:
                slot.lock.release()
        else:
            self.start(db)
            slot.wake.set()
        assert slot.current is not None
        return slot.current.engine(stale_days)

    def warm(self, db: DbEngine) -> Current:
        """Load (or build) the index now and start the refresher: gunicorn's post_worker_init calls this."""
        slot = self._slot(db)
        with slot.lock:
            if slot.current is None:
                self._refresh(slot, db, in_request=False)
        self.start(db)
        assert slot.current is not None
        return slot.current

    def refresh_now(self, db: DbEngine) -> Current:
        """Bring this process's index up to the catalogue now (tests, the CLI); requests never call this."""
        slot = self._slot(db)
        with slot.lock:
            self._refresh(slot, db, in_request=False)
        assert slot.current is not None
        return slot.current

    def start(self, db: DbEngine) -> None:
        """Start this database's refresher thread (once per process)."""
        slot = self._slot(db)
        if not self.background:
            return
        with self._guard:
            if slot.thread is None or not slot.thread.is_alive():
                slot.stopped = False
                slot.thread = threading.Thread(
                    target=self._run, args=(slot,), name="opstap-index-refresh", daemon=True
                )
                slot.thread.start()

    def _run(self, slot: _Slot) -> None:
        while not slot.stopped:
            slot.wake.wait(self.poll_s)
            slot.wake.clear()
            db = slot.db()
            if db is None or slot.stopped:
                return
            try:
                with slot.lock:
                    self._refresh(slot, db, in_request=False)
                slot.error = None
            except Exception as exc:  # keep answering from the previous index; try again later
                slot.error = f"{type(exc).__name__}: {exc}"
                log.exception("refreshing the match index failed")
            del db

    def _store(self, db: DbEngine) -> SnapshotStore | None:
        if not self.snapshot_dir or db.url.database in (None, "", ":memory:"):
            return None  # an in-memory database cannot be read by another process
        return SnapshotStore(Path(self.snapshot_dir), db)

    def _refresh(self, slot: _Slot, db: DbEngine, *, in_request: bool) -> None:
        before = slot.current
        self._replace(slot, db, in_request=in_request)
        if slot.current is not before and slot.current is not None and self.on_swap is not None:
            self.on_swap(slot.current)

    def _replace(self, slot: _Slot, db: DbEngine, *, in_request: bool) -> None:
        with Session(db) as session:
            version, changed_at = catalogue_state(session)
            current = slot.current
            if current is not None and (current.version, current.changed_at) == (
                version,
                changed_at,
            ):
                return
            fresh_enough = current is not None and time.time() - current.built_at < self.full_every
            if current is not None and fresh_enough and current.newest is not None:
                patched = self._patched(session, current)
                if patched is not None:
                    slot.current = patched
                    return
            store = self._store(db)
            found = store.find(version, changed_at) if store is not None else None
            large = found is None and active_count(session) >= self.sync_below
        # (The session is closed here: waiting for a build must not hold a transaction open.)
        if found is None and in_request and current is not None and large:
            self.start(db)  # too big to build inside a request: the thread takes it
            slot.wake.set()
            return
        if found is None and current is None and store is not None and large:
            # A cold worker takes the machine's latest snapshot (seconds) and catches up in the
            # background, rather than building inside gunicorn's start-up timeout.
            latest = store.latest()
            if latest is not None:
                slot.current = self._from_snapshot(latest)
                self.start(db)
                slot.wake.set()
                return
        if found is None and store is not None and large:
            found = store.ensure(version, changed_at)
        if found is not None:
            slot.current = self._from_snapshot(found)
        else:
            slot.current = self._build(db)

    def _patched(self, session: Session, current: Current) -> Current | None:
        started = time.perf_counter()
        assert current.newest is not None
        since = current.newest - self.margin
        if not patchable(session, current.index, since=since, limit=self.patch_limit):
            return None  # a new item or a large change: a rebuild (in a child process) is cheaper
        index = replace(current.index, **{n: getattr(current.index, n).copy() for n in _PATCHED})
        refreshed = refresh_index(session, index, since=since)
        if refreshed is None:
            return None
        version, newest = refreshed
        changed_at = (
            catalogue_state(session)[1] if version != current.version else current.changed_at
        )
        self.patches += 1
        log.info("match index v%s patched in %.3fs", version, time.perf_counter() - started)
        return Current(version, changed_at, newest or current.newest, index, current.built_at,
                       current.build_s, current.origin)  # fmt: skip

    def _from_snapshot(self, path: Path) -> Current:
        started = time.perf_counter()
        snap, index = load_snapshot(path)
        self.loads += 1
        log.info("match index v%s: %d items mapped from %s in %.2fs", snap.version, snap.size, path.name,
                 time.perf_counter() - started)  # fmt: skip
        return Current(
            snap.version,
            snap.changed_at,
            snap.newest,
            index,
            snap.built_at,
            snap.build_s,
            "snapshot",
        )

    def _build(self, db: DbEngine) -> Current:
        started = time.perf_counter()
        version, changed_at, newest, index = build_from_database(db)
        build_s = time.perf_counter() - started
        self.rebuilds += 1
        log.info("match index v%s: %d items built in %.2fs", version, index.size, build_s)
        return Current(version, changed_at, newest, index, time.time(), build_s, "memory")

    def clear(self) -> None:
        """Forget every index and stop the refreshers (tests)."""
        with self._guard:
            for slot in self._slots.values():
                slot.stopped = True
                slot.wake.set()
            self._slots.clear()


def patchable(session: Session, index: MatchIndex, *, since: datetime, limit: int) -> bool:
    """True when the rows changed since `since` are few and none is newer than the index's newest item."""
    changed = session.execute(
        sa_select(func.count(), func.max(col(Opportunity.id))).where(
            col(Opportunity.updated_at) >= since
        )
    ).one()
    newest_id = int(index.ids.max()) if index.size else 0
    return int(changed[0]) <= limit and (changed[1] is None or int(changed[1]) <= newest_id)


def active_count(session: Session) -> int:
    """How many items are active (what a full index would hold)."""
    return int(session.execute(
        sa_select(func.count()).select_from(Opportunity).where(col(Opportunity.status) == "active")
    ).scalar_one())  # fmt: skip


CACHE = IndexCache()


def match_document(
    db: DbEngine,
    profile: dict[str, Any] | ProfileIn,
    *,
    lang: str = "nl",
    limit: int = 10,
    stale_days: int = 183,
    today: date | None = None,
    service_area: tuple[float, float, float, float] | None = None,
) -> dict[str, Any]:
    """The API document of PRODUCT §6 for a profile, on a given database (also used by the CLI)."""
    if lang not in UI_LANGUAGES:
        raise ProfileError("lang", f"must be one of {', '.join(UI_LANGUAGES)}, got {lang!r}")
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
        raise ProfileError("limit", f"must be a whole number from 1 to {MAX_LIMIT}, got {limit!r}")
    today = today or date.today()
    with Session(db, expire_on_commit=False) as session:
        parsed = parse_profile(
            profile,
            postcode_lookup=lambda pc: lookup_postcode(session, postcode=pc),
            service_area=service_area,
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
