"""The three decay shapes at known distances: 1 up to the offset, 0.5 at offset + scale, Decay's
defaults and what a refused parameter says (found by mutation testing: only the exponential shape
was ever evaluated)."""

from __future__ import annotations

from typing import Any

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


def test_decay_defaults_to_exponential_from_zero_halving_every_km() -> None:
    """Decay() is exponential with offset 0 and scale 1: 1 at 0 km, 0.5 at 1 km, 0.25 at 2 km."""
    decay = Decay()
    assert (decay.method, decay.offset, decay.scale) == ("exp", 0.0, 1.0)
    assert decay(np.array([0.0, 1.0, 2.0])) == pytest.approx([1.0, 0.5, 0.25])
    assert Decay(offset=1.0, scale=2.0)(KM) == pytest.approx([1.0, 1.0, 0.5, 0.25, 0.0625])


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"method": "cubic"}, "^decay method must be one of linear, exp, gauss, got 'cubic'$"),
        ({"offset": -1.0}, "^decay offset must be 0 or more, got -1.0$"),
        ({"offset": float("inf")}, "^decay offset must be 0 or more, got inf$"),
        ({"scale": 0.0}, "^decay scale must be above 0, got 0.0$"),
        ({"scale": float("nan")}, "^decay scale must be above 0, got nan$"),
    ],
)
def test_decay_refuses_bad_parameters_saying_which_and_what(
    fields: dict[str, Any], message: str
) -> None:
    """The message names the parameter, what it must be, and the value given."""
    with pytest.raises(ValueError, match=message):
        Decay(**fields)
