"""Serving helpers for gunicorn's master: build the match index snapshot before the workers start."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from sqlmodel import Session

from matching.db import make_engine
from matching.index_loader import catalogue_state
from matching.index_snapshot import SnapshotStore
from matching.match_service import active_count
from matching.settings import load_settings


def prebuild_index(log: Any) -> None:
    """Make sure the snapshot of the current catalogue exists, so every worker maps it in a second."""
    settings = load_settings()
    folder = settings.resolved_index_dir()
    if folder is None:
        return
    db = make_engine(settings.resolved_database_url())
    try:
        with Session(db) as session:
            version, changed_at = catalogue_state(session)
            if active_count(session) < settings.index_sync_below:
                return  # small: each worker builds it in well under a second
        started = time.perf_counter()
        path = SnapshotStore(Path(folder), db).ensure(version, changed_at)
        log.info("match index snapshot %s ready in %.1fs", path.name, time.perf_counter() - started)
    except Exception:  # the workers build it themselves; a missing table must not stop the server
        log.exception("could not prebuild the match index snapshot")
    finally:
        db.dispose()
