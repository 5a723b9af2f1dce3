"""What every published form shares: addresses, days, source licences."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from matching.models import Opportunity

SCHEMA_DAYS = {
    "mon": "Monday", "tue": "Tuesday", "wed": "Wednesday", "thu": "Thursday", "fri": "Friday",
    "sat": "Saturday", "sun": "Sunday",
}  # fmt: skip
ICAL_DAYS = {
    "mon": "MO",
    "tue": "TU",
    "wed": "WE",
    "thu": "TH",
    "fri": "FR",
    "sat": "SA",
    "sun": "SU",
}


@dataclass(frozen=True)
class SourceLicence:
    """A source's licence and attribution, from the sources file."""

    name: str
    licence: str | None
    attribution: str | None

    def document(self) -> dict[str, Any]:
        """As JSON (the export's `sources`, the feed's dataset page)."""
        return {"name": self.name, "licence": self.licence, "attribution": self.attribution}


def postal_address(opp: Opportunity) -> dict[str, Any]:
    """schema.org PostalAddress of an item (only what is known)."""
    address: dict[str, Any] = {"@type": "PostalAddress", "addressCountry": "NL"}
    if opp.address:
        address["streetAddress"] = opp.address
    if opp.postcode:
        address["postalCode"] = opp.postcode
    if opp.city:
        address["addressLocality"] = opp.city
    return address


def geo(opp: Opportunity) -> dict[str, Any]:
    """schema.org GeoCoordinates."""
    return {"@type": "GeoCoordinates", "latitude": opp.lat, "longitude": opp.lon}


def weekly_schedules(opp: Opportunity) -> list[dict[str, Any]]:
    """schema.org Schedule objects, one per weekly session."""
    return [
        {
            "@type": "Schedule",
            "byDay": [f"https://schema.org/{SCHEMA_DAYS[s['day']]}"],
            "startTime": s["start"],
            "endTime": s["end"],
            "repeatFrequency": "P1W",
            "scheduleTimezone": "Europe/Amsterdam",
        }
        for s in opp.schedule
        if s.get("day") in SCHEMA_DAYS
    ]


@lru_cache(maxsize=1)
def activity_concepts() -> dict[str, dict[str, str]]:
    """Taxonomy code → OpenActive Activity List concept (id, prefLabel), shipped in seeds/."""
    text = (resources.files("seeds") / "openactive_activities.json").read_text(encoding="utf-8")
    activities: dict[str, dict[str, str]] = json.loads(text)["activities"]
    return activities
