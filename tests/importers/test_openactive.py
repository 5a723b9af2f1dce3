"""OpenActive RPDE: every published example page, our Zoetermeer feed, following `next`, deletions."""

from __future__ import annotations

import functools
import http.server
import shutil
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from matching.models import Opportunity
from matching.settings import Settings, load_settings
from tests.conftest import TEST_DATABASE_URL, shared_file
from tests.importers.helpers import do_import, fixture, load_demo_postcodes

# The examples are British: a service area around Great Britain lets them land where they are.
GB_AREA = "49.5,-8.5,61,2"


@pytest.fixture
def gb_settings(tmp_path: Path) -> Settings:
    return load_settings(
        {},
        env="testing",
        instance_path=str(tmp_path),
        database_url=TEST_DATABASE_URL,
        service_area=GB_AREA,
    )


def _only(engine: Engine) -> Opportunity:
    with Session(engine) as session:
        return session.exec(select(Opportunity)).one()


# file -> (added, a fact of the item or the rejection reason)
EXAMPLES: dict[str, tuple[int, dict[str, Any] | str]] = {
    "sessionseries_example_1.json": (1, {"title": "Virtual BODYPUMP", "places_left": 12, "age_min": 16,
                                         "schedule": [{"day": "tue", "start": "20:15", "end": "20:45"}]}),
    "scheduledsession_example_1.json": (1, {"title": "Virtual BODYPUMP", "places_left": 15, "provider_name": "Better"}),
    "sessionseries-split_example_1.json": (1, {"title": "Virtual BODYPUMP", "places_left": None, "audience": "everyone",
                                               "cost_eur_year": None}),
    "sessionseries-eventseries-split_example_1.json": (1, {"title": "Virtual BODYPUMP", "age_min": 18, "age_max": 30,
                                                           "provider_name": "Everyone Active"}),
    "scheduledsession-split_example_1.json": (0, "ScheduledSession belongs to https://opensessions.io/api/session-series/"),
    "scheduledsession-split-virtual_example_1.json": (0, "which this source does not include"),
    "sessionseries-split-virtual_example_1.json": (0, "online-only"),
    "facilityuse_example_1.json": (1, {"title": "Outdoor Tennis", "talents": [], "talent_words": ["Tennis Court"]}),
    "slot_example_1.json": (0, "Slot belongs to http://www.example.org/facility-uses/1/individual-facility-uses/1"),
    "courseinstance_example_1.json": (1, {"title": "Netball Youth Camp", "places_left": 21, "age_min": 11, "age_max": 16}),
    "courseinstance_event_example_1.json": (1, {"title": "Netball Youth Camp",
                                                "schedule": [{"day": "tue", "start": "20:15", "end": "20:45"}]}),
    "event_example_1.json": (1, {"places_left": 21, "cost_eur_year": 0.0, "provider_name": "Alan's social ride group"}),
    "event_eventseries_example_1.json": (1, {"places_left": 21, "cost_eur_year": 0.0}),
    "ondemandevent_example_1.json": (0, "online-only"),
    "place_example_1.json": (0, "a Place describes a venue"),
}  # fmt: skip


def test_every_example_page_is_covered() -> None:
    folder = shared_file("openactive-examples")
    pages = {p.name for p in folder.glob("*.json")} - {"example_list.json"}
    assert pages == set(EXAMPLES)


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_each_example_page(name: str, engine: Engine, gb_settings: Settings) -> None:
    added, expected = EXAMPLES[name]
    result = do_import(engine, gb_settings, shared_file("openactive-examples", name))
    assert result.status == "success", result.error
    assert result.added == added, result.rejections
    if isinstance(expected, str):
        assert result.rejected == 1 and expected in result.rejections[0].reason
        return
    opp = _only(engine)
    for key, value in expected.items():
        assert getattr(opp, key) == value, key
    again = do_import(engine, gb_settings, shared_file("openactive-examples", name))
    assert (again.added, again.updated, again.unchanged) == (0, 0, 1)


def test_the_examples_land_nowhere_outside_the_service_area(
    engine: Engine, settings: Settings
) -> None:
    result = do_import(
        engine, settings, shared_file("openactive-examples", "sessionseries_example_1.json")
    )
    assert result.added == 0 and "outside the service area" in result.rejections[0].reason


def test_split_series_and_session_pages_fold_into_one_item(
    engine: Engine, gb_settings: Settings, tmp_path: Path
) -> None:
    for name in ("sessionseries-split_example_1.json", "scheduledsession-split_example_1.json"):
        shutil.copy(
            shared_file("openactive-examples", name), tmp_path / name
        )  # a folder of pages, outside the project
    result = do_import(engine, gb_settings, tmp_path)
    assert (result.added, result.rejected) == (1, 0)
    assert _only(engine).places_left == 0  # the session's remainingAttendeeCapacity


def _zoetermeer(engine: Engine) -> dict[str, Opportunity]:
    with Session(engine) as session:
        return {o.source_id: o for o in session.exec(select(Opportunity))}


def test_our_feed_folds_sessions_and_slots_and_maps_every_field(
    engine: Engine, settings: Settings
) -> None:
    load_demo_postcodes(engine)
    result = do_import(engine, settings, fixture("rpde-zoetermeer"))
    assert (result.added, result.rejected) == (2, 0)
    opps = _zoetermeer(engine)
    swim = opps["zm-swim-women"]
    assert swim.audience == "women"  # genderRestriction FemaleOnly
    assert (swim.age_min, swim.age_max) == (16, 65)
    assert swim.places_left == 3  # the next session's remaining capacity
    assert swim.cost_eur_year == 130.0  # EUR 2.50 a weekly session, 52 weeks
    assert swim.free_trial and swim.talents == ["swimming"]
    padel = opps["zm-padel"]
    assert padel.places_left == 2 and padel.cost_eur_year == 0  # from its slot; a free offer
    assert (padel.lat, padel.lon) == (52.0549, 4.4848)  # no geo: placed by postcode 2713AB -> 2713


def test_a_page_file_follows_next_and_deleted_items_retire(
    engine: Engine, settings: Settings, tmp_path: Path
) -> None:
    load_demo_postcodes(engine)
    feed = tmp_path / "feed"
    shutil.copytree(fixture("rpde-zoetermeer"), feed)
    page_one = (feed / "page-1.json").read_text(encoding="utf-8")
    # First run: only the first page exists as the feed's end (no next yet).
    (feed / "page-1.json").write_text(
        page_one.replace('"next": "page-2.json"', '"next": "page-9.json"'), encoding="utf-8"
    )
    first = do_import(engine, settings, feed / "page-1.json")
    assert first.added == 3  # zm-old is still listed on page 1
    (feed / "page-1.json").write_text(page_one, encoding="utf-8")
    second = do_import(
        engine, settings, feed / "page-1.json"
    )  # follows next: page-2 (deletes zm-old), page-3
    assert second.retired == 1
    assert _zoetermeer(engine)["zm-old"].status == "withdrawn"
    assert _zoetermeer(engine)["zm-swim-women"].places_left == 3  # the sessions on page 2 were read


@pytest.fixture
def feed_server() -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *_args: Any) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(fixture("rpde-zoetermeer")))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def test_an_http_feed_is_followed_to_its_last_page(
    engine: Engine, settings: Settings, feed_server: str
) -> None:
    load_demo_postcodes(engine)
    result = do_import(engine, settings, f"{feed_server}/page-1.json", fmt="openactive")
    assert (result.status, result.added, result.rejected) == ("success", 2, 0)
    assert _zoetermeer(engine)["zm-swim-women"].places_left == 3


def test_an_unreachable_feed_changes_nothing_and_says_why(
    engine: Engine, settings: Settings, feed_server: str
) -> None:
    load_demo_postcodes(engine)
    do_import(engine, settings, f"{feed_server}/page-1.json", fmt="openactive")
    before = _zoetermeer(engine).keys()
    missing = do_import(engine, settings, f"{feed_server}/nope.json", fmt="openactive")
    assert missing.status == "failed" and "HTTP 404" in (missing.error or "")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed_port = sock.getsockname()[1]
    down = do_import(engine, settings, f"http://127.0.0.1:{closed_port}/feed", fmt="openactive")
    assert down.status == "failed" and "cannot be reached" in (down.error or "")
    assert _zoetermeer(engine).keys() == before
    assert all(o.status == "active" for o in _zoetermeer(engine).values())
