"""Privacy duties: minimal fields only, erasure leaves nothing, export, audit trail, inactive profiles."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from flask.testing import FlaskClient
from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, select

from matching.models import utcnow
from matching.people import AuditEntry, Consent, PeopleError, Person, Proposal, validate_person
from matching.privacy import inactive_people
from matching.proposals import counts_by_state
from tests.loop.conftest import World, person_row, sign_in

FORBIDDEN = (
    "health",
    "trauma",
    "debt",
    "religion",
    "ethnic",
    "bsn",
    "asylum",
    "nationality",
    "diagnos",
)


def test_person_has_no_column_for_sensitive_data(engine: Engine) -> None:
    columns = [c["name"] for c in inspect(engine).get_columns("person")]
    assert "first_name" in columns
    for column in columns:
        assert not any(word in column.lower() for word in FORBIDDEN), column


@pytest.mark.parametrize(
    "field", ["religion", "health", "bsn", "asylum_story", "ethnicity", "debts"]
)
def test_a_profile_with_a_sensitive_field_is_refused_naming_it(field: str) -> None:
    with pytest.raises(PeopleError, match=field):
        validate_person({"first_name": "Amina", field: "x"})


def test_bad_profile_input_names_the_field_and_keeps_what_was_typed(
    client: FlaskClient, world: World
) -> None:
    sign_in(client, world.coach_a)
    response = client.post(
        "/en/coach/people/new",
        data={"first_name": "Yonas", "postcode": "27", "consent": "1", "talents": "koken, fietsen"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "postcode" in page
    assert 'value="Yonas"' in page and "koken, fietsen" in page
    no_consent = client.post("/en/coach/people/new", data={"first_name": "Yonas"})
    assert no_consent.status_code == 422 and 'value="Yonas"' in no_consent.get_data(as_text=True)


def _text_values(engine: Engine) -> list[str]:
    """Every value in every table, as text (read with plain SQL, not through the models)."""
    values: list[str] = []
    with engine.connect() as conn:
        for table in SQLModel.metadata.sorted_tables:
            for row in conn.execute(text(f'SELECT * FROM "{table.name}"')):
                values.extend(
                    v if isinstance(v, str) else json.dumps(v, ensure_ascii=False, default=str)
                    for v in row
                    if v is not None
                )
    return values


def test_erasure_leaves_none_of_the_persons_fields_in_any_table(
    client: FlaskClient, session: Session, engine: Engine, world: World
) -> None:
    personal = ("Amina", "0612345678", "amina@example.net", "2711AB")
    assert any("Amina" in v for v in _text_values(engine))
    sign_in(client, world.coach_a)
    client.post(f"/en/coach/people/{world.person_a}/propose", data={"opportunity_id": world.opp_a2})
    client.get(f"/en/coach/people/{world.person_a}")
    before = counts_by_state(session)
    response = client.post(f"/en/coach/people/{world.person_a}/erase", data={"confirm": "erase"})
    assert response.status_code == 302
    assert person_row(session, world.person_a) is None
    leftovers = [v for v in _text_values(engine) for p in personal if p in v]
    assert leftovers == []
    with engine.connect() as conn:
        # nothing points at the person any more, yet the proposals still count
        for table in ("proposal", "auditentry", "consent"):
            assert (
                conn.execute(
                    text(f"SELECT count(*) FROM {table} WHERE person_id = :p"),
                    {"p": world.person_a},
                ).scalar()
                == 0
            )
    assert counts_by_state(session) == before
    assert (
        session.exec(select(Proposal).where(Proposal.id == world.proposal_a)).one().person_id
        is None
    )
    # the other side's person is untouched
    assert person_row(session, world.person_b) is not None
    assert client.get(f"/en/coach/people/{world.person_a}").status_code == 404


def test_erasure_needs_confirmation(client: FlaskClient, session: Session, world: World) -> None:
    sign_in(client, world.coach_a)
    client.post(f"/en/coach/people/{world.person_a}/erase", data={})
    assert person_row(session, world.person_a) is not None


def test_export_gives_everything_as_json(client: FlaskClient, world: World) -> None:
    sign_in(client, world.coach_a)
    response = client.get(f"/en/coach/people/{world.person_a}/export.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    data = json.loads(response.get_data(as_text=True))
    assert data["person"]["first_name"] == "Amina" and data["person"]["phone"] == "0612345678"
    assert [c["scope"] for c in data["consents"]] == ["profile", "introduction"]
    assert data["proposals"][0]["opportunity"] == "Hardlopen bij Atletiek"
    assert data["proposals"][0]["state"] == "introduced"
    assert {"create", "propose", "accept", "code_issued"} <= {a["action"] for a in data["audit"]}


def test_audit_trail_records_who_viewed_and_changed(
    client: FlaskClient, session: Session, world: World
) -> None:
    sign_in(client, world.coach_a)
    client.get(f"/en/coach/people/{world.person_a}")
    client.post(
        f"/en/coach/people/{world.person_a}/edit",
        data={
            "first_name": "Amina",
            "phone": "0600000000",
            "postcode": "2711AB",
            "age": "29",
            "dutch_level": "none",
        },
    )
    client.get(f"/en/coach/people/{world.person_a}/export.json")
    club = client.application.test_client()
    sign_in(club, world.provider_user_a)
    club.get("/en/provider/introductions")
    session.expire_all()
    entries = session.exec(select(AuditEntry).where(AuditEntry.person_id == world.person_a)).all()
    by_action = {(e.action, e.user_id) for e in entries}
    assert ("view", world.coach_a_id) in by_action and ("export", world.coach_a_id) in by_action
    update = next(e for e in entries if e.action == "update")
    assert (
        update.user_id == world.coach_a_id
        and "phone" in update.detail
        and "0600000000" not in update.detail
    )
    assert any(e.action == "provider_view" and e.detail == "first_name,phone" for e in entries)
    # a coach of another organisation who is refused leaves no "view"
    other = client.application.test_client()
    sign_in(other, world.coach_b)
    assert other.get(f"/en/coach/people/{world.person_a}").status_code == 404


def test_inactive_profiles_are_flagged_after_twelve_months(
    client: FlaskClient, session: Session, world: World
) -> None:
    sign_in(client, world.coach_a)
    flag = 'class="stale">Inactive for 12 months'
    assert flag not in client.get("/en/coach/").get_data(as_text=True)
    person = session.get(Person, world.person_a)
    assert person is not None
    person.last_activity_at = utcnow() - timedelta(days=366)
    session.add(person)
    session.commit()
    assert flag in client.get("/en/coach/").get_data(as_text=True)
    assert [p.id for p in inactive_people(session, organisation_id=world.org_a)] == [world.person_a]
    assert inactive_people(session, organisation_id=world.org_b) == []
    # activity (a new proposal) clears the flag
    client.post(f"/en/coach/people/{world.person_a}/propose", data={"opportunity_id": world.opp_a2})
    assert flag not in client.get("/en/coach/").get_data(as_text=True)


def test_provider_sees_only_consented_fields(
    client: FlaskClient, world: World, session: Session
) -> None:
    consent = session.exec(select(Consent).where(Consent.proposal_id == world.proposal_a)).one()
    assert consent.fields == ["first_name", "phone"]
    sign_in(client, world.provider_user_a)
    page = client.get("/en/provider/introductions").get_data(as_text=True)
    assert "Amina" in page and "0612345678" in page
    assert "amina@example.net" not in page and "2711" not in page and "Bereket" not in page


def test_withdrawn_consent_hides_the_person_from_the_provider_and_the_other_organisation(
    client: FlaskClient, session: Session, world: World
) -> None:
    sign_in(client, world.coach_a)
    client.post(
        f"/en/coach/people/{world.person_a}/share",
        data={"organisation_id": world.org_b, "consent": "1"},
    )
    other = client.application.test_client()
    sign_in(other, world.coach_b)
    assert other.get(f"/en/coach/people/{world.person_a}").status_code == 200
    shared = session.exec(select(Consent).where(Consent.scope == "organisation")).one()
    assert (
        other.post(f"/en/coach/consents/{shared.id}/withdraw").status_code == 403
    )  # not their record
    client.post(f"/en/coach/consents/{shared.id}/withdraw")
    assert other.get(f"/en/coach/people/{world.person_a}").status_code == 404
    club = client.application.test_client()
    sign_in(club, world.provider_user_a)
    assert "0612345678" in club.get("/en/provider/introductions").get_data(as_text=True)
    client.post(f"/en/coach/consents/{world.consent_a}/withdraw")
    assert "0612345678" not in club.get("/en/provider/introductions").get_data(as_text=True)
    profile = session.exec(
        select(Consent).where(Consent.scope == "profile", Consent.person_id == world.person_a)
    ).one()
    client.post(f"/en/coach/consents/{profile.id}/withdraw")
    session.expire_all()
    assert session.get(Consent, profile.id).withdrawn_at is None  # type: ignore[union-attr]
    actions = [
        e.action
        for e in session.exec(select(AuditEntry).where(AuditEntry.person_id == world.person_a))
    ]
    assert actions.count("consent_withdrawn") == 2
