"""The mail outbox: rows written in the event's own transaction, claimed once, sent with retries.

A row holds *what* to say (kind, recipient, language, a few plain parameters), not the text: the
text is composed when it is sent, in the recipient's current language. Claiming is one atomic
UPDATE (on PostgreSQL its sub-select also takes `FOR UPDATE SKIP LOCKED`), so two `opstap mail
send` processes never take the same row, and a row is marked sent in its own commit right after
the SMTP server took it.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import JSON, Column, Text, and_, delete, or_, update
from sqlalchemy.engine import Engine
from sqlmodel import Field, Session, SQLModel, col, func, select

from matching.models import utcnow

STATUSES: tuple[str, ...] = ("pending", "sending", "sent", "failed", "expired")
MAX_ATTEMPTS = 12
FIRST_RETRY_S = 60
LONGEST_RETRY_S = 6 * 3600
# A claim older than this belongs to a process that died mid-send; the row is tried again.
CLAIM_TIMEOUT = timedelta(minutes=15)
# Mail that could not be sent for a week is no news any more (links in it have expired too).
MAX_AGE = timedelta(days=7)


class OutboxMessage(SQLModel, table=True):
    """One mail to one recipient, waiting to be composed and sent (or sent, failed, expired)."""

    __tablename__ = "mail_outbox"

    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = Field(default_factory=utcnow)
    kind: str = Field(max_length=40)
    to_address: str = Field(max_length=254)
    to_user_id: int | None = Field(default=None, foreign_key="useraccount.id", index=True)
    lang: str = Field(default="nl", max_length=8)
    # The newcomer the mail is about (no foreign key: erasing the person deletes their unsent mail).
    person_id: int | None = Field(default=None, index=True)
    params: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    status: str = Field(default="pending", max_length=8, index=True)
    attempts: int = 0
    next_attempt_at: datetime = Field(default_factory=utcnow, index=True)
    claim: str | None = Field(default=None, max_length=32, index=True)
    claimed_at: datetime | None = None
    sent_at: datetime | None = None
    last_error: str | None = Field(default=None, sa_column=Column(Text, nullable=True))


def enqueue(
    session: Session,
    *,
    kind: str,
    to_address: str,
    lang: str = "nl",
    params: dict[str, Any] | None = None,
    to_user_id: int | None = None,
    person_id: int | None = None,
) -> OutboxMessage:
    """Add a mail to the outbox in the caller's transaction (it is sent only if that commits)."""
    message = OutboxMessage(
        kind=kind,
        to_address=to_address.strip(),
        to_user_id=to_user_id,
        person_id=person_id,
        lang=lang or "nl",
        params=dict(params or {}),
    )
    session.add(message)
    return message


def forget_person(session: Session, *, person_id: int) -> None:
    """Erasure: unsent mail about the person goes; sent rows (without parameters) lose the link."""
    session.execute(
        delete(OutboxMessage).where(
            col(OutboxMessage.person_id) == person_id, col(OutboxMessage.status) != "sent"
        )
    )
    session.execute(
        update(OutboxMessage)
        .where(col(OutboxMessage.person_id) == person_id)
        .values(person_id=None, params={})
    )


def retry_delay(attempts: int) -> timedelta:
    """Back-off after `attempts` failed tries: 1, 2, 4, 8 … minutes, at most six hours."""
    return timedelta(seconds=min(FIRST_RETRY_S * 2 ** max(attempts - 1, 0), LONGEST_RETRY_S))


def claim_batch(
    engine: Engine, *, limit: int = 50, now: datetime | None = None
) -> list[OutboxMessage]:
    """Atomically take up to `limit` due rows for this process and return them (committed)."""
    now = now or utcnow()
    token = secrets.token_hex(16)
    due = or_(
        and_(col(OutboxMessage.status) == "pending", col(OutboxMessage.next_attempt_at) <= now),
        and_(
            col(OutboxMessage.status) == "sending",
            col(OutboxMessage.claimed_at) < now - CLAIM_TIMEOUT,
        ),
    )
    pick = select(OutboxMessage.id).where(due).order_by(col(OutboxMessage.id)).limit(limit)
    if engine.dialect.name == "postgresql":
        pick = pick.with_for_update(skip_locked=True)
    with Session(engine, expire_on_commit=False) as session:
        # The outer WHERE repeats the condition, so a row another process claimed meanwhile is left.
        session.execute(
            update(OutboxMessage)
            .where(col(OutboxMessage.id).in_(pick.scalar_subquery()), due)
            .values(status="sending", claim=token, claimed_at=now)
            .execution_options(synchronize_session=False)
        )
        session.commit()
        rows = session.exec(
            select(OutboxMessage)
            .where(OutboxMessage.claim == token)
            .order_by(col(OutboxMessage.id))
        )
        return list(rows)


def mark_sent(engine: Engine, *, message_id: int, claim: str, now: datetime | None = None) -> None:
    """Sent: record it and drop the parameters (they may hold a one-time link)."""
    _finish(
        engine,
        message_id,
        claim,
        status="sent",
        sent_at=now or utcnow(),
        params={},
        last_error=None,
    )


def mark_failed(
    engine: Engine,
    *,
    message: OutboxMessage,
    error: str,
    now: datetime | None = None,
    permanent: bool = False,
) -> str:
    """A try failed: back off and retry later, or give up after MAX_ATTEMPTS; returns the status."""
    now = now or utcnow()
    attempts = message.attempts + 1
    if now - message.created_at > MAX_AGE:
        status = "expired"
    elif permanent or attempts >= MAX_ATTEMPTS:
        status = "failed"
    else:
        status = "pending"
    assert message.id is not None and message.claim is not None
    _finish(
        engine, message.id, message.claim, status=status, attempts=attempts,
        next_attempt_at=now + retry_delay(attempts), last_error=error[:2000], claim=None,
        params={} if status in ("failed", "expired") else message.params,
    )  # fmt: skip
    return status


def release(engine: Engine, *, message: OutboxMessage) -> None:
    """Give a claimed row back untouched (the pass stopped before trying it)."""
    assert message.id is not None and message.claim is not None
    _finish(engine, message.id, message.claim, status="pending", claim=None, claimed_at=None)


def _finish(engine: Engine, message_id: int, own_claim: str, **values: Any) -> None:
    # Only while this process still holds the claim (a row re-claimed after a timeout is not ours).
    with Session(engine) as session:
        session.execute(
            update(OutboxMessage)
            .where(col(OutboxMessage.id) == message_id, col(OutboxMessage.claim) == own_claim)
            .values(**values)
            .execution_options(synchronize_session=False)
        )
        session.commit()


@dataclass(frozen=True)
class OutboxStatus:
    """What the coordinator's mail page shows: counts per status and the oldest waiting row."""

    counts: dict[str, int]
    oldest_pending: datetime | None
    recent_problems: list[OutboxMessage]


def outbox_status(session: Session) -> OutboxStatus:
    """Counts per status, the oldest waiting mail and the latest failures."""
    counts = dict.fromkeys(STATUSES, 0)
    for status, n in session.exec(
        select(OutboxMessage.status, func.count()).group_by(col(OutboxMessage.status))
    ):
        counts[status] = int(n)
    oldest = session.exec(
        select(func.min(OutboxMessage.created_at)).where(
            col(OutboxMessage.status).in_(["pending", "sending"])
        )
    ).first()
    problems = list(
        session.exec(
            select(OutboxMessage)
            .where(col(OutboxMessage.last_error).is_not(None), col(OutboxMessage.status) != "sent")
            .order_by(col(OutboxMessage.id).desc())
            .limit(20)
        )
    )
    return OutboxStatus(counts=counts, oldest_pending=oldest, recent_problems=problems)
