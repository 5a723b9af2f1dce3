"""`POST /api/v1/match`: ranked, explained suggestions for a profile (PRODUCT §6)."""

from __future__ import annotations

from flask import jsonify

from matching.engine import ProfileError
from matching.profile_schema import LOCATION_FIELDS, PROFILE_FIELDS, MatchRequest
from web.api import bp
from web.api.body import read_json, validate
from web.errors import ApiError
from web.match import run_match
from web.words import count_not_understood

REQUEST_FIELDS = tuple(MatchRequest.model_fields)
KNOWN = {"": REQUEST_FIELDS, "profile": PROFILE_FIELDS, "profile.location": LOCATION_FIELDS}


@bp.post("/match")
def match():  # type: ignore[no-untyped-def]
    """Suggestions for `{"profile": {...}, "lang": "nl", "limit": 10}`; a bad field answers 400/422 naming it."""
    body = validate(MatchRequest, read_json(), known=KNOWN)
    try:
        document = run_match(body.profile, lang=body.lang, limit=body.limit)
    except ProfileError as exc:
        field = f"profile.{exc.field}"
        raise ApiError(422, f"{field}: {exc.message}", field) from None
    count_not_understood(document.get("not_understood") or [], body.lang)
    return jsonify(document)
