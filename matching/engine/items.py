"""An opportunity as the engine sees it: plain values, no database (the catalogue side builds these)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from matching.vocab import DAYS, PARTS_OF_DAY


@dataclass(frozen=True)
class Item:
    """One opportunity's matching-relevant values."""

    id: int
    kind: str
    lat: float
    lon: float
    confirmed: date
    provider: str = ""
    talents: tuple[str, ...] = ()
    words: str = ""  # the item's own words: title, description, talent words not understood
    title: str = ""  # its title again: a free word found there counts more
    phase: int = 1
    dutch_level_min: str = "none"
    languages: tuple[str, ...] = ()
    schedule_mask: int = (
        0  # bit day*3+part for each part of a day a session overlaps; 0 = no schedule
    )
    places_left: int | None = None
    cost_eur_year: float | None = None
    subsidy: bool = False
    age_min: int | None = None
    age_max: int | None = None
    audience: str = "everyone"
    free_trial: bool = False
    buddy: bool = False
    integration_value: tuple[str, ...] = ()
    status: str = "active"


def _minutes(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def schedule_mask(schedule: Iterable[Mapping[str, Any]]) -> int:
    """Bit (day*3 + part) for each part of a day that a weekly session overlaps."""
    mask = 0
    parts = list(PARTS_OF_DAY.values())
    for session in schedule:
        day = DAYS.index(str(session["day"])[:3].lower())
        start, end = _minutes(str(session["start"])), _minutes(str(session["end"]))
        for part, (low, high) in enumerate(parts):
            if start < high and end > low:
                mask |= 1 << (day * 3 + part)
    return mask


def slots_of(mask: int) -> list[tuple[int, int]]:
    """(day index, part index) pairs set in a mask, in week order."""
    return [(bit // 3, bit % 3) for bit in range(21) if mask >> bit & 1]
