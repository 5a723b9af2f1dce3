"""`GET /openactive/rpde/session-series`: the club items as an OpenActive RPDE feed; `GET /openactive/`: its dataset."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, current_app, json, redirect, request, url_for

from importers.sources import source_licences
from matching.models import Opportunity
from matching.publish.openactive import PAGE_SIZE, rpde_page
from matching.taxonomy_store import current_taxonomy
from web.db import get_engine, get_session

bp = Blueprint("openactive", __name__, url_prefix="/openactive")


def _int_arg(name: str) -> int | None:
    value = request.args.get(name)
    if value is None or value == "":
        return None
    try:
        return int(value)
    except ValueError:
        return -1


def _json(document: dict[str, Any], *, max_age: int) -> Response:
    response = Response(json.dumps(document, ensure_ascii=False), mimetype="application/json")
    response.headers["Cache-Control"] = f"public, max-age={max_age}"
    response.headers["Access-Control-Allow-Origin"] = "*"  # open data: other sites may read it
    return response


def _urls(opp: Opportunity) -> tuple[str, str, str]:
    item = url_for("openactive.session_series_item", opportunity_id=opp.id, _external=True)
    page = url_for("browse.detail", lang="nl", opportunity_id=opp.id, _external=True)
    organizer = url_for(
        "browse.catalogue", lang="nl", q=opp.provider_name or opp.title, _external=True
    )
    return item, page, organizer


@bp.get("/rpde/session-series")
def session_series():  # type: ignore[no-untyped-def]
    """One RPDE page after `afterTimestamp`/`afterId` (modified-id ordering)."""
    after_modified, after_id = _int_arg("afterTimestamp"), _int_arg("afterId")
    if after_modified == -1 or after_id == -1 or (after_id is not None and after_modified is None):
        body = {
            "error": "afterTimestamp and afterId must be whole numbers, and afterId needs afterTimestamp"
        }
        return _json(body, max_age=0), 400
    settings = current_app.config["OPSTAP_SETTINGS"]
    session = get_session()
    items, last = rpde_page(
        session,
        after_modified=after_modified,
        after_id=after_id,
        taxonomy=current_taxonomy(get_engine(), session),
        urls=_urls,
        publisher=settings.publisher,
        limit=int(current_app.config.get("OPSTAP_RPDE_PAGE_SIZE", PAGE_SIZE)),
    )
    args: dict[str, Any] = {}
    if last is not None:
        args = {"afterTimestamp": last[0], "afterId": last[1]}
    elif after_modified is not None:  # RPDE: the last page points at itself
        args = {"afterTimestamp": after_modified}
        if after_id is not None:
            args["afterId"] = after_id
    page = {
        "next": url_for("openactive.session_series", _external=True, **args),
        "items": items,
        "license": settings.feed_licence,
    }
    # Full pages never change; the last page is polled for news.
    return _json(page, max_age=3600 if items else 8)


@bp.get("/session-series/<int:opportunity_id>")
def session_series_item(opportunity_id: int):  # type: ignore[no-untyped-def]
    """The @id of a SessionSeries resolves to its public page."""
    return redirect(url_for("browse.detail", lang="nl", opportunity_id=opportunity_id))


@bp.get("/")
def dataset():  # type: ignore[no-untyped-def]
    """The feed's dataset description: publisher, licence, and each source's licence and attribution."""
    settings = current_app.config["OPSTAP_SETTINGS"]
    document = {
        "@context": "https://schema.org/",
        "@type": "Dataset",
        "name": f"{settings.publisher}: sessions of clubs",
        "license": settings.feed_licence,
        "publisher": {"@type": "Organization", "name": settings.publisher},
        "distribution": [
            {
                "@type": "DataDownload",
                "name": "SessionSeries",
                "encodingFormat": "application/vnd.openactive.rpde+json; version=1",
                "contentUrl": url_for("openactive.session_series", _external=True),
            }
        ],
        "isBasedOn": [
            {"@type": "Dataset", "name": s.name, "license": s.licence, "creditText": s.attribution}
            for s in source_licences(settings.sources_file, get_session(), kind="club")
        ],
    }
    return _json(document, max_age=3600)
