"""The web side of matching: the match service on the request's database, its warm-up and status."""

from __future__ import annotations

import os
import time
from typing import Any

from flask import Flask, current_app

from matching.match_service import CACHE, IndexCache, match_document
from matching.profile_schema import ProfileIn

__all__ = ["CACHE", "IndexCache", "match_document", "run_match"]


def run_match(
    profile: dict[str, Any] | ProfileIn, *, lang: str = "nl", limit: int = 10
) -> dict[str, Any]:
    """Match a profile in a request (suggestions, not-understood words); raises ProfileError."""
    from web.db import get_engine
    from web.metrics import MATCH_SECONDS

    settings = current_app.config["OPSTAP_SETTINGS"]
    with MATCH_SECONDS.time():
        return match_document(
            get_engine(),
            profile,
            lang=lang,
            limit=limit,
            stale_days=int(settings.stale_days),
            service_area=settings.service_bbox(),
        )


def configure_index(app: Flask) -> None:
    """Point the process's match index at the settings' snapshot folder and refresh rules."""
    from web.metrics import record_index

    settings = app.config["OPSTAP_SETTINGS"]
    CACHE.on_swap = record_index
    CACHE.configure(
        snapshot_dir=settings.resolved_index_dir(),
        sync_below=settings.index_sync_below,
        poll_s=float(settings.index_poll_seconds),
    )


def warm_index(app: Flask) -> None:
    """Load (or build) the index and start its refresher before a worker takes requests."""
    with app.app_context():
        from web.db import get_engine

        CACHE.warm(get_engine())


def index_status(app: Flask) -> dict[str, Any]:
    """Whether this process has its match index, and its catalogue version, size and age."""
    from web.db import get_engine

    with app.app_context():
        current = CACHE.current(get_engine())
    if current is None:
        return {"ready": False, "pid": os.getpid()}
    return {
        "ready": True,
        "pid": os.getpid(),
        "version": current.version,
        "items": current.index.size,
        "age_s": round(time.time() - current.built_at, 1),
        "build_s": round(current.build_s, 3),
        "origin": current.origin,
    }
