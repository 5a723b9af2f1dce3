"""The coordinator sees when kiosk screens waited after wrong personal codes, and when all screens stopped."""

from __future__ import annotations

from flask import render_template

from matching.code_guard import (
    ALL_SCREENS_LIMIT,
    ALL_SCREENS_WINDOW_MIN,
    EVENT_LOCK,
    MAX_WAIT_S,
    lock_events,
)
from web.coordinator import bp
from web.db import get_session


def _numbers(detail: str) -> dict[str, int]:
    """'wrong=5 wait_s=10' -> {'wrong': 5, 'wait_s': 10}."""
    pairs = (part.partition("=") for part in detail.split())
    return {key: int(value) for key, _sep, value in pairs if value.isdigit()}


@bp.get("/code-locks")
def code_locks():  # type: ignore[no-untyped-def]
    """Waits and locks of the kiosk's personal-code page, newest first."""
    events = [
        {"at": e.at, "all": e.action == EVENT_LOCK, **_numbers(e.detail)}
        for e in lock_events(get_session())
    ]
    return render_template(
        "coordinator/code_locks.html",
        events=events,
        limit=ALL_SCREENS_LIMIT,
        window=ALL_SCREENS_WINDOW_MIN,
        max_wait=MAX_WAIT_S,
    )
