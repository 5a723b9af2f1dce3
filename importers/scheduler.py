"""Running sources: now (one source), or on their cron schedules with APScheduler 3 in one process."""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from importers.base import SourceUnreadable
from importers.geocode import OnlineLookup
from importers.registry import build_context, make_adapter
from importers.runner import Progress, RunResult, run_import
from importers.sources import Source, cron_trigger
from matching.mail import notify
from matching.models import ImportRun, utcnow
from matching.scheduling import ScheduledRunClaim
from matching.settings import Settings

log = logging.getLogger(__name__)

MISFIRE_GRACE_S = 60


def record_failure(engine: Engine, *, source: str, location: str, error: str) -> RunResult:
    """A run that could not even start (unknown format, bad mapping): recorded, catalogue untouched."""
    now = utcnow()
    with Session(engine) as session:
        run = ImportRun(
            source=source, location=location[:1000], status="failed", started_at=now, finished_at=now,
            duration_s=0.0, error=error,
        )  # fmt: skip
        session.add(run)
        session.flush()
        notify.import_failed(session, run=run)
        session.commit()
        run_id = run.id
    return RunResult(source=source, run_id=run_id, status="failed", error=error)


def run_source(
    engine: Engine,
    *,
    settings: Settings,
    source: Source,
    progress: Progress | None = None,
    online: OnlineLookup | None = None,
    on_total: Callable[[int | None], None] | None = None,
) -> RunResult:
    """Import one configured source now (whatever its schedule says)."""
    try:
        adapter = make_adapter(source.location, format=source.format, options=source.options())
    except SourceUnreadable as exc:
        return record_failure(engine, source=source.name, location=source.location, error=str(exc))
    if on_total is not None:
        try:
            on_total(adapter.total_hint())
        except SourceUnreadable:
            on_total(None)  # the run itself reports the problem
    context = build_context(engine, settings=settings, online=online)
    return run_import(
        engine, adapter=adapter, source=source.name, context=context, progress=progress
    )


def most_recent_fire(
    trigger: CronTrigger, now: datetime, *, lookback_s: int = MISFIRE_GRACE_S
) -> datetime:
    """The trigger time this job run belongs to: the last fire time at or before now."""
    fire: Any = trigger.get_next_fire_time(None, now - timedelta(seconds=lookback_s))
    latest: datetime | None = None
    while fire is not None and fire <= now:
        latest = fire
        fire = trigger.get_next_fire_time(fire, fire + timedelta(microseconds=1))
    return (latest or now.replace(microsecond=0)).astimezone(UTC)


def claim_trigger(engine: Engine, *, source: str, fire_time: datetime) -> bool:
    """True for the first process to claim this trigger of this source; False for any other."""
    with Session(engine) as session:
        session.add(
            ScheduledRunClaim(
                source=source,
                fire_time=fire_time,
                claimed_by=f"{socket.gethostname()}:{os.getpid()}"[:120],
            )
        )
        try:
            session.commit()
        except IntegrityError:
            session.rollback()
            return False
    return True


def scheduled_run(engine: Engine, settings: Settings, source: Source) -> None:
    """The job: claim this trigger, then run the source under its lock; skip when another process has it."""
    trigger = cron_trigger(source.schedule or "")
    fire_time = most_recent_fire(trigger, datetime.now(UTC))
    if not claim_trigger(engine, source=source.name, fire_time=fire_time):
        log.info(
            "%s: trigger %s already taken by another scheduler process",
            source.name,
            fire_time.isoformat(),
        )
        return
    result = run_source(engine, settings=settings, source=source)
    log.info("scheduled %s (trigger %s): %s", source.name, fire_time.isoformat(), result.summary())


def build_scheduler(
    engine: Engine, *, settings: Settings, sources: list[Source]
) -> BlockingScheduler:
    """A blocking scheduler with one job per enabled, scheduled source (coalesced, one instance at a time)."""
    scheduler = BlockingScheduler(
        timezone="Europe/Amsterdam",
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": MISFIRE_GRACE_S},
    )
    for source in sources:
        if not source.enabled or not source.schedule:
            continue
        scheduler.add_job(
            scheduled_run,
            trigger=cron_trigger(source.schedule),
            args=(engine, settings, source),
            id=f"import:{source.name}",
            name=f"import {source.name}",
            replace_existing=True,
        )
    return scheduler
