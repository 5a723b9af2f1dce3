"""One delivery pass: claim due outbox rows, compose each in its language, send over SMTP."""

from __future__ import annotations

import logging
import smtplib
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import formatdate

from sqlalchemy.engine import Engine
from sqlmodel import Session

from matching.accounts import User
from matching.mail.compose import ComposeError, Gettext, compose
from matching.mail.outbox import OutboxMessage, claim_batch, mark_failed, mark_sent, release
from matching.models import utcnow
from matching.settings import Settings

log = logging.getLogger(__name__)

SMTP_TIMEOUT_S = 20
BATCH = 50


@dataclass
class DeliveryReport:
    """What one pass did."""

    sent: int = 0
    retry: int = 0
    failed: int = 0
    expired: int = 0

    def summary(self) -> str:
        """One line for logs and the command line."""
        return (
            f"sent {self.sent}, to retry {self.retry}, failed {self.failed}, expired {self.expired}"
        )


def mail_enabled(settings: Settings) -> bool:
    """True when an SMTP server is configured (without one, links are shown on screen)."""
    return bool(settings.smtp_host.strip())


def _connect(settings: Settings) -> smtplib.SMTP:
    server = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=SMTP_TIMEOUT_S)
    if settings.smtp_starttls:
        server.starttls(context=ssl.create_default_context())
    if settings.smtp_user:
        server.login(settings.smtp_user, settings.smtp_password)
    return server


def _email(
    message: OutboxMessage, *, settings: Settings, subject: str, text: str, html: str
) -> EmailMessage:
    mail = EmailMessage()
    # A title with a line break must not break the header.
    mail["Subject"] = " ".join(subject.split())
    mail["From"] = settings.mail_from
    mail["To"] = message.to_address
    mail["Date"] = formatdate(localtime=False)
    domain = settings.mail_from.rsplit("@", 1)[-1].strip(" >") or "opstap.local"
    # Stable per outbox row: should a crash make us send a row again, mail systems spot the copy.
    mail["Message-ID"] = (
        f"<opstap-outbox-{message.id}-{int(message.created_at.timestamp())}@{domain}>"
    )
    mail["Auto-Submitted"] = "auto-generated"
    mail.set_content(text)
    mail.add_alternative(html, subtype="html")
    mail["Content-Language"] = message.lang  # after the body: set_content drops Content-* headers
    return mail


def _language(engine: Engine, message: OutboxMessage) -> str:
    if message.to_user_id is None:
        return message.lang
    with Session(engine) as session:
        user = session.get(User, message.to_user_id)
        return user.lang if user is not None and user.lang else message.lang


def deliver_pass(
    engine: Engine,
    *,
    settings: Settings,
    translations: Callable[[str], Gettext],
    now: datetime | None = None,
    limit: int = 1000,
    batch: int = BATCH,
) -> DeliveryReport:
    """Send what is due, up to `limit` mails; a server that is down leaves the rows for later."""
    report = DeliveryReport()
    if not mail_enabled(settings):
        return report
    done = 0
    while done < limit:
        claimed = claim_batch(engine, limit=min(batch, limit - done), now=now)
        if not claimed:
            break
        done += len(claimed)
        _send_batch(
            engine, claimed, settings=settings, translations=translations, now=now, report=report
        )
    if done:
        log.info("mail pass: %s", report.summary())
    return report


def _count(report: DeliveryReport, status: str) -> None:
    if status == "pending":
        report.retry += 1
    elif status == "failed":
        report.failed += 1
    else:
        report.expired += 1


def _send_batch(
    engine: Engine,
    batch: list[OutboxMessage],
    *,
    settings: Settings,
    translations: Callable[[str], Gettext],
    now: datetime | None,
    report: DeliveryReport,
) -> None:
    try:
        server = _connect(settings)
    except (OSError, smtplib.SMTPException) as exc:
        # The server is down or refuses us: every row waits for a later pass, nothing is lost.
        log.warning("mail server not reachable: %s", type(exc).__name__)
        for message in batch:
            _count(report, mark_failed(engine, message=message, error=f"server: {exc}", now=now))
        return
    try:
        for index, message in enumerate(batch):
            assert message.id is not None and message.claim is not None
            lang = _language(engine, message)
            try:
                composed = compose(
                    kind=message.kind, params=message.params, lang=lang,
                    translations=translations(lang), base_url=settings.base_url,
                    secret_key=settings.secret_key,
                )  # fmt: skip
                message.lang = lang
                email = _email(
                    message, settings=settings, subject=composed.subject, text=composed.text,
                    html=composed.html,
                )  # fmt: skip
            except (ComposeError, ValueError) as exc:  # ValueError: an address email cannot use
                _count(
                    report,
                    mark_failed(engine, message=message, error=str(exc), now=now, permanent=True),
                )
                continue
            try:
                server.send_message(email)
            except smtplib.SMTPRecipientsRefused as exc:
                _count(
                    report,
                    mark_failed(
                        engine, message=message, error=f"refused: {exc}", now=now, permanent=True
                    ),
                )
                continue
            except (OSError, smtplib.SMTPException) as exc:
                _count(report, mark_failed(engine, message=message, error=f"send: {exc}", now=now))
                for rest in batch[index + 1 :]:
                    release(engine, message=rest)
                return
            mark_sent(engine, message_id=message.id, claim=message.claim, now=now or utcnow())
            report.sent += 1
    finally:
        try:
            server.quit()
        except (OSError, smtplib.SMTPException):
            pass
