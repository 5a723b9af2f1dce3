"""The in-memory match index: column arrays in grid order, talent and word postings, a spatial prefilter."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt

from matching.engine.items import Item
from matching.engine.words import tokens
from matching.vocab import AUDIENCES, DUTCH_LEVELS, INTEGRATION_VALUES, KINDS

# Grid cells of ~5.5 km: a walking radius touches 1–4 cells, transit some 50.
CELL_LAT = 0.05
CELL_LON = 0.08
EARTH_RADIUS_KM = 6371.0088
UNKNOWN = -1

IntArray = npt.NDArray[np.int32]
FloatArray = npt.NDArray[np.float64]


def haversine_many(lat: float, lon: float, lats: FloatArray, lons: FloatArray) -> FloatArray:
    """Great-circle distances in km from one point to many (vectorised)."""
    p1 = math.radians(lat)
    p2 = np.radians(lats)
    dp = p2 - p1
    dl = np.radians(lons) - math.radians(lon)
    a = np.sin(dp / 2) ** 2 + math.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    result: FloatArray = 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a)))
    return result


class _Interner:
    def __init__(self, fixed: Sequence[str] = ()) -> None:
        self.ids: dict[str, int] = {value: n for n, value in enumerate(fixed)}

    def __call__(self, value: str) -> int:
        return self.ids.setdefault(value, len(self.ids))

    def names(self) -> list[str]:
        return list(self.ids)


def _postings(owner: list[int], keys: list[int], n_keys: int, order: IntArray) -> list[IntArray]:
    """For each key, the sorted positions (in grid order) of the items that carry it."""
    if not keys:
        return [np.empty(0, np.int32) for _ in range(n_keys)]
    pos = order[np.asarray(owner, dtype=np.int64)]
    key = np.asarray(keys, dtype=np.int32)
    sort = np.lexsort((pos, key))
    pos, key = pos[sort], key[sort]
    bounds = np.searchsorted(key, np.arange(n_keys + 1))
    return [pos[bounds[k] : bounds[k + 1]].astype(np.int32) for k in range(n_keys)]


@dataclass
class MatchIndex:
    """Every active opportunity's matching values as arrays, sorted by grid cell."""

    size: int
    ids: npt.NDArray[np.int64]
    lat: FloatArray
    lon: FloatArray
    cell: npt.NDArray[np.int64]
    kind: npt.NDArray[np.int8]
    phase: npt.NDArray[np.int8]
    dutch: npt.NDArray[np.int8]
    places: IntArray
    cost: npt.NDArray[np.float32]  # NaN = unknown
    subsidy: npt.NDArray[np.bool_]
    age_min: npt.NDArray[np.int16]  # -1 = no limit
    age_max: npt.NDArray[np.int16]
    audience: npt.NDArray[np.int8]
    free_trial: npt.NDArray[np.bool_]
    buddy: npt.NDArray[np.bool_]
    values: npt.NDArray[np.uint8]  # bit per INTEGRATION_VALUES entry
    schedule: IntArray
    confirmed: IntArray  # date ordinal
    active: npt.NDArray[np.bool_]
    provider: IntArray
    providers: list[str]
    talent_codes: list[str]
    talent_postings: list[IntArray]
    language_codes: list[str]
    language_postings: list[IntArray]
    vocabulary: dict[str, int]
    word_postings: list[IntArray]
    item_talents: list[tuple[str, ...]]  # per position, for explanations
    item_languages: list[tuple[str, ...]]
    n_cols: int
    origin: tuple[float, float]
    position_of: dict[int, int]

    @classmethod
    def build(cls, items: Iterable[Item]) -> MatchIndex:
        """Build the index from plain items (withdrawn ones are kept but marked inactive)."""
        rows = list(items)
        n = len(rows)
        lat = np.fromiter((r.lat for r in rows), np.float64, n)
        lon = np.fromiter((r.lon for r in rows), np.float64, n)
        origin = (math.floor(float(lat.min()) if n else 0.0), math.floor(float(lon.min()) if n else 0.0))
        n_cols = int(math.ceil(((float(lon.max()) if n else 1.0) - origin[1]) / CELL_LON)) + 2
        cell_row = np.floor((lat - origin[0]) / CELL_LAT).astype(np.int64)
        cell_col = np.floor((lon - origin[1]) / CELL_LON).astype(np.int64)
        cell = cell_row * n_cols + cell_col
        ids = np.fromiter((r.id for r in rows), np.int64, n)
        sort = np.lexsort((ids, cell))  # grid order; ids break ties so the order is stable
        order = np.empty(n, np.int32)
        order[sort] = np.arange(n, dtype=np.int32)
        rows = [rows[i] for i in sort]

        def column(values: Iterable[float | int | bool], dtype: npt.DTypeLike) -> npt.NDArray[np.generic]:
            return np.fromiter(values, dtype, n)

        providers = _Interner()
        talents = _Interner()
        languages = _Interner()
        vocabulary = _Interner()
        t_owner: list[int] = []
        t_key: list[int] = []
        l_owner: list[int] = []
        l_key: list[int] = []
        w_owner: list[int] = []
        w_key: list[int] = []
        for position, row in enumerate(rows):
            for code in row.talents:
                t_owner.append(position)
                t_key.append(talents(code))
            for code in row.languages:
                l_owner.append(position)
                l_key.append(languages(code))
            for token in tokens(row.words):
                w_owner.append(position)
                w_key.append(vocabulary(token))
        identity = np.arange(n, dtype=np.int32)
        value_bits = {v: 1 << i for i, v in enumerate(INTEGRATION_VALUES)}
        return cls(
            size=n,
            ids=ids[sort],
            lat=lat[sort],
            lon=lon[sort],
            cell=cell[sort],
            kind=column((KINDS.index(r.kind) for r in rows), np.int8),
            phase=column((r.phase for r in rows), np.int8),
            dutch=column((DUTCH_LEVELS.index(r.dutch_level_min) for r in rows), np.int8),
            places=column((UNKNOWN if r.places_left is None else r.places_left for r in rows), np.int32),
            cost=column((math.nan if r.cost_eur_year is None else r.cost_eur_year for r in rows), np.float32),
            subsidy=column((r.subsidy for r in rows), np.bool_),
            age_min=column((UNKNOWN if r.age_min is None else r.age_min for r in rows), np.int16),
            age_max=column((UNKNOWN if r.age_max is None else r.age_max for r in rows), np.int16),
            audience=column((AUDIENCES.index(r.audience) for r in rows), np.int8),
            free_trial=column((r.free_trial for r in rows), np.bool_),
            buddy=column((r.buddy for r in rows), np.bool_),
            values=column((sum(value_bits[v] for v in r.integration_value) for r in rows), np.uint8),
            schedule=column((r.schedule_mask for r in rows), np.int32),
            confirmed=column((r.confirmed.toordinal() for r in rows), np.int32),
            active=column((r.status == "active" for r in rows), np.bool_),
            provider=column((providers(r.provider) for r in rows), np.int32),
            providers=providers.names(),
            talent_codes=talents.names(),
            talent_postings=_postings(t_owner, t_key, len(talents.ids), identity),
            language_codes=languages.names(),
            language_postings=_postings(l_owner, l_key, len(languages.ids), identity),
            vocabulary=vocabulary.ids,
            word_postings=_postings(w_owner, w_key, len(vocabulary.ids), identity),
            item_talents=[r.talents for r in rows],
            item_languages=[r.languages for r in rows],
            n_cols=n_cols,
            origin=origin,
            position_of={int(i): p for p, i in enumerate(ids[sort])},
        )

    def within(self, lat: float, lon: float, radius_km: float) -> tuple[IntArray, FloatArray]:
        """Positions of the items within radius_km (inclusive) and their distances, in grid order."""
        if self.size == 0:
            return np.empty(0, np.int32), np.empty(0, np.float64)
        dlat = radius_km / 110.574 + 1e-9
        dlon = radius_km / (111.320 * max(0.01, math.cos(math.radians(min(89.0, abs(lat) + dlat))))) + 1e-9
        row0 = math.floor((lat - dlat - self.origin[0]) / CELL_LAT)
        row1 = math.floor((lat + dlat - self.origin[0]) / CELL_LAT)
        col0 = max(0, math.floor((lon - dlon - self.origin[1]) / CELL_LON))
        col1 = min(self.n_cols - 1, math.floor((lon + dlon - self.origin[1]) / CELL_LON))
        if col1 < col0:
            return np.empty(0, np.int32), np.empty(0, np.float64)
        rows = np.arange(max(0, row0), max(0, row1 + 1), dtype=np.int64)
        starts = np.searchsorted(self.cell, rows * self.n_cols + col0, side="left")
        ends = np.searchsorted(self.cell, rows * self.n_cols + col1, side="right")
        spans = [(s, e) for s, e in zip(starts.tolist(), ends.tolist(), strict=True) if e > s]
        if not spans:
            return np.empty(0, np.int32), np.empty(0, np.float64)
        positions = np.concatenate([np.arange(s, e, dtype=np.int32) for s, e in spans])
        distance = haversine_many(lat, lon, self.lat[positions], self.lon[positions])
        keep = distance <= radius_km + 1e-9  # inclusive, and blind to rounding in the last bit
        return positions[keep], distance[keep]

    def mark(self, postings: Iterable[tuple[IntArray, float]]) -> npt.NDArray[np.float32]:
        """A per-position array holding, for each item, the highest weight of the postings it is in."""
        result = np.zeros(self.size, np.float32)
        for positions, weight in sorted(postings, key=lambda pair: pair[1]):
            result[positions] = weight  # ascending weights: the highest is written last
        return result

    def talents_at(self, position: int) -> tuple[str, ...]:
        """The talent codes of the item at a position."""
        return self.item_talents[position]

    def confirmed_at(self, position: int) -> date:
        """When the item at a position was last confirmed."""
        return date.fromordinal(int(self.confirmed[position]))
