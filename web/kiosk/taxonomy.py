"""The taxonomy the kiosk shows: the shipped one plus the coordinator's added and renamed entries."""

from __future__ import annotations

from flask import g, has_app_context

from matching.taxonomy import Taxonomy, default_taxonomy
from matching.taxonomy_store import current_taxonomy
from web.db import get_engine, get_session


def kiosk_taxonomy() -> Taxonomy:
    """The taxonomy in force, read once per request (a coordinator's new entry shows at once)."""
    if not has_app_context():
        return default_taxonomy()
    if "kiosk_taxonomy" not in g:
        g.kiosk_taxonomy = current_taxonomy(get_engine(), get_session())
    taxonomy: Taxonomy = g.kiosk_taxonomy
    return taxonomy
