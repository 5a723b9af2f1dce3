"""Counting the words people typed that the taxonomy did not understand (word, language, month only)."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from sqlmodel import Session

from matching.taxonomy_store import current_taxonomy
from matching.word_counts import record_words
from web.db import get_engine

log = logging.getLogger(__name__)


def count_not_understood(words: Iterable[str], lang: str, *, resolve: bool = False) -> None:
    """Count the words (resolving them first when `resolve`); never fails the request that typed them."""
    words = [w for w in words if isinstance(w, str) and w.strip()]
    if not words:
        return
    engine = get_engine()
    try:
        with Session(engine) as session:
            if resolve:
                _codes, words = current_taxonomy(engine, session).resolve_many(words)
            if record_words(session, words=words, lang=lang):
                session.commit()
    except (
        Exception
    ):  # counting is a by-product: a failure is logged (without the words), never shown
        log.warning("could not count not-understood words", exc_info=True)
