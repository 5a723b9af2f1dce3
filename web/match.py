"""The web side of matching: the match service of `matching.match_service` on the request's database."""

from __future__ import annotations

from typing import Any

from flask import current_app

from matching.match_service import CACHE, IndexCache, match_document
from matching.profile_schema import ProfileIn

__all__ = ["CACHE", "IndexCache", "match_document", "run_match"]


def run_match(
    profile: dict[str, Any] | ProfileIn, *, lang: str = "nl", limit: int = 10
) -> dict[str, Any]:
    """Match a profile inside a request: `{"suggestions": [...], "not_understood": [...]}`; raises ProfileError."""
    from web.db import get_engine

    settings = current_app.config["OPSTAP_SETTINGS"]
    return match_document(
        get_engine(),
        profile,
        lang=lang,
        limit=limit,
        stale_days=int(settings.stale_days),
        service_area=settings.service_bbox(),
    )
