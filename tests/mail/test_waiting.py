"""Waiting lists: first come first served, whichever way places left go up (page, API, an import)."""

from __future__ import annotations

import json
from pathlib import Path

from flask.testing import FlaskClient
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from matching.accounts import User
from matching.models import Opportunity
from matching.people import Person, PersonIn, Proposal, create_person
from matching.proposals import propose
from matching.settings import Settings
from matching.waiting import open_places, sweep, waiting_counts
from tests.loop.conftest import World
from tests.loop.test_provider_api import _key
from tests.mail.conftest import SmtpServer, deliver


def _people(session: Session, world: World, names: list[str]) -> list[Person]:
    coach = session.exec(select(User).where(User.email == world.coach_a)).one()
    return [
        create_person(session, data=PersonIn(first_name=n), organisation_id=world.org_a, user=coach)
        for n in names
    ]


def _wait_for(session: Session, world: World, opp_id: int, names: list[str]) -> list[int]:
    coach = session.exec(select(User).where(User.email == world.coach_a)).one()
    ids = []
    for person in _people(session, world, names):
        proposal = propose(
            session, person=person, opportunity_id=opp_id, user=coach, waiting_list=True
        )
        assert proposal.state == "waiting"
        ids.append(proposal.id or 0)
        session.commit()
    return ids


def _states(session: Session, ids: list[int]) -> list[str]:
    session.expire_all()
    return [session.get(Proposal, i).state for i in ids]  # type: ignore[union-attr]


def _make_full(session: Session, opp_id: int) -> None:
    opp = session.get(Opportunity, opp_id)
    assert opp is not None
    opp.places_left = 0
    session.add(opp)
    session.commit()


def test_first_come_first_served_through_the_api(
    client: FlaskClient,
    engine: Engine,
    settings: Settings,
    session: Session,
    smtp: SmtpServer,
    world: World,
) -> None:
    _make_full(session, world.opp_a2)
    ids = _wait_for(session, world, world.opp_a2, ["Eerste", "Tweede", "Derde"])
    assert waiting_counts(session, opportunity_ids=[world.opp_a2]) == {world.opp_a2: 3}
    deliver(engine, settings)
    smtp.inbox.messages.clear()
    key = _key(client, world.provider_user_a)
    url = f"/api/v1/opportunities/{world.opp_a2}/places_left"
    assert (
        client.put(
            url, json={"places_left": 1}, headers={"Authorization": f"Bearer {key}"}
        ).status_code
        == 200
    )
    assert _states(session, ids) == ["proposed", "waiting", "waiting"]
    # The same number again is no new place; a second sweep opens nothing more.
    client.put(url, json={"places_left": 1}, headers={"Authorization": f"Bearer {key}"})
    assert sweep(engine) == 0
    assert _states(session, ids) == ["proposed", "waiting", "waiting"]
    # Down to 0 and up to 2: the next two in line.
    client.put(url, json={"places_left": 0}, headers={"Authorization": f"Bearer {key}"})
    client.put(url, json={"places_left": 2}, headers={"Authorization": f"Bearer {key}"})
    assert _states(session, ids) == ["proposed", "proposed", "proposed"]
    deliver(engine, settings)
    subjects = sorted(str(m["Subject"]) for m in smtp.inbox.to(world.coach_a))
    assert subjects == [
        "Er is een plek vrij voor Derde",
        "Er is een plek vrij voor Eerste",
        "Er is een plek vrij voor Tweede",
    ]


def test_an_import_that_raises_places_left_opens_the_waiting_list(
    engine: Engine,
    settings: Settings,
    session: Session,
    smtp: SmtpServer,
    world: World,
    runner,
    tmp_path: Path,
) -> None:  # type: ignore[no-untyped-def]
    line = {"id": "zwem-1", "kind": "club", "title": "Zwemmen voor volwassenen", "provider": "Atletiek Zoetermeer",
            "lat": 52.06, "lon": 4.49, "talents": ["swimming"], "places_left": 0}  # fmt: skip
    source = tmp_path / "zwembad.jsonl"
    source.write_text(json.dumps(line) + "\n", encoding="utf-8")
    assert runner("import", str(source)).exit_code == 0
    opp = session.exec(select(Opportunity).where(Opportunity.source_id == "zwem-1")).one()
    ids = _wait_for(session, world, opp.id or 0, ["Lina"])
    source.write_text(json.dumps({**line, "places_left": 3}) + "\n", encoding="utf-8")
    assert runner("import", str(source)).exit_code == 0
    assert _states(session, ids) == ["proposed"]
    deliver(engine, settings)
    assert any("Lina" in str(m["Subject"]) for m in smtp.inbox.to(world.coach_a))


def test_two_sweeps_open_a_place_once(engine: Engine, session: Session, world: World) -> None:
    _make_full(session, world.opp_a2)
    ids = _wait_for(session, world, world.opp_a2, ["Een", "Twee"])
    opp = session.get(Opportunity, world.opp_a2)
    assert opp is not None
    opp.places_left = 1  # changed behind Opstap's back (as an import's bulk write does)
    session.add(opp)
    session.commit()
    with Session(engine) as first, Session(engine) as second:
        opened = open_places(first)
        first.commit()
        try:
            opened += open_places(second)
            second.commit()
        except Exception:  # SQLite refuses the second writer's stale snapshot: it opened nothing
            second.rollback()
    assert opened == 1
    assert _states(session, ids) == ["proposed", "waiting"]
