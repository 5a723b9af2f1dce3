"""`GET /healthz`: 200 when the app and its database answer; it also reports the match index."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from web.db import get_session
from web.match import index_status

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():  # type: ignore[no-untyped-def]
    """Check the database with a trivial query, and say whether this process's match index is ready."""
    index = index_status(current_app._get_current_object())  # type: ignore[attr-defined]
    try:
        get_session().execute(text("SELECT 1"))
    except SQLAlchemyError:
        return jsonify(status="error", database="unreachable", index=index), 503
    return jsonify(status="ok", database="ok", index=index)
