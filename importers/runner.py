"""One import run: read a source, land its good records in one transaction, record what happened."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from importers.base import Adapter, Deleted, RawRecord, RowError, SourceUnreadable
from importers.normalise import ItemContext, content_hash, item_values, validate_line
from matching.catalogue import bump_version, provider_id_for
from matching.models import ImportRejection, ImportRun, Opportunity, SourceRecord, utcnow

log = logging.getLogger(__name__)

Progress = Callable[[int], None]


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
    status: str = "running"
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    retired: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    duration_s: float = 0.0
    error: str | None = None

    @property
    def rejected(self) -> int:
        """How many records were rejected."""
        return len(self.rejections)

    def summary(self) -> str:
        """One line for a log or CI: the counts and the outcome."""
        counts = (
            f"added {self.added}, updated {self.updated}, unchanged {self.unchanged}, "
            f"retired {self.retired}, rejected {self.rejected}"
        )
        if self.status == "failed":
            return f"{self.source}: FAILED, catalogue unchanged: {self.error}"
        return f"{self.source}: {counts} in {self.duration_s:.1f}s"


@dataclass
class _Known:
    record_id: int
    opportunity_id: int
    content_hash: str
    listed: bool


def _excerpt(data: Any) -> str:
    text = data if isinstance(data, str) else repr(data)
    return text[:200]


class _Landing:
    """The catalogue side of one run, all inside one session/transaction."""

    def __init__(self, session: Session, source: str, context: ItemContext, result: RunResult) -> None:
        self.session = session
        self.source = source
        self.context = context
        self.result = result
        self.now = utcnow()
        self.providers: dict[str, int] = {}
        self.seen: dict[str, int] = {}  # source_id -> row where first seen in this run
        self.touched: list[int] = []  # SourceRecord ids listed again, unchanged
        self.changed = False
        self.known: dict[str, _Known] = {
            r.source_id: _Known(r.id or 0, r.opportunity_id, r.content_hash, r.listed)
            for r in session.exec(select(SourceRecord).where(SourceRecord.source == source))
        }

    def take(self, record: RawRecord, mapped: dict[str, Any] | Deleted) -> None:
        if isinstance(mapped, Deleted):
            self._retire([mapped.source_id])
            return
        item = validate_line(mapped)
        if item.id in self.seen:
            raise RowError(f"id: {item.id!r} appears twice in this source (first at row {self.seen[item.id]})")
        self.seen[item.id] = record.row
        values = item_values(item, context=self.context)
        digest = content_hash(values)
        known = self.known.get(item.id)
        if known is None:
            self._add(item.id, values, digest)
        elif known.content_hash == digest and known.listed:
            self.result.unchanged += 1
            self.touched.append(known.record_id)
        else:
            self._update(known, values, digest)

    def _add(self, source_id: str, values: dict[str, Any], digest: str) -> None:
        opp = Opportunity(
            source=self.source,
            source_id=source_id,
            provider_id=provider_id_for(self.session, name=values["provider_name"], cache=self.providers),
            content_hash=digest,
            first_seen=self.now,
            updated_at=self.now,
            **values,
        )
        self.session.add(opp)
        self.session.flush()
        assert opp.id is not None
        record = SourceRecord(
            source=self.source,
            source_id=source_id,
            opportunity_id=opp.id,
            content_hash=digest,
            first_seen=self.now,
            last_seen=self.now,
        )
        self.session.add(record)
        self.session.flush()
        self.known[source_id] = _Known(record.id or 0, opp.id, digest, True)
        self.result.added += 1
        self.changed = True

    def _update(self, known: _Known, values: dict[str, Any], digest: str) -> None:
        opp = self.session.get(Opportunity, known.opportunity_id)
        assert opp is not None
        for name, value in values.items():
            setattr(opp, name, value)
        opp.provider_id = provider_id_for(self.session, name=values["provider_name"], cache=self.providers)
        opp.content_hash = digest
        opp.updated_at = self.now
        self.session.execute(
            update(SourceRecord)
            .where(col(SourceRecord.id) == known.record_id)
            .values(content_hash=digest, listed=True, last_seen=self.now)
        )
        known.content_hash, known.listed = digest, True
        self.result.updated += 1
        self.changed = True

    def _retire(self, source_ids: list[str]) -> None:
        for source_id in source_ids:
            known = self.known.get(source_id)
            if known is None or not known.listed:
                continue
            self.session.execute(
                update(SourceRecord).where(col(SourceRecord.id) == known.record_id).values(listed=False)
            )
            known.listed = False
            still_listed = self.session.exec(
                select(SourceRecord.id).where(
                    SourceRecord.opportunity_id == known.opportunity_id, col(SourceRecord.listed).is_(True)
                )
            ).first()
            if still_listed is None:
                self.session.execute(
                    update(Opportunity)
                    .where(col(Opportunity.id) == known.opportunity_id)
                    .values(status="withdrawn", updated_at=self.now)
                )
            self.result.retired += 1
            self.changed = True

    def finish(self, *, complete: bool) -> None:
        for start in range(0, len(self.touched), 500):
            chunk = self.touched[start : start + 500]
            self.session.execute(
                update(SourceRecord).where(col(SourceRecord.id).in_(chunk)).values(last_seen=self.now)
            )
        if complete:
            missing = [sid for sid, k in self.known.items() if k.listed and sid not in self.seen]
            self._retire(missing)
        if self.changed:
            bump_version(self.session)


def run_import(
    engine: Engine,
    *,
    adapter: Adapter,
    source: str,
    context: ItemContext,
    retire_missing: bool = True,
    progress: Progress | None = None,
) -> RunResult:
    """Run one source now. A source that cannot be read changes nothing; bad rows never stop good ones."""
    result = RunResult(source=source)
    started = time.perf_counter()
    with Session(engine) as session:
        run = ImportRun(source=source, location=adapter.location[:1000])
        session.add(run)
        session.commit()
        result.run_id = run.id
    try:
        with Session(engine) as session:
            landing = _Landing(session, source, context, result)
            for record in adapter.read():
                try:
                    landing.take(record, adapter.to_item(record))
                except RowError as exc:
                    result.rejections.append(Rejection(record.row, str(exc), _excerpt(record.data)))
                if progress is not None:
                    progress(1)
            # Retiring is only safe after a complete, successful read of the whole source.
            landing.finish(complete=retire_missing)
            session.commit()
        result.status = "success"
    except SourceUnreadable as exc:
        result.status, result.error = "failed", str(exc)
    except Exception as exc:  # an unexpected failure must still leave the catalogue as it was
        log.exception("import of %s failed", source)
        result.status, result.error = "failed", f"{type(exc).__name__}: {exc}"
    if result.status == "failed":
        result.added = result.updated = result.unchanged = result.retired = 0
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
        session.add_all(
            ImportRejection(run_id=run.id or 0, row_number=r.row, reason=r.reason, excerpt=r.excerpt)
            for r in result.rejections
        )
        session.commit()


def latest_runs(session: Session, *, limit: int = 50) -> list[ImportRun]:
    """The most recent runs, newest first."""
    query = select(ImportRun).order_by(col(ImportRun.started_at).desc(), col(ImportRun.id).desc())
    return list(session.exec(query.limit(limit)))


def last_run_of(session: Session, *, source: str) -> ImportRun | None:
    """The latest run of one source."""
    query = select(ImportRun).where(ImportRun.source == source)
    return session.exec(query.order_by(col(ImportRun.id).desc())).first()

