"""The coach's home: each kind of to-do appears and disappears when handled; people by state, searched."""

from __future__ import annotations

import re
from datetime import timedelta

from flask.testing import FlaskClient
from sqlmodel import Session, select

from matching.accounts import User
from matching.models import utcnow
from matching.people import AuditEntry, Person, PersonIn, Proposal, create_person
from matching.proposals import person_accepts, person_declines, propose
from tests.factories import add_opportunity
from tests.loop.conftest import World, person_row, sign_in


def _home(client: FlaskClient, query: str = "") -> str:
    response = client.get("/en/coach/" + query)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _todo_ids(page: str) -> set[str]:
    return set(re.findall(r'id="(todo-[a-z_]+-\d+)"', page))


def _coach(session: Session, world: World) -> User:
    coach = session.exec(select(User).where(User.email == world.coach_a)).one()
    return coach


def _proposal(session: Session, proposal_id: int) -> Proposal:
    session.expire_all()
    proposal = session.get(Proposal, proposal_id)
    assert proposal is not None
    return proposal


def test_a_help_request_waits_until_a_coach_takes_it(client: FlaskClient, world: World) -> None:
    sign_in(client, world.coach_a)
    assert f"todo-help_request-{world.help_a}" in _todo_ids(_home(client))
    other = client.application.test_client()
    sign_in(other, world.coach_b)  # another municipality's coach is not asked
    assert f"todo-help_request-{world.help_a}" not in _todo_ids(_home(other))
    assert client.post(f"/en/coach/help/{world.help_a}/take").status_code == 302
    assert f"todo-help_request-{world.help_a}" not in _todo_ids(_home(client))


def test_an_acceptance_is_news_until_the_coach_notes_it(
    client: FlaskClient, session: Session, world: World
) -> None:
    sign_in(client, world.coach_a)
    page = _home(client)
    assert f"todo-person_accepted-{world.proposal_a}" in _todo_ids(page)
    assert "Amina accepted “Hardlopen bij Atletiek”." in page
    seen = client.post(f"/en/coach/todos/proposal/{world.proposal_a}/seen")
    assert seen.status_code == 302
    assert f"todo-person_accepted-{world.proposal_a}" not in _todo_ids(_home(client))
    # another organisation's coach cannot note it for them
    other = client.application.test_client()
    sign_in(other, world.coach_b)
    assert other.post(f"/en/coach/todos/proposal/{world.proposal_a}/seen").status_code == 404


def test_a_provider_outside_opstap_asks_the_coach_to_introduce_and_mark_it(
    client: FlaskClient, session: Session, world: World
) -> None:
    outside = add_opportunity(session, title="Koor De Stem", provider_name="Koor De Stem")
    person = session.get(Person, world.person_a)
    assert person is not None
    proposal = propose(
        session, person=person, opportunity_id=outside.id or 0, user=_coach(session, world)
    )
    person_accepts(session, proposal=proposal, person=person, fields=["first_name"])
    session.commit()
    sign_in(client, world.coach_a)
    page = _home(client)
    assert f"todo-introduce-{proposal.id}" in _todo_ids(page)
    assert "introduce Amina yourself" in page
    client.post(f"/en/coach/proposals/{proposal.id}/introduced")
    assert _proposal(session, proposal.id or 0).state == "introduced"
    assert f"todo-introduce-{proposal.id}" not in _todo_ids(_home(client))


def test_a_decline_shows_until_noted(client: FlaskClient, session: Session, world: World) -> None:
    person = session.get(Person, world.person_a)
    assert person is not None
    proposal = propose(
        session, person=person, opportunity_id=world.opp_a2, user=_coach(session, world)
    )
    person_declines(session, proposal=proposal, person=person)
    session.commit()
    sign_in(client, world.coach_a)
    page = _home(client)
    assert f"todo-person_declined-{proposal.id}" in _todo_ids(page)
    assert "Amina declined “Jeugdtrainer Atletiek”." in page
    client.post(f"/en/coach/todos/proposal/{proposal.id}/seen")
    assert f"todo-person_declined-{proposal.id}" not in _todo_ids(_home(client))


def test_the_providers_answer_is_news_for_the_coach(
    client: FlaskClient, session: Session, world: World
) -> None:
    sign_in(client, world.coach_a)
    client.post(f"/en/coach/todos/proposal/{world.proposal_a}/seen")
    assert not any(
        "proposal" in t or str(world.proposal_a) in t
        for t in _todo_ids(_home(client))
        if "help" not in t
    )
    club = client.application.test_client()
    sign_in(club, world.provider_user_a)
    assert club.post(f"/en/provider/introductions/{world.proposal_a}/accept").status_code == 302
    page = _home(client)
    assert f"todo-provider_answered-{world.proposal_a}" in _todo_ids(page)
    assert "The provider accepted Amina for “Hardlopen bij Atletiek”." in page
    client.post(f"/en/coach/todos/proposal/{world.proposal_a}/seen")
    assert f"todo-provider_answered-{world.proposal_a}" not in _todo_ids(_home(client))


def test_a_provider_silent_for_fourteen_days_comes_up_again_after_another_fourteen(
    client: FlaskClient, session: Session, world: World
) -> None:
    proposal = _proposal(session, world.proposal_a)
    proposal.introduced_at = utcnow() - timedelta(days=13)
    proposal.coach_seen_at = utcnow() - timedelta(days=13)
    session.add(proposal)
    session.commit()
    sign_in(client, world.coach_a)
    assert f"todo-provider_silent-{world.proposal_a}" not in _todo_ids(_home(client))
    proposal = _proposal(session, world.proposal_a)
    proposal.introduced_at = proposal.coach_seen_at = utcnow() - timedelta(days=15)
    session.add(proposal)
    session.commit()
    page = _home(client)
    assert f"todo-provider_silent-{world.proposal_a}" in _todo_ids(page)
    assert "has not answered about Amina" in page
    client.post(f"/en/coach/todos/proposal/{world.proposal_a}/seen")
    assert f"todo-provider_silent-{world.proposal_a}" not in _todo_ids(_home(client))
    proposal = _proposal(session, world.proposal_a)
    proposal.coach_seen_at = utcnow() - timedelta(days=15)
    session.add(proposal)
    session.commit()
    assert f"todo-provider_silent-{world.proposal_a}" in _todo_ids(_home(client))
    # an answer ends the silence for good
    club = client.application.test_client()
    sign_in(club, world.provider_user_a)
    club.post(f"/en/provider/introductions/{world.proposal_a}/decline")
    assert f"todo-provider_silent-{world.proposal_a}" not in _todo_ids(_home(client))


def test_an_inactive_profile_is_asked_about_and_kept(
    client: FlaskClient, session: Session, world: World
) -> None:
    person = session.get(Person, world.person_a)
    assert person is not None
    person.last_activity_at = utcnow() - timedelta(days=400)
    session.add(person)
    session.commit()
    sign_in(client, world.coach_a)
    page = _home(client)
    assert f"todo-inactive-{world.person_a}" in _todo_ids(page)
    assert "Nothing happened with the profile of Amina for 12 months" in page
    assert client.post(f"/en/coach/todos/person/{world.person_a}/seen").status_code == 302
    assert f"todo-inactive-{world.person_a}" not in _todo_ids(_home(client))
    kept = person_row(session, world.person_a)
    assert kept is not None and utcnow() - kept.last_activity_at.replace(
        tzinfo=utcnow().tzinfo
    ) < timedelta(minutes=5)
    actions = session.exec(select(AuditEntry.action).where(AuditEntry.person_id == world.person_a))
    assert "seen" in list(actions)
    assert "Profile kept at the person’s wish" in client.get(
        f"/en/coach/people/{world.person_a}"
    ).get_data(as_text=True)


def test_people_are_listed_with_their_state_searched_by_name_and_filtered_by_state(
    client: FlaskClient, session: Session, world: World
) -> None:
    coach = _coach(session, world)
    for name in ("Amir", "Bashir"):
        create_person(
            session, data=PersonIn(first_name=name), organisation_id=world.org_a, user=coach
        )
    session.commit()
    sign_in(client, world.coach_a)

    def names(query: str) -> list[str]:
        table = _home(client, query).split('class="people"')[1]
        return re.findall(r'/coach/people/\d+">([^<]+)</a>', table)

    assert names("") == ["Amina", "Amir", "Bashir"]
    page = _home(client)
    amina_row = page.split(">Amina</a>")[1].split("</tr>")[0]
    assert "Introduced" in amina_row and "Needs your action" in amina_row
    assert "No proposal yet" in page.split(">Bashir</a>")[1].split("</tr>")[0]
    assert names("?q=AMI") == ["Amina", "Amir"]  # case does not matter
    assert names("?q=bash") == ["Bashir"]
    assert names("?state=none") == ["Amir", "Bashir"]
    assert names("?state=introduced") == ["Amina"]
    assert names("?state=action") == ["Amina"]
    assert names("?q=amir&state=introduced") == []
    assert "Nobody matches." in _home(client, "?q=zzz")
    assert names("?state=nonsense") == [
        "Amina",
        "Amir",
        "Bashir",
    ]  # an unknown filter shows everyone
    assert "Bereket" not in _home(client)  # another organisation's person never shows
