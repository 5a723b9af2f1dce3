"""Every staff route × every role, with the exact status each gets, plus a second account of the same
role on the other side: no leaks. A new route fails the coverage test until it has its row."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session

from tests.factories import add_postcode
from tests.loop.conftest import PASSWORD, World, build_world, sign_in
from web.auth import limiter

# The side-A values that must never show on a page served to anyone from side B.
SIDE_A_SECRETS = ("Amina", "0612345678", "amina@example.net")
ROLE_EMAILS = {
    "coordinator": "coordinator@example.org",
    "coach_a": "coach-a@example.org",
    "coach_b": "coach-b@example.org",
    "provider_a": "club-a@example.org",
    "provider_b": "club-b@example.org",
}

ROLES = ("anonymous", "coordinator", "coach_a", "coach_b", "provider_a", "provider_b")


@dataclass(frozen=True)
class Row:
    """The exact status each role gets on one route, in ROLES order, and what the request carries."""

    statuses: tuple[int, ...]
    values: dict[str, Any] = field(default_factory=dict)  # url values; "@name" = a World attribute
    form: dict[str, Any] = field(default_factory=dict)  # "@name" = World attribute, "{role}" = role

    def expected(self) -> dict[str, int]:
        """Role -> status."""
        return dict(zip(ROLES, self.statuses, strict=True))


def row(
    anonymous: int,
    coordinator: int,
    coach_a: int,
    coach_b: int,
    provider_a: int,
    provider_b: int,
    values: dict[str, Any] | None = None,
    form: dict[str, Any] | None = None,
) -> Row:
    """One route's row: statuses for anonymous, coordinator, coach A, coach B, provider A, provider B."""
    statuses = (anonymous, coordinator, coach_a, coach_b, provider_a, provider_b)
    return Row(statuses, values or {}, form or {})


LISTING = {
    "kind": "club", "title": "Zaalvoetbal op vrijdag", "description": "Voor iedereen.",
    "postcode": "2711", "talents": "football", "places_left": "5", "cost_eur_year": "0",
}  # fmt: skip
# Every route under the staff prefixes has a row (one line each). Side A's objects are used: side B's
# account of the same role must get 403/404 and never a page with side A's data. 302 for a signed-in
# role is a success redirect (never to the sign-in page); 302 for anonymous is to the sign-in page.
# fmt: off
ROUTES: dict[tuple[str, str], Row] = {
    ("/<lang>/coach/", "GET"): row(302, 403, 200, 200, 403, 403),
    ("/<lang>/coach/help", "GET"): row(302, 403, 200, 200, 403, 403),
    ("/<lang>/coach/help/<int:request_id>/<action>", "POST"): row(302, 403, 302, 404, 403, 403, {"request_id": "@help_a", "action": "take"}),
    ("/<lang>/coach/people/new", "GET"): row(302, 403, 200, 200, 403, 403),
    ("/<lang>/coach/people/new", "POST"): row(302, 403, 302, 302, 403, 403, form={"first_name": "Nieuw", "consent": "1", "dutch_level": "none"}),
    ("/<lang>/coach/consents/<int:consent_id>/withdraw", "POST"): row(302, 403, 302, 404, 403, 403, {"consent_id": "@consent_a"}),
    ("/<lang>/coach/people/<int:person_id>", "GET"): row(302, 403, 200, 404, 403, 403, {"person_id": "@person_a"}),
    ("/<lang>/coach/people/<int:person_id>/edit", "GET"): row(302, 403, 200, 404, 403, 403, {"person_id": "@person_a"}),
    ("/<lang>/coach/people/<int:person_id>/edit", "POST"): row(302, 403, 302, 404, 403, 403, {"person_id": "@person_a"}, {"first_name": "Amina", "dutch_level": "none"}),
    ("/<lang>/coach/people/<int:person_id>/share", "POST"): row(302, 403, 302, 403, 403, 403, {"person_id": "@person_a"}, {"organisation_id": "@org_b", "consent": "1"}),
    ("/<lang>/coach/people/<int:person_id>/code", "POST"): row(302, 403, 200, 404, 403, 403, {"person_id": "@person_a"}),
    ("/<lang>/coach/people/<int:person_id>/export.json", "GET"): row(302, 403, 200, 404, 403, 403, {"person_id": "@person_a"}),
    ("/<lang>/coach/people/<int:person_id>/erase", "POST"): row(302, 403, 302, 404, 403, 403, {"person_id": "@person_a"}, {"confirm": "erase"}),
    ("/<lang>/coach/people/<int:person_id>/propose", "POST"): row(302, 403, 302, 404, 403, 403, {"person_id": "@person_a"}, {"opportunity_id": "@opp_a2"}),
    ("/<lang>/coach/proposals/<int:proposal_id>/<action>", "POST"): row(302, 403, 302, 404, 403, 403, {"proposal_id": "@proposal_a", "action": "started"}),
    ("/<lang>/coach/todos/<kind>/<int:item_id>/seen", "POST"): row(302, 403, 302, 404, 403, 403, {"kind": "proposal", "item_id": "@proposal_a"}),
    ("/<lang>/provider/", "GET"): row(302, 403, 403, 403, 200, 200),
    ("/<lang>/provider/introductions", "GET"): row(302, 403, 403, 403, 200, 200),
    ("/<lang>/provider/introductions/<int:proposal_id>/<action>", "POST"): row(302, 403, 403, 403, 302, 404, {"proposal_id": "@proposal_a", "action": "accept"}),
    ("/<lang>/provider/api-key", "POST"): row(302, 403, 403, 403, 200, 200),
    ("/<lang>/provider/signup", "GET"): row(200, 200, 200, 200, 200, 200),
    ("/<lang>/provider/signup", "POST"): row(200, 200, 200, 200, 200, 200, form={"provider_name": "Club {role}", "name": "Sam", "email": "{role}@new.example.org", "phone": "079 123 45 67", "password": PASSWORD}),
    ("/<lang>/provider/listings/new", "GET"): row(302, 403, 403, 403, 200, 200),
    ("/<lang>/provider/listings/new", "POST"): row(302, 403, 403, 403, 302, 302, form=LISTING),
    ("/<lang>/provider/listings/<int:opportunity_id>/edit", "GET"): row(302, 403, 403, 403, 200, 404, {"opportunity_id": "@opp_a"}),
    ("/<lang>/provider/listings/<int:opportunity_id>/edit", "POST"): row(302, 403, 403, 403, 302, 404, {"opportunity_id": "@opp_a"}, LISTING),
    ("/<lang>/provider/listings/<int:opportunity_id>/places", "POST"): row(302, 403, 403, 403, 302, 404, {"opportunity_id": "@opp_a"}, {"step": "up"}),
    ("/<lang>/provider/listings/<int:opportunity_id>/confirm", "POST"): row(302, 403, 403, 403, 302, 404, {"opportunity_id": "@opp_a"}),
    ("/<lang>/provider/listings/<int:opportunity_id>/withdraw", "POST"): row(302, 403, 403, 403, 302, 404, {"opportunity_id": "@opp_a"}),
    ("/<lang>/provider/listings/<int:opportunity_id>/translations", "GET"): row(302, 403, 403, 403, 200, 404, {"opportunity_id": "@opp_a"}),
    ("/<lang>/provider/listings/<int:opportunity_id>/translations", "POST"): row(302, 403, 403, 403, 302, 404, {"opportunity_id": "@opp_a"}, {"title_ar": "الجري"}),
    ("/<lang>/coordinator/accounts", "GET"): row(302, 200, 403, 403, 403, 403),
    ("/<lang>/coordinator/accounts", "POST"): row(302, 200, 403, 403, 403, 403, form={"email": "new@example.org", "role": "coordinator"}),
    ("/<lang>/coordinator/accounts/<int:user_id>/<action>", "POST"): row(302, 200, 403, 403, 403, 403, {"user_id": "@coach_a_id", "action": "reset"}),
    ("/<lang>/coordinator/organisations", "POST"): row(302, 302, 403, 403, 403, 403, form={"name": "Gemeente Test"}),
    ("/<lang>/coordinator/providers", "GET"): row(302, 200, 403, 403, 403, 403),
    ("/<lang>/coordinator/providers/users/<int:user_id>/<action>", "POST"): row(302, 302, 403, 403, 403, 403, {"user_id": "@pending_provider_user", "action": "verify"}),
    ("/<lang>/coordinator/imports", "GET"): row(302, 200, 403, 403, 403, 403),
    ("/<lang>/coordinator/imports/runs/<int:run_id>", "GET"): row(302, 404, 403, 403, 403, 403, {"run_id": 999}),
    ("/<lang>/coordinator/figures", "GET"): row(302, 200, 403, 403, 403, 403),
    ("/<lang>/coordinator/code-locks", "GET"): row(302, 200, 403, 403, 403, 403),
    ("/<lang>/coordinator/words", "GET"): row(302, 200, 403, 403, 403, 403),
    ("/<lang>/coordinator/words/map", "POST"): row(302, 302, 403, 403, 403, 403, form={"word": "injera", "lang": "nl", "code": "cooking"}),
    ("/<lang>/coordinator/taxonomy", "GET"): row(302, 200, 403, 403, 403, 403),
    ("/<lang>/coordinator/taxonomy/entries", "POST"): row(302, 422, 403, 403, 403, 403, form={"code": "cooking"}),
    ("/<lang>/coordinator/taxonomy/entries/<code>", "GET"): row(302, 200, 403, 403, 403, 403, {"code": "football"}),
    ("/<lang>/coordinator/taxonomy/entries/<code>", "POST"): row(302, 302, 403, 403, 403, 403, {"code": "football"}),
    ("/<lang>/coordinator/taxonomy/export.json", "GET"): row(302, 200, 403, 403, 403, 403),
    ("/<lang>/coordinator/taxonomy/import", "POST"): row(302, 302, 403, 403, 403, 403),
    ("/<lang>/coordinator/taxonomy/words/<int:synonym_id>/remove", "POST"): row(302, 302, 403, 403, 403, 403, {"synonym_id": 999}),
    ("/<lang>/provider/confirm/<token>", "GET"): row(404, 404, 404, 404, 404, 404, {"token": "not-a-token"}),
    ("/<lang>/provider/confirm/<token>", "POST"): row(404, 404, 404, 404, 404, 404, {"token": "not-a-token"}),
    ("/<lang>/coordinator/organisations", "GET"): row(302, 200, 403, 403, 403, 403),
    ("/<lang>/coordinator/organisations/<int:organisation_id>/areas", "POST"): row(302, 302, 403, 403, 403, 403, {"organisation_id": "@org_a"}, {"municipalities": "Zoetermeer"}),
    ("/<lang>/coordinator/help-requests", "GET"): row(302, 200, 403, 403, 403, 403),
    ("/<lang>/coordinator/mail", "GET"): row(302, 200, 403, 403, 403, 403),
    ("/<lang>/account/sign-in", "GET"): row(200, 200, 200, 200, 200, 200),
    ("/<lang>/account/sign-in", "POST"): row(302, 302, 302, 302, 302, 302, form={"email": "coordinator@example.org", "password": PASSWORD}),
    ("/<lang>/account/sign-out", "POST"): row(302, 302, 302, 302, 302, 302),
    ("/<lang>/account/details", "GET"): row(302, 200, 200, 200, 200, 200),
    ("/<lang>/account/details", "POST"): row(302, 302, 302, 302, 302, 302, form={"name": "Sam", "phone": "079 123 45 67"}),
    ("/<lang>/account/forgot", "GET"): row(200, 200, 200, 200, 200, 200),
    ("/<lang>/account/forgot", "POST"): row(200, 200, 200, 200, 200, 200, form={"email": "nobody@example.org"}),
    ("/<lang>/account/link/<token>", "GET"): row(404, 404, 404, 404, 404, 404, {"token": "not-a-token"}),
    ("/<lang>/account/link/<token>", "POST"): row(404, 404, 404, 404, 404, 404, {"token": "not-a-token"}),
    ("/<lang>/kiosk/code", "GET"): row(200, 200, 200, 200, 200, 200),
    ("/<lang>/kiosk/code", "POST"): row(200, 200, 200, 200, 200, 200, form={"code": "@code_a"}),
}
# fmt: on
STAFF_PREFIXES = ("/<lang>/coach", "/<lang>/provider", "/<lang>/coordinator", "/<lang>/account")
# Routes whose redirect goes to or from the sign-in page by design.
SIGN_IN_ITSELF = {("/<lang>/account/sign-in", "POST"), ("/<lang>/account/sign-out", "POST")}
# The personal code is the person's own key: whoever types Amina's code sees Amina's page.
CARRIES_A_CODE = {("/<lang>/kiosk/code", "POST")}
EXTRA_ROUTES = {("/<lang>/kiosk/code", "GET"), ("/<lang>/kiosk/code", "POST")}  # personal codes


def _resolve(values: dict[str, Any], world: World, role: str = "") -> dict[str, Any]:
    def one(v: Any) -> Any:
        if isinstance(v, str) and v.startswith("@"):
            return getattr(world, v[1:])
        return v.replace("{role}", role) if isinstance(v, str) else v

    return {k: one(v) for k, v in values.items()}


def _url(rule: str, values: dict[str, Any]) -> str:
    url = rule.replace("<lang>", "en")
    for key, value in values.items():
        url = url.replace(f"<int:{key}>", str(value)).replace(f"<{key}>", str(value))
    assert "<" not in url, url
    return url


def _rules(app: Flask) -> set[tuple[str, str]]:
    found = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith(STAFF_PREFIXES) or any(rule.rule == r for r, _ in EXTRA_ROUTES):
            for method in rule.methods or ():
                if method not in ("HEAD", "OPTIONS"):
                    found.add((rule.rule, method))
    return found


def test_the_matrix_has_a_row_for_every_staff_route(app: Flask) -> None:
    missing = sorted(_rules(app) - set(ROUTES))
    assert not missing, (
        "routes without a row in ROUTES (add one line each, with the status per role): "
        + ", ".join(f"{m} {r}" for r, m in missing)
    )
    stale = sorted(set(ROUTES) - _rules(app))
    assert not stale, f"rows for routes the app no longer has: {stale}"


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
    add_postcode(session, "2711", 52.0617, 4.4925)  # the listing form's postcode
    session.commit()
    spec = ROUTES[(rule, method)]
    url = _url(rule, _resolve(spec.values, world))
    clients = _clients(app)
    limiter.enabled = False  # six sign-ins from one test address: the rate limit has its own tests
    try:
        got = {}
        for role in ROLES:
            response = _call(clients[role], method, url, _resolve(spec.form, world, role))
            got[role] = response.status_code
            body = response.get_data(as_text=True)
            if response.status_code == 302:
                to_sign_in = "/account/sign-in" in response.headers["Location"]
                if role == "anonymous" and (rule, method) not in SIGN_IN_ITSELF:
                    assert to_sign_in, (role, response.headers["Location"])
                elif role != "anonymous" and (rule, method) not in SIGN_IN_ITSELF:
                    assert not to_sign_in, (role, "sent to sign in although signed in")
            if role.endswith("_b") and (rule, method) not in CARRIES_A_CODE:
                assert not any(secret in body for secret in SIDE_A_SECRETS), (role, "sees side A")
    finally:
        limiter.enabled = True
    assert got == spec.expected(), f"{method} {rule}: got {got}"


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
