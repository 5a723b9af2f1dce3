"""Consent rules (PRODUCT §8) at the data-access level, each one a check that names its rule.

The checks are plain functions so that tests/test_rule_mutants.py can switch a rule off and show that
its check then fails: a withdrawn consent that keeps a person visible must never pass unnoticed.
"""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient
from sqlalchemy import or_, update
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, col, select

import matching.people as people
import matching.privacy as privacy
import matching.proposals as proposals
from matching.accounts import User
from matching.models import utcnow
from matching.people import AuditEntry, Consent, PeopleError, Person, Proposal
from tests.loop.conftest import World, sign_in


def _user(session: Session, email: str) -> User:
    return session.exec(select(User).where(User.email == email)).one()


def _names(session: Session, organisation_id: int) -> list[str]:
    return [
        p.first_name
        for p in people.people_of_organisation(session, organisation_id=organisation_id)
    ]


def check_people_list_honours_withdrawn_sharing(session: Session, world: World) -> None:
    """Rule: the other organisation sees a shared person only while that consent stands."""
    person = session.get(Person, world.person_a)
    assert person is not None
    coach_a = _user(session, "coach-a@example.org")
    assert _names(session, world.org_b) == ["Bereket"], "not shared yet: org B sees only its own"
    consent = people.share_with_organisation(
        session, person=person, organisation_id=world.org_b, user=coach_a
    )
    session.flush()
    assert _names(session, world.org_b) == ["Amina", "Bereket"], "shared: org B sees Amina"
    assert world.org_b in people.organisations_with_access(session, person=person)
    people.withdraw_consent(session, consent=consent, user=coach_a)
    session.flush()
    assert _names(session, world.org_b) == ["Bereket"], "withdrawn: org B no longer lists Amina"
    assert _names(session, world.org_a) == ["Amina"], "her own organisation keeps her"


def check_access_honours_withdrawn_sharing(session: Session, world: World) -> None:
    """Rule: a withdrawn sharing consent takes the other organisation's access away."""
    person = session.get(Person, world.person_a)
    assert person is not None
    coach_a = _user(session, "coach-a@example.org")
    consent = people.share_with_organisation(
        session, person=person, organisation_id=world.org_b, user=coach_a
    )
    session.flush()
    assert people.organisations_with_access(session, person=person) == {world.org_a, world.org_b}
    people.withdraw_consent(session, consent=consent, user=coach_a)
    session.flush()
    assert people.organisations_with_access(session, person=person) == {world.org_a}


def check_provider_sees_only_consented_fields(session: Session, world: World) -> None:
    """Rule: a provider sees only the fields consented to, and nothing once withdrawn."""
    proposal = session.get(Proposal, world.proposal_a)
    assert proposal is not None
    assert proposals.introduction_view(session, proposal=proposal) == {
        "first_name": "Amina",
        "phone": "0612345678",
    }
    consent = session.get(Consent, world.consent_a)
    assert consent is not None
    people.withdraw_consent(session, consent=consent, user=_user(session, "coach-a@example.org"))
    session.flush()
    assert proposals.introduction_view(session, proposal=proposal) == {}


def check_profile_consent_is_not_withdrawn_alone(session: Session, world: World) -> None:
    """Rule: the consent to keep a profile ends only by erasing the person."""
    profile = session.exec(
        select(Consent).where(Consent.scope == "profile", Consent.person_id == world.person_a)
    ).one()
    with pytest.raises(PeopleError, match="erase"):
        people.withdraw_consent(
            session, consent=profile, user=_user(session, "coach-a@example.org")
        )
    assert profile.withdrawn_at is None


def check_erasure_leaves_no_consent_or_link(session: Session, world: World) -> None:
    """Rule: erasure removes the person and their consents; proposals stay only as anonymous counts."""
    person = session.get(Person, world.person_a)
    assert person is not None
    privacy.erase_person(session, person=person, user=_user(session, "coach-a@example.org"))
    session.flush()
    assert session.get(Person, world.person_a) is None
    assert not session.exec(select(Consent).where(Consent.person_id == world.person_a)).all()
    assert not session.exec(select(Proposal).where(Proposal.person_id == world.person_a)).all()
    assert not session.exec(select(AuditEntry).where(AuditEntry.person_id == world.person_a)).all()
    assert session.get(Proposal, world.proposal_a) is not None  # the count survives, unlinked


CONSENT_CHECKS = {
    "people list honours a withdrawn sharing consent": check_people_list_honours_withdrawn_sharing,
    "access honours a withdrawn sharing consent": check_access_honours_withdrawn_sharing,
    "provider sees only consented fields": check_provider_sees_only_consented_fields,
    "profile consent is not withdrawn alone": check_profile_consent_is_not_withdrawn_alone,
    "erasure leaves no consent or link": check_erasure_leaves_no_consent_or_link,
}


@pytest.mark.parametrize("rule", list(CONSENT_CHECKS))
def test_consent_rule(rule: str, session: Session, world: World) -> None:
    CONSENT_CHECKS[rule](session, world)


def test_coach_people_page_drops_a_person_when_sharing_is_withdrawn(
    client: FlaskClient, session: Session, world: World
) -> None:
    """The same rule as the coach of the other organisation sees it: the people list page."""
    sign_in(client, "coach-a@example.org")
    client.post(
        f"/en/coach/people/{world.person_a}/share",
        data={"organisation_id": world.org_b, "consent": "1"},
    )
    other = client.application.test_client()
    sign_in(other, "coach-b@example.org")
    listed = other.get("/en/coach/").get_data(as_text=True)
    assert "Amina" in listed and "Bereket" in listed
    shared = session.exec(select(Consent).where(Consent.scope == "organisation")).one()
    assert client.post(f"/en/coach/consents/{shared.id}/withdraw").status_code in (302, 303)
    listed = other.get("/en/coach/").get_data(as_text=True)
    assert "Amina" not in listed, "a withdrawn consent must take the person off the other list"
    assert "Bereket" in listed


# --- hand-made mutants: each consent rule switched off must fail its check ------------------------


def _list_ignoring_withdrawal(session: Session, *, organisation_id: int) -> list[Person]:
    shared = select(Consent.person_id).where(
        Consent.scope == "organisation", Consent.organisation_id == organisation_id
    )
    query = select(Person).where(
        or_(col(Person.organisation_id) == organisation_id, col(Person.id).in_(shared))
    )
    return list(session.exec(query.order_by(col(Person.first_name), col(Person.id))))


def _access_ignoring_withdrawal(session: Session, *, person: Person) -> set[int]:
    shared = session.exec(
        select(Consent.organisation_id).where(
            Consent.person_id == person.id, Consent.scope == "organisation"
        )
    )
    return {person.organisation_id, *(org for org in shared if org is not None)}


def _introduction_consent_ignoring_withdrawal(
    session: Session, *, proposal: Proposal
) -> Consent | None:
    query = select(Consent).where(
        Consent.proposal_id == proposal.id, Consent.scope == "introduction"
    )
    return session.exec(query).first()


def _view_of_every_field(session: Session, *, proposal: Proposal) -> dict[str, object]:
    person = session.get(Person, proposal.person_id)
    if person is None or proposals.introduction_consent(session, proposal=proposal) is None:
        return {}
    return {name: getattr(person, name) for name in people.SHAREABLE_FIELDS}


def _withdraw_anything(session: Session, *, consent: Consent, user: User) -> None:
    consent.withdrawn_at = utcnow()
    session.add(consent)


def _erase_keeping_consents(session: Session, *, person: Person, user: User | None) -> None:
    session.execute(
        update(Proposal).where(col(Proposal.person_id) == person.id).values(person_id=None)
    )
    session.execute(
        update(AuditEntry).where(col(AuditEntry.person_id) == person.id).values(person_id=None)
    )
    session.delete(person)
    session.flush()


CONSENT_MUTANTS: dict[str, tuple[object, str, object, str]] = {
    # name: (module, function, mutant, rule whose check must fail)
    "people list ignores a withdrawn sharing consent": (
        people, "people_of_organisation", _list_ignoring_withdrawal,
        "people list honours a withdrawn sharing consent",
    ),
    "access ignores a withdrawn sharing consent": (
        people, "organisations_with_access", _access_ignoring_withdrawal,
        "access honours a withdrawn sharing consent",
    ),
    "introduction ignores a withdrawn consent": (
        proposals, "introduction_consent", _introduction_consent_ignoring_withdrawal,
        "provider sees only consented fields",
    ),
    "provider sees every shareable field": (
        proposals, "introduction_view", _view_of_every_field,
        "provider sees only consented fields",
    ),
    "the profile consent can be withdrawn alone": (
        people, "withdraw_consent", _withdraw_anything, "profile consent is not withdrawn alone",
    ),
    "erasure keeps the consents": (
        privacy, "erase_person", _erase_keeping_consents, "erasure leaves no consent or link",
    ),
}  # fmt: skip


@pytest.mark.parametrize("mutant", list(CONSENT_MUTANTS))
def test_switching_a_consent_rule_off_fails_its_check(
    mutant: str, session: Session, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    module, name, replacement, rule = CONSENT_MUTANTS[mutant]
    monkeypatch.setattr(module, name, replacement)
    # A mutant may fail the check's assertion or break on the database's own constraints: both are red.
    with pytest.raises((AssertionError, pytest.fail.Exception, SQLAlchemyError)):
        CONSENT_CHECKS[rule](session, world)
