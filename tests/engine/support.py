"""Plain-value helpers for engine tests: items, indexes and profiles without a database."""

from __future__ import annotations

import math
from datetime import date
from functools import lru_cache
from typing import Any

from benchmarks import catalogue
from matching.engine import (
    EngineConfig,
    Item,
    MatchIndex,
    MatchResult,
    Profile,
    parse_profile,
    rank,
)
from matching.engine.items import schedule_mask
from matching.geo import EARTH_RADIUS_KM

TODAY = date(2026, 11, 23)
ZOETERMEER = (52.0617, 4.4925)
_ids = iter(range(1, 10**9))


def north_of(origin: tuple[float, float], km: float) -> tuple[float, float]:
    """A point exactly `km` north of origin along the meridian."""
    return origin[0] + math.degrees(km / EARTH_RADIUS_KM), origin[1]


def item(**overrides: Any) -> Item:
    """An open, fresh, free club for everyone at Zoetermeer centre; override any field."""
    values: dict[str, Any] = {
        "id": next(_ids),
        "kind": "club",
        "lat": ZOETERMEER[0],
        "lon": ZOETERMEER[1],
        "confirmed": date(2026, 11, 1),
        "provider": f"Provider {next(_ids)}",
        "talents": ("football",),
        "places_left": 5,
        "cost_eur_year": 0.0,
    }
    if "at_km" in overrides:
        values["lat"], values["lon"] = north_of(ZOETERMEER, overrides.pop("at_km"))
    if "schedule" in overrides:
        values["schedule_mask"] = schedule_mask(overrides.pop("schedule"))
    values.update(overrides)
    return Item(**values)


def profile(**fields: Any) -> Profile:
    """A profile at Zoetermeer centre unless a location is given."""
    fields.setdefault("location", {"lat": ZOETERMEER[0], "lon": ZOETERMEER[1]})
    return parse_profile(fields)


# Rule tests look at one rule's effect, so the per-profile exposure shake is off unless a test turns it on.
EXACT = EngineConfig(exposure_spread=0.0)


def match(
    items: list[Item], limit: int = 10, config: EngineConfig = EXACT, **fields: Any
) -> MatchResult:
    """Rank these items for a profile with these fields."""
    return rank(profile(**fields), MatchIndex.build(items), today=TODAY, limit=limit, config=config)


def ids(result: MatchResult) -> list[int]:
    """The suggested item ids, in order."""
    return [s.id for s in result.suggestions]


def codes(result: MatchResult, item_id: int, kind: str = "cautions") -> set[str]:
    """The reason or caution codes of one suggested item."""
    for s in result.suggestions:
        if s.id == item_id:
            return {n.code for n in getattr(s, kind)}
    raise AssertionError(f"item {item_id} was not suggested")


@lru_cache(maxsize=1)
def demo_items() -> tuple[Item, ...]:
    """The demo catalogue as engine items, the way the importer stores them."""
    return tuple(catalogue.demo_items(TODAY))
