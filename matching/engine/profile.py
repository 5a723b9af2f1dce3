"""The person's profile as a frozen value, validated with errors that name the field (PRODUCT §6)."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from matching.vocab import DAYS, DUTCH_LEVELS, PARTS_OF_DAY, TRAVEL_MODES

PROFILE_FIELDS: tuple[str, ...] = (
    "talents", "wishes", "dutch_level", "languages", "location", "travel", "max_distance_km",
    "availability", "phase", "age", "gender", "needs",
)  # fmt: skip
GENDERS: tuple[str, ...] = ("f", "m", "x")
NEEDS: tuple[str, ...] = ("free", "women_only")
MAX_WORDS = 40
MAX_WORD_LENGTH = 100
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[a-z]{2,4})?$")

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


def _words(value: Any, name: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple):
        raise ProfileError(name, "must be a list of words")
    if len(value) > MAX_WORDS:
        raise ProfileError(name, f"at most {MAX_WORDS} words")
    words: list[str] = []
    for index, word in enumerate(value):
        if not isinstance(word, str):
            raise ProfileError(f"{name}[{index}]", "must be text")
        word = " ".join(word.split())
        if len(word) > MAX_WORD_LENGTH:
            raise ProfileError(f"{name}[{index}]", f"at most {MAX_WORD_LENGTH} characters")
        if word and word not in words:
            words.append(word)
    return tuple(words)


def _number(value: Any, name: str, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ProfileError(name, f"must be a number, got {value!r}")
    if not low <= value <= high:
        raise ProfileError(name, f"must be between {low:g} and {high:g}, got {value!r}")
    return float(value)


def _integer(value: Any, name: str, low: int, high: int) -> int:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ProfileError(name, f"must be a whole number, got {value!r}")
    if not low <= value <= high:
        raise ProfileError(name, f"must be between {low} and {high}, got {value}")
    return value


def _location(value: Any, lookup: PostcodeLookup | None) -> Location:
    if value is None:
        raise ProfileError("location", 'is required: {"postcode": "2711"} or {"lat": …, "lon": …}')
    if not isinstance(value, Mapping):
        raise ProfileError(
            "location", 'must be an object: {"postcode": "2711"} or {"lat": …, "lon": …}'
        )
    unknown = sorted(set(value) - {"postcode", "lat", "lon"})
    if unknown:
        raise ProfileError(f"location.{unknown[0]}", "unknown field; use postcode, or lat and lon")
    if "lat" in value or "lon" in value:
        if "lat" not in value or "lon" not in value:
            raise ProfileError("location", "lat and lon must be given together")
        lat = _number(value["lat"], "location.lat", -90, 90)
        lon = _number(value["lon"], "location.lon", -180, 180)
        postcode = value.get("postcode")
        return Location(lat, lon, str(postcode) if postcode else None)
    postcode = value.get("postcode")
    if not isinstance(postcode, str | int) or not str(postcode).strip():
        raise ProfileError("location.postcode", "must be a postcode such as 2711 or 2711 AB")
    text = re.sub(r"\s+", "", str(postcode)).upper()
    if not re.fullmatch(r"\d{4}([A-Z]{2})?", text):
        raise ProfileError("location.postcode", f"must look like 2711 or 2711 AB, got {postcode!r}")
    if lookup is None:
        raise ProfileError("location.postcode", "cannot be placed here; give lat and lon")
    place = lookup(text)
    if place is None:
        raise ProfileError("location.postcode", f"postcode {text} is not known")
    return Location(place[0], place[1], text)


def _availability(value: Any) -> tuple[tuple[int, int], ...]:
    """'mon-evening'; also 'evening' (every day) and 'mon' (the whole day)."""
    if value is None:
        return ()
    if not isinstance(value, list | tuple):
        raise ProfileError("availability", 'must be a list such as ["mon-evening", "sat-morning"]')
    parts = list(PARTS_OF_DAY)
    slots: set[tuple[int, int]] = set()
    for index, raw in enumerate(value):
        text = raw.strip().lower() if isinstance(raw, str) else None
        day, _, part = (text or "").partition("-")
        if text in parts:
            day, part = "", text
        if (
            not text
            or (day and day not in DAYS)
            or (part and part not in parts)
            or not (day or part)
        ):
            raise ProfileError(
                f"availability[{index}]",
                f"must be day-part such as 'mon-evening' (days {', '.join(DAYS)}; parts {', '.join(parts)}), got {raw!r}",
            )
        days = [DAYS.index(day)] if day else range(7)
        part_ids = [parts.index(part)] if part else range(3)
        slots.update((d, p) for d in days for p in part_ids)
    return tuple(sorted(slots))


def parse_profile(
    data: Mapping[str, Any], *, postcode_lookup: PostcodeLookup | None = None
) -> Profile:
    """Validate a profile document; raises ProfileError naming the first bad field."""
    if not isinstance(data, Mapping):
        raise ProfileError("profile", "must be a JSON object")
    unknown = sorted(set(data) - set(PROFILE_FIELDS))
    if unknown:
        raise ProfileError(
            unknown[0], f"unknown field; known fields are {', '.join(PROFILE_FIELDS)}"
        )
    level = data.get("dutch_level")
    if level is None or (isinstance(level, str) and level.strip().lower() in {"", "none"}):
        level = "none"
    elif isinstance(level, str) and level.strip().upper() in DUTCH_LEVELS:
        level = level.strip().upper()
    else:
        raise ProfileError(
            "dutch_level", f"must be one of {', '.join(DUTCH_LEVELS)}, got {level!r}"
        )
    languages: list[str] = []
    for index, code in enumerate(_words(data.get("languages"), "languages")):
        code = code.lower()
        if not _LANGUAGE.match(code):
            raise ProfileError(
                f"languages[{index}]", f"must be an ISO 639 code such as 'ar' or 'ti', got {code!r}"
            )
        if code not in languages:
            languages.append(code)
    travel = data.get("travel") or "bike"
    if travel not in TRAVEL_MODES:
        raise ProfileError("travel", f"must be one of {', '.join(TRAVEL_MODES)}, got {travel!r}")
    max_km = data.get("max_distance_km")
    if max_km is not None:
        max_km = _number(max_km, "max_distance_km", 0.1, 300)
    phase = data.get("phase")
    if phase is not None:
        phase = _integer(phase, "phase", 0, 4)
    age = data.get("age")
    if age is not None:
        age = _integer(age, "age", 0, 120)
    gender = data.get("gender")
    if gender in ("", None):
        gender = None
    elif gender not in GENDERS:
        raise ProfileError("gender", f"must be one of {', '.join(GENDERS)}, got {gender!r}")
    needs = _words(data.get("needs"), "needs")
    for index, need in enumerate(needs):
        if need not in NEEDS:
            raise ProfileError(
                f"needs[{index}]", f"must be one of {', '.join(NEEDS)}, got {need!r}"
            )
    if "women_only" in needs and gender in ("m", "x"):
        raise ProfileError("needs", "women_only cannot be combined with gender m or x")
    return Profile(
        location=_location(data.get("location"), postcode_lookup),
        talents=_words(data.get("talents"), "talents"),
        wishes=_words(data.get("wishes"), "wishes"),
        dutch_level=level,
        languages=tuple(languages),
        travel=travel,
        max_distance_km=max_km,
        availability=_availability(data.get("availability")),
        phase=phase,
        age=age,
        gender=gender,
        needs=needs,
    )
