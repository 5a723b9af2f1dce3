"""Plain-value helpers for engine tests: items, indexes and profiles without a database."""

from __future__ import annotations

import json
import math
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from importers.normalise import ItemContext, item_values, table_geocoder, validate_line
from matching.engine import EngineConfig, Item, MatchIndex, MatchResult, Profile, parse_profile, rank
from matching.engine.items import schedule_mask
from matching.geo import EARTH_RADIUS_KM, aggregate_postcodes, read_geonames
from matching.settings import NETHERLANDS_BBOX
from matching.taxonomy import default_taxonomy

ROOT = Path(__file__).resolve().parents[2]
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


def match(items: list[Item], limit: int = 10, config: EngineConfig = EXACT, **fields: Any) -> MatchResult:
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
def demo_lines() -> tuple[dict[str, Any], ...]:
    """The Zoetermeer demo catalogue as native lines."""
    path = ROOT / "seeds" / "demo" / "zoetermeer.jsonl"
    return tuple(json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip())


@lru_cache(maxsize=1)
def demo_items() -> tuple[Item, ...]:
    """The demo catalogue turned into engine items the way the importer stores them."""
    table = {p.code: (p.lat, p.lon) for p in aggregate_postcodes(read_geonames(ROOT / "seeds" / "demo" / "postcodes.txt"))}
    context = ItemContext(default_taxonomy(), table_geocoder(table), NETHERLANDS_BBOX)
    items = []
    for n, line in enumerate(demo_lines(), 1):
        v = item_values(validate_line(line), context=context)
        items.append(
            Item(
                id=n,
                kind=v["kind"],
                lat=v["lat"],
                lon=v["lon"],
                confirmed=v["last_confirmed"] or TODAY,
                provider=v["provider_name"],
                talents=tuple(v["talents"]),
                words=" ".join([v["title"], *v["talent_words"], v["description"]]),
                phase=v["phase"],
                dutch_level_min=v["dutch_level_min"],
                languages=tuple(v["languages"]),
                schedule_mask=schedule_mask(v["schedule"]),
                places_left=v["places_left"],
                cost_eur_year=v["cost_eur_year"],
                subsidy=v["subsidy"],
                age_min=v["age_min"],
                age_max=v["age_max"],
                audience=v["audience"],
                free_trial=v["free_trial"],
                buddy=v["buddy"],
                integration_value=tuple(v["integration_value"]),
                status=v["status"],
            )
        )
    return tuple(items)
