"""People coached toward a step: minimal profile, consent, proposals, personal codes, audit trail.

Privacy by construction: Person has only the profile fields of PRODUCT §6 plus a first name and the
contact details the person chooses to give; there is no column for health, trauma, debts, religion,
ethnicity, BSN or the asylum story, and PersonIn refuses any field it does not know.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta
from typing import Any

from pydantic import Field as PydField
from pydantic import ValidationError, field_validator
from sqlalchemy import JSON, Column, or_
from sqlmodel import Field, Session, SQLModel, col, select

from matching.accounts import User
from matching.errors import DomainError
from matching.models import utcnow
from matching.profile_schema import ProfileFields
from matching.schema import describe_validation_error, normalise_postcode
from matching.vocab import TRAVEL_MODES

INACTIVE_DAYS = 365
# Fields a person may agree to share with a provider through an introduction.
SHAREABLE_FIELDS: tuple[str, ...] = (
    "first_name",
    "phone",
    "email",
    "age",
    "dutch_level",
    "languages",
)
DEFAULT_SHARE: tuple[str, ...] = ("first_name", "phone")
# Personal codes: no 0/O, 1/I/L; 8 random characters and a check character that catches typos.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 8


class PeopleError(DomainError):
    """Bad input about a person or a proposal; the message names the field."""


class Person(SQLModel, table=True):
    """A newcomer's minimal profile, kept by a coaching organisation with the person's consent."""

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    first_name: str = Field(max_length=80)
    phone: str | None = Field(default=None, max_length=40)
    email: str | None = Field(default=None, max_length=254)
    talents: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    wishes: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    dutch_level: str = Field(default="none", max_length=4)
    languages: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    postcode: str | None = Field(default=None, max_length=6)
    travel: str = Field(default="bike", max_length=8)
    max_distance_km: float | None = None
    availability: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    phase: int | None = None
    age: int | None = None
    gender: str | None = Field(default=None, max_length=1)
    needs: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    code_hash: str | None = Field(default=None, max_length=64, unique=True, index=True)
    code_issued_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    last_activity_at: datetime = Field(default_factory=utcnow, index=True)


class Consent(SQLModel, table=True):
    """What may be shared with whom: the profile kept, another organisation, an introduction."""

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    scope: str = Field(max_length=14)  # profile | organisation | introduction
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id")
    proposal_id: int | None = Field(default=None, foreign_key="proposal.id")
    fields: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    via: str = Field(default="coach", max_length=8)  # coach | kiosk
    recorded_by_user_id: int | None = Field(default=None, foreign_key="useraccount.id")
    given_at: datetime = Field(default_factory=utcnow)
    withdrawn_at: datetime | None = None


class Proposal(SQLModel, table=True):
    """A coach's proposal of one opportunity to one person, followed through its states."""

    id: int | None = Field(default=None, primary_key=True)
    person_id: int | None = Field(
        default=None, foreign_key="person.id", index=True
    )  # None once erased
    opportunity_id: int = Field(foreign_key="opportunity.id", index=True)
    provider_id: int | None = Field(default=None, foreign_key="provider.id", index=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    proposed_by_user_id: int | None = Field(default=None, foreign_key="useraccount.id")
    state: str = Field(default="proposed", max_length=10, index=True)
    share_fields: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    proposed_at: datetime = Field(default_factory=utcnow)
    accepted_at: datetime | None = None
    introduced_at: datetime | None = None
    provider_answer: str | None = Field(default=None, max_length=10)  # accepted | declined
    provider_answered_at: datetime | None = None
    started_at: datetime | None = None
    ended_at: datetime | None = None
    end_reason: str | None = Field(default=None, max_length=30)
    # Waiting list: proposed while full; when a place opened the proposal became "proposed".
    waitlisted_at: datetime | None = None
    place_opened_at: datetime | None = None
    # When the coach last noted this proposal's news: later events show on the coach's to-do list.
    coach_seen_at: datetime | None = None


class AuditEntry(SQLModel, table=True):
    """Who viewed or changed a person, and when (no personal values, only what happened)."""

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    user_id: int | None = Field(default=None, foreign_key="useraccount.id", index=True)
    actor: str = Field(default="user", max_length=8)  # user | kiosk | system
    action: str = Field(max_length=30)
    person_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    proposal_id: int | None = Field(default=None, foreign_key="proposal.id")
    detail: str = Field(default="", max_length=300)


class PersonIn(ProfileFields):
    """A person's profile as a coach enters it: the shared profile fields (matching/profile_schema.py,
    the same limits as the API) with a postcode for the location, a first name and chosen contact
    details; any other field (health, religion, …) is refused."""

    first_name: str = PydField(min_length=1, max_length=80)
    phone: str | None = PydField(default=None, max_length=40)
    email: str | None = PydField(default=None, max_length=254)
    postcode: str | None = None

    @field_validator("phone", "email", "postcode", mode="before")
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("postcode")
    @classmethod
    def _postcode(cls, value: str | None) -> str | None:
        return normalise_postcode(value) if value else None

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        if value and ("@" not in value or " " in value):
            raise ValueError(f"{value!r} is not an e-mail address")
        return value


def validate_person(data: dict[str, Any]) -> PersonIn:
    """Validate a profile, raising PeopleError that names each bad field."""
    try:
        # A form sends numbers as typed text; pydantic reads them and names a field that is no number.
        return PersonIn.model_validate(data, context={"form": True})
    except ValidationError as exc:
        raise PeopleError(describe_validation_error(exc)) from exc


def record_audit(
    session: Session,
    *,
    action: str,
    user: User | None = None,
    person_id: int | None = None,
    proposal_id: int | None = None,
    detail: str = "",
    actor: str | None = None,
) -> None:
    """Add one audit entry; `detail` must hold no personal values (field names and ids only)."""
    session.add(
        AuditEntry(
            user_id=user.id if user else None,
            actor=actor or ("user" if user else "kiosk"),
            action=action,
            person_id=person_id,
            proposal_id=proposal_id,
            detail=detail[:300],
        )
    )


def create_person(
    session: Session, *, data: PersonIn, organisation_id: int, user: User | None
) -> Person:
    """A new person with the consent to keep their profile, recorded by `user`."""
    person = Person(organisation_id=organisation_id, **data.model_dump())
    session.add(person)
    session.flush()
    assert person.id is not None
    session.add(
        Consent(
            person_id=person.id,
            scope="profile",
            fields=sorted(data.model_fields_set | {"first_name"}),
            recorded_by_user_id=user.id if user else None,
        )
    )
    record_audit(session, action="create", user=user, person_id=person.id)
    return person


def update_person(
    session: Session, *, person: Person, data: PersonIn, user: User | None
) -> list[str]:
    """Change a profile; returns (and audits) the names of the fields that changed."""
    changed = []
    for name, value in data.model_dump().items():
        if getattr(person, name) != value:
            setattr(person, name, value)
            changed.append(name)
    if changed:
        person.updated_at = person.last_activity_at = utcnow()
        session.add(person)
        record_audit(
            session, action="update", user=user, person_id=person.id, detail=",".join(changed)
        )
    return changed


def touch(person: Person) -> None:
    """Note activity on a person (keeps the profile from being flagged inactive)."""
    person.last_activity_at = utcnow()


def is_inactive(person: Person, *, now: datetime | None = None) -> bool:
    """True when nothing happened with this person for INACTIVE_DAYS (time to ask or erase)."""
    return (now or utcnow()) - person.last_activity_at > timedelta(days=INACTIVE_DAYS)


def organisations_with_access(session: Session, *, person: Person) -> set[int]:
    """The person's own organisation and every one they agreed to share their profile with."""
    shared = session.exec(
        select(Consent.organisation_id).where(
            Consent.person_id == person.id,
            Consent.scope == "organisation",
            col(Consent.withdrawn_at).is_(None),
        )
    )
    return {person.organisation_id, *(org for org in shared if org is not None)}


def people_of_organisation(session: Session, *, organisation_id: int) -> list[Person]:
    """People an organisation's coaches may see: its own, and those shared with it by consent."""
    shared_ids = select(Consent.person_id).where(
        Consent.scope == "organisation",
        Consent.organisation_id == organisation_id,
        col(Consent.withdrawn_at).is_(None),
    )
    query = (
        select(Person)
        .where(or_(col(Person.organisation_id) == organisation_id, col(Person.id).in_(shared_ids)))
        .order_by(col(Person.first_name), col(Person.id))
    )
    return list(session.exec(query))


def share_with_organisation(
    session: Session, *, person: Person, organisation_id: int, user: User
) -> Consent:
    """Record the person's consent to let another organisation's coaches see and plan with them."""
    if organisation_id == person.organisation_id:
        raise PeopleError("organisation: this is already the person's own organisation")
    assert person.id is not None
    consent = Consent(
        person_id=person.id,
        scope="organisation",
        organisation_id=organisation_id,
        fields=["profile"],
        recorded_by_user_id=user.id,
    )
    session.add(consent)
    record_audit(
        session,
        action="share",
        user=user,
        person_id=person.id,
        detail=f"organisation={organisation_id}",
    )
    return consent


def consents_of(session: Session, *, person_id: int) -> list[Consent]:
    """Every consent record of a person, oldest first."""
    return list(
        session.exec(
            select(Consent).where(Consent.person_id == person_id).order_by(col(Consent.id))
        )
    )


def audit_of(session: Session, *, person_id: int) -> list[AuditEntry]:
    """The audit trail of a person, newest first."""
    query = (
        select(AuditEntry)
        .where(AuditEntry.person_id == person_id)
        .order_by(col(AuditEntry.id).desc())
    )
    return list(session.exec(query))


def profile_for_match(person: Person) -> dict[str, Any]:
    """The engine's profile JSON (PRODUCT §6) built from the person's fields; no contact details."""
    profile: dict[str, Any] = {
        "talents": list(person.talents),
        "wishes": list(person.wishes),
        "dutch_level": person.dutch_level,
        "languages": list(person.languages),
        "travel": person.travel if person.travel in TRAVEL_MODES else "bike",
        "availability": list(person.availability),
        "needs": list(person.needs),
    }
    if person.postcode:
        profile["location"] = {"postcode": person.postcode}
    for name in ("max_distance_km", "phase", "age", "gender"):
        if getattr(person, name) is not None:
            profile[name] = getattr(person, name)
    return profile


# --- personal codes -----------------------------------------------------------------------------


def _check_char(body: str) -> str:
    total = sum((i + 1) * CODE_ALPHABET.index(c) for i, c in enumerate(body))
    return CODE_ALPHABET[total % len(CODE_ALPHABET)]


def normalise_code(text: str) -> str | None:
    """The code without spaces or dashes, upper case; None when it cannot be a code (a typo)."""
    code = "".join(ch for ch in text.upper() if ch.isalnum())
    if len(code) != CODE_LENGTH + 1 or any(c not in CODE_ALPHABET for c in code):
        return None
    return code if _check_char(code[:-1]) == code[-1] else None


def format_code(code: str) -> str:
    """'ABCDEFGHJ' -> 'ABC-DEF-GHJ', easier to read aloud and type."""
    return "-".join(code[i : i + 3] for i in range(0, len(code), 3))


def _code_hash(code: str, key: str) -> str:
    # Keyed, so a copy of the database alone does not allow guessing codes offline.
    return hmac.new(key.encode("utf-8"), code.encode("utf-8"), hashlib.sha256).hexdigest()


def issue_code(session: Session, *, person: Person, key: str, user: User) -> str:
    """A new personal code for the person (the old one stops working); only its hash is kept."""
    body = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    code = body + _check_char(body)
    person.code_hash = _code_hash(code, key)
    person.code_issued_at = utcnow()
    touch(person)
    session.add(person)
    record_audit(session, action="code_issued", user=user, person_id=person.id)
    return format_code(code)


def person_for_code(session: Session, *, code: str, key: str) -> Person | None:
    """The person whose personal code this is (already normalised), or None."""
    return session.exec(select(Person).where(Person.code_hash == _code_hash(code, key))).first()


def withdraw_consent(session: Session, *, consent: Consent, user: User) -> None:
    """The person takes back a consent: another organisation's access, or what a provider may see."""
    if consent.scope == "profile":
        raise PeopleError("scope: to withdraw the consent to keep the profile, erase the person")
    if consent.withdrawn_at is None:
        consent.withdrawn_at = utcnow()
        session.add(consent)
        record_audit(
            session,
            action="consent_withdrawn",
            user=user,
            person_id=consent.person_id,
            proposal_id=consent.proposal_id,
            detail=consent.scope,
        )
