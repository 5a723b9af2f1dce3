"""Security duties: CSRF on every form, limits on sign-in and personal codes, cookies, CSP, clean logs."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.engine import Engine
from sqlmodel import Session

from matching.settings import Settings, load_settings
from tests.conftest import TEST_DATABASE_URL
from tests.loop.conftest import PASSWORD, World, sign_in
from tests.loop.test_authorisation_matrix import ROUTES, _resolve, _url
from web import create_app


@pytest.fixture
def csrf_app(settings: Settings, engine: Engine) -> Flask:
    """The app as it runs for people: CSRF on."""
    return create_app(settings, OPSTAP_ENGINE=engine, TESTING=True, WTF_CSRF_ENABLED=True)


def _token(client: FlaskClient, url: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', client.get(url).get_data(as_text=True))
    assert match, f"no CSRF token on {url}"
    return match.group(1)


def _sign_in_with_token(client: FlaskClient, email: str) -> None:
    token = _token(client, "/en/account/sign-in")
    response = client.post(
        "/en/account/sign-in", data={"email": email, "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302


def test_every_post_without_a_csrf_token_is_refused(csrf_app: Flask, world: World) -> None:
    posts = [(rule, r.values, r.form) for (rule, method), r in ROUTES.items() if method == "POST"]
    anonymous = csrf_app.test_client()
    assert (
        anonymous.post(
            "/en/account/sign-in", data={"email": world.coach_a, "password": PASSWORD}
        ).status_code
        == 400
    )
    clients = {}
    for role in ("coach_a", "provider_a", "coordinator"):
        clients[role] = csrf_app.test_client()
        _sign_in_with_token(
            clients[role], getattr(world, role) if role != "provider_a" else world.provider_user_a
        )
    for rule, values, form in posts:
        url = _url(rule, _resolve(values, world))
        for client in [anonymous, *clients.values()]:
            response = client.post(url, data=_resolve(form, world))
            if "/kiosk/" in url and response.status_code == 302:
                # the kiosk answers a stale form by showing the page again, having done nothing
                assert response.headers["Location"].endswith(url)
                continue
            assert response.status_code == 400, (url, response.status_code)
    # and with the token the same request goes through
    coach = clients["coach_a"]
    token = _token(coach, f"/en/coach/people/{world.person_a}")
    ok = coach.post(
        f"/en/coach/people/{world.person_a}/propose",
        data={"opportunity_id": world.opp_a2, "csrf_token": token},
    )
    assert ok.status_code == 302


def test_sign_in_is_limited_per_account(client: FlaskClient, world: World) -> None:
    for _ in range(5):
        response = client.post(
            "/en/account/sign-in", data={"email": world.coach_a, "password": "wrong password"}
        )
        assert response.status_code == 401
    locked = client.post("/en/account/sign-in", data={"email": world.coach_a, "password": PASSWORD})
    assert locked.status_code == 429
    # another account from the same address is still fine (the address limit is higher)
    sign_in(client, world.coach_b)


def test_successful_sign_ins_do_not_count(client: FlaskClient, world: World) -> None:
    for _ in range(8):
        sign_in(client, world.coach_a)


def test_wrong_personal_codes_slow_the_screen_down(client: FlaskClient, world: World) -> None:
    from matching.people import CODE_ALPHABET, _check_char

    typo = client.post("/en/kiosk/code", data={"code": "ABC"})
    assert typo.status_code == 422 and "typing error" in typo.get_data(as_text=True)
    for i in range(4):
        body = CODE_ALPHABET[i] * 8
        wrong = client.post("/en/kiosk/code", data={"code": body + _check_char(body)})
        assert wrong.status_code == 422 and "We do not know this code" in wrong.get_data(
            as_text=True
        )
    waiting = client.post("/en/kiosk/code", data={"code": world.code_a})
    assert waiting.status_code == 429 and "Please wait" in waiting.get_data(as_text=True)
    client.get("/kiosk/reset")  # Start again: the next person is not kept waiting
    assert client.post("/en/kiosk/code", data={"code": world.code_a}).status_code == 200


def test_production_cookies_are_secure_httponly_and_samesite(
    engine: Engine, tmp_path: Path, world: World
) -> None:
    settings = load_settings(
        {},
        env="production",
        secret_key="x" * 40,
        instance_path=str(tmp_path),
        database_url=TEST_DATABASE_URL,
    )
    app = create_app(settings, OPSTAP_ENGINE=engine, WTF_CSRF_ENABLED=False)
    client = app.test_client()
    response = client.post(
        "/en/account/sign-in", data={"email": world.coach_a, "password": PASSWORD}
    )
    assert response.status_code == 302
    cookies = response.headers.getlist("Set-Cookie")
    assert cookies
    for cookie in cookies:
        assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie, cookie
    assert response.headers["Strict-Transport-Security"]


def _pages(world: World) -> list[tuple[str, str]]:
    """(who, url) for every page of the loop that answers GET."""
    # The matrix says who gets each page (200): anyone, else the first staff role that does.
    roles = {"coach_a": "coach_a", "provider_a": "provider_user_a", "coordinator": "coordinator"}
    pages = []
    for (rule, method), r in ROUTES.items():
        if method != "GET":
            continue
        expected = r.expected()
        if expected["anonymous"] == 200:
            pages.append(("anonymous", _url(rule, _resolve(r.values, world))))
            continue
        who = next((roles[k] for k in roles if expected[k] == 200), None)
        if who is not None:
            pages.append((who, _url(rule, _resolve(r.values, world))))
    return pages


def test_every_page_has_a_csp_without_inline_script(app: Flask, world: World) -> None:
    clients: dict[str, FlaskClient] = {"anonymous": app.test_client()}
    for who, url in _pages(world):
        if who not in clients:
            clients[who] = app.test_client()
            sign_in(clients[who], getattr(world, who))
        response = clients[who].get(url)
        assert response.status_code in (200, 404), (url, response.status_code)
        csp = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp, url
        if response.mimetype == "text/html":
            html = response.get_data(as_text=True)
            assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), f"inline script on {url}"
            assert not re.search(r"\son[a-z]+=", html), f"inline event handler on {url}"
            assert " style=" not in html, f"style attribute on {url}"
    letter = clients["coach_a"].post(f"/en/coach/people/{world.person_a}/code")
    html = letter.get_data(as_text=True)
    assert "<svg" in html and " style=" not in html and "<script" not in html


def test_no_personal_data_in_the_logs(
    app: Flask, session: Session, world: World, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    coach, kiosk, club = app.test_client(), app.test_client(), app.test_client()
    coach.post("/en/account/sign-in", data={"email": world.coach_a, "password": "a wrong password"})
    sign_in(coach, world.coach_a)
    coach.post(
        "/en/coach/people/new",
        data={
            "first_name": "Zerihun",
            "phone": "0699887766",
            "email": "zerihun@example.net",
            "postcode": "2712",
            "consent": "1",
        },
    )
    coach.get(f"/en/coach/people/{world.person_a}")
    coach.post(f"/en/coach/people/{world.person_a}/propose", data={"opportunity_id": world.opp_a2})
    kiosk.post("/en/kiosk/code", data={"code": world.code_a})
    kiosk.post("/en/kiosk/code", data={"code": "ZZZ-ZZZ-ZZZ"})
    sign_in(club, world.provider_user_a)
    club.get("/en/provider/introductions")
    coach.get(f"/en/coach/people/{world.person_a}/export.json")
    coach.post(f"/en/coach/people/{world.person_a}/erase", data={"confirm": "erase"})
    text = caplog.text
    assert "signed in" in text  # the log does say what happened …
    for value in (
        "Amina",
        "0612345678",
        "amina@example.net",
        "Zerihun",
        "0699887766",
        "zerihun@example.net",
        world.coach_a,
        world.code_a,
        PASSWORD,
    ):
        assert value not in text, value  # … without whom it happened to


def test_the_session_cookie_holds_no_password_hash(
    app: Flask, session: Session, world: World
) -> None:
    from flask.sessions import SecureCookieSessionInterface

    from matching.accounts import get_user_by_email

    client = app.test_client()
    sign_in(client, world.coach_a)
    cookie = client.get_cookie("session")
    assert cookie is not None
    data = SecureCookieSessionInterface().get_signing_serializer(app).loads(cookie.value)  # type: ignore[union-attr]
    user = get_user_by_email(session, email=world.coach_a)
    assert user is not None and user.password_hash
    assert data["_user_id"].startswith(f"{user.id}:")
    assert not any(part in str(data) for part in user.password_hash.split("$") if len(part) >= 8)


def test_asking_for_a_new_password_is_limited_per_mailbox(
    client: FlaskClient, world: World
) -> None:
    """Nobody can flood a coach's mailbox with reset links (3 an hour per address asked for)."""
    for _ in range(3):
        assert client.post("/en/account/forgot", data={"email": world.coach_a}).status_code == 200
    assert client.post("/en/account/forgot", data={"email": world.coach_a}).status_code == 429
    assert client.post("/en/account/forgot", data={"email": world.coach_b}).status_code == 200
