"""Outcome figures for coordinators: counts by state, kind and ladder rung, with SVG charts."""

from __future__ import annotations

from datetime import date

from flask.testing import FlaskClient
from sqlmodel import Session

from matching.models import utcnow
from matching.outcomes import outcome_figures
from matching.people import Proposal
from tests.factories import add_opportunity
from tests.loop.conftest import World, sign_in


def _start(session: Session, proposal_id: int) -> None:
    proposal = session.get(Proposal, proposal_id)
    assert proposal is not None
    proposal.state, proposal.started_at = "started", utcnow()
    session.commit()


def test_figures_count_started_steps_by_kind_and_rung(session: Session, world: World) -> None:
    _start(session, world.proposal_a)
    add_opportunity(session, kind="volunteer", places_left=0)
    figures = outcome_figures(session, today=date.today(), stale_days=183)
    assert figures.proposals_by_state["started"] == 1
    assert sum(figures.proposals_by_state.values()) == 2
    assert figures.started_by_kind == {"club": 1, "volunteer": 0, "course": 0, "workplace": 0}
    assert figures.started_by_rung == {3: 1, 4: 0, 5: 0}
    this_month = figures.per_month[-1]
    assert this_month[1:] == (2, 1)
    volunteer = next(row for row in figures.catalogue if row.kind == "volunteer")
    assert (volunteer.active, volunteer.full) == (2, 1)
    assert figures.help_requests["open"] == 1


def test_erased_people_still_count_anonymously(session: Session, world: World) -> None:
    proposal = session.get(Proposal, world.proposal_b)
    assert proposal is not None
    proposal.person_id = None
    session.commit()
    figures = outcome_figures(session, today=date.today(), stale_days=183)
    assert sum(figures.proposals_by_state.values()) == 2


def test_coordinator_sees_the_charts_and_others_do_not(
    client: FlaskClient, session: Session, world: World
) -> None:
    _start(session, world.proposal_a)
    sign_in(client, world.coordinator)
    page = client.get("/en/coordinator/figures")
    body = page.get_data(as_text=True)
    assert page.status_code == 200
    assert body.count('<svg role="img"') >= 3
    assert "Ladder rung 3" in body and "Amina" not in body
    coach = client.application.test_client()
    sign_in(coach, world.coach_a)
    assert coach.get("/en/coordinator/figures").status_code == 403
