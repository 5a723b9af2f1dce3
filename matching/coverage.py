"""Which municipalities each organisation covers, so a kiosk help request always reaches someone."""

from __future__ import annotations

import re

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, Session, SQLModel, col, select

from matching.accounts import AccountError, Organisation, User
from matching.help_requests import HelpRequest

_SPLIT = re.compile(r"[,;\n]+")


class OrganisationArea(SQLModel, table=True):
    """One municipality an organisation covers: its coaches get the help requests from there."""

    __table_args__ = (UniqueConstraint("organisation_id", "key", name="uq_organisation_area"),)

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    municipality: str = Field(max_length=200)
    key: str = Field(max_length=200, index=True)  # lower case, for matching a kiosk's municipality


def municipality_key(name: str) -> str:
    """How municipalities are compared: trimmed, single spaces, lower case, without 'Gemeente '."""
    name = " ".join(name.split()).lower()
    return name.removeprefix("gemeente ").strip()


def parse_municipalities(text: str) -> list[str]:
    """Municipalities typed one per line or separated by commas, each once, in the given order."""
    seen: dict[str, str] = {}
    for part in _SPLIT.split(text):
        name = " ".join(part.split())
        if len(name) > 200:
            raise AccountError("municipality: a municipality's name is at most 200 characters")
        if name and municipality_key(name) not in seen:
            seen[municipality_key(name)] = name
    return list(seen.values())


def areas_of(session: Session, *, organisation_id: int) -> list[str]:
    """The municipalities an organisation covers, by name."""
    rows = session.exec(
        select(OrganisationArea.municipality)
        .where(OrganisationArea.organisation_id == organisation_id)
        .order_by(col(OrganisationArea.key))
    )
    return list(rows)


def set_areas(session: Session, *, organisation: Organisation, municipalities: list[str]) -> None:
    """Replace the municipalities an organisation covers."""
    assert organisation.id is not None
    for row in session.exec(
        select(OrganisationArea).where(OrganisationArea.organisation_id == organisation.id)
    ):
        session.delete(row)
    session.flush()
    for name in municipalities:
        session.add(
            OrganisationArea(
                organisation_id=organisation.id, municipality=name, key=municipality_key(name)
            )
        )
    # The old single column stays readable for anything that still shows it.
    organisation.municipality = ", ".join(municipalities)[:120]
    session.add(organisation)
    session.flush()


def covering_organisations(session: Session, *, municipality: str) -> list[Organisation]:
    """Organisations covering this municipality (for a PC4 on two, 'A / B', either counts)."""
    keys = {municipality_key(part) for part in municipality.split("/") if part.strip()}
    if not keys:
        return []
    rows = session.exec(
        select(Organisation)
        .join(OrganisationArea, col(OrganisationArea.organisation_id) == col(Organisation.id))
        .where(col(OrganisationArea.key).in_(keys))
        .order_by(col(Organisation.name))
    )
    unique: dict[int | None, Organisation] = {}
    for org in rows:
        unique.setdefault(org.id, org)
    return list(unique.values())


def organisation_covers(session: Session, *, organisation_id: int, municipality: str) -> bool:
    """True when the organisation's coaches should see a request from this municipality."""
    return any(
        o.id == organisation_id for o in covering_organisations(session, municipality=municipality)
    )


def covered_keys(session: Session) -> set[str]:
    """Every municipality some organisation covers."""
    return set(session.exec(select(OrganisationArea.key).distinct()))


def uncovered_requests(session: Session) -> list[HelpRequest]:
    """Open help requests that no organisation's coaches see (their municipality is not covered)."""
    covered = covered_keys(session)
    rows = session.exec(
        select(HelpRequest)
        .where(HelpRequest.status == "open")
        .order_by(col(HelpRequest.created_at))
    )
    return [
        r for r in rows
        if not any(municipality_key(p) in covered for p in r.municipality.split("/") if p.strip())
    ]  # fmt: skip


def active_coaches(session: Session, *, organisation_id: int) -> list[User]:
    """The coaches of an organisation who can sign in."""
    return list(
        session.exec(
            select(User).where(
                User.organisation_id == organisation_id,
                User.role == "coach",
                User.status == "active",
            )
        )
    )


def active_coordinators(session: Session) -> list[User]:
    """Every coordinator who can sign in."""
    return list(
        session.exec(select(User).where(User.role == "coordinator", User.status == "active"))
    )


def count_uncovered(session: Session) -> int:
    """How many open help requests nobody covers (for the warning on the coordinator's pages)."""
    return len(uncovered_requests(session))
