"""`POST /api/v1/match`: ranked, explained suggestions for a profile (PRODUCT §6)."""

from __future__ import annotations

from flask import jsonify, request

from matching.engine import ProfileError
from web.api import bp
from web.errors import ApiError
from web.match import run_match
from web.words import count_not_understood

REQUEST_FIELDS = ("profile", "lang", "limit")


@bp.post("/match")
def match():  # type: ignore[no-untyped-def]
    """Suggestions for `{"profile": {...}, "lang": "nl", "limit": 10}`; a bad field answers 400/422 naming it."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise ApiError(400, 'the body must be a JSON object such as {"profile": {...}}', "body")
    unknown = sorted(set(body) - set(REQUEST_FIELDS))
    if unknown:
        raise ApiError(
            400, f"unknown field {unknown[0]!r}; use {', '.join(REQUEST_FIELDS)}", unknown[0]
        )
    profile = body.get("profile")
    if not isinstance(profile, dict):
        raise ApiError(422, "profile must be an object", "profile")
    lang = body.get("lang", "nl")
    limit = body.get("limit", 10)
    try:
        document = run_match(profile, lang=lang, limit=limit)
    except ProfileError as exc:
        field = exc.field if exc.field in ("lang", "limit") else f"profile.{exc.field}"
        raise ApiError(422, f"{field}: {exc.message}", field) from None
    count_not_understood(document.get("not_understood") or [], lang)
    return jsonify(document)
