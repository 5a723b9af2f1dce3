"""The index: its grid search finds exactly the items within reach, and patches apply or ask for a rebuild."""

from __future__ import annotations

import dataclasses
import random

from matching.engine import MatchIndex
from matching.geo import haversine_km
from tests.engine.support import item


def test_within_equals_brute_force() -> None:
    rng = random.Random(7)
    items = [item(lat=rng.uniform(50.8, 53.5), lon=rng.uniform(3.4, 7.2)) for _ in range(3000)]
    index = MatchIndex.build(items)
    for _ in range(60):
        lat, lon = rng.uniform(50.8, 53.5), rng.uniform(3.4, 7.2)
        radius = rng.choice([0.5, 2.0, 7.0, 20.0, 45.0])
        positions, distances = index.within(lat, lon, radius)
        found = {int(index.ids[p]) for p in positions}
        expected = {i.id for i in items if haversine_km(lat, lon, i.lat, i.lon) <= radius}
        assert found == expected, (lat, lon, radius)
        assert all(d <= radius + 1e-9 for d in distances)


def test_empty_index() -> None:
    index = MatchIndex.build([])
    assert index.size == 0 and len(index.within(52.0, 4.5, 7.0)[0]) == 0


def test_patch_changes_values_in_place() -> None:
    a, b = item(places_left=3), item(places_left=4)
    index = MatchIndex.build([a, b])
    assert index.patch([dataclasses.replace(a, places_left=0, status="withdrawn", buddy=True)])
    at = index.position(a.id)
    assert at is not None
    assert (int(index.places[at]), bool(index.active[at]), bool(index.buddy[at])) == (
        0,
        False,
        True,
    )
    assert index.position(999_999) is None


def test_patch_asks_for_a_rebuild_on_structural_changes() -> None:
    a = item(talents=("football",), words="Voetbal")
    index = MatchIndex.build([a])
    for changed in (
        dataclasses.replace(a, lat=a.lat + 0.01),
        dataclasses.replace(a, talents=("chess",)),
        dataclasses.replace(a, words="Schaken"),
        dataclasses.replace(a, provider="Someone else"),
        item(),  # a new item
    ):
        assert not index.patch([changed])
    assert index.patch(
        [dataclasses.replace(item(), status="withdrawn")]
    )  # never indexed, gone: fine


def _due(lat: float, lon: float, km: float, side: int) -> float:
    """The longitude on the parallel at `lat` that is `km` (great circle, at most) east (+1) or west (-1)."""
    low, high = 0.0, 1.0
    for _ in range(100):
        mid = (low + high) / 2
        if haversine_km(lat, lon, lat, lon + side * mid) > km:
            high = mid
        else:
            low = mid
    return lon + side * low


def test_an_item_at_the_limit_due_east_or_west_is_found() -> None:
    """The limit is inclusive also for a short walk when the item lies just across a grid column."""
    for lat in (50.81, 52.0617, 53.45):
        for radius in (0.5, 2.0, 7.0):
            for side, nudge in ((-1, 1e-9), (1, -1e-9)):  # the item just east / west of a border
                target = item(lat=lat, lon=3.0 + 20 * 0.08 + nudge)
                index = MatchIndex.build([target, item(lat=lat - 1.0, lon=3.0)])
                start = _due(lat, target.lon, radius, side)
                positions, _ = index.within(lat, start, radius)
                assert target.id in {int(index.ids[p]) for p in positions}, (lat, radius, side)
