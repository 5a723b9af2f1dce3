"""`opstap mail send` (one delivery pass, for cron) and the mail jobs of `opstap scheduler`."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import click
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy.engine import Engine
from sqlmodel import Session

from importers.scheduler import claim_trigger
from matching.mail.delivery import DeliveryReport, deliver_pass, mail_enabled
from matching.mail.notify import queue_listing_reminders
from matching.migrate import upgrade
from matching.settings import Settings
from matching.waiting import sweep
from web.cli.common import Context, console, pass_context
from web.mail import translations_for

log = logging.getLogger(__name__)


def daily_reminders(engine: Engine) -> int:
    """Queue the "still valid?" reminders, once a day however many processes try."""
    today = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    if not claim_trigger(engine, source="mail:listing-reminders", fire_time=today):
        return 0
    with Session(engine) as session:
        queued = queue_listing_reminders(session)
        session.commit()
    return queued


def one_pass(
    engine: Engine, settings: Settings, *, batch: int = 50, limit: int = 1000
) -> tuple[int, int, DeliveryReport]:
    """Open waiting-list places, queue due reminders, then deliver what is due."""
    opened = sweep(engine)
    reminders = daily_reminders(engine)
    report = deliver_pass(
        engine, settings=settings, translations=translations_for, batch=batch, limit=limit
    )
    return opened, reminders, report


@click.group("mail")
def mail_group() -> None:
    """The mail outbox."""


@mail_group.command("send")
@click.option("--batch", default=50, show_default=True, help="Mails claimed per round.")
@click.option("--limit", default=1000, show_default=True, help="At most this many mails per pass.")
@pass_context
def send_command(ctx: Context, batch: int, limit: int) -> None:
    """One pass: open waiting-list places, queue reminders, send the mail that is due (cron)."""
    upgrade(ctx.engine)
    if not mail_enabled(ctx.settings):
        console.print("mail is off (OPSTAP_SMTP_HOST is empty): nothing sent", highlight=False)
    if batch < 1 or limit < 1:
        raise click.BadParameter("--batch and --limit must be 1 or more")
    opened, reminders, report = one_pass(ctx.engine, ctx.settings, batch=batch, limit=limit)
    click.echo(f"places opened {opened}, reminders queued {reminders}, {report.summary()}")


def add_mail_jobs(scheduler: BaseScheduler, engine: Engine, settings: Settings) -> None:
    """Every minute: waiting lists and delivery; every morning: the listing reminders."""
    scheduler.add_job(
        sweep, trigger=IntervalTrigger(minutes=1), args=(engine,), id="waiting-lists",
        name="waiting lists", replace_existing=True,
    )  # fmt: skip
    scheduler.add_job(
        daily_reminders, trigger=CronTrigger(hour=9, minute=0), args=(engine,),
        id="listing-reminders", name="listing reminders", replace_existing=True,
    )  # fmt: skip
    if mail_enabled(settings):
        scheduler.add_job(
            deliver_pass, trigger=IntervalTrigger(minutes=1), args=(engine,),
            kwargs={"settings": settings, "translations": translations_for},
            id="mail", name="mail delivery", replace_existing=True,
        )  # fmt: skip
