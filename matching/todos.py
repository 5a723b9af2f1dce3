"""A coach's to-do list: what needs their action now, derived from proposals, help requests and people.

Nothing is stored but `Proposal.coach_seen_at` (the coach noted the news): each to-do disappears when
the thing it asks for is done (the introduction marked, the help request taken, the profile touched)
or, for news, when the coach notes it. A silent provider comes back after another SILENT_DAYS.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlmodel import Session, col, select

from matching.help_requests import HelpRequest
from matching.models import utcnow
from matching.people import Person, Proposal, is_inactive, record_audit, touch
from matching.proposals import ACTIVE_STATES

SILENT_DAYS = 14
# Most urgent first: someone waits for the coach, then news, then housekeeping.
KINDS: tuple[str, ...] = (
    "help_request",
    "place_opened",
    "introduce",
    "person_accepted",
    "person_declined",
    "provider_answered",
    "provider_silent",
    "inactive",
)
# States of a person on the coach's list, most advanced first (see person_state).
PERSON_STATES: tuple[str, ...] = (
    "started", "introduced", "accepted", "proposed", "ended", "none",
)  # fmt: skip


@dataclass(frozen=True)
class Todo:
    """One thing for the coach to do; `at` is when it arose."""

    kind: str
    at: datetime
    person_id: int | None = None
    proposal_id: int | None = None
    opportunity_id: int | None = None
    help_request_id: int | None = None
    detail: str = ""  # a code (provider's answer) the page turns into words


def _aware(value: datetime | None) -> datetime | None:
    # SQLite hands back naive datetimes that are UTC; compare like with like.
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def _news(at: datetime | None, seen: datetime | None) -> bool:
    at, seen = _aware(at), _aware(seen)
    return at is not None and (seen is None or at > seen)


def proposal_todos(proposal: Proposal, *, now: datetime) -> list[Todo]:
    """The to-dos one proposal of the coach's organisation gives rise to."""
    base = {
        "person_id": proposal.person_id,
        "proposal_id": proposal.id,
        "opportunity_id": proposal.opportunity_id,
    }
    seen = proposal.coach_seen_at
    found: list[Todo] = []
    if proposal.state == "proposed" and _news(proposal.place_opened_at, seen):
        # A waiting-list place opened: the coach tells the person it can be accepted now.
        found.append(Todo("place_opened", _aware(proposal.place_opened_at) or now, **base))  # type: ignore[arg-type]
    if proposal.state == "accepted" and proposal.accepted_at is not None:
        # The provider is not in Opstap: the coach introduces the person and marks it.
        found.append(Todo("introduce", _aware(proposal.accepted_at) or now, **base))  # type: ignore[arg-type]
    elif proposal.accepted_at is not None and _news(proposal.accepted_at, seen):
        found.append(Todo("person_accepted", _aware(proposal.accepted_at) or now, **base))  # type: ignore[arg-type]
    if proposal.end_reason == "person_declined" and _news(proposal.ended_at, seen):
        found.append(Todo("person_declined", _aware(proposal.ended_at) or now, **base))  # type: ignore[arg-type]
    if proposal.provider_answer is not None and _news(proposal.provider_answered_at, seen):
        found.append(
            Todo(
                "provider_answered",
                _aware(proposal.provider_answered_at) or now,
                detail=proposal.provider_answer,
                **base,
            )
        )
    introduced = _aware(proposal.introduced_at)
    if (
        proposal.state == "introduced"
        and proposal.provider_id is not None
        and proposal.provider_answer is None
        and introduced is not None
    ):
        quiet_since = max(introduced, _aware(seen) or introduced)
        if now - quiet_since >= timedelta(days=SILENT_DAYS):
            found.append(Todo("provider_silent", introduced, **base))  # type: ignore[arg-type]
    return found


def coach_todos(
    session: Session,
    *,
    organisation_id: int,
    people: Iterable[Person],
    help_requests: Iterable[HelpRequest] = (),
    now: datetime | None = None,
) -> list[Todo]:
    """Everything that needs the organisation's coaches, most urgent kind first, oldest first."""
    now = now or utcnow()
    people = list(people)
    ids = [p.id for p in people if p.id is not None]
    todos: list[Todo] = [
        Todo("help_request", _aware(r.created_at) or now, help_request_id=r.id)
        for r in help_requests
        if r.status == "open"
    ]
    if ids:
        proposals = session.exec(
            select(Proposal).where(
                col(Proposal.person_id).in_(ids), Proposal.organisation_id == organisation_id
            )
        )
        for proposal in proposals:
            todos.extend(proposal_todos(proposal, now=now))
    todos.extend(
        Todo("inactive", _aware(p.last_activity_at) or now, person_id=p.id)
        for p in people
        if p.organisation_id == organisation_id and is_inactive(p, now=now)
    )
    return sorted(todos, key=lambda t: (KINDS.index(t.kind), t.at))


def note_seen(session: Session, *, proposal: Proposal, now: datetime | None = None) -> None:
    """The coach noted the proposal's news: it leaves the to-do list until something new happens."""
    proposal.coach_seen_at = now or utcnow()
    session.add(proposal)


def keep_profile(session: Session, *, person: Person, user: object) -> None:
    """The person wants to keep their profile: it counts as active again (audited)."""
    touch(person)
    session.add(person)
    record_audit(session, action="seen", user=user, person_id=person.id, detail="")  # type: ignore[arg-type]


def person_state(proposals: Iterable[Proposal]) -> str:
    """A person's state on the coach's list: the most advanced active proposal, else ended or none."""
    states = [p.state for p in proposals]
    for state in ("started", "introduced", "accepted", "proposed"):
        if state in states:
            return state
    return "ended" if states else "none"


def person_states(session: Session, *, person_ids: list[int]) -> dict[int, str]:
    """person_state for many people in one query."""
    by_person: dict[int, list[Proposal]] = {pid: [] for pid in person_ids}
    if person_ids:
        for proposal in session.exec(
            select(Proposal).where(col(Proposal.person_id).in_(person_ids))
        ):
            if proposal.person_id is not None:
                by_person[proposal.person_id].append(proposal)
    return {pid: person_state(found) for pid, found in by_person.items()}


__all__ = ["ACTIVE_STATES", "KINDS", "PERSON_STATES", "SILENT_DAYS", "Todo", "coach_todos"]
