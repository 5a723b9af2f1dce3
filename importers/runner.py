"""One import run: read a source, land its good records in one transaction, record what happened."""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from importers.base import Adapter, Deleted, RowError, SourceUnreadable
from importers.landing import Landing
from importers.locks import SourceLock
from importers.normalise import ItemContext
from importers.pg_landing import PgLanding
from matching.mail import notify
from matching.models import ImportRejection, ImportRun, utcnow
from matching.waiting import open_places

log = logging.getLogger(__name__)

Progress = Callable[[int], None]
# What a person reads when an adapter or the database failed in a way no check foresaw.
UNEXPECTED_RECORD = (
    "this record has a value of a type, shape or size the importer cannot read; "
    "check its fields against the format"
)
UNEXPECTED_RUN = (
    "the import stopped on an unexpected problem and changed nothing; "
    "the server log has the details"
)
UNREADABLE_RECORD = (
    ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError, RecursionError,
)  # fmt: skip
PROGRESS_EVERY = 200


@dataclass(frozen=True)
class Rejection:
    """A record the run did not take: where it was and why."""

    row: int
    reason: str
    excerpt: str = ""


@dataclass
class RunResult:
    """What one run did."""

    source: str
    run_id: int | None = None
    status: str = "running"  # running | success | failed | busy
    added: int = 0
    merged: int = 0  # of `added`: listings joined to the same item from another source
    updated: int = 0
    unchanged: int = 0
    retired: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)  # records left out on purpose, by reason
    duration_s: float = 0.0
    error: str | None = None

    @property
    def rejected(self) -> int:
        """How many records were rejected."""
        return len(self.rejections)

    def summary(self) -> str:
        """One line for a log or CI: the counts and the outcome."""
        if self.status == "failed":
            return f"{self.source}: FAILED, catalogue unchanged: {self.error}"
        if self.status == "busy":
            return f"{self.source}: not run: {self.error}"
        merged = f" ({self.merged} merged with another source)" if self.merged else ""
        counts = (
            f"added {self.added}{merged}, updated {self.updated}, unchanged {self.unchanged}, "
            f"retired {self.retired}, rejected {self.rejected}"
        )
        if self.skipped:
            reasons = ", ".join(f"{reason}: {n}" for reason, n in sorted(self.skipped.items()))
            counts += f", skipped {sum(self.skipped.values())} ({reasons})"

        return f"{self.source}: {counts} in {self.duration_s:.1f}s"


def _excerpt(data: Any) -> str:
    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False, default=str)
    return text[:200]


def raw_digest(raw: str, fingerprint: str) -> str:
    """A fingerprint of a record's raw text (plus the context it was read in)."""
    return hashlib.sha1((fingerprint + raw).encode("utf-8")).hexdigest()


def input_digest(mapped: dict[str, Any], fingerprint: str) -> str:
    """A fingerprint of what the source said about one item (plus the context it was read in).

    repr() is stable for the plain values adapters build (in the adapter's own key order) and
    several times faster than JSON; a change in that order only costs one re-derivation.
    """
    return hashlib.sha1((fingerprint + repr(mapped)).encode("utf-8")).hexdigest()


def run_import(
    engine: Engine,
    *,
    adapter: Adapter,
    source: str,
    context: ItemContext,
    retire_missing: bool = True,
    progress: Progress | None = None,
    dedup: bool = True,
) -> RunResult:
    """Run one source now. A source that cannot be read changes nothing; bad rows never stop good ones."""
    result = RunResult(source=source)
    lock = SourceLock(engine, source)
    if not lock.acquire():
        result.status, result.error = "busy", "another process is importing this source right now"
        return result
    with lock:
        return _run_locked(
            engine, adapter, source, context, result, retire_missing, progress, dedup
        )


def _run_locked(
    engine: Engine,
    adapter: Adapter,
    source: str,
    context: ItemContext,
    result: RunResult,
    retire_missing: bool,
    progress: Progress | None,
    dedup: bool,
) -> RunResult:
    started = time.perf_counter()
    with Session(engine) as session:
        # We hold the source's lock, so a run still marked running was killed before it finished.
        session.execute(
            update(ImportRun)
            .where(col(ImportRun.source) == source, col(ImportRun.status) == "running")
            .values(
                status="interrupted",
                error="the process stopped before the run finished; nothing was kept",
            )
        )
        run = ImportRun(source=source, location=adapter.location[:1000])
        session.add(run)
        session.commit()
        result.run_id = run.id
    pending_progress = 0
    try:
        with Session(engine) as session:
            if engine.dialect.name == "sqlite":
                # A bulk run touches many index pages; a larger page cache keeps them out of the WAL.
                session.connection().exec_driver_sql("PRAGMA cache_size=-65536")
            bulk = PgLanding if engine.dialect.name == "postgresql" else Landing
            landing = bulk(session, source, context, dedup=dedup)
            for record in adapter.read():
                try:
                    quick = adapter.quick_key(record)
                    digest = raw_digest(quick[1], context.fingerprint) if quick else None
                    if (
                        quick is None
                        or digest is None
                        or not landing.unchanged(record.row, quick[0], digest)
                    ):
                        mapped = adapter.to_item(record)
                        if isinstance(mapped, Deleted):
                            landing.retire([mapped.source_id])
                        else:
                            landing.take(
                                record.row,
                                mapped,
                                digest or input_digest(mapped, context.fingerprint),
                            )
                except RowError as exc:
                    result.rejections.append(Rejection(record.row, str(exc), _excerpt(record.data)))
                except UNREADABLE_RECORD as exc:
                    # An adapter met a shape it does not expect: the record is refused in words, the
                    # exception goes to the log for whoever maintains the adapter.
                    log.warning("%s: record %d: %r", source, record.row, exc)
                    result.rejections.append(
                        Rejection(record.row, UNEXPECTED_RECORD, _excerpt(record.data))
                    )
                pending_progress += 1
                if progress is not None and pending_progress >= PROGRESS_EVERY:
                    progress(pending_progress)
                    pending_progress = 0
            # Retiring is only safe after a complete, successful read of the whole source.
            read_s = time.perf_counter() - started
            landing.finish(complete=retire_missing)
            finish_s = time.perf_counter() - started - read_s
            session.commit()
            log.debug(
                "%s: read and landed in %.1fs, finished in %.1fs, committed in %.1fs",
                source,
                read_s,
                finish_s,
                time.perf_counter() - started - read_s - finish_s,
            )
            if engine.dialect.name == "sqlite":
                session.connection().exec_driver_sql(
                    "PRAGMA cache_size=-2000"
                )  # back to the default
                session.commit()
        counts = landing.counts
        result.skipped = dict(adapter.skipped)
        result.added, result.merged, result.updated = counts.added, counts.merged, counts.updated
        result.unchanged, result.retired = counts.unchanged, counts.retired
        result.status = "success"
    except SourceUnreadable as exc:
        result.status, result.error = "failed", str(exc)
    except Exception:  # an unexpected failure must still leave the catalogue as it was
        log.exception("import of %s failed", source)
        result.status, result.error = "failed", UNEXPECTED_RUN
    if progress is not None and pending_progress:
        progress(pending_progress)
    result.duration_s = time.perf_counter() - started
    _record_run(engine, result)
    return result


def _record_run(engine: Engine, result: RunResult) -> None:
    with Session(engine) as session:
        run = session.get(ImportRun, result.run_id)
        assert run is not None
        run.status = result.status
        run.finished_at = utcnow()
        run.duration_s = round(result.duration_s, 3)
        run.added, run.updated, run.unchanged = result.added, result.updated, result.unchanged
        run.retired, run.rejected, run.error = result.retired, result.rejected, result.error
        run.skipped = sum(result.skipped.values())
        session.add_all(
            ImportRejection(
                run_id=run.id or 0, row_number=r.row, reason=r.reason, excerpt=r.excerpt
            )
            for r in result.rejections
        )
        if result.status == "failed":
            notify.import_failed(session, run=run)  # the coordinators hear of it by mail
        elif result.status == "success":
            open_places(session)  # places left may have gone up for someone on a waiting list
        session.commit()


def latest_runs(session: Session, *, limit: int = 50, source: str | None = None) -> list[ImportRun]:
    """The most recent runs (optionally of one source), newest first."""
    query = select(ImportRun)
    if source:
        query = query.where(ImportRun.source == source)
    query = query.order_by(col(ImportRun.started_at).desc(), col(ImportRun.id).desc())
    return list(session.exec(query.limit(limit)))


def last_run_of(session: Session, *, source: str) -> ImportRun | None:
    """The latest run of one source."""
    query = select(ImportRun).where(ImportRun.source == source)
    return session.exec(query.order_by(col(ImportRun.id).desc())).first()


def rejections_of(session: Session, *, run_id: int, limit: int = 500) -> list[ImportRejection]:
    """The rejected rows of one run, in row order."""
    query = select(ImportRejection).where(ImportRejection.run_id == run_id)
    return list(session.exec(query.order_by(col(ImportRejection.row_number)).limit(limit)))
