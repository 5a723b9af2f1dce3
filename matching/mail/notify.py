"""Who is told what: each event puts its mails in the outbox in the event's own transaction.

Links are stored as paths with a `{lang}` placeholder; they are completed in the recipient's
language when the mail is composed. Of a newcomer, a mail carries only the first name.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import and_, or_
from sqlmodel import Session, col, select

from matching.accounts import User
from matching.coverage import active_coaches, active_coordinators, covering_organisations
from matching.help_requests import HelpRequest
from matching.mail.outbox import enqueue
from matching.models import ImportRun, Opportunity, Provider, utcnow
from matching.people import Person, Proposal

# A provider is reminded monthly of listings not confirmed for this long (stale comes at 183 days).
REMIND_AFTER_DAYS = 150
REMIND_EVERY_DAYS = 30


def _to_users(
    session: Session,
    users: Iterable[User],
    *,
    kind: str,
    params: dict[str, object],
    person_id: int | None = None,
) -> int:
    count = 0
    for user in users:
        if user.status != "active" or not user.email:
            continue
        enqueue(
            session, kind=kind, to_address=user.email, to_user_id=user.id, lang=user.lang,
            params={"name": user.name, **params}, person_id=person_id,
        )  # fmt: skip
        count += 1
    return count


def _coach_of(session: Session, proposal: Proposal) -> list[User]:
    # The coach who proposed; when they left, every active coach of the organisation.
    if proposal.proposed_by_user_id is not None:
        user = session.get(User, proposal.proposed_by_user_id)
        if user is not None and user.status == "active":
            return [user]
    return active_coaches(session, organisation_id=proposal.organisation_id)


def _first_name(session: Session, proposal: Proposal) -> str:
    person = session.get(Person, proposal.person_id) if proposal.person_id is not None else None
    return person.first_name if person is not None else "—"


def _title(session: Session, proposal: Proposal) -> str:
    opp = session.get(Opportunity, proposal.opportunity_id)
    return opp.title if opp is not None else "—"


def account_link(
    session: Session, *, user: User, purpose: str, path: str, hours: int | None = None
) -> None:
    """An invitation or reset link by mail (path: the set-password page of the one-time token)."""
    kind = "invite" if purpose == "invite" else "reset"
    params: dict[str, object] = {"path": path} | ({"hours": hours} if hours else {})
    _to_users(session, [user], kind=kind, params=params)


def person_answered(session: Session, *, proposal: Proposal, answer: str) -> None:
    """The newcomer accepted or declined at the kiosk: the coach is told."""
    _to_users(
        session, _coach_of(session, proposal), kind="person_answered", person_id=proposal.person_id,
        params={
            "answer": answer, "first_name": _first_name(session, proposal),
            "title": _title(session, proposal),
            "path": f"/{{lang}}/coach/people/{proposal.person_id}",
        },
    )  # fmt: skip


def provider_answered(session: Session, *, proposal: Proposal, answer: str) -> None:
    """The provider accepted, declined or marked started: the coach is told."""
    provider = session.get(Provider, proposal.provider_id) if proposal.provider_id else None
    _to_users(
        session, _coach_of(session, proposal), kind="provider_answered",
        person_id=proposal.person_id,
        params={
            "answer": answer, "first_name": _first_name(session, proposal),
            "title": _title(session, proposal), "provider": provider.name if provider else "—",
            "path": f"/{{lang}}/coach/people/{proposal.person_id}",
        },
    )  # fmt: skip


def introduced(session: Session, *, proposal: Proposal) -> None:
    """A new introduction reached a provider that is in Opstap: its users are told."""
    if proposal.provider_id is None:
        return
    users = session.exec(
        select(User).where(User.provider_id == proposal.provider_id, User.role == "provider")
    )
    _to_users(
        session, users, kind="introduction", person_id=proposal.person_id,
        params={
            "first_name": _first_name(session, proposal), "title": _title(session, proposal),
            "path": "/{lang}/provider/introductions",
        },
    )  # fmt: skip


def waitlist_opened(session: Session, *, proposal: Proposal) -> None:
    """A place opened for someone on a waiting list: their coach is told (the to-do derives it too)."""
    _to_users(
        session, _coach_of(session, proposal), kind="waitlist_opened", person_id=proposal.person_id,
        params={
            "first_name": _first_name(session, proposal), "title": _title(session, proposal),
            "path": f"/{{lang}}/coach/people/{proposal.person_id}",
        },
    )  # fmt: skip


def help_request_arrived(session: Session, *, request: HelpRequest) -> bool:
    """Route a kiosk help request: to the covering organisations' coaches, else to the coordinators.

    Returns True when some organisation covers the request's municipality.
    """
    assert request.id is not None
    params = {
        "municipality": request.municipality or "—",
        "first_name": request.shared.get("first_name", ""),
    }
    organisations = covering_organisations(session, municipality=request.municipality)
    for org in organisations:
        assert org.id is not None
        _to_users(
            session, active_coaches(session, organisation_id=org.id), kind="help_request",
            params={**params, "path": "/{lang}/coach/help"},
        )  # fmt: skip
    if organisations:
        return True
    _to_users(
        session, active_coordinators(session), kind="help_uncovered",
        params={**params, "path": "/{lang}/coordinator/help-requests"},
    )  # fmt: skip
    return False


def provider_signed_up(session: Session, *, provider: Provider) -> None:
    """A provider's sign-up waits for verification: the coordinators are told."""
    _to_users(
        session, active_coordinators(session), kind="provider_signup",
        params={"provider": provider.name, "path": "/{lang}/coordinator/providers"},
    )  # fmt: skip


def signup_decided(session: Session, *, user: User, provider: Provider, reason: str | None) -> None:
    """Tell the person who signed up that they were verified (reason None) or declined, and why."""
    if not user.email:
        return
    if reason is None:
        kind, params = (
            "signup_verified",
            {"provider": provider.name, "path": "/{lang}/account/sign-in"},
        )
    else:
        kind, params = "signup_declined", {"provider": provider.name, "reason": reason}
    enqueue(
        session, kind=kind, to_address=user.email, to_user_id=user.id, lang=user.lang,
        params={"name": user.name, **params},
    )  # fmt: skip


def import_failed(session: Session, *, run: ImportRun) -> None:
    """An import run failed: the coordinators are told."""
    _to_users(
        session, active_coordinators(session), kind="import_failed",
        params={
            "source": run.source, "error": (run.error or "")[:300],
            "path": f"/{{lang}}/coordinator/imports/runs/{run.id}",
        },
    )  # fmt: skip


def queue_listing_reminders(session: Session, *, today: date | None = None) -> int:
    """One mail per provider user listing their active listings unconfirmed for 150 days."""
    from matching.mail.reminders import (
        ListingReminder,
    )  # table of when each listing was last reminded

    today = today or date.today()
    cutoff = today - timedelta(days=REMIND_AFTER_DAYS)
    recent = utcnow() - timedelta(days=REMIND_EVERY_DAYS)
    reminded_recently = select(ListingReminder.opportunity_id).where(
        col(ListingReminder.reminded_at) > recent
    )
    rows = session.exec(
        select(Opportunity)
        .where(
            Opportunity.status == "active",
            col(Opportunity.provider_id).is_not(None),
            col(Opportunity.id).not_in(reminded_recently),
            or_(
                col(Opportunity.last_confirmed) <= cutoff,
                and_(
                    col(Opportunity.last_confirmed).is_(None),
                    col(Opportunity.first_seen)
                    < datetime.combine(cutoff + timedelta(days=1), time(), UTC),
                ),
            ),
        )
        .order_by(col(Opportunity.provider_id), col(Opportunity.title))
    )
    by_provider: dict[int, list[Opportunity]] = {}
    for opp in rows:
        when = opp.last_confirmed or opp.first_seen.date()
        if when <= cutoff:
            by_provider.setdefault(opp.provider_id or 0, []).append(opp)
    mails = 0
    for provider_id, listings in by_provider.items():
        users = list(
            session.exec(
                select(User).where(
                    User.provider_id == provider_id,
                    User.role == "provider",
                    User.status == "active",
                )
            )
        )
        if not users:
            continue  # nobody in Opstap can confirm them; the listings go stale and say so
        mails += _to_users(
            session, users, kind="listing_reminder",
            params={
                "listings": [{"id": o.id, "title": o.title} for o in listings[:50]],
                "path": "/{lang}/provider/",
            },
        )  # fmt: skip
        now = utcnow()
        for opp in listings[:50]:
            existing = session.get(ListingReminder, opp.id)
            if existing is None:
                session.add(ListingReminder(opportunity_id=opp.id or 0, reminded_at=now))
            else:
                existing.reminded_at = now
                session.add(existing)
    return mails
