"""The hard exclusions of PRODUCT §5: items the person is never shown. Each is one small filter."""

from __future__ import annotations

from abc import ABC, abstractmethod

import numpy as np
import numpy.typing as npt

from matching.engine.index import UNKNOWN, IntArray, MatchIndex
from matching.engine.profile import Profile
from matching.vocab import AUDIENCES

Mask = npt.NDArray[np.bool_]
WOMEN = AUDIENCES.index("women")
MEN = AUDIENCES.index("men")


class Filter(ABC):
    """Keeps the candidates that pass one rule."""

    code = "filter"

    @abstractmethod
    def keep(self, index: MatchIndex, positions: IntArray) -> Mask:
        """True for each candidate position that passes."""
        ...


class OpenFilter(Filter):
    """Never full (0 places left) or withdrawn; unknown places left may be shown."""

    code = "open"

    def keep(self, index: MatchIndex, positions: IntArray) -> Mask:
        keep: Mask = index.active[positions] & (index.places[positions] != 0)
        return keep


class AgeFilter(Filter):
    """Not eligible by age: only when the person gave an age (else a caution names the ages)."""

    code = "age"

    def __init__(self, age: int | None) -> None:
        self.age = age

    def keep(self, index: MatchIndex, positions: IntArray) -> Mask:
        if self.age is None:
            return np.ones(len(positions), np.bool_)
        low, high = index.age_min[positions], index.age_max[positions]
        keep: Mask = ((low == UNKNOWN) | (low <= self.age)) & (
            (high == UNKNOWN) | (high >= self.age)
        )
        return keep


class AudienceFilter(Filter):
    """Women-only never for m or x, men-only never for f or x; `needs: women_only` keeps only women's items."""

    code = "audience"

    def __init__(self, gender: str | None, women_only: bool) -> None:
        self.gender, self.women_only = gender, women_only

    def keep(self, index: MatchIndex, positions: IntArray) -> Mask:
        audience = index.audience[positions]
        if self.women_only:
            return np.asarray(audience == WOMEN)
        keep = np.ones(len(positions), np.bool_)
        if self.gender in ("m", "x"):
            keep &= audience != WOMEN
        if self.gender in ("f", "x"):
            keep &= audience != MEN
        return keep


class DutchFilter(Filter):
    """Needing Dutch two or more levels above the person's is never suggested."""

    code = "dutch"

    def __init__(self, dutch_rank: int) -> None:
        self.rank = dutch_rank

    def keep(self, index: MatchIndex, positions: IntArray) -> Mask:
        return np.asarray(index.dutch[positions] - self.rank <= 1)


def filters_for(profile: Profile) -> list[Filter]:
    """Every hard exclusion for this profile (distance is the index's own radius search)."""
    return [
        OpenFilter(),
        AgeFilter(profile.age),
        AudienceFilter(profile.gender, "women_only" in profile.needs),
        DutchFilter(profile.dutch_rank),
    ]
