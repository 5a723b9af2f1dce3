"""`GET /api/v1/opportunities` and `GET /api/v1/opportunities/{id}`."""

from __future__ import annotations

from flask import current_app, jsonify, request

from matching.catalogue import OpportunityFilter, get_opportunity, list_opportunities, opportunity_public
from matching.geo import lookup_postcode
from matching.vocab import KINDS
from web.api import bp
from web.db import get_session
from web.errors import ApiError

MAX_LIMIT = 200


def _float_arg(name: str) -> float | None:
    raw = request.args.get(name)
    if raw in (None, ""):
        return None
    try:
        return float(raw)
    except ValueError:
        raise ApiError(422, f"{name} must be a number, got {raw!r}", name) from None


def _near() -> tuple[float, float] | None:
    """`near` is a postcode ('2711') or 'lat,lon'."""
    raw = (request.args.get("near") or "").strip()
    if not raw:
        return None
    if "," in raw:
        try:
            lat, lon = (float(p) for p in raw.split(","))
        except ValueError:
            raise ApiError(422, f"near must be a postcode or 'lat,lon', got {raw!r}", "near") from None
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
    known = {"kind", "near", "radius_km", "talent", "q", "limit", "offset"}
    unknown = sorted(set(request.args) - known)
    if unknown:
        raise ApiError(400, f"unknown parameter {unknown[0]!r}", unknown[0])
    kind = request.args.get("kind") or None
    if kind and kind not in KINDS:
        raise ApiError(422, f"kind must be one of {', '.join(KINDS)}", "kind")
    near = _near()
    radius = _float_arg("radius_km")
    if radius is not None and radius <= 0:
        raise ApiError(422, "radius_km must be above 0", "radius_km")
    limit = int(_float_arg("limit") or 50)
    offset = int(_float_arg("offset") or 0)
    if not (1 <= limit <= MAX_LIMIT) or offset < 0:
        raise ApiError(422, f"limit must be 1–{MAX_LIMIT} and offset 0 or more", "limit")
    where = OpportunityFilter(
        kind=kind,
        near=near,
        radius_km=(radius or 10.0) if near else None,
        talent=request.args.get("talent") or None,
        q=request.args.get("q") or None,
    )
    rows, total = list_opportunities(get_session(), where=where, limit=limit, offset=offset)
    stale_days = current_app.config["OPSTAP_SETTINGS"].stale_days
    items = []
    for opp, distance in rows:
        data = opportunity_public(opp, stale_days=stale_days)
        if distance is not None:
            data["distance_km"] = round(distance, 2)
        items.append(data)
    return jsonify(opportunities=items, total=total, limit=limit, offset=offset)


@bp.get("/opportunities/<int:opportunity_id>")
def detail(opportunity_id: int):  # type: ignore[no-untyped-def]
    """One opportunity by id."""
    opp = get_opportunity(get_session(), opportunity_id=opportunity_id)
    if opp is None:
        raise ApiError(404, f"no opportunity with id {opportunity_id}")
    stale_days = current_app.config["OPSTAP_SETTINGS"].stale_days
    return jsonify(opportunity_public(opp, stale_days=stale_days))
