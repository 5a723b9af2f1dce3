"""A person's rights and the data's lifetime: export, erase everywhere, flag inactive profiles."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from matching.accounts import User
from matching.mail.outbox import forget_person
from matching.models import Opportunity, utcnow
from matching.people import (
    INACTIVE_DAYS,
    AuditEntry,
    Consent,
    Person,
    PersonIn,
    Proposal,
    audit_of,
    consents_of,
    record_audit,
)

log = logging.getLogger(__name__)


def export_person(session: Session, *, person: Person) -> dict[str, Any]:
    """Everything Opstap holds about a person, as JSON-ready data (their right of access)."""
    assert person.id is not None
    fields = PersonIn.model_fields.keys()
    proposals = session.exec(
        select(Proposal).where(Proposal.person_id == person.id).order_by(col(Proposal.id))
    )

    def stamp(value: datetime | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "person": {name: getattr(person, name) for name in fields}
        | {
            "created_at": stamp(person.created_at),
            "updated_at": stamp(person.updated_at),
            "personal_code_issued_at": stamp(person.code_issued_at),
        },
        "consents": [
            {
                "scope": c.scope,
                "fields": c.fields,
                "organisation_id": c.organisation_id,
                "proposal_id": c.proposal_id,
                "via": c.via,
                "given_at": stamp(c.given_at),
                "withdrawn_at": stamp(c.withdrawn_at),
            }
            for c in consents_of(session, person_id=person.id)
        ],
        "proposals": [
            {
                "id": p.id,
                "opportunity": (session.get(Opportunity, p.opportunity_id) or Opportunity).title,
                "state": p.state,
                "share_fields": p.share_fields,
                "proposed_at": stamp(p.proposed_at),
                "accepted_at": stamp(p.accepted_at),
                "introduced_at": stamp(p.introduced_at),
                "started_at": stamp(p.started_at),
                "ended_at": stamp(p.ended_at),
                "end_reason": p.end_reason,
            }
            for p in proposals
        ],
        "audit": [
            {
                "at": stamp(a.at),
                "action": a.action,
                "actor": a.actor,
                "user_id": a.user_id,
                "detail": a.detail,
            }
            for a in audit_of(session, person_id=person.id)
        ],
    }


def erase_person(session: Session, *, person: Person, user: User | None) -> None:
    """Erase a person everywhere; their proposals stay only as anonymous counts.

    The caller commits, then calls `scrub_erased` so no old copy of the bytes stays behind.
    """
    person_id = person.id
    organisation_id = person.organisation_id
    session.execute(
        update(Proposal).where(col(Proposal.person_id) == person_id).values(person_id=None)
    )
    session.execute(
        update(AuditEntry).where(col(AuditEntry.person_id) == person_id).values(person_id=None)
    )
    session.execute(delete(Consent).where(col(Consent.person_id) == person_id))
    assert person_id is not None
    forget_person(session, person_id=person_id)  # unsent mail naming them
    session.delete(person)
    session.flush()
    record_audit(session, action="erase", user=user, detail=f"organisation={organisation_id}")


# Tables that held a person's values (only `person` holds names and contact details; the others
# held its id and are vacuumed so that no old row version points at them either).
ERASED_TABLES: tuple[str, ...] = ("person", "consent", "proposal", "auditentry")


def scrub_erased(engine: Engine) -> None:
    """After an erasure is committed, remove the old copies a database keeps of the erased rows.

    SQLite (secure_delete on, see matching/db.py) zeroed the rows in their pages; the WAL still holds
    earlier page images, so it is checkpointed into the file and truncated. PostgreSQL keeps dead row
    versions until a vacuum: `person` is rewritten (VACUUM FULL; a small table), the others vacuumed.
    """
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            busy, _log, _done = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
        if busy:
            log.warning("erasure: the WAL could not be truncated now (a reader is busy)")
    elif engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM (FULL) person")
            conn.exec_driver_sql(f"VACUUM {', '.join(ERASED_TABLES[1:])}")


def inactive_people(
    session: Session, *, organisation_id: int, now: datetime | None = None
) -> list[Person]:
    """An organisation's people with no activity for INACTIVE_DAYS."""
    cutoff = (now or utcnow()) - timedelta(days=INACTIVE_DAYS)
    query = select(Person).where(
        Person.organisation_id == organisation_id, col(Person.last_activity_at) < cutoff
    )
    return list(session.exec(query.order_by(col(Person.last_activity_at))))
