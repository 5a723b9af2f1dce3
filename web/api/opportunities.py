"""`GET /api/v1/opportunities` and `GET /api/v1/opportunities/{id}`."""

from __future__ import annotations

from flask import current_app, jsonify, request
from pydantic import ValidationError

from matching.api_models import MAX_ID, MAX_PAGE, OpportunityQuery
from matching.catalogue import (
    OpportunityFilter,
    get_opportunity,
    list_opportunities,
    opportunity_public,
)
from matching.geo import lookup_postcode
from matching.profile_schema import first_problem
from web.api import bp
from web.db import get_session
from web.errors import ApiError

MAX_LIMIT = MAX_PAGE


def _query() -> OpportunityQuery:
    """The query parameters as an OpportunityQuery; 400 for an unknown one, 422 naming a bad one."""
    unknown = sorted(set(request.args) - set(OpportunityQuery.model_fields))
    if unknown:
        raise ApiError(400, f"unknown parameter {unknown[0]!r}", unknown[0])
    args = {name: value for name, value in request.args.items() if value != ""}
    try:
        return OpportunityQuery.model_validate(args, context={"form": True})
    except ValidationError as exc:
        field, message = first_problem(exc, known={})
        raise ApiError(422, f"{field}: {message}", field) from None


def _near(raw: str | None) -> tuple[float, float] | None:
    """`near` is a postcode ('2711') or 'lat,lon'."""
    if not raw:
        return None
    if "," in raw:
        try:
            lat, lon = (float(p) for p in raw.split(","))
        except ValueError:
            raise ApiError(
                422, f"near must be a postcode or 'lat,lon', got {raw!r}", "near"
            ) from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise ApiError(422, f"near {raw!r} is not a valid latitude,longitude", "near")
        return lat, lon
    place = lookup_postcode(get_session(), postcode=raw)
    if place is None:
        raise ApiError(422, f"near: postcode {raw!r} is not known", "near")
    return place


@bp.get("/opportunities")
def list_():  # type: ignore[no-untyped-def]
    """Opportunities filtered by kind, near + radius_km, talent and q; paged by limit/offset."""
    query = _query()
    near = _near(query.near)
    where = OpportunityFilter(
        kind=query.kind,
        near=near,
        radius_km=(query.radius_km or 10.0) if near else None,
        talent=query.talent or None,
        q=query.q or None,
    )
    rows, total = list_opportunities(
        get_session(), where=where, limit=query.limit, offset=query.offset
    )
    stale_days = current_app.config["OPSTAP_SETTINGS"].stale_days
    items = []
    for opp, distance in rows:
        data = opportunity_public(opp, stale_days=stale_days)
        if distance is not None:
            data["distance_km"] = round(distance, 2)
        items.append(data)
    return jsonify(opportunities=items, total=total, limit=query.limit, offset=query.offset)


@bp.get("/opportunities/<int:opportunity_id>")
def detail(opportunity_id: int):  # type: ignore[no-untyped-def]
    """One opportunity by id."""
    opp = (
        get_opportunity(get_session(), opportunity_id=opportunity_id)
        if 1 <= opportunity_id <= MAX_ID
        else None
    )
    if opp is None:
        raise ApiError(404, f"no opportunity with id {opportunity_id}", "id")
    stale_days = current_app.config["OPSTAP_SETTINGS"].stale_days
    return jsonify(opportunity_public(opp, stale_days=stale_days))
