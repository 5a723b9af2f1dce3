"""Provider API: places left and still valid with a key; only for the provider's own listings."""

from __future__ import annotations

import re
from datetime import date

from flask.testing import FlaskClient
from sqlmodel import Session

from matching.catalogue import catalogue_version
from matching.models import Opportunity
from tests.loop.conftest import World, sign_in


def _key(client: FlaskClient, email: str) -> str:
    sign_in(client, email)
    page = client.post("/en/provider/api-key")
    assert page.headers["Cache-Control"] == "no-store"
    match = re.search(r'value="(opk_[^"]+)"', page.get_data(as_text=True))
    assert match
    return match.group(1)


def test_places_left_through_the_api(client: FlaskClient, session: Session, world: World) -> None:
    key = _key(client, world.provider_user_a)
    auth = {"Authorization": f"Bearer {key}"}
    version = catalogue_version(session)
    response = client.put(
        f"/api/v1/opportunities/{world.opp_a}/places_left", json={"places_left": 2}, headers=auth
    )
    assert response.status_code == 200, response.json
    assert (
        response.json["places_left"] == 2
        and response.json["last_confirmed"] == date.today().isoformat()
    )
    session.expire_all()
    assert session.get(Opportunity, world.opp_a).places_left == 2  # type: ignore[union-attr]
    assert catalogue_version(session) > version
    assert (
        client.put(
            f"/api/v1/opportunities/{world.opp_a}/places_left",
            json={"places_left": None},
            headers=auth,
        ).json["places_left"]
        is None
    )
    for bad, field in (
        ({"places_left": -1}, "places_left"),
        ({"places_left": "3"}, "places_left"),
        ({"places_left": True}, "places_left"),
        ({}, "places_left"),
        ({"places_left": 1, "colour": "red"}, "colour"),
    ):
        answer = client.put(
            f"/api/v1/opportunities/{world.opp_a}/places_left", json=bad, headers=auth
        )
        assert answer.status_code == 422 and answer.json["error"]["field"] == field, bad
    confirmed = client.post(f"/api/v1/opportunities/{world.opp_a}/confirm", headers=auth)
    assert (
        confirmed.status_code == 200
        and confirmed.json["last_confirmed"] == date.today().isoformat()
    )


def test_the_api_refuses_other_providers_listings_and_bad_keys(
    client: FlaskClient, session: Session, world: World
) -> None:
    key_b = _key(client, world.provider_user_b)
    url = f"/api/v1/opportunities/{world.opp_a}/places_left"
    assert (
        client.put(
            url, json={"places_left": 0}, headers={"Authorization": f"Bearer {key_b}"}
        ).status_code
        == 404
    )
    assert client.put(url, json={"places_left": 0}).status_code == 401
    assert (
        client.put(
            url, json={"places_left": 0}, headers={"Authorization": "Bearer opk_wrong"}
        ).status_code
        == 401
    )
    session.expire_all()
    assert session.get(Opportunity, world.opp_a).places_left == 5  # type: ignore[union-attr]
    # a new key replaces the old one
    other = client.application.test_client()
    newer = _key(other, world.provider_user_b)
    assert newer != key_b
    own = f"/api/v1/opportunities/{world.opp_b}/places_left"
    assert (
        client.put(
            own, json={"places_left": 1}, headers={"Authorization": f"Bearer {key_b}"}
        ).status_code
        == 401
    )
    assert (
        client.put(
            own, json={"places_left": 1}, headers={"Authorization": f"Bearer {newer}"}
        ).status_code
        == 200
    )


def test_wrong_keys_are_rate_limited(client: FlaskClient, world: World) -> None:
    url = f"/api/v1/opportunities/{world.opp_a}/confirm"
    for _ in range(20):
        assert client.post(url, headers={"Authorization": "Bearer opk_guess"}).status_code == 401
    refused = client.post(url, headers={"Authorization": "Bearer opk_guess"})
    assert refused.status_code == 429 and refused.json["error"]["status"] == 429
