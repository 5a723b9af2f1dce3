"""The public catalogue page: every open opportunity, filterable by kind and distance from a postcode."""

from __future__ import annotations

import json
from datetime import date

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _

from matching.catalogue import (
    OpportunityFilter,
    confirmed_on,
    get_opportunity,
    is_stale,
    list_opportunities,
)
from matching.geo import lookup_postcode
from matching.publish.jsonld import structured_data
from matching.taxonomy_store import current_taxonomy
from matching.vocab import KINDS
from web.db import get_engine, get_session
from web.i18n import current_language, localised

bp = localised(Blueprint("browse", __name__, url_prefix="/<lang>"))
root = Blueprint("root", __name__)

PAGE_SIZE = 40
RADIUS_CHOICES = (2, 5, 7, 10, 20)


@root.get("/")
def index():  # type: ignore[no-untyped-def]
    """Send people to the catalogue in their browser's language."""
    return redirect(url_for("browse.catalogue", lang=current_language()))


def _number(name: str, default: float, low: float, high: float) -> float:
    try:
        return min(high, max(low, float(request.args.get(name, default))))
    except ValueError:
        return default


@bp.get("/")
def catalogue():  # type: ignore[no-untyped-def]
    """List opportunities; `kind`, `postcode`, `radius_km`, `q` and `page` narrow it down."""
    session = get_session()
    kind = request.args.get("kind") or None
    problems = []
    if kind and kind not in KINDS:
        problems.append(_("Unknown kind %(kind)s.", kind=kind))
        kind = None
    postcode = (request.args.get("postcode") or "").strip()
    radius = _number("radius_km", 5, 0.5, 50)
    near = None
    if postcode:
        near = lookup_postcode(session, postcode=postcode)
        if near is None:
            problems.append(
                _(
                    "We do not know the postcode %(postcode)s. Try the first four digits.",
                    postcode=postcode,
                )
            )
    page = int(_number("page", 1, 1, 10_000))
    where = OpportunityFilter(
        kind=kind, near=near, radius_km=radius if near else None, q=request.args.get("q")
    )
    rows, total = list_opportunities(
        session, where=where, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
    )
    settings = current_app.config["OPSTAP_SETTINGS"]
    today = date.today()
    items = [
        (opp, distance, is_stale(confirmed_on(opp), today=today, stale_days=settings.stale_days))
        for opp, distance in rows
    ]
    return render_template(
        "browse/catalogue.html",
        items=items,
        total=total,
        page=page,
        pages=max(1, -(-total // PAGE_SIZE)),
        kinds=KINDS,
        kind=kind,
        postcode=postcode,
        radius=radius,
        radius_choices=RADIUS_CHOICES,
        q=request.args.get("q", ""),
        problems=problems,
    )


@bp.get("/opportunities/<int:opportunity_id>")
def detail(opportunity_id: int):  # type: ignore[no-untyped-def]
    """One opportunity with all its facts."""
    session = get_session()
    opp = get_opportunity(session, opportunity_id=opportunity_id)
    if opp is None:
        abort(404)
    url = url_for(
        "browse.detail", lang=current_language(), opportunity_id=opportunity_id, _external=True
    )
    data = structured_data(opp, url=url, taxonomy=current_taxonomy(get_engine(), session))
    # "</" cannot end the script element early: escaped, as JSON allows.
    json_ld = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    return render_template("browse/detail.html", opp=opp, json_ld=json_ld)
