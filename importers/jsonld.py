"""Helpers for schema.org-shaped JSON (OpenActive, JobPosting): places, names, schedules, times."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from importers.geocode import postcode_key

DAY_NAMES = {
    "monday": "mon", "tuesday": "tue", "wednesday": "wed", "thursday": "thu", "friday": "fri",
    "saturday": "sat", "sunday": "sun", "mo": "mon", "tu": "tue", "we": "wed", "th": "thu", "fr": "fri",
    "sa": "sat", "su": "sun",
}  # fmt: skip
DEFAULT_TIMEZONE = "Europe/Amsterdam"


def as_dict(value: Any) -> dict[str, Any]:
    """The value when it is an object, else an empty one."""
    return value if isinstance(value, dict) else {}


def as_list(value: Any) -> list[Any]:
    """A value that may be one thing or a list, as a list."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def name_of(value: Any) -> str:
    """The `name` (or `prefLabel`) of an object, or of the first in a list; '' when none."""
    for entry in as_list(value):
        if isinstance(entry, dict):
            name = entry.get("name") or entry.get("prefLabel")
            if name:
                return str(name).strip()
        elif isinstance(entry, str) and entry.strip() and not entry.startswith("http"):
            return entry.strip()
    return ""


def clean_postcode(value: Any) -> str | None:
    """A Dutch postcode as '2711AB', or None for a foreign or missing one."""
    return postcode_key(str(value)) if value else None


def _coordinate(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def place_fields(place: dict[str, Any]) -> dict[str, Any]:
    """address, postcode, city, lat, lon of a schema.org Place (a foreign postcode stays in the address)."""
    fields: dict[str, Any] = {}
    address = place.get("address")
    if isinstance(address, dict):
        street = str(address.get("streetAddress") or "").strip(" ,")
        postcode = clean_postcode(address.get("postalCode"))
        if not postcode and address.get("postalCode"):
            street = ", ".join(p for p in (street, str(address["postalCode"]).strip()) if p)
        if street:
            fields["address"] = street[:300]
        if postcode:
            fields["postcode"] = postcode
        city = address.get("addressLocality") or address.get("addressRegion")
        if city:
            fields["city"] = str(city).strip()[:120]
    elif isinstance(address, str) and address.strip():
        fields["address"] = address.strip()[:300]
    if not fields.get("address") and place.get("name"):
        fields["address"] = str(place["name"]).strip()[:300]
    geo = as_dict(place.get("geo")) or place
    lat, lon = _coordinate(geo.get("latitude")), _coordinate(geo.get("longitude"))
    if lat is not None and lon is not None:
        fields["lat"], fields["lon"] = lat, lon
    return fields


def day_code(value: Any) -> str | None:
    """'https://schema.org/Tuesday' or 'TU' -> 'tue'."""
    word = str(value or "").rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1].lower()
    return DAY_NAMES.get(word)


def _hhmm(value: Any) -> str | None:
    text = str(value or "").strip()
    if len(text) >= 5 and text[2] == ":":
        return text[:5]
    if len(text) == 4 and text[1] == ":":
        return "0" + text
    return None


def _session(day: str | None, start: Any, end: Any) -> dict[str, str] | None:
    start_s, end_s = _hhmm(start), _hhmm(end)
    if day is None or start_s is None or end_s is None:
        return None
    if end_s == "00:00":
        end_s = "24:00"
    if end_s <= start_s:
        return None
    return {"day": day, "start": start_s, "end": end_s}


def _unique(sessions: list[dict[str, str] | None]) -> list[dict[str, str]]:
    result: list[dict[str, str]] = []
    for session in sessions:
        if session is not None and session not in result:
            result.append(session)
    return result


def weekly_schedule(schedules: Any) -> list[dict[str, str]]:
    """Weekly sessions of schema.org Schedule/PartialSchedule objects (byDay + startTime/endTime)."""
    sessions: list[dict[str, str] | None] = []
    for schedule in as_list(schedules):
        if not isinstance(schedule, dict):
            continue
        for day in as_list(schedule.get("byDay")):
            sessions.append(
                _session(day_code(day), schedule.get("startTime"), schedule.get("endTime"))
            )
    return _unique(sessions)


def opening_hours(specifications: Any) -> list[dict[str, str]]:
    """Weekly sessions of OpeningHoursSpecification objects (dayOfWeek + opens/closes)."""
    sessions: list[dict[str, str] | None] = []
    for spec in as_list(specifications):
        if not isinstance(spec, dict):
            continue
        for day in as_list(spec.get("dayOfWeek")):
            sessions.append(_session(day_code(day), spec.get("opens"), spec.get("closes")))
    return _unique(sessions)


def parse_datetime(value: Any) -> datetime | None:
    """An ISO 8601 date-time with its offset ('Z' allowed); None when absent, date-only or invalid."""
    if not isinstance(value, str) or "T" not in value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def local_sessions(events: list[dict[str, Any]], timezone: str | None) -> list[dict[str, str]]:
    """Weekday and local times of dated events (startDate/endDate), in the schedule's time zone."""
    try:
        zone = ZoneInfo(timezone or DEFAULT_TIMEZONE)
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo(DEFAULT_TIMEZONE)
    sessions: list[dict[str, str] | None] = []
    days = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    for event in events:
        start, end = parse_datetime(event.get("startDate")), parse_datetime(event.get("endDate"))
        if start is None or end is None:
            continue
        start_local, end_local = start.astimezone(zone), end.astimezone(zone)
        if start_local.date() != end_local.date():
            continue  # overnight or multi-day: not a weekly session
        sessions.append(
            _session(
                days[start_local.weekday()],
                start_local.strftime("%H:%M"),
                end_local.strftime("%H:%M"),
            )
        )
    return _unique(sessions)
