"""Consent, privacy and the match loop in detail, on the matching/ functions themselves (found by
mutation testing: the web tests never reached most of them). Who may see a person (sharing with another
organisation and taking it back, a provider's view through an introduction only, nothing of an erased
person); what a consent holds and who recorded it; each step of a proposal — who may take it, from which
state, its audit line and who is told; personal codes; what an export holds; erasure's own audit line
and the old copies it scrubs; the twelve-month boundary of an inactive profile; anonymous counts."""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
from datetime import datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from matching.accounts import User, create_organisation
from matching.mail.outbox import OutboxMessage
from matching.models import Opportunity, utcnow
from matching.people import (
    CODE_ALPHABET,
    AuditEntry,
    Consent,
    PeopleError,
    Person,
    PersonIn,
    Proposal,
    create_person,
    format_code,
    is_inactive,
    issue_code,
    normalise_code,
    organisations_with_access,
    people_of_organisation,
    person_for_code,
    profile_for_match,
    record_audit,
    share_with_organisation,
    update_person,
    withdraw_consent,
)
from matching.privacy import erase_person, export_person, inactive_people, scrub_erased
from matching.proposals import (
    FINISH_REASONS,
    STOP_REASONS,
    ProposalError,
    active_counts,
    active_proposals,
    counts_by_state,
    end_proposal,
    introduction_view,
    introductions_for_provider,
    mark_introduced,
    mark_started,
    person_accepts,
    person_declines,
    proposals_of,
    propose,
    provider_answers,
)
from tests.factories import add_opportunity
from tests.loop.conftest import SECRET, World


def _user(session: Session, email: str) -> User:
    return session.exec(select(User).where(User.email == email)).one()


def _person(session: Session, person_id: int) -> Person:
    person = session.get(Person, person_id)
    assert person is not None
    return person


def _proposal(session: Session, proposal_id: int) -> Proposal:
    proposal = session.get(Proposal, proposal_id)
    assert proposal is not None
    return proposal


def _audit(session: Session, proposal_id: int | None) -> list[tuple[Any, ...]]:
    """The audit lines of one proposal, oldest first: (action, user, actor, person, detail)."""
    session.flush()
    entries = session.exec(
        select(AuditEntry).where(AuditEntry.proposal_id == proposal_id).order_by(col(AuditEntry.id))
    )
    return [(e.action, e.user_id, e.actor, e.person_id, e.detail) for e in entries]


def _outbox_end(session: Session) -> int:
    """The newest mail's id now: the mails a step adds come after it."""
    session.flush()
    return max(session.exec(select(OutboxMessage.id)).all(), default=None) or 0


def _mails(session: Session, kind: str, since: int) -> list[tuple[int | None, int | None, Any]]:
    """The mails of one kind added since `since`: (to user, about person, the answer they carry)."""
    session.flush()
    rows = session.exec(
        select(OutboxMessage)
        .where(OutboxMessage.kind == kind, col(OutboxMessage.id) > since)
        .order_by(col(OutboxMessage.id))
    )
    return [(m.to_user_id, m.person_id, m.params.get("answer")) for m in rows]


def _state_error(state: str) -> str:
    return f"^{re.escape(f'state: this proposal is {state}, so it cannot take that step')}$"


def _proposed(session: Session, world: World) -> Proposal:
    """A fresh proposal to Amina (the volunteer place), still waiting for her answer."""
    coach = _user(session, world.coach_a)
    return propose(
        session, person=_person(session, world.person_a), opportunity_id=world.opp_a2, user=coach
    )


def _accepted_outside_opstap(session: Session, world: World) -> Proposal:
    """Accepted by Amina for a place whose provider has no account: the coach introduces her."""
    opp = add_opportunity(session, title="Taalcafé in de bibliotheek", provider_id=None)
    person = _person(session, world.person_a)
    proposal = propose(
        session, person=person, opportunity_id=opp.id or 0, user=_user(session, world.coach_a)
    )
    return person_accepts(session, proposal=proposal, person=person, fields=["first_name"])


# --- the newcomer's answer ------------------------------------------------------------------------


def test_declining_stops_the_proposal_tells_the_coach_and_shares_nothing(
    session: Session, world: World
) -> None:
    """The person declines at the kiosk: stopped with its reason, audited, the coach told, no consent."""
    proposal = _proposed(session, world)
    person = _person(session, world.person_a)
    person.last_activity_at = utcnow() - timedelta(days=100)
    since = _outbox_end(session)
    person_declines(session, proposal=proposal, person=person)
    session.commit()
    session.expire_all()
    stored = _proposal(session, proposal.id or 0)
    assert (stored.state, stored.end_reason) == ("stopped", "person_declined")
    assert stored.ended_at is not None and stored.accepted_at is None
    assert _audit(session, proposal.id)[-1] == ("decline", None, "kiosk", world.person_a, "")
    assert _mails(session, "person_answered", since) == [
        (world.coach_a_id, world.person_a, "declined")
    ]
    assert not session.exec(select(Consent).where(Consent.proposal_id == proposal.id)).all()
    assert introduction_view(session, proposal=stored) == {}
    assert _person(session, world.person_a).last_activity_at > utcnow() - timedelta(minutes=1)


@pytest.mark.parametrize("answer", ["accept", "decline"])
def test_only_a_proposed_proposal_takes_the_persons_answer(
    answer: str, session: Session, world: World
) -> None:
    """An introduction already made cannot be accepted or declined again at the kiosk."""
    proposal = _proposal(session, world.proposal_a)
    person = _person(session, world.person_a)
    with pytest.raises(ProposalError, match=_state_error("introduced")):
        if answer == "accept":
            person_accepts(session, proposal=proposal, person=person, fields=["first_name"])
        else:
            person_declines(session, proposal=proposal, person=person)
    assert proposal.state == "introduced" and proposal.ended_at is None


# --- the coach introduces to a provider outside Opstap ---------------------------------------------


def test_coach_marks_an_accepted_proposal_introduced(session: Session, world: World) -> None:
    """A provider without an account: the person's yes waits for the coach, who introduces them."""
    proposal = _accepted_outside_opstap(session, world)
    assert proposal.state == "accepted" and proposal.introduced_at is None
    mark_introduced(session, proposal=proposal, user=_user(session, world.coach_a))
    session.commit()
    session.expire_all()
    stored = _proposal(session, proposal.id or 0)
    assert stored.state == "introduced" and stored.introduced_at is not None
    assert stored.accepted_at is not None and stored.introduced_at >= stored.accepted_at
    assert _audit(session, proposal.id)[-1] == (
        "introduced", world.coach_a_id, "user", world.person_a, ""
    )  # fmt: skip


@pytest.mark.parametrize("state", ["proposed", "introduced"])
def test_only_an_accepted_proposal_can_be_marked_introduced(
    state: str, session: Session, world: World
) -> None:
    """Introducing needs the person's yes first, and happens once."""
    proposal = (
        _proposed(session, world) if state == "proposed" else _proposal(session, world.proposal_a)
    )
    with pytest.raises(ProposalError, match=_state_error(state)):
        mark_introduced(session, proposal=proposal, user=_user(session, world.coach_a))
    assert proposal.state == state


# --- the provider answers ---------------------------------------------------------------------------


def test_provider_accepting_keeps_the_introduction_and_tells_the_coach(
    session: Session, world: World
) -> None:
    """Accepted: the introduction goes on (not ended), audited under the provider, the coach told."""
    proposal = _proposal(session, world.proposal_a)
    club = _user(session, world.provider_user_a)
    since = _outbox_end(session)
    provider_answers(session, proposal=proposal, user=club, accept=True)
    session.commit()
    session.expire_all()
    stored = _proposal(session, world.proposal_a)
    assert (stored.state, stored.provider_answer, stored.ended_at) == (
        "introduced",
        "accepted",
        None,
    )
    assert stored.provider_answered_at is not None
    assert _audit(session, world.proposal_a)[-1] == (
        "provider_accepted", club.id, "user", world.person_a, ""
    )  # fmt: skip
    assert _mails(session, "provider_answered", since) == [
        (world.coach_a_id, world.person_a, "accepted")
    ]
    with pytest.raises(ProposalError, match="^state: this introduction was already answered$"):
        provider_answers(session, proposal=stored, user=club, accept=False)
    assert stored.provider_answer == "accepted" and stored.state == "introduced"


def test_provider_declining_stops_the_introduction(session: Session, world: World) -> None:
    """Declined: stopped with the reason provider_declined, audited, the coach told."""
    proposal = _proposal(session, world.proposal_a)
    club = _user(session, world.provider_user_a)
    since = _outbox_end(session)
    provider_answers(session, proposal=proposal, user=club, accept=False)
    session.commit()
    session.expire_all()
    stored = _proposal(session, world.proposal_a)
    assert (stored.state, stored.provider_answer, stored.end_reason) == (
        "stopped", "declined", "provider_declined"
    )  # fmt: skip
    assert stored.ended_at is not None and stored.provider_answered_at is not None
    assert _audit(session, world.proposal_a)[-1] == (
        "provider_declined", club.id, "user", world.person_a, ""
    )  # fmt: skip
    assert _mails(session, "provider_answered", since) == [
        (world.coach_a_id, world.person_a, "declined")
    ]
    with pytest.raises(ProposalError, match=_state_error("stopped")):
        provider_answers(session, proposal=stored, user=club, accept=True)


def test_provider_answers_only_an_introduction(session: Session, world: World) -> None:
    """A proposal the person has not accepted yet never reaches the provider to answer."""
    proposal = _proposed(session, world)
    with pytest.raises(ProposalError, match=_state_error("proposed")):
        provider_answers(
            session, proposal=proposal, user=_user(session, world.provider_user_a), accept=True
        )
    assert proposal.provider_answer is None


# --- started ----------------------------------------------------------------------------------------


def test_coach_marks_an_introduction_started_without_mailing_themselves(
    session: Session, world: World
) -> None:
    """The coach may mark started before the provider answered; nobody is mailed about it."""
    proposal = _proposal(session, world.proposal_a)
    since = _outbox_end(session)
    mark_started(session, proposal=proposal, user=_user(session, world.coach_a))
    session.commit()
    session.expire_all()
    stored = _proposal(session, world.proposal_a)
    assert stored.state == "started" and stored.started_at is not None
    assert _audit(session, world.proposal_a)[-1] == (
        "started", world.coach_a_id, "user", world.person_a, ""
    )  # fmt: skip
    assert _mails(session, "provider_answered", since) == []


def test_provider_marks_started_only_after_accepting(session: Session, world: World) -> None:
    """A provider first accepts the introduction; its 'started' then reaches the coach by mail."""
    proposal = _proposal(session, world.proposal_a)
    club = _user(session, world.provider_user_a)
    message = "state: accept the introduction before marking it started"
    since = _outbox_end(session)
    with pytest.raises(ProposalError, match=f"^{re.escape(message)}$"):
        mark_started(session, proposal=proposal, user=club)
    assert proposal.state == "introduced" and proposal.started_at is None
    provider_answers(session, proposal=proposal, user=club, accept=True)
    mark_started(session, proposal=proposal, user=club)
    session.commit()
    session.expire_all()
    stored = _proposal(session, world.proposal_a)
    assert stored.state == "started" and stored.started_at is not None
    assert _audit(session, world.proposal_a)[-1] == (
        "started", club.id, "user", world.person_a, ""
    )  # fmt: skip
    assert _mails(session, "provider_answered", since) == [
        (world.coach_a_id, world.person_a, "accepted"),
        (world.coach_a_id, world.person_a, "started"),
    ]


def test_only_an_introduction_can_be_marked_started(session: Session, world: World) -> None:
    """Started needs an introduction first."""
    proposal = _accepted_outside_opstap(session, world)
    with pytest.raises(ProposalError, match=_state_error("accepted")):
        mark_started(session, proposal=proposal, user=_user(session, world.coach_a))
    assert proposal.state == "accepted" and proposal.started_at is None


# --- stopped or finished ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "outcome", "reason"),
    [
        ("proposed", "stopped", "not_a_good_fit"),
        ("accepted", "stopped", "lost_contact"),
        ("introduced", "stopped", "moved_away"),
        ("started", "stopped", "times_or_distance"),
        ("started", "finished", "found_work"),
    ],
)
def test_a_coach_ends_an_active_proposal_with_a_listed_reason(
    start: str, outcome: str, reason: str, session: Session, world: World
) -> None:
    """Stopped from any active state, finished only once started; the reason is kept and audited."""
    coach = _user(session, world.coach_a)
    proposal = {
        "proposed": lambda: _proposed(session, world),
        "accepted": lambda: _accepted_outside_opstap(session, world),
        "introduced": lambda: _proposal(session, world.proposal_a),
        "started": lambda: mark_started(
            session, proposal=_proposal(session, world.proposal_a), user=coach
        ),
    }[start]()
    assert proposal.state == start
    end_proposal(session, proposal=proposal, user=coach, outcome=outcome, reason=reason)
    session.commit()
    session.expire_all()
    stored = _proposal(session, proposal.id or 0)
    assert (stored.state, stored.end_reason) == (outcome, reason) and stored.ended_at is not None
    assert _audit(session, proposal.id)[-1] == (
        outcome, world.coach_a_id, "user", world.person_a, reason
    )  # fmt: skip


@pytest.mark.parametrize(
    ("started", "outcome", "reason", "message"),
    [
        (False, "paused", "other", "outcome: must be stopped or finished"),
        (False, "stopped", "completed", f"reason: must be one of {', '.join(STOP_REASONS)}"),
        (True, "finished", "moved_away", f"reason: must be one of {', '.join(FINISH_REASONS)}"),
        (False, "finished", "completed", "outcome: only a started proposal can be finished"),
    ],
)
def test_ending_refuses_an_unknown_outcome_or_reason_saying_which(
    started: bool, outcome: str, reason: str, message: str, session: Session, world: World
) -> None:
    """The coach reads what was wrong; the proposal stays as it was and nothing is audited."""
    coach = _user(session, world.coach_a)
    proposal = _proposal(session, world.proposal_a)
    if started:
        mark_started(session, proposal=proposal, user=coach)
    state, audited = proposal.state, _audit(session, world.proposal_a)
    with pytest.raises(ProposalError, match=f"^{re.escape(message)}$"):
        end_proposal(session, proposal=proposal, user=coach, outcome=outcome, reason=reason)
    assert proposal.state == state and proposal.ended_at is None and proposal.end_reason is None
    assert _audit(session, world.proposal_a) == audited


def test_an_ended_proposal_cannot_be_ended_again(session: Session, world: World) -> None:
    """Stopped is final: a second stop is refused and the first reason kept."""
    coach = _user(session, world.coach_a)
    proposal = _proposal(session, world.proposal_a)
    end_proposal(session, proposal=proposal, user=coach, outcome="stopped", reason="no_places")
    with pytest.raises(ProposalError, match=_state_error("stopped")):
        end_proposal(session, proposal=proposal, user=coach, outcome="stopped", reason="other")
    assert proposal.end_reason == "no_places"


# --- anonymous counts -------------------------------------------------------------------------------


def test_counts_by_state_counts_every_proposal_once(session: Session, world: World) -> None:
    """Every state is listed (zero when none), each proposal counted once, erased people included."""
    coach = _user(session, world.coach_a)
    _proposed(session, world)
    end_proposal(
        session,
        proposal=_accepted_outside_opstap(session, world),
        user=coach,
        outcome="stopped",
        reason="other",
    )
    session.commit()
    expected = {
        "waiting": 0, "proposed": 1, "accepted": 0, "introduced": 2,
        "started": 0, "stopped": 1, "finished": 0,
    }  # fmt: skip
    assert counts_by_state(session) == expected
    erase_person(session, person=_person(session, world.person_a), user=coach)
    session.commit()
    assert counts_by_state(session) == expected


def test_counts_by_state_keeps_a_state_it_does_not_list(session: Session, world: World) -> None:
    """A row in a state this version does not name (an older one's) is still counted, not lost."""
    session.execute(
        text("UPDATE proposal SET state = 'paused' WHERE id IN (:a, :b)"),
        {"a": world.proposal_a, "b": world.proposal_b},
    )
    session.commit()
    counts = counts_by_state(session)
    assert counts["paused"] == 2 and counts["introduced"] == 0


# --- personal codes ---------------------------------------------------------------------------------

VALID = "23456789F"  # body 23456789 and its check character


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (VALID, VALID),
        ("234-567-89f", VALID),
        (" 234 567 89F ", VALID),
        ("ABCDEFGHR", "ABCDEFGHR"),
        ("23456789", None),  # one character short
        ("23456789FF", None),  # one too many
        ("ABCDEFGHJD", None),  # ten characters whose last checks the nine before it
        ("23456789G", None),  # a typo in the check character
        ("23456788F", None),  # a typo in the body
        ("BACDEFGHR", None),  # two characters swapped
        ("O3456789F", None),  # a letter O where the alphabet has none
        ("", None),
    ],
)
def test_normalise_code_accepts_a_code_as_typed_and_refuses_a_typo(
    typed: str, expected: str | None
) -> None:
    """Dashes, spaces and lower case are forgiven; a wrong length, character or check is not."""
    assert normalise_code(typed) == expected


def test_a_personal_code_finds_its_person_until_a_new_one_is_issued(
    session: Session, world: World
) -> None:
    """The code as the person types it finds them; with another key, or after a new code, nobody."""
    code = normalise_code(world.code_a)
    assert code is not None and format_code(code) == world.code_a
    found = person_for_code(session, code=code, key=SECRET)
    assert found is not None and found.id == world.person_a
    assert person_for_code(session, code=code, key="another-secret") is None
    new = issue_code(
        session,
        person=_person(session, world.person_a),
        key=SECRET,
        user=_user(session, world.coach_a),
    )
    session.flush()
    assert person_for_code(session, code=code, key=SECRET) is None
    again = person_for_code(session, code=normalise_code(new) or "", key=SECRET)
    assert again is not None and again.id == world.person_a


# --- profile updates --------------------------------------------------------------------------------


def test_update_person_stores_the_new_values_and_names_the_fields(
    session: Session, world: World
) -> None:
    """The changed values are kept; the audit names the fields, comma-separated, never the values."""
    person = _person(session, world.person_a)
    data = PersonIn(
        first_name="Amina", phone="0600000000", email="amina@example.net",
        talents=["running"], postcode="2712AA", age=29,
    )  # fmt: skip
    changed = update_person(session, person=person, data=data, user=_user(session, world.coach_a))
    assert changed == ["phone", "postcode"]
    session.commit()
    session.expire_all()
    stored = _person(session, world.person_a)
    assert (stored.phone, stored.postcode, stored.email) == (
        "0600000000",
        "2712AA",
        "amina@example.net",
    )
    update = session.exec(
        select(AuditEntry).where(
            AuditEntry.person_id == world.person_a, AuditEntry.action == "update"
        )
    ).one()
    assert update.detail == "phone,postcode" and update.user_id == world.coach_a_id


# --- export -----------------------------------------------------------------------------------------


def _stamp(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def test_export_holds_every_record_with_its_times(session: Session, world: World) -> None:
    """The right of access: the profile, each consent (withdrawn ones too), proposals and audit lines."""
    coach = _user(session, world.coach_a)
    person = _person(session, world.person_a)
    shared = share_with_organisation(
        session, person=person, organisation_id=world.org_b, user=coach
    )
    session.flush()
    withdraw_consent(session, consent=shared, user=coach)
    second = _proposed(session, world)
    end_proposal(session, proposal=second, user=coach, outcome="stopped", reason="other")
    session.commit()
    # The older proposal changes last (on PostgreSQL its row moves behind the newer one's).
    mark_started(session, proposal=_proposal(session, world.proposal_a), user=coach)
    session.commit()
    data = export_person(session, person=person)
    assert set(data) == {"person", "consents", "proposals", "audit"}
    assert data["person"] == {name: getattr(person, name) for name in PersonIn.model_fields} | {
        "created_at": person.created_at.isoformat(),
        "updated_at": person.updated_at.isoformat(),
        "personal_code_issued_at": _stamp(person.code_issued_at),
    }
    assert data["person"]["personal_code_issued_at"] is not None
    consents = session.exec(select(Consent).where(Consent.person_id == world.person_a)).all()
    assert data["consents"] == [
        {
            "scope": c.scope, "fields": c.fields, "organisation_id": c.organisation_id,
            "proposal_id": c.proposal_id, "via": c.via, "given_at": _stamp(c.given_at),
            "withdrawn_at": _stamp(c.withdrawn_at),
        }
        for c in sorted(consents, key=lambda c: c.id or 0)
    ]  # fmt: skip
    assert [(c["scope"], c["organisation_id"], c["via"]) for c in data["consents"]] == [
        ("profile", None, "coach"), ("introduction", None, "kiosk"), ("organisation", world.org_b, "coach")
    ]  # fmt: skip
    assert data["consents"][1]["fields"] == ["first_name", "phone"]
    assert data["consents"][2]["withdrawn_at"] is not None
    first = _proposal(session, world.proposal_a)
    assert data["proposals"] == [
        {
            "id": p.id, "opportunity": title, "state": p.state, "share_fields": p.share_fields,
            "proposed_at": _stamp(p.proposed_at), "accepted_at": _stamp(p.accepted_at),
            "introduced_at": _stamp(p.introduced_at), "started_at": _stamp(p.started_at),
            "ended_at": _stamp(p.ended_at), "end_reason": p.end_reason,
        }
        for p, title in ((first, "Hardlopen bij Atletiek"), (second, "Jeugdtrainer Atletiek"))
    ]  # fmt: skip
    assert data["proposals"][0]["started_at"] is not None
    assert data["proposals"][1]["end_reason"] == "other"
    entries = session.exec(
        select(AuditEntry)
        .where(AuditEntry.person_id == world.person_a)
        .order_by(col(AuditEntry.id).desc())
    ).all()
    assert data["audit"] == [
        {"at": _stamp(a.at), "action": a.action, "actor": a.actor, "user_id": a.user_id, "detail": a.detail}
        for a in entries
    ]  # fmt: skip
    assert [a["action"] for a in data["audit"][:2]] == ["started", "stopped"]
    assert data["audit"][1]["detail"] == "other"
    assert ("accept", "kiosk", None) in {
        (a["action"], a["actor"], a["user_id"]) for a in data["audit"]
    }


# --- erasure ----------------------------------------------------------------------------------------


def test_erasure_leaves_its_own_audit_line_without_the_person(
    session: Session, world: World
) -> None:
    """Who erased, and for which organisation, is kept — with no link to the erased person."""
    coach = _user(session, world.coach_a)
    before = session.exec(select(AuditEntry.id)).all()
    erase_person(session, person=_person(session, world.person_a), user=coach)
    session.commit()
    new = session.exec(select(AuditEntry).where(col(AuditEntry.id).not_in(before))).all()
    assert [(e.action, e.user_id, e.actor, e.person_id, e.detail) for e in new] == [
        ("erase", coach.id, "user", None, f"organisation={world.org_a}")
    ]


def test_scrub_erased_truncates_the_sqlite_wal(session: Session, engine: Engine) -> None:
    """SQLite: the write-ahead log, which still holds old page images, is emptied after an erasure."""
    if engine.dialect.name != "sqlite":
        pytest.skip("the WAL is SQLite's")
    wal = Path(str(engine.url.database) + "-wal")
    session.commit()
    assert wal.exists() and wal.stat().st_size > 0
    scrub_erased(engine)
    assert wal.stat().st_size == 0


def test_scrub_erased_says_when_a_reader_keeps_the_wal(caplog: pytest.LogCaptureFixture) -> None:
    """A reader still busy blocks the truncation: the operator is told, in plain words."""

    class Busy:
        dialect = SimpleNamespace(name="sqlite")

        def connect(self) -> Any:
            result = SimpleNamespace(one=lambda: (1, 5, 3))
            conn = SimpleNamespace(exec_driver_sql=lambda sql: result)
            return _Context(conn)

    with caplog.at_level(logging.WARNING, logger="matching.privacy"):
        scrub_erased(Busy())  # type: ignore[arg-type]
    assert [r.getMessage() for r in caplog.records] == [
        "erasure: the WAL could not be truncated now (a reader is busy)"
    ]


class _Context:
    """A connection stand-in usable in `with`, remembering what it was asked to run."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn

    def __enter__(self) -> Any:
        return self.conn

    def __exit__(self, *exc: object) -> None:
        return None


def test_scrub_erased_vacuums_the_erased_tables_on_postgresql() -> None:
    """PostgreSQL: `person` is rewritten, consent, proposal and audit vacuumed, outside a transaction."""
    ran: list[str] = []
    options: dict[str, Any] = {}

    class Connection:
        def execution_options(self, **given: Any) -> _Context:
            options.update(given)
            return _Context(SimpleNamespace(exec_driver_sql=ran.append))

    postgres = SimpleNamespace(dialect=SimpleNamespace(name="postgresql"), connect=Connection)
    scrub_erased(postgres)  # type: ignore[arg-type]
    # SQL keywords and unquoted names are case-blind, and SQLAlchemy upper-cases the level itself.
    assert str(options["isolation_level"]).upper() == "AUTOCOMMIT"
    assert [" ".join(sql.lower().split()) for sql in ran] == [
        "vacuum (full) person",
        "vacuum consent, proposal, auditentry",
    ]


# --- inactive profiles ------------------------------------------------------------------------------


def test_inactive_people_start_after_exactly_twelve_months(session: Session, world: World) -> None:
    """365 days without activity is not yet inactive; a moment more is; the longest idle come first."""
    now = utcnow()
    amina = _person(session, world.person_a)
    amina.last_activity_at = now - timedelta(days=365)
    session.add(amina)
    session.commit()
    assert inactive_people(session, organisation_id=world.org_a, now=now) == []
    later = now + timedelta(seconds=1)
    assert [p.id for p in inactive_people(session, organisation_id=world.org_a, now=later)] == [
        world.person_a
    ]
    # A newer person who has been idle longer is listed first.
    older = create_person(
        session,
        data=PersonIn(first_name="Yonas"),
        organisation_id=world.org_a,
        user=_user(session, world.coach_a),
    )
    older.last_activity_at = now - timedelta(days=800)
    session.add(older)
    session.commit()
    listed = inactive_people(session, organisation_id=world.org_a, now=later)
    assert [p.id for p in listed] == [older.id, world.person_a]


# --- sharing with another organisation, and taking it back -------------------------------------------


def test_sharing_records_the_consent_and_audits_it(session: Session, world: World) -> None:
    """The consent says what is shared (the profile) and who recorded it; the audit names the organisation."""
    coach = _user(session, world.coach_a)
    consent = share_with_organisation(
        session, person=_person(session, world.person_a), organisation_id=world.org_b, user=coach
    )
    session.commit()
    session.expire_all()
    stored = session.get(Consent, consent.id)
    assert stored is not None
    assert (stored.person_id, stored.scope, stored.organisation_id, stored.proposal_id) == (
        world.person_a, "organisation", world.org_b, None
    )  # fmt: skip
    assert (stored.fields, stored.recorded_by_user_id, stored.withdrawn_at) == (
        ["profile"], world.coach_a_id, None
    )  # fmt: skip
    share = session.exec(select(AuditEntry).where(AuditEntry.action == "share")).one()
    assert (share.user_id, share.actor, share.person_id, share.detail) == (
        world.coach_a_id, "user", world.person_a, f"organisation={world.org_b}"
    )  # fmt: skip


def test_sharing_with_the_persons_own_organisation_is_refused(
    session: Session, world: World
) -> None:
    """Nothing to consent to: the coach is told the organisation is already the person's own."""
    message = "organisation: this is already the person's own organisation"
    with pytest.raises(PeopleError, match=f"^{re.escape(message)}$"):
        share_with_organisation(
            session,
            person=_person(session, world.person_a),
            organisation_id=world.org_a,
            user=_user(session, world.coach_a),
        )
    assert not session.exec(select(Consent).where(Consent.scope == "organisation")).all()


@pytest.mark.parametrize("scope", ["organisation", "introduction"])
def test_withdrawing_a_consent_is_audited_with_its_scope(
    scope: str, session: Session, world: World
) -> None:
    """Who withdrew which consent (and for which proposal) is in the audit trail; twice is once."""
    coach = _user(session, world.coach_a)
    if scope == "organisation":
        consent = share_with_organisation(
            session,
            person=_person(session, world.person_a),
            organisation_id=world.org_b,
            user=coach,
        )
        session.flush()
    else:
        consent = session.get(Consent, world.consent_a)  # type: ignore[assignment]
    withdraw_consent(session, consent=consent, user=coach)
    first = consent.withdrawn_at
    withdraw_consent(session, consent=consent, user=coach)
    session.commit()
    assert first is not None and consent.withdrawn_at == first
    lines = session.exec(select(AuditEntry).where(AuditEntry.action == "consent_withdrawn")).all()
    assert [(e.user_id, e.actor, e.person_id, e.proposal_id, e.detail) for e in lines] == [
        (world.coach_a_id, "user", world.person_a, consent.proposal_id, scope)
    ]
    assert (consent.proposal_id is not None) == (scope == "introduction")


def test_the_profile_consent_is_withdrawn_only_by_erasure(session: Session, world: World) -> None:
    """The coach is told how: erase the person."""
    profile = session.exec(
        select(Consent).where(Consent.scope == "profile", Consent.person_id == world.person_a)
    ).one()
    message = "scope: to withdraw the consent to keep the profile, erase the person"
    with pytest.raises(PeopleError, match=f"^{re.escape(message)}$"):
        withdraw_consent(session, consent=profile, user=_user(session, world.coach_a))


def test_sharing_opens_the_person_to_that_organisation_only(session: Session, world: World) -> None:
    """A third organisation sees nothing of a person shared with another; lists are by first name."""
    coach_a = _user(session, world.coach_a)
    org_c = create_organisation(session, name="VluchtelingenWerk Gouda", municipality="Gouda")
    share_with_organisation(
        session, person=_person(session, world.person_a), organisation_id=world.org_b, user=coach_a
    )
    session.commit()
    assert people_of_organisation(session, organisation_id=org_c.id or 0) == []
    seen_by_b = people_of_organisation(session, organisation_id=world.org_b)
    assert [p.first_name for p in seen_by_b] == ["Amina", "Bereket"]


def test_people_are_listed_by_first_name_then_by_age_of_the_record(
    session: Session, world: World
) -> None:
    """Alphabetical; two people of the same first name in the order they were added."""
    coach_b = _user(session, world.coach_b)
    made = [
        create_person(
            session, data=PersonIn(first_name=name), organisation_id=world.org_b, user=coach_b
        )
        for name in ("Zahra", "Amina", "Amina")
    ]
    # Amina of organisation A, shared with B, is older than both of B's own Aminas.
    share_with_organisation(
        session,
        person=_person(session, world.person_a),
        organisation_id=world.org_b,
        user=_user(session, world.coach_a),
    )
    session.commit()
    listed = people_of_organisation(session, organisation_id=world.org_b)
    assert [(p.first_name, p.id) for p in listed] == [
        ("Amina", world.person_a), ("Amina", made[1].id), ("Amina", made[2].id),
        ("Bereket", world.person_b), ("Zahra", made[0].id),
    ]  # fmt: skip


# --- what the coach and the provider see of proposals -----------------------------------------------


def test_active_counts_count_only_active_proposals_of_the_people_asked(
    session: Session, world: World
) -> None:
    """Per person, the active proposals (any organisation's); ended ones and other people left out."""
    coach = _user(session, world.coach_a)
    assert active_counts(session, person_ids=[]) == {}
    _proposed(session, world)
    end_proposal(
        session,
        proposal=_accepted_outside_opstap(session, world),
        user=coach,
        outcome="stopped",
        reason="other",
    )
    session.commit()
    assert active_counts(session, person_ids=[world.person_a]) == {world.person_a: 2}
    assert active_counts(session, person_ids=[world.person_a, world.person_b]) == {
        world.person_a: 2, world.person_b: 1
    }  # fmt: skip
    erase_person(
        session, person=_person(session, world.person_b), user=_user(session, world.coach_b)
    )
    session.commit()
    assert active_counts(session, person_ids=[world.person_a, world.person_b]) == {
        world.person_a: 2
    }


def test_a_provider_sees_only_introductions_newest_first(session: Session, world: World) -> None:
    """A proposal the person has not accepted never reaches the provider; the newest comes first."""
    coach = _user(session, world.coach_a)
    person = _person(session, world.person_a)
    waiting = _proposed(session, world)  # also provider A's, not yet accepted
    newer = propose(
        session,
        person=person,
        opportunity_id=add_opportunity(
            session,
            title="Estafette",
            provider_name="Atletiek Zoetermeer",
            provider_id=world.provider_a,
        ).id
        or 0,
        user=coach,
    )
    person_accepts(session, proposal=newer, person=person, fields=["first_name"])
    session.commit()
    assert newer.state == "introduced" and waiting.state == "proposed"
    listed = introductions_for_provider(session, provider_id=world.provider_a)
    assert [p.id for p in listed] == [newer.id, world.proposal_a]
    assert [p.id for p in introductions_for_provider(session, provider_id=world.provider_b)] == [
        world.proposal_b
    ]


def test_proposals_of_lists_only_this_persons_newest_first(session: Session, world: World) -> None:
    """A person's page shows their own proposals, the newest on top."""
    second = _proposed(session, world)
    session.commit()
    assert [p.id for p in proposals_of(session, person_id=world.person_a)] == [
        second.id, world.proposal_a
    ]  # fmt: skip
    assert [p.id for p in proposals_of(session, person_id=world.person_b)] == [world.proposal_b]


def test_a_provider_sees_nothing_of_an_erased_person(session: Session, world: World) -> None:
    """After erasure the introduction stays as a count, and shows the provider no field at all."""
    erase_person(
        session, person=_person(session, world.person_a), user=_user(session, world.coach_a)
    )
    session.commit()
    proposal = _proposal(session, world.proposal_a)
    assert proposal.person_id is None
    assert introduction_view(session, proposal=proposal) == {}


# --- the engine's view of a person -----------------------------------------------------------------


def test_profile_for_match_carries_the_matching_fields_and_no_contact_details(
    session: Session, world: World
) -> None:
    """Every matching field goes to the engine (PRODUCT §6); name, phone and e-mail never do."""
    person = Person(
        organisation_id=world.org_a, first_name="Amina", phone="0612345678", email="a@example.net",
        talents=["running"], wishes=["work"], dutch_level="a2", languages=["ar", "en"],
        postcode="2711AB", travel="transit", max_distance_km=12.5,
        availability=["mon-evening"], phase=2, age=29, gender="f", needs=["women_only"],
    )  # fmt: skip
    assert profile_for_match(person) == {
        "talents": ["running"], "wishes": ["work"], "dutch_level": "a2",
        "languages": ["ar", "en"], "travel": "transit", "availability": ["mon-evening"],
        "needs": ["women_only"], "location": {"postcode": "2711AB"},
        "max_distance_km": 12.5, "phase": 2, "age": 29, "gender": "f",
    }  # fmt: skip


def test_profile_for_match_leaves_out_what_the_person_did_not_give(
    session: Session, world: World
) -> None:
    """No postcode, no limits, no age or gender: those keys are absent; an unknown travel mode is a bike."""
    person = Person(organisation_id=world.org_a, first_name="Yonas", travel="boat")
    assert profile_for_match(person) == {
        "talents": [], "wishes": [], "dutch_level": "none", "languages": [],
        "travel": "bike", "availability": [], "needs": [],
    }  # fmt: skip
    walker = Person(organisation_id=world.org_a, first_name="Yonas", travel="walk", age=0)
    assert profile_for_match(walker)["travel"] == "walk" and profile_for_match(walker)["age"] == 0


def test_a_profile_is_inactive_only_after_more_than_twelve_months(world: World) -> None:
    """Exactly 365 days idle is not yet inactive; a second more is."""
    person = Person(organisation_id=world.org_a, first_name="Yonas")
    at_365 = person.last_activity_at + timedelta(days=365)
    assert not is_inactive(person, now=at_365)
    assert is_inactive(person, now=at_365 + timedelta(seconds=1))


def test_access_comes_only_from_the_persons_own_sharing_consents(
    session: Session, world: World
) -> None:
    """Bereket shared with a third organisation opens nothing of Amina to it."""
    org_c = create_organisation(session, name="VluchtelingenWerk Gouda", municipality="Gouda")
    share_with_organisation(
        session,
        person=_person(session, world.person_b),
        organisation_id=org_c.id or 0,
        user=_user(session, world.coach_b),
    )
    session.commit()
    amina, bereket = _person(session, world.person_a), _person(session, world.person_b)
    assert organisations_with_access(session, person=amina) == {world.org_a}
    assert organisations_with_access(session, person=bereket) == {world.org_b, org_c.id}


# --- proposing ---------------------------------------------------------------------------------------


def test_a_proposal_shares_only_shareable_fields_in_a_fixed_order(
    session: Session, world: World
) -> None:
    """The coach's choice is kept in SHAREABLE_FIELDS order; anything else (a postcode) is dropped."""
    coach = _user(session, world.coach_a)
    proposal = propose(
        session,
        person=_person(session, world.person_a),
        opportunity_id=world.opp_a2,
        user=coach,
        share_fields=["languages", "postcode", "phone", "first_name"],
    )
    session.commit()
    session.expire_all()
    stored = _proposal(session, proposal.id or 0)
    assert stored.share_fields == ["first_name", "phone", "languages"]
    assert (stored.proposed_by_user_id, stored.organisation_id, stored.provider_id) == (
        world.coach_a_id, world.org_a, world.provider_a
    )  # fmt: skip
    assert (stored.state, stored.waitlisted_at) == ("proposed", None)
    default = _proposal(session, world.proposal_a)
    assert default.share_fields == ["first_name", "phone"]


def test_a_plan_holds_an_opportunity_once(session: Session, world: World) -> None:
    """Proposing what is already in the person's plan is refused, saying so."""
    message = "opportunity: this is already in the person's plan"
    with pytest.raises(ProposalError, match=f"^{re.escape(message)}$"):
        propose(
            session,
            person=_person(session, world.person_a),
            opportunity_id=world.opp_a,
            user=_user(session, world.coach_a),
        )


def test_a_full_opportunity_is_proposed_only_onto_its_waiting_list(
    session: Session, world: World
) -> None:
    """Full: refused unless on the waiting list; there it waits, audited as such, and is watched."""
    from matching.waiting import WaitlistWatch

    coach = _user(session, world.coach_a)
    person = _person(session, world.person_a)
    full = add_opportunity(session, title="Zwemles", places_left=0, provider_id=world.provider_a)
    message = "opportunity: this opportunity is full; propose it as waiting list"
    with pytest.raises(ProposalError, match=f"^{re.escape(message)}$"):
        propose(session, person=person, opportunity_id=full.id or 0, user=coach)
    waiting = propose(
        session, person=person, opportunity_id=full.id or 0, user=coach, waiting_list=True
    )
    session.commit()
    session.expire_all()
    stored = _proposal(session, waiting.id or 0)
    assert stored.state == "waiting" and stored.waitlisted_at is not None
    assert _audit(session, waiting.id) == [("waitlist", coach.id, "user", world.person_a, "")]
    watch = session.get(WaitlistWatch, full.id)
    assert watch is not None and watch.places_seen == 0
    assert [p.id for p in active_proposals(session, person_id=world.person_a)] == [
        world.proposal_a, waiting.id
    ]  # fmt: skip


def test_a_plan_lists_the_persons_active_proposals_in_the_order_proposed(
    session: Session, world: World
) -> None:
    """Active ones only (ended ones drop out), this person's only, the first proposed on top."""
    coach = _user(session, world.coach_a)
    later = _accepted_outside_opstap(session, world)  # accepted
    latest = _proposed(session, world)  # proposed
    end_proposal(
        session, proposal=_proposal(session, world.proposal_a), user=coach, outcome="stopped",
        reason="other",
    )  # fmt: skip
    session.commit()
    mark_introduced(session, proposal=later, user=coach)  # changed last, still proposed first
    session.commit()
    assert [p.id for p in active_proposals(session, person_id=world.person_a)] == [
        later.id, latest.id
    ]  # fmt: skip
    assert [p.id for p in active_proposals(session, person_id=world.person_b)] == [world.proposal_b]


# --- the person's yes at the kiosk ------------------------------------------------------------------


def test_accepting_consents_to_the_chosen_fields_that_hold_a_value(
    session: Session, world: World
) -> None:
    """Only shareable fields the person has filled in, in a fixed order; the consent is the kiosk's."""
    person = _person(session, world.person_b)  # a phone, no e-mail, no languages
    proposal = propose(
        session,
        person=person,
        opportunity_id=add_opportunity(session, title="Schaken", provider_id=None).id or 0,
        user=_user(session, world.coach_b),
    )
    since = _outbox_end(session)
    person.last_activity_at = utcnow() - timedelta(days=100)
    person_accepts(
        session,
        proposal=proposal,
        person=person,
        fields=["languages", "email", "postcode", "phone", "dutch_level", "first_name"],
    )
    session.commit()
    session.expire_all()
    stored = _proposal(session, proposal.id or 0)
    assert stored.state == "accepted" and stored.accepted_at is not None
    assert stored.introduced_at is None
    consent = session.exec(select(Consent).where(Consent.proposal_id == proposal.id)).one()
    assert (consent.person_id, consent.scope, consent.via, consent.withdrawn_at) == (
        world.person_b, "introduction", "kiosk", None
    )  # fmt: skip
    assert consent.fields == ["first_name", "phone", "dutch_level"]
    assert consent.given_at == stored.accepted_at
    assert _audit(session, proposal.id)[-1] == (
        "accept", None, "kiosk", world.person_b, "first_name,phone,dutch_level"
    )  # fmt: skip
    assert _mails(session, "person_answered", since) == [
        (_user(session, world.coach_b).id, world.person_b, "accepted")
    ]
    assert _mails(session, "introduction", since) == []
    assert _person(session, world.person_b).last_activity_at > utcnow() - timedelta(minutes=1)


def test_accepting_introduces_at_once_when_the_provider_is_in_opstap(
    session: Session, world: World
) -> None:
    """With an active provider account the introduction is made at the yes, and the provider told."""
    person = _person(session, world.person_a)
    proposal = _proposed(session, world)
    since = _outbox_end(session)
    person_accepts(session, proposal=proposal, person=person, fields=["first_name"])
    session.commit()
    session.expire_all()
    stored = _proposal(session, proposal.id or 0)
    assert stored.state == "introduced"
    assert stored.introduced_at is not None and stored.introduced_at == stored.accepted_at
    club = _user(session, world.provider_user_a)
    assert _mails(session, "introduction", since) == [(club.id, world.person_a, None)]
    assert _mails(session, "person_answered", since) == [
        (world.coach_a_id, world.person_a, "accepted")
    ]
    assert introduction_view(session, proposal=stored) == {"first_name": "Amina"}


def test_a_provider_whose_accounts_are_disabled_gets_no_introduction(
    session: Session, world: World
) -> None:
    """No active account to answer: the yes waits for the coach to introduce by phone."""
    club = _user(session, world.provider_user_a)
    club.status = "disabled"
    session.add(club)
    session.commit()
    proposal = _proposed(session, world)
    person_accepts(
        session, proposal=proposal, person=_person(session, world.person_a), fields=["first_name"]
    )
    assert proposal.state == "accepted" and proposal.introduced_at is None


# --- the profile and its consent, the audit trail, personal codes ----------------------------------


def test_creating_a_person_records_the_consent_for_the_fields_given(
    session: Session, world: World
) -> None:
    """The profile consent names the fields the coach filled in (and the first name), sorted."""
    coach = _user(session, world.coach_a)
    person = create_person(
        session,
        data=PersonIn(first_name="Yonas", phone="0611111111", talents=["cooking"], age=31),
        organisation_id=world.org_a,
        user=coach,
    )
    session.commit()
    consent = session.exec(select(Consent).where(Consent.person_id == person.id)).one()
    assert (consent.scope, consent.fields, consent.recorded_by_user_id, consent.via) == (
        "profile", ["age", "first_name", "phone", "talents"], coach.id, "coach"
    )  # fmt: skip
    assert (consent.organisation_id, consent.proposal_id, consent.withdrawn_at) == (None,) * 3
    stored = _person(session, person.id or 0)
    assert (stored.organisation_id, stored.first_name, stored.phone, stored.age) == (
        world.org_a, "Yonas", "0611111111", 31
    )  # fmt: skip
    created = session.exec(select(AuditEntry).where(AuditEntry.person_id == person.id)).one()
    assert (created.action, created.user_id, created.actor, created.detail) == (
        "create", coach.id, "user", ""
    )  # fmt: skip


@pytest.mark.parametrize(
    ("with_user", "actor", "expected_actor"),
    [(True, None, "user"), (False, None, "kiosk"), (False, "system", "system")],
)
def test_record_audit_names_the_actor_and_caps_the_detail(
    with_user: bool, actor: str | None, expected_actor: str, session: Session, world: World
) -> None:
    """A signed-in user, else the kiosk, unless the caller names the actor; detail at most 300."""
    user = _user(session, world.coach_a) if with_user else None
    record_audit(
        session, action="view", user=user, person_id=world.person_a,
        proposal_id=world.proposal_a, detail="x" * 301, actor=actor,
    )  # fmt: skip
    session.commit()
    entry = session.exec(select(AuditEntry).order_by(col(AuditEntry.id).desc())).first()
    assert entry is not None
    assert (entry.action, entry.user_id, entry.actor) == (
        "view", world.coach_a_id if with_user else None, expected_actor
    )  # fmt: skip
    assert (entry.person_id, entry.proposal_id, entry.detail) == (
        world.person_a, world.proposal_a, "x" * 300
    )  # fmt: skip


@pytest.mark.parametrize(
    ("code", "shown"),
    [("ABCDEFGHR", "ABC-DEF-GHR"), ("23456789F", "234-567-89F"), ("ABCD", "ABC-D"), ("", "")],
)
def test_format_code_groups_by_three(code: str, shown: str) -> None:
    """Easier to read aloud and type: groups of three joined by dashes."""
    assert format_code(code) == shown


def test_issuing_a_code_keeps_only_its_keyed_hash(session: Session, world: World) -> None:
    """The code is shown once; the database keeps an HMAC-SHA256 of it under the app's secret."""
    person = _person(session, world.person_a)
    person.last_activity_at = utcnow() - timedelta(days=100)
    coach = _user(session, world.coach_a)
    shown = issue_code(session, person=person, key=SECRET, user=coach)
    session.commit()
    assert re.fullmatch(
        r"[23456789A-HJKMNP-Z]{3}-[23456789A-HJKMNP-Z]{3}-[23456789A-HJKMNP-Z]{3}", shown
    )
    code = normalise_code(shown)
    assert code is not None and code == shown.replace("-", "")
    stored = _person(session, world.person_a)
    expected = hmac.new(SECRET.encode(), code.encode(), hashlib.sha256).hexdigest()
    assert stored.code_hash == expected and code not in stored.code_hash
    assert stored.code_issued_at is not None and stored.code_issued_at > utcnow() - timedelta(
        minutes=1
    )
    assert stored.last_activity_at > utcnow() - timedelta(minutes=1)
    issued = session.exec(
        select(AuditEntry).where(AuditEntry.action == "code_issued").order_by(col(AuditEntry.id))
    ).all()[-1]
    assert (issued.user_id, issued.actor, issued.person_id, issued.detail) == (
        coach.id, "user", world.person_a, ""
    )  # fmt: skip


def test_issued_codes_are_random_over_the_alphabet(session: Session, world: World) -> None:
    """Each new code is drawn afresh from the alphabet (no fixed or repeated code)."""
    person, coach = _person(session, world.person_a), _user(session, world.coach_a)
    codes = {issue_code(session, person=person, key=SECRET, user=coach) for _ in range(40)}
    assert len(codes) == 40
    used = {c for code in codes for c in code.replace("-", "")}
    assert used <= set(CODE_ALPHABET) and len(used) > 20


def test_a_person_created_without_a_signed_in_user_has_no_recorder(
    session: Session, world: World
) -> None:
    """Created by no account (a script): the consent names no recorder, the audit no user."""
    person = create_person(
        session, data=PersonIn(first_name="Yonas"), organisation_id=world.org_a, user=None
    )
    session.commit()
    consent = session.exec(select(Consent).where(Consent.person_id == person.id)).one()
    assert (consent.fields, consent.recorded_by_user_id) == (["first_name"], None)
    created = session.exec(select(AuditEntry).where(AuditEntry.person_id == person.id)).one()
    assert (created.action, created.user_id) == ("create", None)


def test_a_blank_stored_value_is_never_consented_to(session: Session, world: World) -> None:
    """A phone stored as an empty string (older data) counts as no phone: nothing to share."""
    person = _person(session, world.person_a)
    person.phone = ""
    proposal = _proposed(session, world)
    person_accepts(session, proposal=proposal, person=person, fields=["first_name", "phone"])
    session.flush()
    consent = session.exec(select(Consent).where(Consent.proposal_id == proposal.id)).one()
    assert consent.fields == ["first_name"]


def test_only_a_consent_of_the_right_kind_grants_access(session: Session, world: World) -> None:
    """A profile consent that happens to name an organisation or a proposal shares nothing: what a
    consent allows is its scope (sharing with an organisation, an introduction), never its links."""
    person_b = session.get(Person, world.person_b)
    coach_b = session.exec(select(User).where(User.email == world.coach_b)).one()
    assert person_b is not None
    fresh = propose(session, person=person_b, opportunity_id=world.opp_a2, user=coach_b)
    session.add(Consent(person_id=world.person_b, scope="profile", organisation_id=world.org_a,
                        proposal_id=fresh.id, fields=["first_name", "phone"]))  # fmt: skip
    session.commit()
    shared = {p.id for p in people_of_organisation(session, organisation_id=world.org_a)}
    assert world.person_b not in shared
    assert organisations_with_access(session, person=person_b) == {world.org_b}
    assert introduction_view(session, proposal=fresh) == {}


def test_only_a_coach_proposes_only_what_is_in_the_catalogue(
    session: Session, world: World
) -> None:
    """A withdrawn or unknown item cannot be proposed; an account of no organisation cannot propose."""
    person_a = session.get(Person, world.person_a)
    coach_a = session.exec(select(User).where(User.email == world.coach_a)).one()
    coordinator = session.exec(select(User).where(User.email == world.coordinator)).one()
    assert person_a is not None and coordinator.organisation_id is None
    gone = session.get(Opportunity, world.opp_a2)
    assert gone is not None
    gone.status = "withdrawn"
    session.add(gone)
    session.commit()
    for opportunity_id in (world.opp_a2, 999_999):
        with pytest.raises(ProposalError) as refused:
            propose(session, person=person_a, opportunity_id=opportunity_id, user=coach_a)
        assert (
            str(refused.value)
            == "opportunity: this opportunity is not (or no longer) in the catalogue"
        )
    with pytest.raises(ProposalError) as refused:
        propose(session, person=person_a, opportunity_id=world.opp_b, user=coordinator)
    assert str(refused.value) == "user: only a coach of an organisation can propose"
