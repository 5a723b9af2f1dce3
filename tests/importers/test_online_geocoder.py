"""The online geocoder through geopy, against a local HTTP server standing in for Nominatim:
an answer, "not found", a timeout and an error — and what the cache keeps of each."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from importers.geocode import CachedOnline, geopy_lookup
from importers.registry import build_context
from matching.models import GeocodeCache
from matching.settings import Settings

PLACES = {"Dorpsstraat 1, Zoetermeer, Nederland": (52.0601, 4.4912)}


class FakeNominatim(BaseHTTPRequestHandler):
    """Answers /search like Nominatim: known queries, [] for unknown, slow and broken on request."""

    asked: list[dict[str, list[str]]] = []
    agents: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (the http.server name)
        parts = urlsplit(self.path)
        query = parse_qs(parts.query)
        type(self).asked.append(query)
        type(self).agents.append(self.headers.get("User-Agent", ""))
        text = query.get("q", [""])[0]
        if parts.path != "/search":
            self.send_error(404)
            return
        if text.startswith("Traag"):
            time.sleep(1.5)  # longer than the client's timeout
        if text.startswith("Kapot"):
            self.send_error(500, "broken")
            return
        found = PLACES.get(text)
        body = [] if found is None else [
            {"lat": str(found[0]), "lon": str(found[1]), "display_name": text, "place_id": 1}
        ]  # fmt: skip
        data = json.dumps(body).encode()
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting: that is what a timeout is

    def log_message(self, *args: object) -> None:
        return None


@pytest.fixture
def nominatim() -> Iterator[str]:
    FakeNominatim.asked, FakeNominatim.agents = [], []
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeNominatim)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _cached(engine: Engine) -> dict[str, tuple[float | None, float | None]]:
    with Session(engine) as session:
        return {row.query: (row.lat, row.lon) for row in session.exec(select(GeocodeCache))}


def test_an_answer_places_the_item_and_is_asked_once(
    engine: Engine, settings: Settings, nominatim: str
) -> None:
    configured = Settings(
        **{**settings.__dict__, "geocoder": "nominatim", "geocoder_url": nominatim,
           "geocoder_user_agent": "opstap-test", "geocoder_timeout": 2.0}
    )  # fmt: skip
    geocode = build_context(engine, settings=configured).geocode
    assert geocode(None, "Dorpsstraat 1", "Zoetermeer") == (52.0601, 4.4912)
    assert geocode(None, "Dorpsstraat 1", "Zoetermeer") == (52.0601, 4.4912)
    assert len(FakeNominatim.asked) == 1  # the second answer came from the cache
    asked = FakeNominatim.asked[0]
    assert asked["q"] == ["Dorpsstraat 1, Zoetermeer, Nederland"] and asked["countrycodes"] == [
        "nl"
    ]
    assert FakeNominatim.agents == ["opstap-test"]
    assert _cached(engine) == {"Dorpsstraat 1, Zoetermeer, Nederland": (52.0601, 4.4912)}
    # A new run (a new context) uses the database cache, not the service.
    again = build_context(engine, settings=configured).geocode
    assert again(None, "Dorpsstraat 1", "Zoetermeer") == (52.0601, 4.4912)
    assert len(FakeNominatim.asked) == 1


def test_not_found_is_cached_as_not_found(engine: Engine, nominatim: str) -> None:
    online = CachedOnline(
        engine, geopy_lookup("nominatim", user_agent="t", url=nominatim, timeout=2)
    )
    assert online("Nergensstraat 9, Nederland") is None
    assert _cached(engine) == {"Nergensstraat 9, Nederland": (None, None)}


@pytest.mark.parametrize("query", ["Traag 1, Nederland", "Kapot 1, Nederland"])
def test_a_timeout_or_an_error_is_retried_once_then_not_cached(
    engine: Engine, nominatim: str, query: str
) -> None:
    lookup = geopy_lookup(
        "nominatim", user_agent="t", url=nominatim, timeout=0.3,
        min_delay_seconds=0, error_wait_seconds=0,
    )  # fmt: skip
    online = CachedOnline(engine, lookup)
    assert online(query) is None  # the row is rejected, the import goes on
    assert len(FakeNominatim.asked) >= 2  # retried (geopy once, the HTTP adapter may add its own)
    assert _cached(engine) == {}  # an outage is not "not found": the next run asks again
