"""The match loop: proposed → accepted → introduced → started → stopped or finished, with timestamps."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from matching.accounts import User, provider_has_active_users
from matching.mail import notify
from matching.models import Opportunity, utcnow
from matching.people import (
    DEFAULT_SHARE,
    SHAREABLE_FIELDS,
    Consent,
    PeopleError,
    Person,
    Proposal,
    record_audit,
    touch,
)

STATES: tuple[str, ...] = (
    "waiting", "proposed", "accepted", "introduced", "started", "stopped", "finished",
)  # fmt: skip
# "waiting": proposed on a waiting list while the item is full (matching/waiting.py opens it).
ACTIVE_STATES: tuple[str, ...] = ("waiting", "proposed", "accepted", "introduced", "started")
STOP_REASONS: tuple[str, ...] = (
    "person_declined",
    "provider_declined",
    "no_places",
    "not_a_good_fit",
    "times_or_distance",
    "moved_away",
    "lost_contact",
    "other",
)
FINISH_REASONS: tuple[str, ...] = (
    "completed",
    "next_step",
    "found_work",
    "started_course",
    "other",
)


class ProposalError(PeopleError):
    """A step the proposal cannot take from its state; the message says why."""


def active_proposals(session: Session, *, person_id: int) -> list[Proposal]:
    """One plan: every active proposal for this person, from any organisation."""
    query = select(Proposal).where(
        Proposal.person_id == person_id, col(Proposal.state).in_(ACTIVE_STATES)
    )
    return list(session.exec(query.order_by(col(Proposal.proposed_at))))


def proposals_of(session: Session, *, person_id: int) -> list[Proposal]:
    """Every proposal for this person, newest first."""
    query = (
        select(Proposal).where(Proposal.person_id == person_id).order_by(col(Proposal.id).desc())
    )
    return list(session.exec(query))


def propose(
    session: Session,
    *,
    person: Person,
    opportunity_id: int,
    user: User,
    share_fields: Iterable[str] = DEFAULT_SHARE,
    waiting_list: bool = False,
) -> Proposal:
    """A coach proposes an opportunity (a full one only onto its waiting list); no duplicates in a plan."""
    opp = session.get(Opportunity, opportunity_id)
    if opp is None or opp.status != "active":
        raise ProposalError("opportunity: this opportunity is not (or no longer) in the catalogue")
    if opp.places_left == 0 and not waiting_list:
        raise ProposalError("opportunity: this opportunity is full; propose it as waiting list")
    if user.organisation_id is None:
        raise ProposalError("user: only a coach of an organisation can propose")
    assert person.id is not None
    if any(
        p.opportunity_id == opportunity_id for p in active_proposals(session, person_id=person.id)
    ):
        raise ProposalError("opportunity: this is already in the person's plan")
    fields = [f for f in SHAREABLE_FIELDS if f in set(share_fields)]
    proposal = Proposal(
        person_id=person.id,
        opportunity_id=opportunity_id,
        provider_id=opp.provider_id,
        organisation_id=user.organisation_id,
        proposed_by_user_id=user.id,
        share_fields=fields,
    )
    if opp.places_left == 0:
        proposal.state, proposal.waitlisted_at = "waiting", utcnow()
    session.add(proposal)
    session.flush()
    if proposal.state == "waiting":
        from matching.waiting import watch

        watch(session, opportunity=opp)
    touch(person)
    record_audit(
        session,
        action="waitlist" if proposal.state == "waiting" else "propose",
        user=user,
        person_id=person.id,
        proposal_id=proposal.id,
    )
    return proposal


def _require(proposal: Proposal, *states: str) -> None:
    if proposal.state not in states:
        raise ProposalError(
            f"state: this proposal is {proposal.state}, so it cannot take that step"
        )


def person_accepts(
    session: Session, *, proposal: Proposal, person: Person, fields: Iterable[str]
) -> Proposal:
    """The newcomer accepts (at the kiosk): consent for the chosen fields; introduced when the provider is here."""
    _require(proposal, "proposed")
    chosen = [
        f for f in SHAREABLE_FIELDS if f in set(fields) and getattr(person, f) not in (None, "", [])
    ]
    now = utcnow()
    proposal.state, proposal.accepted_at = "accepted", now
    session.add(
        Consent(
            person_id=person.id or 0,
            scope="introduction",
            proposal_id=proposal.id,
            fields=chosen,
            via="kiosk",
            given_at=now,
        )
    )
    record_audit(
        session,
        action="accept",
        person_id=person.id,
        proposal_id=proposal.id,
        detail=",".join(chosen),
    )
    if proposal.provider_id is not None and provider_has_active_users(
        session, provider_id=proposal.provider_id
    ):
        proposal.state, proposal.introduced_at = "introduced", now
        notify.introduced(session, proposal=proposal)
    notify.person_answered(session, proposal=proposal, answer="accepted")
    touch(person)
    session.add_all([proposal, person])
    return proposal


def person_declines(session: Session, *, proposal: Proposal, person: Person) -> Proposal:
    """The newcomer declines: the proposal stops, nothing reaches the provider."""
    _require(proposal, "proposed")
    _end(proposal, "stopped", "person_declined")
    record_audit(session, action="decline", person_id=person.id, proposal_id=proposal.id)
    notify.person_answered(session, proposal=proposal, answer="declined")
    touch(person)
    session.add_all([proposal, person])
    return proposal


def mark_introduced(session: Session, *, proposal: Proposal, user: User) -> Proposal:
    """The coach introduced the person to a provider that is not in Opstap (by phone or in person)."""
    _require(proposal, "accepted")
    proposal.state, proposal.introduced_at = "introduced", utcnow()
    record_audit(
        session,
        action="introduced",
        user=user,
        person_id=proposal.person_id,
        proposal_id=proposal.id,
    )
    session.add(proposal)
    return proposal


def provider_answers(session: Session, *, proposal: Proposal, user: User, accept: bool) -> Proposal:
    """The provider accepts or declines an introduction; declining stops the proposal."""
    _require(proposal, "introduced")
    if proposal.provider_answer is not None:
        raise ProposalError("state: this introduction was already answered")
    proposal.provider_answer = "accepted" if accept else "declined"
    proposal.provider_answered_at = utcnow()
    if not accept:
        _end(proposal, "stopped", "provider_declined")
    record_audit(
        session,
        action="provider_" + proposal.provider_answer,
        user=user,
        person_id=proposal.person_id,
        proposal_id=proposal.id,
    )
    notify.provider_answered(session, proposal=proposal, answer=proposal.provider_answer)
    session.add(proposal)
    return proposal


def mark_started(session: Session, *, proposal: Proposal, user: User) -> Proposal:
    """The person started (first training, first shift)."""
    _require(proposal, "introduced")
    if user.role == "provider" and proposal.provider_answer != "accepted":
        raise ProposalError("state: accept the introduction before marking it started")
    proposal.state, proposal.started_at = "started", utcnow()
    record_audit(
        session, action="started", user=user, person_id=proposal.person_id, proposal_id=proposal.id
    )
    if user.role == "provider":  # the coach who marks it knows already
        notify.provider_answered(session, proposal=proposal, answer="started")
    session.add(proposal)
    return proposal


def _end(proposal: Proposal, outcome: str, reason: str) -> None:
    proposal.state, proposal.ended_at, proposal.end_reason = outcome, utcnow(), reason


def end_proposal(
    session: Session, *, proposal: Proposal, user: User, outcome: str, reason: str
) -> Proposal:
    """Stop or finish a proposal with a reason from the list."""
    _require(proposal, *ACTIVE_STATES)
    reasons = {"stopped": STOP_REASONS, "finished": FINISH_REASONS}.get(outcome)
    if reasons is None:
        raise ProposalError("outcome: must be stopped or finished")
    if reason not in reasons:
        raise ProposalError(f"reason: must be one of {', '.join(reasons)}")
    if outcome == "finished" and proposal.state != "started":
        raise ProposalError("outcome: only a started proposal can be finished")
    _end(proposal, outcome, reason)
    record_audit(
        session,
        action=outcome,
        user=user,
        person_id=proposal.person_id,
        proposal_id=proposal.id,
        detail=reason,
    )
    session.add(proposal)
    return proposal


def introduction_consent(session: Session, *, proposal: Proposal) -> Consent | None:
    """The newcomer's consent for this introduction (None before they accepted)."""
    query = select(Consent).where(
        Consent.proposal_id == proposal.id,
        Consent.scope == "introduction",
        col(Consent.withdrawn_at).is_(None),
    )
    return session.exec(query).first()


def introduction_view(session: Session, *, proposal: Proposal) -> dict[str, Any]:
    """What a provider sees of the person: only the fields consented to for this introduction."""
    consent = introduction_consent(session, proposal=proposal)
    person = session.get(Person, proposal.person_id) if proposal.person_id is not None else None
    if consent is None or person is None:
        return {}
    return {name: getattr(person, name) for name in consent.fields}


def introductions_for_provider(session: Session, *, provider_id: int) -> list[Proposal]:
    """Proposals that reached this provider (introduced or later), newest first."""
    query = (
        select(Proposal)
        .where(Proposal.provider_id == provider_id, col(Proposal.introduced_at).is_not(None))
        .order_by(col(Proposal.introduced_at).desc())
    )
    return list(session.exec(query))


def counts_by_state(session: Session) -> dict[str, int]:
    """How many proposals are in each state (erased people included, anonymously)."""
    counts = dict.fromkeys(STATES, 0)
    for state in session.exec(select(Proposal.state)):
        counts[state] = counts.get(state, 0) + 1
    return counts


def active_counts(session: Session, *, person_ids: list[int]) -> dict[int, int]:
    """How many active proposals each of these people has, in one query."""
    if not person_ids:
        return {}
    rows = session.exec(
        select(Proposal.person_id, func.count())
        .where(col(Proposal.person_id).in_(person_ids), col(Proposal.state).in_(ACTIVE_STATES))
        .group_by(col(Proposal.person_id))
    )
    return {int(pid): int(n) for pid, n in rows if pid is not None}
