"""POST /api/v1/match, GET /api/v1/openapi.json, run_match, and freshness across app instances on one database."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.engine import Engine
from sqlmodel import Session

from matching.catalogue import set_places_left
from matching.db import make_engine
from matching.engine import ProfileError
from matching.settings import Settings
from tests.factories import ZOETERMEER, add_opportunity, add_postcode
from web import create_app
from web.match import run_match

PROFILE: dict[str, Any] = {"talents": ["voetbal"], "location": {"postcode": "2711"}}


@pytest.fixture
def catalogue(session: Session) -> dict[str, int]:
    add_postcode(session, "2711", *ZOETERMEER)
    football = add_opportunity(
        session, title="Voetbal", talents=["football"], provider_name="VV Zoetermeer"
    )
    sewing = add_opportunity(
        session, title="Naaicafé", talents=["sewing"], provider_name="Buurthuis"
    )
    full = add_opportunity(
        session, title="Vol", talents=["football"], places_left=0, provider_name="Vol"
    )
    assert football.id and sewing.id and full.id
    return {"football": football.id, "sewing": sewing.id, "full": full.id}


def post(client: FlaskClient, body: Any) -> Any:
    return client.post("/api/v1/match", json=body)


def test_match_document(client: FlaskClient, catalogue: dict[str, int]) -> None:
    answer = post(
        client, {"profile": {**PROFILE, "talents": ["voetbal", "zqxw"]}, "lang": "en", "limit": 5}
    )
    assert answer.status_code == 200
    doc = answer.get_json()
    assert set(doc) == {"suggestions", "not_understood"}
    assert doc["not_understood"] == ["zqxw"]
    first = doc["suggestions"][0]
    assert first["opportunity"]["id"] == catalogue["football"]
    assert {"score", "distance_km", "phase", "reasons", "cautions"} <= set(first)
    for key in (
        "title",
        "kind",
        "provider",
        "postcode",
        "schedule",
        "places_left",
        "languages",
        "audience",
        "source_id",
    ):
        assert key in first["opportunity"]
    assert {"code": "talent", "text": "Matches your talent: Football"}.items() <= first["reasons"][
        0
    ].items()
    assert catalogue["full"] not in [s["opportunity"]["id"] for s in doc["suggestions"]]


def test_reasons_in_the_requested_language(client: FlaskClient, catalogue: dict[str, int]) -> None:
    doc = post(client, {"profile": PROFILE, "lang": "ar"}).get_json()
    assert doc["suggestions"][0]["reasons"][0]["text"].startswith("يناسب موهبتك")
    doc = post(client, {"profile": PROFILE}).get_json()  # Dutch by default
    assert doc["suggestions"][0]["reasons"][0]["text"].startswith("Past bij je talent")


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ([1, 2], 400, "body"),
        ({"profile": PROFILE, "colour": "red"}, 422, "colour"),
        ({"profile": "football"}, 422, "profile"),
        ({"profile": {**PROFILE, "phase": 7}}, 422, "profile.phase"),
        ({"profile": {**PROFILE, "hobby": 1}}, 422, "profile.hobby"),
        (
            {"profile": {"talents": ["x"], "location": {"postcode": "9999"}}},
            422,
            "profile.location.postcode",
        ),
        ({"profile": PROFILE, "lang": "de"}, 422, "lang"),
        ({"profile": PROFILE, "limit": 0}, 422, "limit"),
        ({"profile": PROFILE, "limit": "ten"}, 422, "limit"),
    ],
)
def test_bad_input_names_the_field(
    client: FlaskClient, catalogue: dict[str, int], body: Any, status: int, field: str
) -> None:
    answer = post(client, body)
    assert answer.status_code == status
    error = answer.get_json()["error"]
    assert error["field"] == field
    assert field.split(".")[-1] in error["message"]


def test_not_json_is_refused_in_words(client: FlaskClient) -> None:
    answer = client.post("/api/v1/match", data="talents=football", content_type="text/plain")
    assert answer.status_code == 415
    assert "Content-Type: application/json" in answer.get_json()["error"]["message"]
    answer = client.post(
        "/api/v1/match", data="{talents: football", content_type="application/json"
    )
    assert answer.status_code == 400
    assert "not valid JSON" in answer.get_json()["error"]["message"]


def test_openapi_document(client: FlaskClient) -> None:
    doc = client.get("/api/v1/openapi.json").get_json()
    assert doc["openapi"].startswith("3.")
    assert "post" in doc["paths"]["/match"]
    profile = doc["components"]["schemas"]["ProfileIn"]
    assert set(profile["properties"]) >= {
        "talents",
        "wishes",
        "dutch_level",
        "location",
        "travel",
        "availability",
        "needs",
    }


def test_run_match_in_a_request(app: Flask, catalogue: dict[str, int]) -> None:
    with app.test_request_context():
        doc = run_match(PROFILE, lang="ti", limit=1)
        assert len(doc["suggestions"]) == 1
        with pytest.raises(ProfileError) as caught:
            run_match({"location": {"lat": 52, "lon": 4.5}, "travel": "car"})
        assert caught.value.field == "travel"


def test_changes_show_in_the_next_match_in_every_app_instance(
    settings: Settings, engine: Engine, catalogue: dict[str, int]
) -> None:
    """Two app instances (as two web processes) each with their own engine and index on one database."""
    other_engine = make_engine(engine.url.render_as_string(hide_password=False))
    first = create_app(settings, OPSTAP_ENGINE=engine, TESTING=True).test_client()
    second = create_app(settings, OPSTAP_ENGINE=other_engine, TESTING=True).test_client()
    try:

        def ids(client: FlaskClient) -> list[int]:
            return [
                s["opportunity"]["id"]
                for s in post(client, {"profile": PROFILE}).get_json()["suggestions"]
            ]

        assert catalogue["football"] in ids(first) and catalogue["football"] in ids(second)
        with Session(
            other_engine
        ) as session:  # a provider's one-tap update, through the second process
            set_places_left(session, opportunity_id=catalogue["football"], places_left=0)
            session.commit()
        assert catalogue["football"] not in ids(first)
        assert catalogue["football"] not in ids(second)
        with Session(
            engine, expire_on_commit=False
        ) as session:  # an import through the first: a new item
            new = add_opportunity(
                session, title="Nieuw voetbal", talents=["football"], provider_name="Nieuw"
            )
        assert new.id in ids(second)
    finally:
        other_engine.dispose()


def test_a_large_index_is_patched_not_rebuilt(engine: Engine, catalogue: dict[str, int]) -> None:
    """Places-left and confirmation changes patch the index; a new item rebuilds it; requests never wait."""
    import matching.match_service as service
    from matching.match_service import IndexCache, match_document

    # Treat this small catalogue as a large one; refresh_now stands in for the background thread.
    cache = IndexCache(sync_below=0, background=False)
    with Session(engine) as session:
        cache.engine_for(engine, session, stale_days=183)
    assert (cache.rebuilds, cache.patches) == (1, 0)

    def suggested() -> list[int]:
        saved, service.CACHE = service.CACHE, cache
        try:
            doc = match_document(engine, PROFILE)
        finally:
            service.CACHE = saved
        return [s["opportunity"]["id"] for s in doc["suggestions"]]

    assert catalogue["football"] in suggested()
    with Session(engine) as session:
        set_places_left(session, opportunity_id=catalogue["football"], places_left=0)
        session.commit()
    with Session(engine) as session:
        before = cache.engine_for(
            engine, session, stale_days=183
        )  # answers from the previous index
    assert catalogue["football"] in suggested()  # the change waits for the refresh, not the request
    cache.refresh_now(engine)
    assert catalogue["football"] not in suggested()
    assert (cache.rebuilds, cache.patches) == (1, 1)
    position = before.index.position(catalogue["football"])
    assert position is not None and before.index.places[position] != 0  # the old index was copied
    with Session(engine) as session:
        set_places_left(session, opportunity_id=catalogue["full"], places_left=3)
        session.commit()
    cache.refresh_now(engine)
    assert catalogue["full"] in suggested()
    assert cache.patches == 2
    with Session(engine, expire_on_commit=False) as session:
        new = add_opportunity(session, title="Nieuw", talents=["football"], provider_name="Nieuw")
    cache.refresh_now(engine)
    assert new.id in suggested()
    assert cache.rebuilds == 2
