"""Provider endpoints: places left and "still valid" for a provider's own listings, with an API key."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import g, jsonify, request

from matching.accounts import User, user_for_api_key
from matching.catalogue import bump_version, set_places_left
from matching.models import Opportunity, utcnow
from web.api import bp
from web.auth import limiter
from web.db import get_session
from web.errors import ApiError

# Wrong keys allowed from one address before the provider endpoints refuse for a while.
WRONG_KEY_LIMIT = "20 per 15 minutes"


def _key_refused() -> bool:
    return bool(g.get("api_key_refused"))


def _provider_user() -> User:
    header = request.headers.get("Authorization", "")
    scheme, _sep, key = header.partition(" ")
    user = user_for_api_key(get_session(), key=key.strip()) if scheme.lower() == "bearer" else None
    if user is None:
        g.api_key_refused = True
        raise ApiError(401, "send a provider API key as 'Authorization: Bearer <key>'")
    return user


def _own_listing(opportunity_id: int, user: User) -> Opportunity:
    opp = get_session().get(Opportunity, opportunity_id)
    if opp is None or opp.provider_id is None or opp.provider_id != user.provider_id:
        raise ApiError(404, f"no listing {opportunity_id} of your organisation")
    return opp


def _answer(opp: Opportunity) -> Any:
    confirmed = opp.last_confirmed.isoformat() if opp.last_confirmed else None
    return jsonify(
        id=opp.id, places_left=opp.places_left, last_confirmed=confirmed, status=opp.status
    )


@bp.put("/opportunities/<int:opportunity_id>/places_left")
@limiter.limit(WRONG_KEY_LIMIT, deduct_when=lambda _r: _key_refused())
def put_places_left(opportunity_id: int):  # type: ignore[no-untyped-def]
    """Set places left (a whole number ≥ 0, or null for unknown); this also confirms the listing."""
    user = _provider_user()
    opp = _own_listing(opportunity_id, user)
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or "places_left" not in body:
        raise ApiError(422, 'send {"places_left": <whole number or null>}', "places_left")
    unknown = sorted(set(body) - {"places_left"})
    if unknown:
        raise ApiError(422, f"unknown field {unknown[0]!r}", unknown[0])
    value = body["places_left"]
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
        raise ApiError(
            422, f"must be a whole number of 0 or more, or null; got {value!r}", "places_left"
        )
    db = get_session()
    opp.last_confirmed = date.today()
    db.add(opp)
    db.flush()
    set_places_left(db, opportunity_id=opportunity_id, places_left=value)
    db.commit()
    db.refresh(opp)
    return _answer(opp)


@bp.post("/opportunities/<int:opportunity_id>/confirm")
@limiter.limit(WRONG_KEY_LIMIT, deduct_when=lambda _r: _key_refused())
def post_confirm(opportunity_id: int):  # type: ignore[no-untyped-def]
    """Confirm the listing is still valid today."""
    user = _provider_user()
    opp = _own_listing(opportunity_id, user)
    db = get_session()
    opp.last_confirmed = date.today()
    opp.updated_at = utcnow()
    db.add(opp)
    bump_version(db)
    db.commit()
    return _answer(opp)


# For the OpenAPI document (web/api/openapi.py) to include.
OPENAPI_PATHS: dict[str, Any] = {
    "/opportunities/{id}/places_left": {
        "put": {
            "summary": "Set places left of one of your listings (also confirms it).",
            "security": [{"providerKey": []}],
            "requestBody": {
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["places_left"],
                            "properties": {
                                "places_left": {"type": ["integer", "null"], "minimum": 0}
                            },
                        }
                    }
                }
            },
            "responses": {
                "200": {"description": "The listing's places left and confirmation date."},
                "401": {"description": "No or a wrong API key."},
                "404": {"description": "Not a listing of your organisation."},
                "422": {"description": "A bad value; `field` names it."},
            },
        }
    },
    "/opportunities/{id}/confirm": {
        "post": {
            "summary": "Confirm one of your listings is still valid today.",
            "security": [{"providerKey": []}],
            "responses": {
                "200": {"description": "The listing's confirmation date."},
                "401": {"description": "No or a wrong API key."},
                "404": {"description": "Not a listing of your organisation."},
            },
        }
    },
}
