"""Waiting lists: a full item proposed as "waiting"; when places go up, the first in line move on.

Places left change in three ways (the provider's page, the places API, an import). Rather than hook
every writer, each listing with a waiting list has a watch row holding the places left last seen; a
sweep compares and, for an increase of k, opens the k oldest waiting proposals (first come, first
served). The watch is advanced with a compare-and-set, so two sweeps at once open each place once.
"""

from __future__ import annotations

import logging

from sqlalchemy import func, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import Field, Session, SQLModel, col, select

from matching.mail import notify
from matching.models import Opportunity, utcnow
from matching.people import Proposal, record_audit

log = logging.getLogger(__name__)


class WaitlistWatch(SQLModel, table=True):
    """A listing with people waiting, and the places left the last sweep saw."""

    __tablename__ = "waitlist_watch"

    opportunity_id: int = Field(foreign_key="opportunity.id", primary_key=True)
    places_seen: int = 0


def watch(session: Session, *, opportunity: Opportunity) -> None:
    """Start (or keep) watching a listing that someone now waits for."""
    assert opportunity.id is not None
    if session.get(WaitlistWatch, opportunity.id) is None:
        session.add(
            WaitlistWatch(opportunity_id=opportunity.id, places_seen=opportunity.places_left or 0)
        )
        session.flush()


def waiting_counts(session: Session, *, opportunity_ids: list[int]) -> dict[int, int]:
    """How many people wait for each of these listings (what the provider sees)."""
    if not opportunity_ids:
        return {}
    rows = session.exec(
        select(Proposal.opportunity_id, func.count())
        .where(col(Proposal.opportunity_id).in_(opportunity_ids), Proposal.state == "waiting")
        .group_by(col(Proposal.opportunity_id))
    )
    return {int(oid): int(n) for oid, n in rows}


def _waiting(session: Session, opportunity_id: int) -> list[Proposal]:
    return list(
        session.exec(
            select(Proposal)
            .where(Proposal.opportunity_id == opportunity_id, Proposal.state == "waiting")
            .order_by(col(Proposal.waitlisted_at), col(Proposal.id))
        )
    )


def open_places(session: Session, *, opportunity_ids: list[int] | None = None) -> int:
    """Open the waiting proposals of listings whose places went up; returns how many were opened.

    Runs in the caller's transaction (the provider's places update, or a sweep), so the coach's
    mail and to-do are stored together with the change.
    """
    query = select(WaitlistWatch, Opportunity).join(
        Opportunity, col(Opportunity.id) == col(WaitlistWatch.opportunity_id)
    )
    if opportunity_ids is not None:
        query = query.where(col(WaitlistWatch.opportunity_id).in_(opportunity_ids))
    opened = 0
    # populate_existing: places left may just have been changed by a Core UPDATE in this session.
    for watch_row, opp in list(session.exec(query.execution_options(populate_existing=True))):
        now_places = opp.places_left
        seen = watch_row.places_seen
        waiting = _waiting(session, watch_row.opportunity_id)
        if not waiting:
            session.delete(watch_row)
            continue
        if now_places is None or now_places == seen or opp.status != "active":
            continue  # unknown is not an increase; a withdrawn listing opens nothing
        # Compare-and-set: only the sweep that moves the watch from `seen` opens these places.
        moved = session.execute(
            update(WaitlistWatch)
            .where(
                col(WaitlistWatch.opportunity_id) == watch_row.opportunity_id,
                col(WaitlistWatch.places_seen) == seen,
            )
            .values(places_seen=now_places)
            .execution_options(synchronize_session=False)
        )
        if moved.rowcount != 1 or now_places < seen:  # type: ignore[attr-defined]
            continue
        for proposal in waiting[: now_places - seen]:
            proposal.state, proposal.place_opened_at = "proposed", utcnow()
            session.add(proposal)
            session.flush()
            record_audit(
                session, action="place_opened", person_id=proposal.person_id,
                proposal_id=proposal.id, actor="system",
            )  # fmt: skip
            notify.waitlist_opened(session, proposal=proposal)
            opened += 1
    session.flush()
    return opened


def sweep(engine: Engine) -> int:
    """One sweep over every watched listing in its own transaction (scheduler, mail send)."""
    with Session(engine) as session:
        try:
            opened = open_places(session)
            session.commit()
        except OperationalError:
            # SQLite: another process wrote meanwhile; its sweep did (or the next one will do) this.
            session.rollback()
            log.info("waiting-list sweep skipped: the database was busy")
            return 0
    return opened
