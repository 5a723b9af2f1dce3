"""Words of an item's own text, normalised for comparing with free words the taxonomy did not know."""

from __future__ import annotations

import re

from matching.taxonomy import normalise

_ASCII_SPLIT = re.compile(r"[^a-z0-9]+")
MIN_TOKEN = 3
MAX_TEXT = 600  # the opening of a description says what it is; the rest costs memory


def tokens(text: str) -> set[str]:
    """The distinct normalised words of a text (ASCII fast path; accents and scripts via normalise)."""
    text = text[:MAX_TEXT]
    if text.isascii():
        parts = _ASCII_SPLIT.split(text.lower())
    else:
        parts = normalise(text).split()
    return {p for p in parts if len(p) >= MIN_TOKEN}
