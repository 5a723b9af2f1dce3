"""Guessing personal codes: a growing wait on one screen, a limit across all screens, events kept.

A wrong code at the kiosk slows that screen down (nothing after a few tries, then a wait that doubles,
never more than MAX_WAIT_S) and "Start again" or the idle reset ends the wait, so the next person at a
shared library screen is never locked out. What stops guessing is the limit across every screen
together (web/kiosk/personal_code.py) with a code space of 31^8 ≈ 8.5e11 codes.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from matching.models import utcnow
from matching.people import CODE_ALPHABET, CODE_LENGTH, AuditEntry, record_audit

FREE_TRIES = 3  # wrong codes on one screen before it starts to wait
FIRST_WAIT_S = 5
MAX_WAIT_S = 90
# Wrong codes from all screens together in 15 minutes before the code page stops taking codes.
ALL_SCREENS_LIMIT = 40
ALL_SCREENS_WINDOW_MIN = 15
EVENT_WAIT, EVENT_LOCK = "code_wait", "code_lock_all"


def wait_after(wrong: int) -> int:
    """Seconds one screen waits after its `wrong`-th wrong code in a row (0 for the first few)."""
    if wrong <= FREE_TRIES:
        return 0
    return int(min(MAX_WAIT_S, FIRST_WAIT_S * 2 ** (wrong - FREE_TRIES - 1)))


def guesses_for_one_hit(active_codes: int) -> float:
    """How many guesses it takes on average to hit any of `active_codes` codes."""
    return float(len(CODE_ALPHABET) ** CODE_LENGTH) / max(1, active_codes)


def record_wait(session: Session, *, wrong: int, seconds: int) -> None:
    """Keep a screen's wait as an event coordinators see (no code, no person, no address)."""
    record_audit(
        session, action=EVENT_WAIT, actor="kiosk", detail=f"wrong={wrong} wait_s={seconds}"
    )


def record_lock(session: Session, *, now: datetime | None = None) -> bool:
    """Keep that all screens stopped taking codes; once per window. True when recorded now."""
    now = now or utcnow()
    since = now - timedelta(minutes=ALL_SCREENS_WINDOW_MIN)
    recent = session.exec(
        select(AuditEntry.id).where(AuditEntry.action == EVENT_LOCK, col(AuditEntry.at) >= since)
    ).first()
    if recent is not None:
        return False
    record_audit(
        session,
        action=EVENT_LOCK,
        actor="kiosk",
        detail=f"limit={ALL_SCREENS_LIMIT} per {ALL_SCREENS_WINDOW_MIN} min",
    )
    return True


def lock_events(session: Session, *, limit: int = 100) -> list[AuditEntry]:
    """The latest waits and locks of the personal-code page, newest first."""
    query = (
        select(AuditEntry)
        .where(col(AuditEntry.action).in_([EVENT_WAIT, EVENT_LOCK]))
        .order_by(col(AuditEntry.id).desc())
        .limit(limit)
    )
    return list(session.exec(query))
