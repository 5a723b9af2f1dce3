"""Outcome figures for coordinators: the match funnel, steps reached on the participation ladder, the catalogue."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from matching.catalogue import confirmed_on, is_stale
from matching.help_requests import HelpRequest
from matching.models import Opportunity
from matching.people import Proposal
from matching.proposals import STATES
from matching.vocab import KINDS

# VNG participation ladder rung an opportunity kind stands for (PRODUCT §1): club ≈ 3 (organised
# activities), volunteer role ≈ 4 (unpaid work), course and workplace ≈ 5 (work with support).
LADDER_RUNG: dict[str, int] = {"club": 3, "volunteer": 4, "course": 5, "workplace": 5}


@dataclass(frozen=True)
class CatalogueFigures:
    """Listings of one kind: active, full, stale."""

    kind: str
    active: int
    full: int
    stale: int


@dataclass(frozen=True)
class Outcomes:
    """Every figure the coordinator's outcomes page shows; counts only, nothing about a person."""

    proposals_by_state: dict[str, int]
    started_by_kind: dict[str, int]
    started_by_rung: dict[int, int]
    per_month: list[tuple[str, int, int]]  # (YYYY-MM, proposed, started)
    end_reasons: dict[str, int]
    catalogue: list[CatalogueFigures]
    help_requests: dict[str, int]


def _month(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _last_months(today: date, months: int) -> list[str]:
    year, month = today.year, today.month
    result = []
    for _ in range(months):
        result.append(f"{year:04d}-{month:02d}")
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return list(reversed(result))


def outcome_figures(
    session: Session, *, today: date, stale_days: int, months: int = 12
) -> Outcomes:
    """Aggregate proposals, help requests and the catalogue into the outcome figures."""
    rows = session.exec(
        select(  # type: ignore[call-overload]  # sqlmodel's overloads stop at four columns
            Proposal.state,
            Proposal.proposed_at,
            Proposal.started_at,
            Proposal.end_reason,
            Opportunity.kind,
        ).join(Opportunity, col(Opportunity.id) == col(Proposal.opportunity_id))
    ).all()
    by_state = dict.fromkeys(STATES, 0)
    started_kind: Counter[str] = Counter()
    proposed_month: Counter[str] = Counter()
    started_month: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    for state, proposed_at, started_at, end_reason, kind in rows:
        by_state[state] = by_state.get(state, 0) + 1
        proposed_month[_month(proposed_at.date())] += 1
        if started_at is not None:
            started_kind[kind] += 1
            started_month[_month(started_at.date())] += 1
        if end_reason:
            reasons[end_reason] += 1
    by_rung: Counter[int] = Counter()
    for kind, count in started_kind.items():
        by_rung[LADDER_RUNG[kind]] += count
    catalogue = []
    listings = session.exec(select(Opportunity).where(Opportunity.status == "active")).all()
    for kind in KINDS:
        of_kind = [o for o in listings if o.kind == kind]
        catalogue.append(
            CatalogueFigures(
                kind=kind,
                active=len(of_kind),
                full=sum(1 for o in of_kind if o.places_left == 0),
                stale=sum(
                    1
                    for o in of_kind
                    if is_stale(confirmed_on(o), today=today, stale_days=stale_days)
                ),
            )
        )
    help_counts = Counter(session.exec(select(HelpRequest.status)).all())
    return Outcomes(
        proposals_by_state=by_state,
        started_by_kind={kind: started_kind.get(kind, 0) for kind in KINDS},
        started_by_rung={rung: by_rung.get(rung, 0) for rung in (3, 4, 5)},
        per_month=[
            (m, proposed_month.get(m, 0), started_month.get(m, 0))
            for m in _last_months(today, months)
        ],
        end_reasons=dict(sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0]))),
        catalogue=catalogue,
        help_requests={
            status: help_counts.get(status, 0) for status in ("open", "taken", "closed")
        },
    )
