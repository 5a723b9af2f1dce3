"""The in-memory match index: column arrays in grid order, talent and word postings, a spatial prefilter."""

from __future__ import annotations

import math
import zlib
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

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


def words_hash(words: str) -> int:
    """A hash of an item's words that is the same in every process (str hashes are salted per process)."""
    return zlib.crc32(words.encode("utf-8"))


class _Interner:
    def __init__(self, fixed: Sequence[str] = ()) -> None:
        self.ids: dict[str, int] = {value: n for n, value in enumerate(fixed)}

    def __call__(self, value: str) -> int:
        return self.ids.setdefault(value, len(self.ids))

    def names(self) -> list[str]:
        return list(self.ids)


def _postings(owner: IntArray, keys: IntArray, n_keys: int, order: IntArray) -> list[IntArray]:
    """For each key, the sorted positions (in grid order) of the items that carry it."""
    if not len(keys):
        return [np.empty(0, np.int32) for _ in range(n_keys)]
    pos = order[owner]
    sort = np.lexsort((pos, keys))
    pos, key = pos[sort], keys[sort]
    bounds = np.searchsorted(key, np.arange(n_keys + 1))
    return [pos[bounds[k] : bounds[k + 1]].astype(np.int32) for k in range(n_keys)]


def _csr(
    owner: IntArray, keys: IntArray, n: int, order: IntArray
) -> tuple[IntArray, npt.NDArray[np.int16]]:
    """Per item (in grid order) its keys, as (pointers, values); each item keeps its own key order."""
    pos = order[owner]
    sort = np.argsort(pos, kind="stable")
    counts = np.bincount(pos, minlength=n)
    ptr = np.zeros(n + 1, np.int32)
    np.cumsum(counts, out=ptr[1:])
    return ptr, keys[sort].astype(np.int16)


class _Columns:
    """Accumulates items column by column (compact arrays, interned strings), then sorts into grid order."""

    def __init__(self) -> None:
        self.n = 0
        self.f64 = {name: array("d") for name in ("lat", "lon")}
        self.i64 = {"ids": array("q"), "words_hash": array("q")}
        self.i32 = {name: array("i") for name in ("places", "schedule", "confirmed", "provider")}
        self.f32 = {"cost": array("f")}
        self.small = {
            name: array("h")
            for name in ("kind", "phase", "dutch", "age_min", "age_max", "audience", "values")
        }
        self.flags = {name: array("b") for name in ("subsidy", "free_trial", "buddy", "active")}
        self.providers, self.talents, self.languages, self.vocabulary = (
            _Interner(),
            _Interner(),
            _Interner(),
            _Interner(),
        )
        self.pairs = {
            name: (array("i"), array("i")) for name in ("talent", "language", "word", "title")
        }
        self.value_bits = {v: 1 << i for i, v in enumerate(INTEGRATION_VALUES)}
        self.dutch_ids = {v: i for i, v in enumerate(DUTCH_LEVELS)}
        self.kind_ids = {v: i for i, v in enumerate(KINDS)}
        self.audience_ids = {v: i for i, v in enumerate(AUDIENCES)}

    def add(self, r: Item) -> None:
        """Take one item."""
        n = self.n
        self.n += 1
        self.f64["lat"].append(r.lat)
        self.f64["lon"].append(r.lon)
        self.i64["ids"].append(r.id)
        self.i64["words_hash"].append(words_hash(r.words))
        self.i32["places"].append(UNKNOWN if r.places_left is None else r.places_left)
        self.i32["schedule"].append(r.schedule_mask)
        self.i32["confirmed"].append(r.confirmed.toordinal())
        self.i32["provider"].append(self.providers(r.provider))
        self.f32["cost"].append(math.nan if r.cost_eur_year is None else r.cost_eur_year)
        small = self.small
        small["kind"].append(self.kind_ids[r.kind])
        small["phase"].append(r.phase)
        small["dutch"].append(self.dutch_ids[r.dutch_level_min])
        small["age_min"].append(UNKNOWN if r.age_min is None else r.age_min)
        small["age_max"].append(UNKNOWN if r.age_max is None else r.age_max)
        small["audience"].append(self.audience_ids[r.audience])
        small["values"].append(sum(self.value_bits[v] for v in r.integration_value))
        flags = self.flags
        flags["subsidy"].append(r.subsidy)
        flags["free_trial"].append(r.free_trial)
        flags["buddy"].append(r.buddy)
        flags["active"].append(r.status == "active")
        for name, values, interner in (
            ("talent", r.talents, self.talents),
            ("language", r.languages, self.languages),
            ("word", tokens(r.words), self.vocabulary),
            ("title", tokens(r.title), self.vocabulary),
        ):
            owner, keys = self.pairs[name]
            for value in values:
                owner.append(n)
                keys.append(interner(value))

    def finish(self) -> MatchIndex:
        """Sort everything into grid order and build the postings."""
        n = self.n
        lat = np.frombuffer(self.f64["lat"], np.float64) if n else np.empty(0)
        lon = np.frombuffer(self.f64["lon"], np.float64) if n else np.empty(0)
        ids = np.frombuffer(self.i64["ids"], np.int64) if n else np.empty(0, np.int64)
        origin = (
            math.floor(float(lat.min())) if n else 0.0,
            math.floor(float(lon.min())) if n else 0.0,
        )
        n_cols = int(math.ceil(((float(lon.max()) if n else 1.0) - origin[1]) / CELL_LON)) + 2
        cell = np.floor((lat - origin[0]) / CELL_LAT).astype(np.int64) * n_cols + np.floor(
            (lon - origin[1]) / CELL_LON
        ).astype(np.int64)
        sort = np.lexsort((ids, cell))  # grid order; ids break ties so the order is stable
        order = np.empty(n, np.int32)
        order[sort] = np.arange(n, dtype=np.int32)

        def col(buffer: array, dtype: npt.DTypeLike) -> npt.NDArray[Any]:  # type: ignore[type-arg]
            values = np.frombuffer(buffer, buffer.typecode) if n else np.empty(0)
            return values.astype(dtype)[sort]

        def pairs(name: str) -> tuple[IntArray, IntArray]:
            owner, keys = self.pairs[name]
            return (np.frombuffer(owner, np.int32) if len(owner) else np.empty(0, np.int32),
                    np.frombuffer(keys, np.int32) if len(keys) else np.empty(0, np.int32))  # fmt: skip

        t_owner, t_keys = pairs("talent")
        l_owner, l_keys = pairs("language")
        w_owner, w_keys = pairs("word")
        h_owner, h_keys = pairs("title")
        talent_ptr, talent_ids = _csr(t_owner, t_keys, n, order)
        language_ptr, language_ids = _csr(l_owner, l_keys, n, order)
        sorted_ids = ids[sort]
        return MatchIndex(
            size=n,
            ids=sorted_ids,
            lat=lat[sort],
            lon=lon[sort],
            cell=cell[sort],
            kind=col(self.small["kind"], np.int8),
            phase=col(self.small["phase"], np.int8),
            dutch=col(self.small["dutch"], np.int8),
            places=col(self.i32["places"], np.int32),
            cost=col(self.f32["cost"], np.float32),
            subsidy=col(self.flags["subsidy"], np.bool_),
            age_min=col(self.small["age_min"], np.int16),
            age_max=col(self.small["age_max"], np.int16),
            audience=col(self.small["audience"], np.int8),
            free_trial=col(self.flags["free_trial"], np.bool_),
            buddy=col(self.flags["buddy"], np.bool_),
            values=col(self.small["values"], np.uint8),
            schedule=col(self.i32["schedule"], np.int32),
            confirmed=col(self.i32["confirmed"], np.int32),
            active=col(self.flags["active"], np.bool_),
            provider=col(self.i32["provider"], np.int32),
            words_hash=col(self.i64["words_hash"], np.int64),
            providers=self.providers.names(),
            talent_codes=self.talents.names(),
            talent_postings=_postings(t_owner, t_keys, len(self.talents.ids), order),
            language_codes=self.languages.names(),
            language_postings=_postings(l_owner, l_keys, len(self.languages.ids), order),
            vocabulary=self.vocabulary.ids,
            word_postings=_postings(w_owner, w_keys, len(self.vocabulary.ids), order),
            title_postings=_postings(h_owner, h_keys, len(self.vocabulary.ids), order),
            talent_ptr=talent_ptr,
            talent_ids=talent_ids,
            language_ptr=language_ptr,
            language_ids=language_ids,
            n_cols=n_cols,
            origin=origin,
        )


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
    title_postings: list[IntArray]
    words_hash: npt.NDArray[np.int64]  # hash of each item's own words, to notice a changed text
    # CSR: the talent ids of the item at position p are talent_ids[talent_ptr[p]:talent_ptr[p + 1]]
    talent_ptr: IntArray
    talent_ids: npt.NDArray[np.int16]
    language_ptr: IntArray
    language_ids: npt.NDArray[np.int16]
    n_cols: int
    origin: tuple[float, float]
    _by_id: tuple[npt.NDArray[np.int64], IntArray] | None = None

    @classmethod
    def build(cls, items: Iterable[Item]) -> MatchIndex:
        """Build the index from plain items in one pass, holding columns rather than the items themselves."""
        cols = _Columns()
        for item in items:
            cols.add(item)
        return cols.finish()

    def within(self, lat: float, lon: float, radius_km: float) -> tuple[IntArray, FloatArray]:
        """Positions of the items within radius_km (inclusive) and their distances, in grid order."""
        if self.size == 0:
            return np.empty(0, np.int32), np.empty(0, np.float64)
        dlat = radius_km / 110.574 + 1e-9
        # 111.195 km per degree of longitude at the equator on the sphere the distances use (haversine,
        # EARTH_RADIUS_KM); the ellipsoid's 111.320 made the box too narrow for a short radius, and an
        # item at the limit due east or west, just across a cell border, was left out.
        dlon = (
            radius_km / (111.195 * max(0.01, math.cos(math.radians(min(89.0, abs(lat) + dlat)))))
            + 1e-9
        )
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
        """The talent codes of the item at a position, in the item's order."""
        ids = self.talent_ids[self.talent_ptr[position] : self.talent_ptr[position + 1]]
        return tuple(self.talent_codes[i] for i in ids.tolist())

    def languages_at(self, position: int) -> tuple[str, ...]:
        """The languages spoken at the item at a position."""
        ids = self.language_ids[self.language_ptr[position] : self.language_ptr[position + 1]]
        return tuple(self.language_codes[i] for i in ids.tolist())

    def position(self, item_id: int) -> int | None:
        """The position of an item id, or None when the index does not hold it."""
        if self._by_id is None:
            by_id = np.argsort(self.ids, kind="stable")
            self._by_id = (self.ids[by_id], by_id.astype(np.int32))
        sorted_ids, order = self._by_id
        at = int(np.searchsorted(sorted_ids, item_id))
        return int(order[at]) if at < len(sorted_ids) and sorted_ids[at] == item_id else None

    def patch(self, items: Iterable[Item]) -> bool:
        """Apply changed values of items the index holds, in place; False (nothing changed) when a rebuild is needed.

        Places left, status, confirmation, cost, eligibility, phase, Dutch level, schedule and values are
        patched; a new item, or one that moved or changed its kind, provider, talents, languages or words,
        needs a rebuild.
        """
        updates: list[tuple[int, Item]] = []
        for item in items:
            at = self.position(item.id)
            if at is None:
                if item.status != "active":
                    continue  # withdrawn and never indexed: nothing to do
                return False
            structural = (
                float(self.lat[at]) != item.lat
                or float(self.lon[at]) != item.lon
                or KINDS[int(self.kind[at])] != item.kind
                or self.providers[int(self.provider[at])] != item.provider
                or self.talents_at(at) != item.talents
                or self.languages_at(at) != item.languages
                or int(self.words_hash[at]) != words_hash(item.words)
            )
            if structural:
                return False
            updates.append((at, item))
        bits = {v: 1 << i for i, v in enumerate(INTEGRATION_VALUES)}
        for at, item in updates:
            self.places[at] = UNKNOWN if item.places_left is None else item.places_left
            self.active[at] = item.status == "active"
            self.confirmed[at] = item.confirmed.toordinal()
            self.cost[at] = math.nan if item.cost_eur_year is None else item.cost_eur_year
            self.subsidy[at], self.free_trial[at], self.buddy[at] = (
                item.subsidy,
                item.free_trial,
                item.buddy,
            )
            self.age_min[at] = UNKNOWN if item.age_min is None else item.age_min
            self.age_max[at] = UNKNOWN if item.age_max is None else item.age_max
            self.audience[at] = AUDIENCES.index(item.audience)
            self.dutch[at] = DUTCH_LEVELS.index(item.dutch_level_min)
            self.phase[at] = item.phase
            self.schedule[at] = item.schedule_mask
            self.values[at] = sum(bits[v] for v in item.integration_value)
        return True

    def nbytes(self) -> int:
        """Memory held by the index's arrays and tables (an estimate for the Python containers)."""
        total = 0
        for value in vars(self).values():
            if isinstance(value, np.ndarray):
                total += value.nbytes
            elif isinstance(value, list):
                total += sum(
                    a.nbytes if isinstance(a, np.ndarray) else 60 for a in value
                ) + 8 * len(value)
            elif isinstance(value, dict):
                total += 100 * len(value)
        return total

    def confirmed_at(self, position: int) -> date:
        """When the item at a position was last confirmed."""
        return date.fromordinal(int(self.confirmed[position]))
