"""Smooth distance decay: linear, exponential and gaussian, after recordlinkage's numeric similarities."""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
METHODS = ("linear", "exp", "gauss")


class Decay:
    """Similarity 1 up to `offset`, then falling so that it is 0.5 at `offset + scale`."""

    def __init__(self, method: str = "exp", *, offset: float = 0.0, scale: float = 1.0) -> None:
        if method not in METHODS:
            raise ValueError(f"decay method must be one of {', '.join(METHODS)}, got {method!r}")
        if not (math.isfinite(offset) and offset >= 0):
            raise ValueError(f"decay offset must be 0 or more, got {offset!r}")
        if not (math.isfinite(scale) and scale > 0):
            raise ValueError(f"decay scale must be above 0, got {scale!r}")
        self.method, self.offset, self.scale = method, offset, scale

    def __call__(self, distance: FloatArray) -> FloatArray:
        """Similarity in [0, 1] for each distance (distances must be 0 or more)."""
        beyond = np.maximum(np.asarray(distance, dtype=np.float64) - self.offset, 0.0) / self.scale
        if self.method == "linear":
            result = np.clip(1.0 - beyond / 2.0, 0.0, 1.0)
        elif self.method == "exp":
            result = np.power(2.0, -beyond)
        else:
            result = np.power(2.0, -(beyond**2))
        return np.asarray(result, dtype=np.float64)

    def __repr__(self) -> str:
        return f"Decay({self.method!r}, offset={self.offset:g}, scale={self.scale:g})"


# Per travel mode: a walk of 1.5 km costs more than a bike ride of 1.5 km.
TRAVEL_DECAY: dict[str, tuple[float, float]] = {
    "walk": (0.2, 0.8),
    "bike": (0.5, 2.5),
    "transit": (1.5, 7.0),
}


def decay_for(travel: str, max_distance_km: float | None) -> Decay:
    """The decay for a travel mode, or one proportional to a person's own maximum distance."""
    if max_distance_km is not None:
        return Decay("exp", offset=0.07 * max_distance_km, scale=0.35 * max_distance_km)
    offset, scale = TRAVEL_DECAY[travel]
    return Decay("exp", offset=offset, scale=scale)
