"""Facts for a coach's to-do list no other row records: a help request came, a place opened."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, Session, SQLModel, col, or_, select

from matching.accounts import User
from matching.models import utcnow

NOTICE_KINDS: tuple[str, ...] = ("help_request", "waitlist_opened")


class CoachNotice(SQLModel, table=True):
    """Something waiting for an organisation's coaches (or one coach) until it is marked done."""

    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = Field(default_factory=utcnow, index=True)
    kind: str = Field(max_length=20)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    user_id: int | None = Field(default=None, foreign_key="useraccount.id", index=True)
    person_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    proposal_id: int | None = Field(default=None, foreign_key="proposal.id")
    help_request_id: int | None = Field(default=None, foreign_key="helprequest.id")
    done_at: datetime | None = None


def add_notice(
    session: Session,
    *,
    kind: str,
    organisation_id: int,
    user_id: int | None = None,
    person_id: int | None = None,
    proposal_id: int | None = None,
    help_request_id: int | None = None,
) -> CoachNotice:
    """Store a to-do fact in the caller's transaction."""
    if kind not in NOTICE_KINDS:
        raise ValueError(f"kind must be one of {', '.join(NOTICE_KINDS)}, got {kind!r}")
    notice = CoachNotice(
        kind=kind, organisation_id=organisation_id, user_id=user_id, person_id=person_id,
        proposal_id=proposal_id, help_request_id=help_request_id,
    )  # fmt: skip
    session.add(notice)
    return notice


def open_notices(session: Session, *, user: User) -> list[CoachNotice]:
    """Open notices for this coach: their organisation's and their own; oldest first."""
    if user.organisation_id is None:
        return []
    query = (
        select(CoachNotice)
        .where(
            CoachNotice.organisation_id == user.organisation_id,
            col(CoachNotice.done_at).is_(None),
            or_(col(CoachNotice.user_id).is_(None), col(CoachNotice.user_id) == user.id),
        )
        .order_by(col(CoachNotice.created_at), col(CoachNotice.id))
    )
    return list(session.exec(query))


def mark_done(session: Session, *, notice: CoachNotice) -> None:
    """The coach dealt with it: it leaves the to-do list."""
    notice.done_at = notice.done_at or utcnow()
    session.add(notice)


def close_notices(
    session: Session, *, help_request_id: int | None = None, proposal_id: int | None = None
) -> None:
    """A help request was taken or a proposal answered: its notices are done for everyone."""
    query = select(CoachNotice).where(col(CoachNotice.done_at).is_(None))
    if help_request_id is not None:
        query = query.where(CoachNotice.help_request_id == help_request_id)
    elif proposal_id is not None:
        query = query.where(CoachNotice.proposal_id == proposal_id)
    else:
        return
    for notice in session.exec(query):
        mark_done(session, notice=notice)
