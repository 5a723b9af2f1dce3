"""Cross-source deduplication: the same club from two sources is one item (fuzzy name + distance)."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz
from sqlmodel import Session, col, select

from matching.geo import haversine_km
from matching.models import Opportunity
from matching.taxonomy import normalise

# Two listings are one item when their names score at least this (0-100) after normalisation…
NAME_CUTOFF = 88.0
# …and they lie at most this far apart (a club's address in one list, its pitch in another).
MAX_DISTANCE_KM = 0.150
# Grid cells of about 330 m north-south, so neighbours of a cell cover the distance limit.
_CELL_DEG = 0.003

# Legal forms and filler that differ between lists of the same organisation.
_NOISE = {
    "stichting", "vereniging", "vzw", "bv", "b v", "vv", "v v", "sv", "s v", "de", "het", "the",
    "omnivereniging", "sportvereniging", "voetbalvereniging", "club",
}  # fmt: skip
_NOISE_RE = re.compile(
    r"\b(" + "|".join(sorted((re.escape(w) for w in _NOISE), key=len, reverse=True)) + r")\b"
)


def name_key(title: str) -> str:
    """A title reduced to what identifies it: 'V.V. De Zoetermeerse Boys' -> 'zoetermeerse boys'."""
    text = normalise(title)
    stripped = _NOISE_RE.sub(" ", text)
    key = " ".join(stripped.split())
    return key or text


_DIGITS = re.compile(r"\d+")


def same_name(a: str, b: str) -> bool:
    """True when two name keys name the same organisation or activity ('Team 1' and 'Team 2' do not)."""
    if not a or not b:
        return False
    if _DIGITS.findall(a) != _DIGITS.findall(b):
        return False
    return fuzz.token_sort_ratio(a, b) >= NAME_CUTOFF


@dataclass(frozen=True)
class Candidate:
    """An item of another source that a new listing may be the same as."""

    opportunity_id: int
    kind: str
    lat: float
    lon: float
    key: str
    digits: tuple[str, ...] = ()


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat / _CELL_DEG), math.floor(lon / (_CELL_DEG * 1.6))


class DedupIndex:
    """Active items of the other sources on a coarse grid, loaded once per run."""

    def __init__(self, candidates: list[Candidate]) -> None:
        self.grid: dict[tuple[int, int], list[Candidate]] = defaultdict(list)
        for candidate in candidates:
            self.grid[_cell(candidate.lat, candidate.lon)].append(candidate)

    @classmethod
    def load(cls, session: Session, *, source: str) -> DedupIndex:
        """Every active item that another source brought in."""
        query = select(  # type: ignore[call-overload]
            Opportunity.id, Opportunity.kind, Opportunity.lat, Opportunity.lon, Opportunity.title
        ).where(Opportunity.source != source, Opportunity.status == "active")
        rows = session.exec(query.order_by(col(Opportunity.id))).all()
        candidates = []
        for i, k, la, lo, t in rows:
            key = name_key(t)
            candidates.append(Candidate(int(i or 0), k, la, lo, key, tuple(_DIGITS.findall(key))))
        return cls(candidates)

    def find(
        self,
        *,
        kind: str,
        lat: float,
        lon: float,
        title: str,
        exclude: set[int] | frozenset[int] = frozenset(),
    ) -> int | None:
        """The id of the same item from another source, or None (nearest when several match)."""
        if not self.grid:
            return None
        key: str | None = None  # normalised only when a candidate is near enough
        digits: tuple[str, ...] = ()
        row, column = _cell(lat, lon)
        best: tuple[float, int] | None = None
        # A cheap box first: 150 m is at most 0.00135° of latitude and 0.0022° of longitude here.
        dlat_max, dlon_max = MAX_DISTANCE_KM / 111.0, MAX_DISTANCE_KM / 68.0
        for dr in (-1, 0, 1):
            for dc in (-1, 0, 1):
                for candidate in self.grid.get((row + dr, column + dc), ()):
                    if candidate.kind != kind or candidate.opportunity_id in exclude:
                        continue
                    if abs(candidate.lat - lat) > dlat_max or abs(candidate.lon - lon) > dlon_max:
                        continue
                    distance = haversine_km(lat, lon, candidate.lat, candidate.lon)
                    if distance > MAX_DISTANCE_KM:
                        continue
                    if key is None:
                        key = name_key(title)
                        digits = tuple(_DIGITS.findall(key))
                    if candidate.digits != digits or not key or not candidate.key:
                        continue  # 'Team 1' is not 'Team 2'
                    if fuzz.token_sort_ratio(key, candidate.key, score_cutoff=NAME_CUTOFF):
                        if best is None or distance < best[0]:
                            best = (distance, candidate.opportunity_id)
        return best[1] if best else None


# What a second source may add to an item that another source brought in first.
FILL_WHEN_MISSING = (
    "description", "address", "postcode", "city", "schedule", "cost_eur_year", "age_min", "age_max",
    "languages", "contact", "hours_week",
)  # fmt: skip


def merged_values(current: dict[str, Any], incoming: dict[str, Any]) -> dict[str, Any]:
    """The changes a second source's listing makes: it fills gaps, gives places left, adds talents."""
    changes: dict[str, Any] = {}
    for name in FILL_WHEN_MISSING:
        if current.get(name) in (None, "", []) and incoming.get(name) not in (None, "", []):
            changes[name] = incoming[name]
    # A booking feed knows the remaining capacity better than a yearly list does.
    if incoming.get("places_left") is not None and incoming["places_left"] != current.get(
        "places_left"
    ):
        changes["places_left"] = incoming["places_left"]
    talents = list(current.get("talents") or [])
    extra = [t for t in incoming.get("talents") or [] if t not in talents]
    if extra:
        changes["talents"] = talents + extra
    if current.get("status") != "active":
        changes["status"] = "active"
    return changes
