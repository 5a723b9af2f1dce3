"""Provider endpoints: places left and "still valid" for a provider's own listings, with an API key."""

from __future__ import annotations

from typing import Any

from flask import g, jsonify, request

from matching.accounts import User, user_for_api_key
from matching.api_models import MAX_ID, PlacesLeftIn
from matching.catalogue import confirm_listing, update_places_left
from matching.models import Opportunity
from web.api import bp
from web.api.body import read_json, validate
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
    opp = get_session().get(Opportunity, opportunity_id) if opportunity_id <= MAX_ID else None
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
    body = validate(PlacesLeftIn, read_json())
    db = get_session()
    update_places_left(db, opp=opp, places_left=body.places_left)
    db.commit()
    return _answer(opp)


@bp.post("/opportunities/<int:opportunity_id>/confirm")
@limiter.limit(WRONG_KEY_LIMIT, deduct_when=lambda _r: _key_refused())
def post_confirm(opportunity_id: int):  # type: ignore[no-untyped-def]
    """Confirm the listing is still valid today."""
    user = _provider_user()
    opp = _own_listing(opportunity_id, user)
    db = get_session()
    confirm_listing(db, opp=opp)
    db.commit()
    return _answer(opp)
