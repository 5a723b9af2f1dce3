"""Provider page: make an API key for the places-left endpoints (shown once; older keys stop working)."""

from __future__ import annotations

import logging

from flask import Response, render_template, url_for

from matching.accounts import issue_api_key
from web.auth import signed_in_user
from web.db import get_session
from web.provider import bp

log = logging.getLogger(__name__)


@bp.post("/api-key")
def api_key():  # type: ignore[no-untyped-def]
    """Issue a new API key and show it this once."""
    db = get_session()
    user = signed_in_user()
    key = issue_api_key(db, user=user)
    db.commit()
    log.info("provider user %s made a new API key", user.id)
    example = url_for("api.put_places_left", opportunity_id=1, _external=True)
    response = Response(render_template("provider/api_key.html", key=key, example=example))
    response.headers["Cache-Control"] = "no-store"
    return response
