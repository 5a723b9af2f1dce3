"""A small world for the match-loop tests: two organisations, two providers, one account of each role per side."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from argon2 import PasswordHasher
from flask.testing import FlaskClient
from sqlmodel import Session, select

import matching.accounts as accounts
from matching.accounts import create_organisation, create_user, signup_provider
from matching.help_requests import create_help_request
from matching.mail.notify import help_request_arrived
from matching.models import Provider
from matching.people import Consent, Person, PersonIn, create_person, issue_code
from matching.proposals import person_accepts, propose
from tests.factories import add_opportunity

PASSWORD = "correct horse battery"
SECRET = "dev-only-change-me"  # the test settings' secret key, which keys personal codes


@pytest.fixture(autouse=True)
def _fast_hashing(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """argon2 with tiny parameters: the same code path, a fraction of the time."""
    monkeypatch.setattr(
        accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    )
    yield


@dataclass
class World:
    """Ids and codes of everything the tests use; side A and side B never see each other."""

    org_a: int
    org_b: int
    provider_a: int
    provider_b: int
    coordinator: str
    coach_a: str
    coach_b: str
    provider_user_a: str
    provider_user_b: str
    opp_a: int
    opp_a2: int
    opp_b: int
    person_a: int
    person_b: int
    proposal_a: int
    proposal_b: int
    code_a: str
    coach_a_id: int
    pending_provider_user: int
    help_a: int
    consent_a: int


def build_world(session: Session) -> World:
    """Two sides, each with an organisation, a coach, a provider (with a user), a person and an introduction."""
    org_a = create_organisation(
        session, name="VluchtelingenWerk Zoetermeer", municipality="Zoetermeer"
    )
    org_b = create_organisation(session, name="VluchtelingenWerk Delft", municipality="Delft")
    prov_a = Provider(name="Atletiek Zoetermeer", verified=True)
    prov_b = Provider(name="Voetbal Delft", verified=True)
    session.add_all([prov_a, prov_b])
    session.flush()
    create_user(session, email="coordinator@example.org", role="coordinator", password=PASSWORD)
    coach_a = create_user(
        session,
        email="coach-a@example.org",
        role="coach",
        password=PASSWORD,
        organisation_id=org_a.id,
    )
    coach_b = create_user(
        session,
        email="coach-b@example.org",
        role="coach",
        password=PASSWORD,
        organisation_id=org_b.id,
    )
    create_user(
        session,
        email="club-a@example.org",
        role="provider",
        password=PASSWORD,
        provider_id=prov_a.id,
    )
    create_user(
        session,
        email="club-b@example.org",
        role="provider",
        password=PASSWORD,
        provider_id=prov_b.id,
    )
    session.commit()
    opp_a = add_opportunity(
        session, title="Hardlopen bij Atletiek", provider_name=prov_a.name, provider_id=prov_a.id
    )
    opp_a2 = add_opportunity(
        session,
        title="Jeugdtrainer Atletiek",
        provider_name=prov_a.name,
        provider_id=prov_a.id,
        kind="volunteer",
    )
    opp_b = add_opportunity(
        session, title="Voetbal in Delft", provider_name=prov_b.name, provider_id=prov_b.id
    )
    person_a = create_person(
        session,
        data=PersonIn(
            first_name="Amina",
            phone="0612345678",
            email="amina@example.net",
            talents=["running"],
            postcode="2711AB",
            age=29,
        ),
        organisation_id=org_a.id or 0,
        user=coach_a,
    )
    person_b = create_person(
        session,
        data=PersonIn(first_name="Bereket", phone="0687654321", talents=["football"]),
        organisation_id=org_b.id or 0,
        user=coach_b,
    )
    session.flush()
    proposal_a = propose(session, person=person_a, opportunity_id=opp_a.id or 0, user=coach_a)
    proposal_b = propose(session, person=person_b, opportunity_id=opp_b.id or 0, user=coach_b)
    person_accepts(session, proposal=proposal_a, person=person_a, fields=["first_name", "phone"])
    person_accepts(session, proposal=proposal_b, person=person_b, fields=["first_name"])
    code_a = issue_code(session, person=person_a, key=SECRET, user=coach_a)
    pending = signup_provider(
        session,
        provider_name="Nieuwe Club",
        email="new-club@example.org",
        name="Sam",
        password=PASSWORD,
    )
    help_a = create_help_request(
        session,
        lang="ar",
        opportunity_ids=[opp_a.id or 0],
        municipality="Zoetermeer",
        shared={"first_name": "Hiwet", "phone": "0611112222"},
    )
    # What the kiosk does with a request: the covering organisation's coaches are told by mail.
    help_request_arrived(session, request=help_a)
    session.commit()
    consent_a = session.exec(select(Consent).where(Consent.proposal_id == proposal_a.id)).one()
    return World(
        org_a=org_a.id or 0,
        org_b=org_b.id or 0,
        provider_a=prov_a.id or 0,
        provider_b=prov_b.id or 0,
        coordinator="coordinator@example.org",
        coach_a="coach-a@example.org",
        coach_b="coach-b@example.org",
        provider_user_a="club-a@example.org",
        provider_user_b="club-b@example.org",
        opp_a=opp_a.id or 0,
        opp_a2=opp_a2.id or 0,
        opp_b=opp_b.id or 0,
        person_a=person_a.id or 0,
        person_b=person_b.id or 0,
        proposal_a=proposal_a.id or 0,
        proposal_b=proposal_b.id or 0,
        code_a=code_a,
        coach_a_id=coach_a.id or 0,
        pending_provider_user=pending.id or 0,
        help_a=help_a.id or 0,
        consent_a=consent_a.id or 0,
    )


@pytest.fixture
def world(session: Session) -> World:
    """The two-sided world in the test database."""
    return build_world(session)


def sign_in(client: FlaskClient, email: str, password: str = PASSWORD) -> None:
    """Sign the client in (CSRF is off in the default app fixture)."""
    response = client.post("/en/account/sign-in", data={"email": email, "password": password})
    assert response.status_code == 302, response.get_data(as_text=True)


def person_row(session: Session, person_id: int) -> Person | None:
    """The person as the database has it now."""
    session.expire_all()
    return session.get(Person, person_id)
