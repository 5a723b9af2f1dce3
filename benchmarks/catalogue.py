"""Catalogues for evaluation and benchmarks as plain engine items, built the way the importer stores them."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from importers.normalise import ItemContext, item_values, table_geocoder, validate_line
from matching.engine import Item
from matching.engine.items import schedule_mask
from matching.geo import aggregate_postcodes, read_geonames
from matching.settings import NETHERLANDS_BBOX
from matching.taxonomy import default_taxonomy

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "seeds" / "demo"


def demo_postcodes() -> dict[str, tuple[float, float]]:
    """The demo postcode table (Zoetermeer PC4 centroids from GeoNames)."""
    return {
        p.code: (p.lat, p.lon) for p in aggregate_postcodes(read_geonames(DEMO / "postcodes.txt"))
    }


def item_from_line(
    line: dict[str, Any], *, item_id: int, context: ItemContext, today: date
) -> Item:
    """One native line as an engine item (talents resolved, phase inferred, costs defaulted)."""
    v = item_values(validate_line(line), context=context)
    return Item(
        id=item_id,
        kind=v["kind"],
        lat=v["lat"],
        lon=v["lon"],
        confirmed=v["last_confirmed"] or today,
        provider=v["provider_name"],
        talents=tuple(v["talents"]),
        words=" ".join([v["title"], *v["talent_words"], v["description"]]),
        title=v["title"],
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


def demo_lines() -> list[dict[str, Any]]:
    """The Zoetermeer demo catalogue as native lines."""
    text = (DEMO / "zoetermeer.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def demo_items(today: date) -> list[Item]:
    """The demo catalogue as engine items, ids 1… in file order."""
    context = ItemContext(default_taxonomy(), table_geocoder(demo_postcodes()), NETHERLANDS_BBOX)
    return [
        item_from_line(line, item_id=n, context=context, today=today)
        for n, line in enumerate(demo_lines(), 1)
    ]
