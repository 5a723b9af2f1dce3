"""Take it with you: the QR link holds only opportunity ids, expires, and the slip prints."""

from __future__ import annotations

import base64
import json
import re
import time

import pytest
from flask import Flask
from flask.testing import FlaskClient
from itsdangerous.timed import TimestampSigner

from web.kiosk import share


def _ladder_ids(client: FlaskClient) -> list[int]:
    page = client.get("/en/kiosk/suggestions").get_data(as_text=True)
    return [int(i) for i in re.findall(r'name="id" value="(\d+)"', page)]


def _token(page: str) -> str:
    match = re.search(r'src="/en/kiosk/qr/([^"]+)\.svg"', page)
    assert match, "no QR code on the page"
    return match.group(1)


def test_the_qr_link_opens_only_the_chosen_suggestions(client: FlaskClient, demo: None) -> None:
    client.post("/en/kiosk/place", data={"postcode": "2711", "travel": "bike"})
    ids = _ladder_ids(client)
    assert len(ids) >= 2
    response = client.post("/en/kiosk/take", data={"id": [str(ids[1]), str(ids[0])]})
    assert response.headers["Location"].endswith("/en/kiosk/take")
    page = client.get("/en/kiosk/take").get_data(as_text=True)
    token = _token(page)
    # The token's payload is the list of ids and nothing else (no answers, no person).
    payload = token.split(".")[0]
    assert json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))) == [
        ids[1],
        ids[0],
    ]
    qr = client.get(f"/en/kiosk/qr/{token}.svg")
    assert qr.status_code == 200 and qr.mimetype == "image/svg+xml" and b"<svg" in qr.data
    fresh = type(client)(client.application)  # a phone: no kiosk session at all
    shared = fresh.get(f"/en/kiosk/s/{token}")
    text = shared.get_data(as_text=True)
    assert shared.status_code == 200 and text.count("<h2>") == 2
    assert fresh.get_cookie("session") is None
    assert "data-print" in page and "@media print" in client.get("/static/css/opstap.css").get_data(
        as_text=True
    )


def test_nothing_ticked_takes_the_whole_ladder(client: FlaskClient, demo: None) -> None:
    client.post("/en/kiosk/place", data={"postcode": "2711"})
    ids = _ladder_ids(client)
    client.post("/en/kiosk/take", data={})
    page = client.get("/en/kiosk/take").get_data(as_text=True)
    assert page.count("<li>\n    <h2>") == len(ids)


def test_an_expired_or_forged_link_says_so(
    app: Flask, client: FlaskClient, demo: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    with app.test_request_context():
        hours = app.config["OPSTAP_SETTINGS"].share_link_hours
        monkeypatch.setattr(
            TimestampSigner, "get_timestamp", lambda self: int(time.time()) - hours * 3600 - 5
        )
        old = share.make_token([1, 2])
        monkeypatch.undo()
        fresh = share.make_token([1, 2])
        assert share.read_token(fresh) == [1, 2] and share.read_token(old) is None
    expired = client.get(f"/en/kiosk/s/{old}")
    assert expired.status_code == 410 and "This link has expired" in expired.get_data(as_text=True)
    assert client.get(f"/en/kiosk/s/{fresh[:-2]}xx").status_code == 410
    assert client.get(f"/en/kiosk/qr/{old}.svg").status_code == 404
