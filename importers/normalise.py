"""Turn a validated native line into the stored values of an opportunity: place, talents, defaults."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from importers.base import RowError
from matching.geo import outside_area_reason
from matching.schema import OpportunityIn, describe_validation_error
from matching.taxonomy import Taxonomy
from matching.vocab import infer_phase

# A geocoder takes (postcode, address, city) and answers (lat, lon) or None.
Geocoder = Callable[[str | None, str | None, str | None], tuple[float, float] | None]


@dataclass(frozen=True)
class ItemContext:
    """What turning lines into items needs: the taxonomy, a geocoder and the service area."""

    taxonomy: Taxonomy
    geocode: Geocoder
    service_bbox: tuple[float, float, float, float]
    # Free words already resolved in this process: fuzzy matching is the costly part of a row.
    word_cache: dict[str, str | None] = field(default_factory=dict, compare=False, repr=False)
    # Changes when the postcode table or the taxonomy changes, so unchanged input is re-derived then.
    fingerprint: str = ""

    def resolve_talents(self, words: list[str]) -> tuple[list[str], list[str]]:
        """(taxonomy codes, words not understood), like Taxonomy.resolve_many but cached per word."""
        codes: list[str] = []
        unknown: list[str] = []
        for word in words:
            if word in self.word_cache:
                code = self.word_cache[word]
            else:
                code = self.taxonomy.resolve(word).code
                self.word_cache[word] = code
            if code is None:
                unknown.append(word)
            elif code not in codes:
                codes.append(code)
        return codes, unknown


def table_geocoder(table: dict[str, tuple[float, float]]) -> Geocoder:
    """A geocoder over an in-memory postcode table: PC6 first, then its PC4."""

    def geocode(
        postcode: str | None, _address: str | None, _city: str | None
    ) -> tuple[float, float] | None:
        if not postcode:
            return None
        return table.get(postcode) or table.get(postcode[:4])

    return geocode


def validate_line(data: dict[str, Any]) -> OpportunityIn:
    """Validate one native dict, raising RowError that names each bad field."""
    try:
        return OpportunityIn.model_validate(data)
    except ValidationError as exc:
        raise RowError(describe_validation_error(exc)) from exc


def item_values(item: OpportunityIn, *, context: ItemContext) -> dict[str, Any]:
    """The column values of an Opportunity for this line (without ids and timestamps)."""
    if item.lat is not None and item.lon is not None:
        lat, lon = item.lat, item.lon
    else:
        place = context.geocode(item.postcode, item.address, item.city)
        if place is None:
            if item.postcode:
                raise RowError(
                    f"postcode: {item.postcode} is not in the postcode table, so the item cannot be placed "
                    "(load one with `opstap geo load`, or give lat and lon)"
                )
            raise RowError(
                f"address: {item.address or item.city!r} could not be placed: no postcode and no coordinates "
                "(give a postcode or lat and lon; an online geocoder is only asked where OPSTAP_GEOCODER is set)"
            )
        lat, lon = place
    reason = outside_area_reason(lat, lon, context.service_bbox)
    if reason:
        raise RowError(f"lat/lon: {reason}")
    talents, unknown_words = context.resolve_talents(item.talents)
    cost = item.cost_eur_year
    if cost is None and item.kind in {"volunteer", "workplace"}:
        cost = (
            0.0  # PRODUCT §6: volunteer roles and workplaces cost nothing unless a source says so
        )
    return {
        "kind": item.kind,
        "title": item.title,
        "description": item.description,
        "provider_name": item.provider,
        "address": item.address,
        "postcode": item.postcode,
        "city": item.city,
        "lat": round(lat, 6),
        "lon": round(lon, 6),
        "talents": talents,
        "talent_words": unknown_words,
        "phase": item.phase
        if item.phase is not None
        else infer_phase(item.kind, item.integration_value),
        "dutch_level_min": item.dutch_level_min,
        "languages": item.languages,
        "schedule": [s.model_dump() for s in item.schedule],
        "places_left": item.places_left,
        "cost_eur_year": cost,
        "subsidy": item.subsidy,
        "age_min": item.age_min,
        "age_max": item.age_max,
        "audience": item.audience,
        "free_trial": item.free_trial,
        "buddy": item.buddy,
        "integration_value": item.integration_value,
        "paid": item.paid,
        "hours_week": item.hours_week,
        "contact": item.contact,
        "last_confirmed": item.last_confirmed,
        "status": item.status,
        "translations": {lang: t.model_dump() for lang, t in item.translations.items()},
    }


def content_hash(values: dict[str, Any]) -> str:
    """A stable fingerprint of an item's values, to skip unchanged items on re-import."""
    encoded = json.dumps(values, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha1(encoded.encode("utf-8")).hexdigest()
