"""The native line: what is accepted, and errors that name the field."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from matching.schema import OpportunityIn, describe_validation_error, normalise_postcode
from tests.factories import native_line


@pytest.mark.parametrize(
    ("overrides", "field", "fragment"),
    [
        ({"kind": "party"}, "kind", "club"),
        ({"title": ""}, "title", "at least 1 character"),
        ({"dutch_level_min": "B7"}, "dutch_level_min", "none"),
        ({"places_left": -1}, "places_left", "-1 is below the lowest allowed, 0"),
        (
            {"schedule": [{"day": "tue", "start": "20:00", "end": "19:00"}]},
            "schedule.0",
            "not after start",
        ),
        (
            {"schedule": [{"day": "tue", "start": "7pm", "end": "21:00"}]},
            "schedule.0.start",
            "HH:MM",
        ),
        ({"postcode": "27111"}, "postcode", "2711 AB"),
        ({"lat": None, "lon": None, "postcode": None, "address": None}, "line", "no place"),
        ({"lat": 52.0, "lon": None}, "line", "together"),
        ({"age_min": 18, "age_max": 12}, "line", "above age_max"),
        ({"integration_value": ["fun"]}, "integration_value", "unknown value 'fun'"),
        ({"languages": ["Arabic"]}, "languages", "ISO 639"),
        ({"colour": "red"}, "colour", "unknown field"),
        ({"audience": "kids"}, "audience", "everyone"),
        ({"lat": 152.0}, "lat", "152 is above the highest allowed, 90"),
        ({"lat": "north"}, "lat", "must be a number, got 'north'"),
        ({"places_left": -3}, "places_left", "-3 is below the lowest allowed, 0"),
        ({"title": ""}, "title", "at least 1 character"),
    ],
)
def test_bad_values_name_their_field(overrides: dict[str, Any], field: str, fragment: str) -> None:
    with pytest.raises(ValidationError) as info:
        OpportunityIn.model_validate(native_line(**overrides))
    message = describe_validation_error(info.value)
    assert message.startswith(f"{field}:") or f"; {field}:" in message, message
    assert fragment in message


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("2711 ab", "2711AB"), ("2711AB", "2711AB"), (" 2711 ", "2711")],
)
def test_postcodes_are_normalised(raw: str, expected: str) -> None:
    assert normalise_postcode(raw) == expected


def test_defaults_and_normalisation() -> None:
    item = OpportunityIn.model_validate(
        native_line(
            id=17,
            dutch_level_min="a2",
            languages=["AR", "ar", "ti"],
            schedule=[
                {"day": "Saturday", "start": "9:30", "end": "11:00"},
                {"day": "mon", "start": "19:00", "end": "20:00"},
            ],
        )
    )
    assert item.id == "17"
    assert item.dutch_level_min == "A2"
    assert item.languages == ["ar", "ti"]
    assert [s.day for s in item.schedule] == ["mon", "sat"]
    assert item.schedule[1].start == "09:30"
