"""The three decay shapes at known distances: 1 up to the offset, 0.5 at offset + scale (found by
mutation testing: only the exponential shape was ever evaluated)."""

from __future__ import annotations

import numpy as np
import pytest

from matching.engine import Decay, decay_for

KM = np.array([0.0, 1.0, 3.0, 5.0, 9.0])


@pytest.mark.parametrize(
    ("method", "expected"),
    [
        ("linear", [1.0, 1.0, 0.5, 0.0, 0.0]),
        ("exp", [1.0, 1.0, 0.5, 0.25, 0.0625]),
        ("gauss", [1.0, 1.0, 0.5, 0.0625, 2.0**-16]),
    ],
)
def test_decay_values(method: str, expected: list[float]) -> None:
    assert Decay(method, offset=1.0, scale=2.0)(KM) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("travel", "limit", "at_one", "at_half"),
    [
        ("walk", None, 0.2, 1.0),
        ("bike", None, 0.5, 3.0),
        ("transit", None, 1.5, 8.5),
        ("bike", 10.0, 0.7, 4.2),
    ],
)
def test_decay_per_travel_mode_and_own_maximum(
    travel: str, limit: float | None, at_one: float, at_half: float
) -> None:
    decay = decay_for(travel, limit)
    assert decay(np.array([0.0, at_one, at_half])) == pytest.approx([1.0, 1.0, 0.5])
