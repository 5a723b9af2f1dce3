"""Every route × every role, plus a second account of the same role on the other side: no leaks."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session

from tests.loop.conftest import World, build_world, sign_in

# The side-A values that must never show on a page served to anyone from side B.
SIDE_A_SECRETS = ("Amina", "0612345678", "amina@example.net")
ROLE_EMAILS = {
    "coordinator": "coordinator@example.org",
    "coach_a": "coach-a@example.org",
    "coach_b": "coach-b@example.org",
    "provider_a": "club-a@example.org",
    "provider_b": "club-b@example.org",
}
ROLE_KIND = {
    "coordinator": "coordinator",
    "coach_a": "coach",
    "coach_b": "coach",
    "provider_a": "provider",
    "provider_b": "provider",
}

# (rule, method) -> (who may use it, scope, url values, form). Scope: "own" = an object of side A
# (side B's account of the same role is refused); "list" = side B gets its own page without A's data;
# "public" = anyone. The url values and forms name world attributes with a leading "@".
ROUTES: dict[tuple[str, str], tuple[str, str, dict[str, Any], dict[str, Any]]] = {
    ("/<lang>/coach/", "GET"): ("coach", "list", {}, {}),
    ("/<lang>/coach/help", "GET"): ("coach", "list", {}, {}),
    ("/<lang>/coach/help/<int:request_id>/<action>", "POST"): (
        "coach",
        "own",
        {"request_id": "@help_a", "action": "take"},
        {},
    ),
    ("/<lang>/coach/people/new", "GET"): ("coach", "list", {}, {}),
    ("/<lang>/coach/people/new", "POST"): (
        "coach",
        "list",
        {},
        {"first_name": "Nieuw", "consent": "1"},
    ),
    ("/<lang>/coach/consents/<int:consent_id>/withdraw", "POST"): (
        "coach",
        "own",
        {"consent_id": "@consent_a"},
        {},
    ),
    ("/<lang>/coach/people/<int:person_id>", "GET"): (
        "coach",
        "own",
        {"person_id": "@person_a"},
        {},
    ),
    ("/<lang>/coach/people/<int:person_id>/edit", "GET"): (
        "coach",
        "own",
        {"person_id": "@person_a"},
        {},
    ),
    ("/<lang>/coach/people/<int:person_id>/edit", "POST"): (
        "coach",
        "own",
        {"person_id": "@person_a"},
        {"first_name": "Amina"},
    ),
    ("/<lang>/coach/people/<int:person_id>/share", "POST"): (
        "coach",
        "own",
        {"person_id": "@person_a"},
        {"organisation_id": "@org_b", "consent": "1"},
    ),
    ("/<lang>/coach/people/<int:person_id>/code", "POST"): (
        "coach",
        "own",
        {"person_id": "@person_a"},
        {},
    ),
    ("/<lang>/coach/people/<int:person_id>/export.json", "GET"): (
        "coach",
        "own",
        {"person_id": "@person_a"},
        {},
    ),
    ("/<lang>/coach/people/<int:person_id>/erase", "POST"): (
        "coach",
        "own",
        {"person_id": "@person_a"},
        {"confirm": "erase"},
    ),
    ("/<lang>/coach/people/<int:person_id>/propose", "POST"): (
        "coach",
        "own",
        {"person_id": "@person_a"},
        {"opportunity_id": "@opp_a2"},
    ),
    ("/<lang>/coach/proposals/<int:proposal_id>/<action>", "POST"): (
        "coach",
        "own",
        {"proposal_id": "@proposal_a", "action": "started"},
        {},
    ),
    ("/<lang>/provider/", "GET"): ("provider", "list", {}, {}),
    ("/<lang>/provider/introductions", "GET"): ("provider", "list", {}, {}),
    ("/<lang>/provider/introductions/<int:proposal_id>/<action>", "POST"): (
        "provider",
        "own",
        {"proposal_id": "@proposal_a", "action": "accept"},
        {},
    ),
    ("/<lang>/provider/api-key", "POST"): ("provider", "list", {}, {}),
    ("/<lang>/provider/signup", "GET"): ("anyone", "public", {}, {}),
    ("/<lang>/provider/signup", "POST"): ("anyone", "public", {}, {}),
    ("/<lang>/provider/listings/new", "GET"): ("provider", "list", {}, {}),
    ("/<lang>/provider/listings/new", "POST"): ("provider", "list", {}, {"title": "x"}),
    ("/<lang>/provider/listings/<int:opportunity_id>/edit", "GET"): (
        "provider",
        "own",
        {"opportunity_id": "@opp_a"},
        {},
    ),
    ("/<lang>/provider/listings/<int:opportunity_id>/edit", "POST"): (
        "provider",
        "own",
        {"opportunity_id": "@opp_a"},
        {"title": "x"},
    ),
    ("/<lang>/provider/listings/<int:opportunity_id>/places", "POST"): (
        "provider",
        "own",
        {"opportunity_id": "@opp_a"},
        {"step": "up"},
    ),
    ("/<lang>/provider/listings/<int:opportunity_id>/confirm", "POST"): (
        "provider",
        "own",
        {"opportunity_id": "@opp_a"},
        {},
    ),
    ("/<lang>/provider/listings/<int:opportunity_id>/withdraw", "POST"): (
        "provider",
        "own",
        {"opportunity_id": "@opp_a"},
        {},
    ),
    ("/<lang>/coordinator/accounts", "GET"): ("coordinator", "list", {}, {}),
    ("/<lang>/coordinator/accounts", "POST"): (
        "coordinator",
        "list",
        {},
        {"email": "new@example.org", "role": "coordinator"},
    ),
    ("/<lang>/coordinator/accounts/<int:user_id>/<action>", "POST"): (
        "coordinator",
        "list",
        {"user_id": "@coach_a_id", "action": "reset"},
        {},
    ),
    ("/<lang>/coordinator/organisations", "POST"): (
        "coordinator",
        "list",
        {},
        {"name": "Gemeente Test"},
    ),
    ("/<lang>/coordinator/providers", "GET"): ("coordinator", "list", {}, {}),
    ("/<lang>/coordinator/providers/users/<int:user_id>/<action>", "POST"): (
        "coordinator",
        "list",
        {"user_id": "@pending_provider_user", "action": "verify"},
        {},
    ),
    ("/<lang>/coach/notices/<int:notice_id>/done", "POST"): (
        "coach",
        "own",
        {"notice_id": "@notice_a"},
        {},
    ),
    ("/<lang>/provider/confirm/<token>", "GET"): ("anyone", "public", {"token": "not-a-token"}, {}),
    ("/<lang>/provider/confirm/<token>", "POST"): (
        "anyone",
        "public",
        {"token": "not-a-token"},
        {},
    ),
    ("/<lang>/coordinator/organisations", "GET"): ("coordinator", "list", {}, {}),
    ("/<lang>/coordinator/organisations/<int:organisation_id>/areas", "POST"): (
        "coordinator",
        "list",
        {"organisation_id": "@org_a"},
        {"municipalities": "Zoetermeer"},
    ),
    ("/<lang>/coordinator/help-requests", "GET"): ("coordinator", "list", {}, {}),
    ("/<lang>/coordinator/mail", "GET"): ("coordinator", "list", {}, {}),
    ("/<lang>/account/sign-in", "GET"): ("anyone", "public", {}, {}),
    ("/<lang>/account/sign-in", "POST"): ("anyone", "public", {}, {}),
    ("/<lang>/account/sign-out", "POST"): ("signed-in", "list", {}, {}),
    ("/<lang>/account/link/<token>", "GET"): ("anyone", "public", {"token": "not-a-token"}, {}),
    ("/<lang>/account/link/<token>", "POST"): ("anyone", "public", {"token": "not-a-token"}, {}),
    ("/<lang>/kiosk/code", "GET"): ("anyone", "public", {}, {}),
    ("/<lang>/kiosk/code", "POST"): ("anyone", "public", {}, {"code": "@code_a"}),
}
MY_MODULES = (
    "web.coach",
    "web.provider",
    "web.coordinator.accounts",
    "web.coordinator.coverage",
    "web.auth",
    "web.kiosk.personal_code",
)


def _resolve(values: dict[str, Any], world: World) -> dict[str, Any]:
    return {
        k: getattr(world, v[1:]) if isinstance(v, str) and v.startswith("@") else v
        for k, v in values.items()
    }


def _url(rule: str, values: dict[str, Any]) -> str:
    url = rule.replace("<lang>", "en")
    for key, value in values.items():
        url = url.replace(f"<int:{key}>", str(value)).replace(f"<{key}>", str(value))
    assert "<" not in url, url
    return url


def _rules(app: Flask) -> set[tuple[str, str]]:
    found = set()
    for rule in app.url_map.iter_rules():
        module = app.view_functions[rule.endpoint].__module__
        if module.startswith(MY_MODULES):
            for method in rule.methods or ():
                if method not in ("HEAD", "OPTIONS"):
                    found.add((rule.rule, method))
    return found


def test_the_matrix_covers_every_route_of_the_loop(app: Flask) -> None:
    assert _rules(app) == set(ROUTES)


def _clients(app: Flask) -> dict[str, FlaskClient]:
    clients = {"anonymous": app.test_client()}
    for role, email in ROLE_EMAILS.items():
        clients[role] = app.test_client()
        sign_in(clients[role], email)
    return clients


def _call(client: FlaskClient, method: str, url: str, form: dict[str, Any]):  # type: ignore[no-untyped-def]
    return client.open(url, method=method, data=form if method == "POST" else None)


@pytest.mark.parametrize(("rule", "method"), sorted(ROUTES))
def test_route_against_every_role(app: Flask, session: Session, rule: str, method: str) -> None:
    world = build_world(session)
    who, scope, raw_values, raw_form = ROUTES[(rule, method)]
    url, form = _url(rule, _resolve(raw_values, world)), _resolve(raw_form, world)
    clients = _clients(app)
    if who == "anyone":
        response = _call(clients["anonymous"], method, url, form)
        assert response.status_code < 500 and response.status_code != 403
        return
    anonymous = _call(clients["anonymous"], method, url, form)
    assert anonymous.status_code == 302 and "/account/sign-in" in anonymous.headers["Location"]
    if who == "signed-in":
        for role in ROLE_EMAILS:
            assert _call(clients[role], method, url, form).status_code == 302
        return
    allowed = "coordinator" if who == "coordinator" else f"{who}_a"
    other_side = None if who == "coordinator" else f"{who}_b"
    for role in ROLE_EMAILS:
        if role in (allowed, other_side):
            continue
        response = _call(clients[role], method, url, form)
        assert response.status_code == 403, (role, response.status_code)
    if other_side is not None:
        response = _call(clients[other_side], method, url, form)
        body = response.get_data(as_text=True)
        if scope == "own":
            assert response.status_code in (403, 404), (other_side, response.status_code)
        else:
            assert response.status_code in (200, 302, 422), (other_side, response.status_code)
        assert not any(secret in body for secret in SIDE_A_SECRETS), other_side
    response = _call(clients[allowed], method, url, form)
    assert response.status_code in (200, 302, 422), (allowed, response.status_code)


def test_unknown_coordinator_pages_are_guarded_too(app: Flask, session: Session) -> None:
    """Pages other modules add to the coordinator blueprint are behind the same guard."""
    build_world(session)
    clients = _clients(app)
    rules = [r for r in app.url_map.iter_rules() if r.endpoint.startswith("coordinator.")]
    assert rules
    for rule in rules:
        url = _url(rule.rule, {a: 1 for a in rule.arguments if a != "lang"})
        method = "GET" if "GET" in (rule.methods or ()) else "POST"
        assert _call(clients["anonymous"], method, url, {}).status_code == 302, url
        for role in ("coach_a", "provider_a"):
            assert _call(clients[role], method, url, {}).status_code == 403, (role, url)
