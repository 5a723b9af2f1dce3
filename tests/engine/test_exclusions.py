"""Hard exclusions (PRODUCT §5, §6): a table of cases, each an item and a profile, shown or never shown."""

from __future__ import annotations

from typing import Any

import pytest

from tests.engine.support import ids, item, match

# (case, item fields, profile fields, shown?)
CASES: list[tuple[str, dict[str, Any], dict[str, Any], bool]] = [
    ("open item", {}, {}, True),
    ("full: 0 places left", {"places_left": 0}, {}, False),
    ("places left unknown is shown", {"places_left": None}, {}, True),
    ("withdrawn", {"status": "withdrawn"}, {}, False),
    ("too young for age_min", {"age_min": 18}, {"age": 17}, False),
    ("exactly age_min", {"age_min": 18}, {"age": 18}, True),
    ("too old for age_max", {"age_max": 23}, {"age": 24}, False),
    ("exactly age_max", {"age_max": 23}, {"age": 23}, True),
    ("no age given: age-limited item allowed", {"age_min": 12, "age_max": 18}, {}, True),
    ("women-only, gender m", {"audience": "women"}, {"gender": "m"}, False),
    ("women-only, gender x", {"audience": "women"}, {"gender": "x"}, False),
    ("women-only, gender f", {"audience": "women"}, {"gender": "f"}, True),
    ("men-only, gender f", {"audience": "men"}, {"gender": "f"}, False),
    ("men-only, gender x", {"audience": "men"}, {"gender": "x"}, False),
    ("men-only, gender m", {"audience": "men"}, {"gender": "m"}, True),
    ("single-sex, no gender given", {"audience": "women"}, {}, True),
    ("needs women_only: everyone item", {"audience": "everyone"}, {"needs": ["women_only"]}, False),
    ("needs women_only: men item", {"audience": "men"}, {"needs": ["women_only"]}, False),
    (
        "needs women_only: women item",
        {"audience": "women"},
        {"needs": ["women_only"], "gender": "f"},
        True,
    ),
    ("Dutch two levels short (none vs A2)", {"dutch_level_min": "A2"}, {}, False),
    ("Dutch two levels short (A1 vs B1)", {"dutch_level_min": "B1"}, {"dutch_level": "A1"}, False),
    ("Dutch four levels short", {"dutch_level_min": "B2"}, {"dutch_level": "none"}, False),
    ("Dutch one level short is a stretch", {"dutch_level_min": "A2"}, {"dutch_level": "A1"}, True),
    ("Dutch level met", {"dutch_level_min": "B1"}, {"dutch_level": "B2"}, True),
    ("bike default 7 km: at 6.9", {"at_km": 6.9}, {}, True),
    ("bike default 7 km: exactly 7 (inclusive)", {"at_km": 7.0}, {}, True),
    ("bike default 7 km: at 7.1", {"at_km": 7.1}, {}, False),
    ("walk 2 km: exactly 2", {"at_km": 2.0}, {"travel": "walk"}, True),
    ("walk 2 km: at 2.05", {"at_km": 2.05}, {"travel": "walk"}, False),
    ("transit 20 km: at 19.9", {"at_km": 19.9}, {"travel": "transit"}, True),
    ("transit 20 km: at 20.2", {"at_km": 20.2}, {"travel": "transit"}, False),
    (
        "max_distance_km overrides walk",
        {"at_km": 9.0},
        {"travel": "walk", "max_distance_km": 10},
        True,
    ),
    (
        "max_distance_km overrides transit",
        {"at_km": 12.0},
        {"travel": "transit", "max_distance_km": 10},
        False,
    ),
]


EXCLUSION_CASES = {c[0]: c for c in CASES}


def check_exclusion(case: str) -> None:
    """The item is shown or never shown, as the table says."""
    _, item_fields, profile_fields, shown = EXCLUSION_CASES[case]
    target = item(**item_fields)
    result = match([target], **profile_fields)
    assert (target.id in ids(result)) is shown, case


@pytest.mark.parametrize("case", list(EXCLUSION_CASES))
def test_exclusion(case: str) -> None:
    check_exclusion(case)


def test_excluded_items_never_fill_a_short_list() -> None:
    """Even when nothing else is within reach, excluded items stay out (the list is just shorter)."""
    bad = [
        item(places_left=0), item(status="withdrawn"), item(age_min=30), item(audience="men"),
        item(dutch_level_min="B1"), item(at_km=8),
    ]  # fmt: skip
    good = item(talents=("chess",))
    result = match([*bad, good], age=20, gender="f", talents=["football"])
    assert ids(result) == [good.id]
