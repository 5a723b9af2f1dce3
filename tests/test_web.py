"""The web app: health, the browse page, the opportunities API, error answers."""

from __future__ import annotations

import os

from flask.testing import FlaskClient
from sqlmodel import Session

from tests.factories import add_opportunity, add_postcode


def test_healthz(client: FlaskClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json == {
        "status": "ok",
        "database": "ok",
        "index": {"ready": False, "pid": os.getpid()},
    }


def test_healthz_reports_the_match_index_once_loaded(client: FlaskClient) -> None:
    from web.match import CACHE, warm_index

    add_opportunity_for_health(client)
    warm_index(client.application)
    index = client.get("/healthz").json["index"]
    CACHE.clear()  # stops the refresher thread warm_index started
    assert index["ready"] is True and index["items"] == 1 and index["version"] >= 1
    assert 0 <= index["age_s"] < 60 and index["origin"] == "memory"


def add_opportunity_for_health(client: FlaskClient) -> None:
    from web.db import get_engine

    with client.application.app_context(), Session(get_engine()) as session:
        add_opportunity(session, title="Voetbal")


def test_root_redirects_to_the_catalogue_in_the_browsers_language(client: FlaskClient) -> None:
    response = client.get("/", headers={"Accept-Language": "ar,en;q=0.5"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/ar/")
    assert client.get("/").headers["Location"].endswith("/nl/")


def test_browse_lists_and_filters_by_kind_and_distance(
    client: FlaskClient, session: Session
) -> None:
    add_postcode(session, "2711", 52.0617, 4.4925)
    add_opportunity(session, title="Atletiek Zoetermeer", kind="club", places_left=0)
    add_opportunity(session, title="Taalcafé", kind="volunteer")
    add_opportunity(session, title="Far away club", kind="club", lat=53.2, lon=6.56)
    add_opportunity(session, title="Old club", kind="club", status="withdrawn")
    page = client.get("/nl/").get_data(as_text=True)
    assert "Atletiek Zoetermeer" in page and "Taalcafé" in page and "Far away club" in page
    assert "Old club" not in page
    clubs = client.get("/en/?kind=club").get_data(as_text=True)
    assert "Atletiek Zoetermeer" in clubs and "Taalcafé" not in clubs and "Full" in clubs
    near = client.get("/en/?postcode=2711&radius_km=10").get_data(as_text=True)
    assert "Atletiek Zoetermeer" in near and "Far away club" not in near
    unknown = client.get("/en/?postcode=0000").get_data(as_text=True)
    assert "We do not know the postcode 0000" in unknown


def test_rtl_languages_set_the_direction(client: FlaskClient) -> None:
    assert 'dir="rtl"' in client.get("/ar/").get_data(as_text=True)
    assert 'dir="ltr"' in client.get("/ti/").get_data(as_text=True)
    assert client.get("/xx/").status_code == 404


def test_detail_page(client: FlaskClient, session: Session) -> None:
    opp = add_opportunity(session, title="Cricket in Oosterheem", contact="info@example.org")
    page = client.get(f"/en/opportunities/{opp.id}").get_data(as_text=True)
    assert "Cricket in Oosterheem" in page and "info@example.org" in page
    assert client.get("/en/opportunities/999999").status_code == 404


def test_api_lists_filters_and_shows_one(client: FlaskClient, session: Session) -> None:
    add_postcode(session, "2711", 52.0617, 4.4925)
    near = add_opportunity(session, title="Near", kind="club", talents=["running"])
    add_opportunity(session, title="Far", kind="club", lat=53.2, lon=6.56)
    body = client.get("/api/v1/opportunities?near=2711&radius_km=5").json
    assert [o["title"] for o in body["opportunities"]] == ["Near"]
    assert body["opportunities"][0]["distance_km"] == 0.0
    assert client.get("/api/v1/opportunities?talent=running").json["total"] == 1
    one = client.get(f"/api/v1/opportunities/{near.id}").json
    assert one["id"] == near.id and one["source"] == "test" and one["kind"] == "club"
    assert {"places_left", "dutch_level_min", "lat", "lon", "postcode", "provider"} <= set(one)


def test_api_errors_are_json_and_name_the_field(client: FlaskClient) -> None:
    bad_kind = client.get("/api/v1/opportunities?kind=party")
    assert bad_kind.status_code == 422 and bad_kind.json["error"]["field"] == "kind"
    unknown = client.get("/api/v1/opportunities?colour=red")
    assert unknown.status_code == 400 and unknown.json["error"]["field"] == "colour"
    missing = client.get("/api/v1/opportunities/424242")
    assert missing.status_code == 404 and missing.is_json
    assert client.get("/api/v1/nothing-here").is_json


def test_people_get_html_errors_and_security_headers(client: FlaskClient) -> None:
    response = client.get("/nl/does-not-exist")
    assert response.status_code == 404 and response.mimetype == "text/html"
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
