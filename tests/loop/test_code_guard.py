"""Wrong personal codes slow one kiosk screen down for a while, never lock out the next person, and a
limit across all screens stops guessing; coordinators see the waits and locks (issue 11, item 5)."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

import web.kiosk.personal_code as personal_code
from matching.code_guard import (
    ALL_SCREENS_LIMIT,
    FREE_TRIES,
    MAX_WAIT_S,
    guesses_for_one_hit,
    wait_after,
)
from matching.people import CODE_ALPHABET, _check_char
from tests.loop.conftest import World, sign_in


class Clock:
    """The kiosk's clock, moved by hand."""

    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(personal_code, "_now", clock)
    return clock


def _wrong(n: int) -> str:
    body = "".join(
        CODE_ALPHABET[(n // len(CODE_ALPHABET) ** k) % len(CODE_ALPHABET)] for k in range(8)
    )
    return body + _check_char(body)


def _seconds(page: str) -> int:
    found = re.search(r"wait (\d+) seconds", page)
    assert found, page
    return int(found.group(1))


def test_the_wait_grows_and_never_passes_the_cap() -> None:
    waits = [wait_after(n) for n in range(1, 30)]
    assert waits[:FREE_TRIES] == [0] * FREE_TRIES
    assert waits[FREE_TRIES] > 0
    assert waits == sorted(waits) and max(waits) == MAX_WAIT_S <= 120


def test_one_screen_waits_longer_after_each_wrong_code(
    client: FlaskClient, world: World, clock: Clock
) -> None:
    seen = []
    for n in range(FREE_TRIES + 6):
        answer = client.post("/en/kiosk/code", data={"code": _wrong(n)})
        assert answer.status_code == 422
        page = answer.get_data(as_text=True)
        if n < FREE_TRIES:
            assert "Please wait" not in page
            continue
        seconds = _seconds(page)
        seen.append(seconds)
        early = client.post("/en/kiosk/code", data={"code": world.code_a})
        assert early.status_code == 429 and "Too many wrong codes on this screen" in (
            early.get_data(as_text=True)
        )
        assert 0 < int(early.headers["Retry-After"]) <= seconds
        clock.now += seconds  # the wait is over
    assert seen == sorted(seen) and seen[0] < seen[-1] == MAX_WAIT_S
    right = client.post("/en/kiosk/code", data={"code": world.code_a})
    assert right.status_code == 200 and "We do not know" not in right.get_data(as_text=True)


def test_start_again_ends_the_wait_for_the_next_person(
    client: FlaskClient, world: World, clock: Clock
) -> None:
    for n in range(FREE_TRIES + 3):
        client.post("/en/kiosk/code", data={"code": _wrong(n)})
    assert client.post("/en/kiosk/code", data={"code": world.code_a}).status_code == 429
    client.get("/kiosk/reset")  # "Start again", or the idle reset
    answer = client.post("/en/kiosk/code", data={"code": world.code_a})
    assert answer.status_code == 200


def test_a_limit_across_all_screens_stops_guessing_and_coordinators_see_it(
    app: Flask, world: World, clock: Clock
) -> None:
    # One screen waits after a few wrong codes: an event too.
    screen = app.test_client()
    for n in range(FREE_TRIES + 1):
        screen.post("/en/kiosk/code", data={"code": _wrong(1000 + n)})
    # Then each guess from a fresh screen (no cookie): no screen waits, the shared limit counts on.
    for n in range(ALL_SCREENS_LIMIT - FREE_TRIES - 1):
        screen = app.test_client()
        answer = screen.post(
            "/en/kiosk/code",
            data={"code": _wrong(n)},
            environ_base={"REMOTE_ADDR": f"10.0.{n // 250}.{n % 250}"},
        )
        assert answer.status_code == 422, n
    locked = app.test_client().post("/en/kiosk/code", data={"code": world.code_a})
    assert locked.status_code == 429 and "Too many wrong codes" in locked.get_data(as_text=True)
    coordinator = app.test_client()
    sign_in(coordinator, world.coordinator)
    page = coordinator.get("/en/coordinator/code-locks")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "All screens stopped taking codes" in text and "A screen waits 5 seconds" in text


def test_the_code_page_for_coordinators_only(client: FlaskClient, world: World) -> None:
    sign_in(client, world.coach_a)
    assert client.get("/en/coordinator/code-locks").status_code in (302, 403, 404)


def test_guessing_is_hopeless() -> None:
    # Guessing at the limit of all screens together, day and night, for a year:
    per_year = ALL_SCREENS_LIMIT * 4 * 24 * 365
    assert guesses_for_one_hit(10_000) / per_year > 50  # years for one hit among 10,000 codes
    assert guesses_for_one_hit(100_000) / per_year > 5  # … and among 100,000
