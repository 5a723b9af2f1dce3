"""The API keeps its generated contract: schemathesis over every /api/v1 operation, body limits, real limits.

Schemathesis generates valid and invalid requests from /api/v1/openapi.json and fails on any 5xx, an
undocumented status, or an answer that does not match its documented schema. A bounded number of
examples keeps it fast enough for CI (OPSTAP_API_EXAMPLES raises it for a deeper run by hand).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import schemathesis
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from openapi_spec_validator import validate as validate_openapi
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from sqlmodel import Session

from matching.accounts import create_user, issue_api_key
from matching.catalogue import provider_id_for
from matching.match_service import CACHE
from tests.factories import ZOETERMEER, add_opportunity, add_postcode
from web.api.openapi import OPERATIONS

EXAMPLES = int(os.environ.get("OPSTAP_API_EXAMPLES", "40"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
PROFILE = {"talents": ["voetbal"], "location": {"postcode": "2711"}}


@dataclass
class Api:
    """The app with a small catalogue, a provider's key and one of its listings."""

    app: Flask
    key: str
    listing: int


@pytest.fixture
def api(app: Flask, session: Session) -> Iterator[Api]:
    """A catalogue with a provider listing and its API key; the match index starts fresh."""
    CACHE.clear()
    add_postcode(session, "2711", *ZOETERMEER)
    provider_id = provider_id_for(session, name="Testvereniging")
    listing = add_opportunity(
        session, provider_id=provider_id, title="Voetbal", talents=["football"]
    )
    add_opportunity(
        session, kind="volunteer", title="Taalcafé", talents=["teaching"], places_left=None
    )
    user = create_user(session, email="club@example.org", role="provider", provider_id=provider_id)
    key = issue_api_key(session, user=user)
    session.commit()
    assert listing.id is not None
    app.config["RATELIMIT_ENABLED"] = False  # the limiter has its own tests; here every call counts
    yield Api(app, key, listing.id)
    CACHE.clear()


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize(("method", "path"), [(op.method, op.path) for op in OPERATIONS])
def test_no_server_error_and_every_answer_as_documented(
    api: Api, method: str, path: str, mode: GenerationMode
) -> None:
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", api.app)
    operation = schema[path][method.upper()]
    headers = {"Authorization": f"Bearer {api.key}"}

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
    )
    def run(case: Any) -> None:
        response = case.call(headers=headers)
        case.validate_response(response, checks=CHECKS)
        if "id" in (case.path_parameters or {}):
            # The same request on a listing that exists, so the body rules run, not only the 404.
            case.path_parameters["id"] = api.listing
            response = case.call(headers=headers)
            case.validate_response(response, checks=CHECKS)

    run()


def test_the_document_is_valid_openapi_and_complete(client: FlaskClient) -> None:
    doc = client.get("/api/v1/openapi.json").get_json()
    validate_openapi(doc)
    assert doc["openapi"] == "3.1.0"
    for path, item in doc["paths"].items():
        for method, op in item.items():
            names = {p["name"] for p in op.get("parameters", []) if p["in"] == "path"}
            assert names == set(_path_names(path)), (path, method)
            assert "200" in op["responses"]
            for status, answer in op["responses"].items():
                schema_ = answer["content"]["application/json"]["schema"]
                expected = "ErrorDocument" if status != "200" else None
                assert expected is None or schema_["$ref"].endswith(expected)
            if method in ("put", "post") and path != "/opportunities/{id}/confirm":
                assert op["requestBody"]["required"] is True
    secured = [op for item in doc["paths"].values() for op in item.values() if "security" in op]
    assert len(secured) == 2 and all(op["responses"]["401"] for op in secured)
    assert doc["components"]["securitySchemes"]["providerKey"]["scheme"] == "bearer"


def _path_names(path: str) -> list[str]:
    return [part[1:-1] for part in path.split("/") if part.startswith("{")]


# --- the document's limits are the routes' limits -----------------------------------------------


def _resolve(doc: dict[str, Any], schema_: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema_:
        schema_ = doc["components"]["schemas"][schema_["$ref"].rsplit("/", 1)[1]]
    return schema_


def _bounds(schema_: dict[str, Any]) -> Iterator[tuple[str, float, float]]:
    """(kind, allowed edge, refused value next to it) for each numeric limit of a property."""
    options = schema_.get("anyOf", [schema_])
    for option in options:
        step = 1 if option.get("type") == "integer" else 1e-6
        if "minimum" in option:
            yield "minimum", option["minimum"], option["minimum"] - step
        if "maximum" in option:
            yield "maximum", option["maximum"], option["maximum"] + step
        if "exclusiveMinimum" in option:
            yield "exclusiveMinimum", option["exclusiveMinimum"] + step, option["exclusiveMinimum"]


def _profile_limits(doc: dict[str, Any]) -> list[tuple[str, str, float, float]]:
    profile = _resolve(doc, {"$ref": "#/components/schemas/ProfileIn"})
    return [
        (name, kind, edge, beyond)
        for name, prop in profile["properties"].items()
        for kind, edge, beyond in _bounds(prop)
    ]


def test_profile_limits_in_the_document_are_the_routes_limits(
    client: FlaskClient, api: Api
) -> None:
    doc = client.get("/api/v1/openapi.json").get_json()
    limits = _profile_limits(doc)
    assert {name for name, *_ in limits} >= {"max_distance_km", "phase", "age"}
    for name, kind, edge, beyond in limits:
        value: Any = int(edge) if isinstance(edge, int) or float(edge).is_integer() else edge
        if name == "max_distance_km":
            value = float(edge)
        ok = client.post("/api/v1/match", json={"profile": {**PROFILE, name: value}})
        assert ok.status_code == 200, (name, kind, edge, ok.get_json())
        refused = client.post("/api/v1/match", json={"profile": {**PROFILE, name: beyond}})
        assert refused.status_code == 422, (name, kind, beyond)
        assert refused.get_json()["error"]["field"] == f"profile.{name}"
    words = _resolve(doc, {"$ref": "#/components/schemas/ProfileIn"})["properties"]["talents"]
    most = words["anyOf"][0]["maxItems"]
    longest = words["anyOf"][0]["items"]["maxLength"]
    for talents, status in (
        ([f"w{i}" for i in range(most)], 200),
        ([f"w{i}" for i in range(most + 1)], 422),
        (["x" * longest], 200),
        (["x" * (longest + 1)], 422),
    ):
        answer = client.post("/api/v1/match", json={"profile": {**PROFILE, "talents": talents}})
        assert answer.status_code == status, (len(talents), len(talents[0]))


def test_query_and_body_limits_in_the_document_are_the_routes_limits(
    client: FlaskClient, api: Api
) -> None:
    doc = client.get("/api/v1/openapi.json").get_json()
    params = doc["paths"]["/opportunities"]["get"]["parameters"]
    checked = 0
    for param in params:
        for _kind, edge, beyond in _bounds(param["schema"]):
            name = param["name"]
            value = int(edge) if param["schema"].get("type") == "integer" else edge
            ok = client.get("/api/v1/opportunities", query_string={name: value})
            assert ok.status_code == 200, (name, value, ok.get_json())
            refused = client.get("/api/v1/opportunities", query_string={name: beyond})
            assert refused.status_code == 422 and refused.get_json()["error"]["field"] == name
            checked += 1
    assert checked >= 4
    body = _resolve(doc, {"$ref": "#/components/schemas/PlacesLeftIn"})
    auth = {"Authorization": f"Bearer {api.key}"}
    url = f"/api/v1/opportunities/{api.listing}/places_left"
    for _kind, edge, beyond in _bounds(body["properties"]["places_left"]):
        assert client.put(url, json={"places_left": edge}, headers=auth).status_code == 200
        assert client.put(url, json={"places_left": beyond}, headers=auth).status_code == 422
    match = _resolve(doc, {"$ref": "#/components/schemas/MatchRequest"})
    for _kind, edge, beyond in _bounds(match["properties"]["limit"]):
        assert (
            client.post("/api/v1/match", json={"profile": PROFILE, "limit": edge}).status_code
            == 200
        )
        assert (
            client.post("/api/v1/match", json={"profile": PROFILE, "limit": beyond}).status_code
            == 422
        )


# --- bodies that are not usable get a 4xx naming the problem -------------------------------------


@pytest.mark.parametrize(
    ("data", "content_type", "status", "words"),
    [
        ("[" * 100_000 + "]" * 100_000, "application/json", 413, "larger than"),
        ("[" * 5_000 + "]" * 5_000, "application/json", 400, "deeper than 32"),
        ('{"profile": ' * 40 + "1" + "}" * 40, "application/json", 400, "deeper than 32"),
        (
            '{"profile": {"a": "' + "x" * 70_000 + '"}}',
            "application/json",
            413,
            "larger than 64 KB",
        ),
        ("talents=football", "application/x-www-form-urlencoded", 415, "application/json"),
        ('{"profile": ', "application/json", 400, "not valid JSON"),
        ('{"profile": NaN}', "application/json", 400, "NaN"),
        (b"\xff\xfe{}", "application/json", 400, "UTF-8"),
    ],
)
def test_unusable_bodies_are_refused_in_words(
    client: FlaskClient, data: str | bytes, content_type: str, status: int, words: str
) -> None:
    answer = client.post("/api/v1/match", data=data, content_type=content_type)
    assert answer.status_code == status
    error = answer.get_json()["error"]
    assert words in error["message"] and error["field"] == "body"


def test_generated_requests_that_once_gave_500s(client: FlaskClient, api: Api) -> None:
    for profile, field in (
        ({**PROFILE, "travel": [None, None]}, "profile.travel"),
        ({**PROFILE, "max_distance_km": 5e-324}, "profile.max_distance_km"),
        ({**PROFILE, "gender": {"x": 1}}, "profile.gender"),
        ({**PROFILE, "needs": [[]]}, "profile.needs[0]"),
    ):
        answer = client.post("/api/v1/match", json={"profile": profile})
        assert answer.status_code == 422, profile
        assert answer.get_json()["error"]["field"] == field
    assert client.get("/api/v1/opportunities/99999999999999999999").status_code == 404
    auth = {"Authorization": f"Bearer {api.key}"}
    huge = client.put(
        f"/api/v1/opportunities/{api.listing}/places_left",
        data=json.dumps({"places_left": 10**30}),
        content_type="application/json",
        headers=auth,
    )
    assert huge.status_code == 422 and huge.get_json()["error"]["field"] == "places_left"


def test_a_location_outside_the_service_area_is_422_naming_location(
    client: FlaskClient, api: Api
) -> None:
    paris = {"profile": {"talents": ["football"], "location": {"lat": 48.8566, "lon": 2.3522}}}
    answer = client.post("/api/v1/match", json=paris)
    assert answer.status_code == 422
    error = answer.get_json()["error"]
    assert error["field"] == "profile.location" and "service area" in error["message"]
    swapped = {"profile": {"location": {"lat": ZOETERMEER[1], "lon": ZOETERMEER[0]}}}
    assert client.post("/api/v1/match", json=swapped).get_json()["error"]["field"] == (
        "profile.location"
    )
    home = {"profile": {"location": {"lat": ZOETERMEER[0], "lon": ZOETERMEER[1]}}}
    assert client.post("/api/v1/match", json=home).status_code == 200
