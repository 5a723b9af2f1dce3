"""`opstap sources` (the configured sources and their last runs) and `opstap scheduler`."""

from __future__ import annotations

import logging
import signal
from types import FrameType

import click
from rich.table import Table
from sqlmodel import Session

from importers.runner import last_run_of
from importers.scheduler import build_scheduler
from importers.sources import Source, SourcesError, load_sources
from matching.migrate import upgrade
from web.cli.common import Context, console, fail, pass_context
from web.cli.mail import add_mail_jobs


def configured_sources(ctx: Context) -> list[Source]:
    """The sources of OPSTAP_SOURCES; a malformed file ends the command with its message."""
    try:
        return load_sources(ctx.settings.sources_file)
    except SourcesError as exc:
        fail(str(exc))
        raise AssertionError("unreachable") from exc


def _last_run_text(ctx: Context, name: str) -> str:
    with Session(ctx.engine) as session:
        run = last_run_of(session, source=name)
    if run is None:
        return "never run"
    when = run.started_at.strftime("%Y-%m-%d %H:%M")
    if run.status != "success":
        return f"{when} {run.status.upper()}: {run.error or ''}".strip()
    return (
        f"{when} ok: +{run.added} ~{run.updated} ={run.unchanged} -{run.retired} "
        f"rejected {run.rejected} ({run.duration_s or 0:.1f}s)"
    )


@click.command("sources")
@pass_context
def sources_command(ctx: Context) -> None:
    """List the sources of the sources file (OPSTAP_SOURCES) with their schedule and last run."""
    sources = configured_sources(ctx)
    if not sources:
        console.print(f"no sources configured in {ctx.settings.sources_file}", highlight=False)
        return
    upgrade(ctx.engine)
    if console.is_terminal:
        table = Table("source", "format", "kind", "schedule", "location", "last run")
        for s in sources:
            schedule = (s.schedule or "-") + ("" if s.enabled else " (off)")
            table.add_row(
                s.name,
                s.format or "(guess)",
                s.kind or "-",
                schedule,
                s.location,
                _last_run_text(ctx, s.name),
            )
        console.print(table)
        return
    for s in sources:
        schedule = (s.schedule or "-") + ("" if s.enabled else " (off)")
        click.echo(
            f"{s.name}\t{s.format or '(guess)'}\t{s.kind or '-'}\t{schedule}\t{s.location}\t{_last_run_text(ctx, s.name)}"
        )


@click.command("scheduler")
@pass_context
def scheduler_command(ctx: Context) -> None:
    """Run the enabled sources on their cron schedules (run ONE such process; a second one only waits)."""
    logging.basicConfig(
        level=ctx.settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    sources = configured_sources(ctx)
    upgrade(ctx.engine)
    scheduler = build_scheduler(ctx.engine, settings=ctx.settings, sources=sources)
    if not scheduler.get_jobs():
        console.print(
            f"no enabled source with a schedule in {ctx.settings.sources_file}", highlight=False
        )
    add_mail_jobs(scheduler, ctx.engine, ctx.settings)
    jobs = scheduler.get_jobs()
    for job in jobs:
        console.print(f"scheduled {job.name}: {job.trigger}", highlight=False, markup=False)

    def stop(_signum: int, _frame: FrameType | None) -> None:
        scheduler.shutdown(wait=True)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    console.print("scheduler running (Ctrl+C stops it)", highlight=False)
    scheduler.start()
