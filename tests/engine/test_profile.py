"""Profile validation: defaults of PRODUCT §6 and errors that name the field."""

from __future__ import annotations

from typing import Any

import pytest

from matching.engine import ProfileError, parse_profile

HERE = {"lat": 52.06, "lon": 4.49}


def lookup(code: str) -> tuple[float, float] | None:
    return {"2711": (52.0617, 4.4925), "2711AB": (52.0620, 4.4930)}.get(code)


def test_defaults() -> None:
    p = parse_profile({"location": HERE})
    assert (p.travel, p.reach_km, p.dutch_level, p.phase, p.availability, p.needs) == (
        "bike",
        7.0,
        "none",
        None,
        (),
        (),
    )


@pytest.mark.parametrize(("travel", "km"), [("walk", 2.0), ("bike", 7.0), ("transit", 20.0)])
def test_reach_by_travel_mode(travel: str, km: float) -> None:
    assert parse_profile({"location": HERE, "travel": travel}).reach_km == km
    assert parse_profile({"location": HERE, "travel": travel, "max_distance_km": 3}).reach_km == 3.0


def test_postcode_is_placed_by_the_lookup() -> None:
    p = parse_profile({"location": {"postcode": "2711 ab"}}, postcode_lookup=lookup)
    assert (p.location.lat, p.location.postcode) == (52.0620, "2711AB")


def test_availability_forms() -> None:
    p = parse_profile({"location": HERE, "availability": ["mon-evening", "Sat-Morning"]})
    assert p.availability == ((0, 2), (5, 0))
    assert len(parse_profile({"location": HERE, "availability": ["evening"]}).availability) == 7
    assert len(parse_profile({"location": HERE, "availability": ["sun"]}).availability) == 3


def test_levels_and_languages_are_tidied() -> None:
    p = parse_profile({"location": HERE, "dutch_level": "a2", "languages": ["AR", "ti", "ar"]})
    assert (p.dutch_level, p.languages) == ("A2", ("ar", "ti"))


BAD: list[tuple[dict[str, Any], str]] = [
    ({"location": HERE, "hobby": ["x"]}, "hobby"),
    ({}, "location"),
    ({"location": "Zoetermeer"}, "location"),
    ({"location": {"postcode": "27"}}, "location.postcode"),
    ({"location": {"postcode": "9999"}}, "location.postcode"),
    ({"location": {"lat": 52.0}}, "location"),
    ({"location": {"lat": 152.0, "lon": 4.0}}, "location.lat"),
    ({"location": {"lat": 52.0, "lon": "east"}}, "location.lon"),
    ({"location": {"city": "Delft"}}, "location.city"),
    ({"location": HERE, "talents": "football"}, ""),  # a single word is accepted as a list of one
    ({"location": HERE, "talents": [3]}, "talents[0]"),
    ({"location": HERE, "talents": {"a": 1}}, "talents"),
    ({"location": HERE, "dutch_level": "B3"}, "dutch_level"),
    ({"location": HERE, "languages": ["arabic"]}, "languages[0]"),
    ({"location": HERE, "travel": "car"}, "travel"),
    ({"location": HERE, "max_distance_km": 0}, "max_distance_km"),
    ({"location": HERE, "max_distance_km": "far"}, "max_distance_km"),
    ({"location": HERE, "availability": ["mon-night"]}, "availability[0]"),
    ({"location": HERE, "availability": "mon-evening"}, "availability"),
    ({"location": HERE, "phase": 5}, "phase"),
    ({"location": HERE, "phase": 1.5}, "phase"),
    ({"location": HERE, "age": -1}, "age"),
    ({"location": HERE, "age": True}, "age"),
    ({"location": HERE, "gender": "woman"}, "gender"),
    ({"location": HERE, "needs": ["cheap"]}, "needs[0]"),
    ({"location": HERE, "needs": ["women_only"], "gender": "m"}, "needs"),
]


@pytest.mark.parametrize(("data", "field"), BAD)
def test_bad_fields_are_named(data: dict[str, Any], field: str) -> None:
    if not field:
        assert parse_profile(data, postcode_lookup=lookup).talents == ("football",)
        return
    with pytest.raises(ProfileError) as caught:
        parse_profile(data, postcode_lookup=lookup)
    assert caught.value.field == field
    assert caught.value.message
    assert str(caught.value).startswith(field)
