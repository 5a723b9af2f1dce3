"""The loop through the web: propose, accept at the kiosk with the code, introduce, answer, start."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, select

from matching.people import Consent, Proposal
from tests.factories import add_opportunity, add_postcode
from tests.loop.conftest import World, sign_in


def card(page: str, element_id: str) -> str:
    """The HTML of one card (from its id to the end of its list item)."""
    start = page.index(f'id="{element_id}"')
    return page[start : page.index("</li>", start)]


def _proposal(session: Session, proposal_id: int) -> Proposal:
    session.expire_all()
    proposal = session.get(Proposal, proposal_id)
    assert proposal is not None
    return proposal


def test_whole_loop_through_the_web(app: Flask, session: Session, world: World) -> None:
    coach, kiosk, club = app.test_client(), app.test_client(), app.test_client()
    sign_in(coach, world.coach_a)
    page = coach.get(f"/en/coach/people/{world.person_a}?q=Jeugdtrainer").get_data(as_text=True)
    assert "Amina" in page and "Jeugdtrainer Atletiek" in page
    response = coach.post(
        f"/en/coach/people/{world.person_a}/propose",
        data={"opportunity_id": world.opp_a2, "share": ["first_name", "phone", "email"]},
    )
    assert response.status_code == 302
    proposal = session.exec(select(Proposal).where(Proposal.opportunity_id == world.opp_a2)).one()
    assert proposal.state == "proposed" and proposal.share_fields == [
        "first_name",
        "phone",
        "email",
    ]

    # the provider sees nothing before the newcomer accepts
    sign_in(club, world.provider_user_a)
    assert "amina@example.net" not in club.get("/en/provider/introductions").get_data(as_text=True)

    shown = kiosk.post("/en/kiosk/code", data={"code": world.code_a.lower().replace("-", " ")})
    assert shown.status_code == 200 and "Jeugdtrainer Atletiek" in shown.get_data(as_text=True)
    assert shown.headers["Cache-Control"] == "no-store"
    accepted = kiosk.post(
        "/en/kiosk/code",
        data={
            "code": world.code_a,
            "choice": "accept",
            "proposal_id": proposal.id,
            "share": ["first_name", "email"],
        },
    )
    assert accepted.status_code == 200
    proposal = _proposal(session, proposal.id or 0)
    assert proposal.state == "introduced" and proposal.accepted_at and proposal.introduced_at
    consent = session.exec(select(Consent).where(Consent.proposal_id == proposal.id)).one()
    assert consent.fields == ["first_name", "email"] and consent.via == "kiosk"

    intro = card(
        club.get("/en/provider/introductions").get_data(as_text=True), f"introduction-{proposal.id}"
    )
    assert "amina@example.net" in intro and "0612345678" not in intro  # phone was not consented
    assert club.post(f"/en/provider/introductions/{proposal.id}/started").status_code == 302
    assert _proposal(session, proposal.id or 0).state == "introduced"  # must accept first
    assert club.post(f"/en/provider/introductions/{proposal.id}/accept").status_code == 302
    assert club.post(f"/en/provider/introductions/{proposal.id}/started").status_code == 302
    proposal = _proposal(session, proposal.id or 0)
    assert (
        proposal.state == "started"
        and proposal.provider_answer == "accepted"
        and proposal.started_at
    )

    page = coach.get(f"/en/coach/people/{world.person_a}").get_data(as_text=True)
    assert "Started" in page
    assert (
        coach.post(
            f"/en/coach/proposals/{proposal.id}/end",
            data={"outcome": "finished", "reason": "completed", "confirmed": "1"},
        ).status_code
        == 302
    )
    proposal = _proposal(session, proposal.id or 0)
    assert proposal.state == "finished" and proposal.end_reason == "completed" and proposal.ended_at


def test_decline_at_the_kiosk_never_reaches_the_provider(
    app: Flask, session: Session, world: World
) -> None:
    coach, kiosk, club = app.test_client(), app.test_client(), app.test_client()
    sign_in(coach, world.coach_a)
    coach.post(f"/en/coach/people/{world.person_a}/propose", data={"opportunity_id": world.opp_a2})
    proposal = session.exec(select(Proposal).where(Proposal.opportunity_id == world.opp_a2)).one()
    kiosk.post(
        "/en/kiosk/code",
        data={"code": world.code_a, "choice": "decline", "proposal_id": proposal.id},
    )
    proposal = _proposal(session, proposal.id or 0)
    assert proposal.state == "stopped" and proposal.end_reason == "person_declined"
    sign_in(club, world.provider_user_a)
    assert f"introduction-{proposal.id}" not in club.get("/en/provider/introductions").get_data(
        as_text=True
    )
    # a second answer is refused
    again = kiosk.post(
        "/en/kiosk/code",
        data={"code": world.code_a, "choice": "accept", "proposal_id": proposal.id},
    )
    assert again.status_code == 409


def test_provider_without_account_is_introduced_by_the_coach(
    client: FlaskClient, session: Session, world: World
) -> None:
    opp = add_opportunity(
        session, title="Taalcafé", provider_name="Bibliotheek", contact="taal@example.org"
    )
    sign_in(client, world.coach_a)
    client.post(f"/en/coach/people/{world.person_a}/propose", data={"opportunity_id": opp.id})
    proposal = session.exec(select(Proposal).where(Proposal.opportunity_id == opp.id)).one()
    client.post(
        "/en/kiosk/code",
        data={"code": world.code_a, "choice": "accept", "proposal_id": proposal.id},
    )
    assert _proposal(session, proposal.id or 0).state == "accepted"
    page = client.get(f"/en/coach/people/{world.person_a}").get_data(as_text=True)
    assert "taal@example.org" in page and "Mark introduced" in page
    client.post(f"/en/coach/proposals/{proposal.id}/introduced")
    client.post(f"/en/coach/proposals/{proposal.id}/started")
    assert _proposal(session, proposal.id or 0).state == "started"


def test_one_plan_shows_other_organisations_and_refuses_doubles(
    client: FlaskClient, session: Session, world: World
) -> None:
    sign_in(client, world.coach_a)
    client.post(
        f"/en/coach/people/{world.person_a}/share",
        data={"organisation_id": world.org_b, "consent": "1"},
    )
    other = client.application.test_client()
    sign_in(other, world.coach_b)
    page = other.get(f"/en/coach/people/{world.person_a}").get_data(as_text=True)
    assert "Hardlopen bij Atletiek" in page and "VluchtelingenWerk Zoetermeer" in page
    double = other.post(
        f"/en/coach/people/{world.person_a}/propose",
        data={"opportunity_id": world.opp_a},
        follow_redirects=True,
    )
    assert "already in the person" in double.get_data(as_text=True)
    assert (
        len(session.exec(select(Proposal).where(Proposal.opportunity_id == world.opp_a)).all()) == 1
    )
    other.post(f"/en/coach/people/{world.person_a}/propose", data={"opportunity_id": world.opp_a2})
    plan = client.get(f"/en/coach/people/{world.person_a}").get_data(as_text=True)
    assert "Jeugdtrainer Atletiek" in plan and "VluchtelingenWerk Delft" in plan


def test_end_reasons_come_from_the_list(
    client: FlaskClient, session: Session, world: World
) -> None:
    sign_in(client, world.coach_a)
    client.post(
        f"/en/coach/proposals/{world.proposal_a}/end",
        data={"outcome": "stopped", "reason": "bored", "confirmed": "1"},
    )
    assert _proposal(session, world.proposal_a).state == "introduced"
    client.post(
        f"/en/coach/proposals/{world.proposal_a}/end",
        data={"outcome": "finished", "reason": "completed", "confirmed": "1"},
    )
    assert (
        _proposal(session, world.proposal_a).state == "introduced"
    )  # only a started one can finish
    client.post(
        f"/en/coach/proposals/{world.proposal_a}/end",
        data={"outcome": "stopped", "reason": "moved_away", "confirmed": "1"},
    )
    proposal = _proposal(session, world.proposal_a)
    assert proposal.state == "stopped" and proposal.end_reason == "moved_away"


def test_letter_is_in_the_persons_language_with_a_qr_code_to_the_code_page(
    client: FlaskClient, world: World
) -> None:
    sign_in(client, world.coach_a)
    response = client.post(f"/en/coach/people/{world.person_a}/code", data={"letter_lang": "ar"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    assert (
        'lang="ar" dir="rtl"' in page
        and "<svg" in page
        and "http://localhost/ar/kiosk/code" in page
    )
    code = page.split('<p class="code" dir="ltr"><strong>')[1].split("</strong>")[0]
    assert code != world.code_a
    old = client.post("/en/kiosk/code", data={"code": world.code_a})
    assert "We do not know this code" in old.get_data(
        as_text=True
    )  # the old letter stopped working
    assert "Amina" in client.post("/en/kiosk/code", data={"code": code}).get_data(as_text=True)
    audit = client.get(f"/en/coach/people/{world.person_a}").get_data(as_text=True)
    assert "New personal code made · coach-a@example.org" in audit


def test_coach_sees_the_engines_explained_suggestions(
    client: FlaskClient, session: Session, world: World
) -> None:
    add_postcode(session, "2711", 52.0617, 4.4925)
    sign_in(client, world.coach_a)
    page = client.get(f"/en/coach/people/{world.person_a}").get_data(as_text=True)
    suggestions = page.split('id="suggestions-h"')[1].split("</ol>")[0]
    assert "Jeugdtrainer Atletiek" in suggestions and 'class="reasons"' in suggestions
    assert 'aria-label="Propose Jeugdtrainer Atletiek"' in suggestions
    # what is already in the plan is not proposed twice
    assert 'aria-label="Propose Hardlopen bij Atletiek"' not in suggestions


def test_coach_list_counts_active_proposals(client: FlaskClient, world: World) -> None:
    sign_in(client, world.coach_a)
    page = client.get("/en/coach/").get_data(as_text=True)
    row = r">Amina</a>(?:\s*<strong[^>]*>[^<]*</strong>)?</td>\s*<td>[^<]*</td>\s*<td>{}</td>"
    assert re.search(row.format(1), page)
    client.post(f"/en/coach/people/{world.person_a}/propose", data={"opportunity_id": world.opp_a2})
    assert re.search(row.format(2), client.get("/en/coach/").get_data(as_text=True))
    assert "Bereket" not in page
