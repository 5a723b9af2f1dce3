"""Consent rules (PRODUCT §8) at the data-access level, each one a check that names its rule.

The checks are plain functions so that tests/test_rule_mutants.py can switch a rule off and show that
its check then fails: a withdrawn consent that keeps a person visible must never pass unnoticed.
"""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient
from sqlmodel import Session, select

from matching.accounts import User
from matching.people import (
    Consent,
    PeopleError,
    Person,
    organisations_with_access,
    people_of_organisation,
    share_with_organisation,
    withdraw_consent,
)
from matching.privacy import erase_person
from matching.proposals import introduction_view
from tests.loop.conftest import World, sign_in


def _user(session: Session, email: str) -> User:
    return session.exec(select(User).where(User.email == email)).one()


def _names(session: Session, organisation_id: int) -> list[str]:
    return [p.first_name for p in people_of_organisation(session, organisation_id=organisation_id)]


def check_people_list_honours_withdrawn_sharing(session: Session, world: World) -> None:
    """Rule: the other organisation sees a shared person only while that consent stands."""
    person = session.get(Person, world.person_a)
    assert person is not None
    coach_a = _user(session, "coach-a@example.org")
    assert _names(session, world.org_b) == ["Bereket"], "not shared yet: org B sees only its own"
    consent = share_with_organisation(
        session, person=person, organisation_id=world.org_b, user=coach_a
    )
    session.flush()
    assert _names(session, world.org_b) == ["Amina", "Bereket"], "shared: org B sees Amina"
    assert world.org_b in organisations_with_access(session, person=person)
    withdraw_consent(session, consent=consent, user=coach_a)
    session.flush()
    assert _names(session, world.org_b) == ["Bereket"], "withdrawn: org B no longer lists Amina"
    assert _names(session, world.org_a) == ["Amina"], "her own organisation keeps her"


def check_access_honours_withdrawn_sharing(session: Session, world: World) -> None:
    """Rule: a withdrawn sharing consent takes the other organisation's access away."""
    person = session.get(Person, world.person_a)
    assert person is not None
    coach_a = _user(session, "coach-a@example.org")
    consent = share_with_organisation(
        session, person=person, organisation_id=world.org_b, user=coach_a
    )
    session.flush()
    assert organisations_with_access(session, person=person) == {world.org_a, world.org_b}
    withdraw_consent(session, consent=consent, user=coach_a)
    session.flush()
    assert organisations_with_access(session, person=person) == {world.org_a}


def check_provider_sees_only_consented_fields(session: Session, world: World) -> None:
    """Rule: a provider sees only the fields consented to, and nothing once withdrawn."""
    from matching.people import Proposal

    proposal = session.get(Proposal, world.proposal_a)
    assert proposal is not None
    assert introduction_view(session, proposal=proposal) == {
        "first_name": "Amina",
        "phone": "0612345678",
    }
    consent = session.get(Consent, world.consent_a)
    assert consent is not None
    withdraw_consent(session, consent=consent, user=_user(session, "coach-a@example.org"))
    session.flush()
    assert introduction_view(session, proposal=proposal) == {}


def check_profile_consent_is_not_withdrawn_alone(session: Session, world: World) -> None:
    """Rule: the consent to keep a profile ends only by erasing the person."""
    profile = session.exec(
        select(Consent).where(Consent.scope == "profile", Consent.person_id == world.person_a)
    ).one()
    with pytest.raises(PeopleError, match="erase"):
        withdraw_consent(session, consent=profile, user=_user(session, "coach-a@example.org"))
    assert profile.withdrawn_at is None


def check_erasure_leaves_no_consent_or_link(session: Session, world: World) -> None:
    """Rule: erasure removes the person and their consents; proposals stay only as anonymous counts."""
    from matching.people import AuditEntry, Proposal

    person = session.get(Person, world.person_a)
    assert person is not None
    erase_person(session, person=person, user=_user(session, "coach-a@example.org"))
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
