"""The person's profile as a frozen value, converted from the shared schema (matching/profile_schema.py)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from matching.profile_schema import (
    GENDERS,
    MAX_WORD_LENGTH,
    MAX_WORDS,
    NEEDS,
    PROFILE_FIELDS,
    LocationIn,
    ProfileIn,
    first_problem,
    validate_profile,
)
from matching.vocab import DAYS, DUTCH_LEVELS, PARTS_OF_DAY, TRAVEL_MODES

__all__ = [
    "GENDERS", "MAX_WORDS", "MAX_WORD_LENGTH", "NEEDS", "PROFILE_FIELDS", "Location", "PostcodeLookup",
    "Profile", "ProfileError", "parse_profile", "profile_from_input",
]  # fmt: skip

# Looks a postcode up: (lat, lon) or None when unknown. The engine stays pure: the caller supplies it.
PostcodeLookup = Callable[[str], tuple[float, float] | None]


class ProfileError(ValueError):
    """A profile field the engine cannot use; `.field` names it, `.message` says why."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field, self.message = field, message


@dataclass(frozen=True)
class Location:
    """Where the person starts from."""

    lat: float
    lon: float
    postcode: str | None = None


@dataclass(frozen=True)
class Profile:
    """A validated profile; defaults as PRODUCT §6 gives them."""

    location: Location
    talents: tuple[str, ...] = ()
    wishes: tuple[str, ...] = ()
    dutch_level: str = "none"
    languages: tuple[str, ...] = ()
    travel: str = "bike"
    max_distance_km: float | None = None
    availability: tuple[tuple[int, int], ...] = ()  # (day index 0–6, part index 0–2)
    phase: int | None = None
    age: int | None = None
    gender: str | None = None
    needs: tuple[str, ...] = ()

    @property
    def reach_km(self) -> float:
        """How far the person can travel: max_distance_km, else the travel mode's default."""
        if self.max_distance_km is not None:
            return self.max_distance_km
        return TRAVEL_MODES[self.travel]

    @property
    def dutch_rank(self) -> int:
        """Position of the person's Dutch level on none < A1 < … < C2."""
        return DUTCH_LEVELS.index(self.dutch_level)

    def availability_mask(self) -> int:
        """Bit (day*3 + part) set for each part of a day the person is free; 0 = any time."""
        mask = 0
        for day, part in self.availability:
            mask |= 1 << (day * 3 + part)
        return mask


def _slots(availability: list[str]) -> tuple[tuple[int, int], ...]:
    """'mon-evening'; also 'evening' (every day) and 'mon' (the whole day), already checked."""
    parts = list(PARTS_OF_DAY)
    slots: set[tuple[int, int]] = set()
    for text in availability:
        day, _, part = text.partition("-")
        if text in parts:
            day, part = "", text
        days = [DAYS.index(day)] if day else range(7)
        part_ids = [parts.index(part)] if part else range(3)
        slots.update((d, p) for d in days for p in part_ids)
    return tuple(sorted(slots))


def _location(
    value: LocationIn,
    lookup: PostcodeLookup | None,
    area: tuple[float, float, float, float] | None,
) -> Location:
    if value.lat is not None and value.lon is not None:
        location = Location(value.lat, value.lon, value.postcode)
    else:
        assert value.postcode is not None  # LocationIn guarantees a postcode or lat and lon
        if lookup is None:
            raise ProfileError("location.postcode", "cannot be placed here; give lat and lon")
        place = lookup(value.postcode)
        if place is None:
            raise ProfileError("location.postcode", f"postcode {value.postcode} is not known")
        location = Location(place[0], place[1], value.postcode)
    if area is not None:
        south, west, north, east = area
        if not (south <= location.lat <= north and west <= location.lon <= east):
            raise ProfileError(
                "location",
                f"{location.lat:g},{location.lon:g} is outside the service area "
                f"({south:g},{west:g} to {north:g},{east:g}); latitude and longitude swapped?",
            )
    return location


def profile_from_input(
    data: ProfileIn,
    *,
    postcode_lookup: PostcodeLookup | None = None,
    service_area: tuple[float, float, float, float] | None = None,
) -> Profile:
    """The engine's frozen Profile from a validated ProfileIn (places the postcode, checks the area)."""
    return Profile(
        location=_location(data.location, postcode_lookup, service_area),
        talents=tuple(data.talents),
        wishes=tuple(data.wishes),
        dutch_level=data.dutch_level,
        languages=tuple(data.languages),
        travel=data.travel,
        max_distance_km=data.max_distance_km,
        availability=_slots(data.availability),
        phase=data.phase,
        age=data.age,
        gender=data.gender,
        needs=tuple(data.needs),
    )


def parse_profile(
    data: Mapping[str, Any] | ProfileIn,
    *,
    postcode_lookup: PostcodeLookup | None = None,
    service_area: tuple[float, float, float, float] | None = None,
) -> Profile:
    """Validate a profile document; raises ProfileError naming the first bad field."""
    if not isinstance(data, ProfileIn):
        if not isinstance(data, Mapping):
            raise ProfileError("profile", "must be a JSON object")
        try:
            data = validate_profile(dict(data))
        except ValidationError as exc:
            raise ProfileError(*first_problem(exc)) from None
    return profile_from_input(data, postcode_lookup=postcode_lookup, service_area=service_area)
