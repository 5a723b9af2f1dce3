"""Rules that make an item sink rather than vanish: a factor in (0, 1] that multiplies the score."""

from __future__ import annotations

import numpy as np

from matching.engine.index import FloatArray
from matching.engine.items import slots_of
from matching.engine.notes import Note
from matching.engine.scorers import Batch, Notes, PhaseScorer, Scorer
from matching.vocab import DAYS, PARTS_OF_DAY

PART_NAMES = tuple(PARTS_OF_DAY)
SINK_FAR = 0.3  # "sink far": below any well-fitting item, still above nothing at all


class AvailabilitySink(Scorer):
    """Items whose every session falls outside the person's parts of the week sink far; no schedule is neutral."""

    code = "availability"

    def __init__(self, mask: int, factor: float = SINK_FAR) -> None:
        if not 0 < factor <= 1:
            raise ValueError("factor must be in (0, 1]")
        self.mask, self.factor = mask, factor

    def score(self, batch: Batch) -> FloatArray:
        if not self.mask:
            return np.ones(len(batch))
        schedule = batch.index.schedule[batch.positions]
        outside = (schedule != 0) & ((schedule & self.mask) == 0)
        return np.where(outside, self.factor, 1.0)

    def explain(self, batch: Batch, i: int) -> Notes:
        schedule = int(batch.index.schedule[int(batch.positions[i])])
        if not self.mask or not schedule:
            return [], []
        common = schedule & self.mask
        if not common:
            return [], [Note.of("outside_availability")]
        slots = [f"{DAYS[d]}-{PART_NAMES[p]}" for d, p in slots_of(common)][:3]
        return [Note.of("fits_time", slots=slots)], []


class CostSink(Scorer):
    """With `needs: free`, items that cost money without a subsidy sink far; an unknown cost is a caution."""

    code = "cost"

    def __init__(self, needs_free: bool, factor: float = SINK_FAR) -> None:
        self.needs_free, self.factor = needs_free, factor

    def score(self, batch: Batch) -> FloatArray:
        if not self.needs_free:
            return np.ones(len(batch))
        cost = batch.index.cost[batch.positions]
        paid = (cost > 0) & ~batch.index.subsidy[batch.positions]
        return np.where(paid, self.factor, np.where(np.isnan(cost), 0.9, 1.0))

    def explain(self, batch: Batch, i: int) -> Notes:
        position = int(batch.positions[i])
        cost = float(batch.index.cost[position])
        if np.isnan(cost):
            return [], ([Note.of("cost_unknown")] if self.needs_free else [])
        if cost > 0 and not batch.index.subsidy[position]:
            return [], [Note.of("costs", eur=round(cost))]
        return [], []


class StaleSink(Scorer):
    """Listings not confirmed for more than `stale_days` sink and say so."""

    code = "stale"

    def __init__(self, today_ordinal: int, stale_days: int, factor: float = 0.55) -> None:
        if stale_days < 1:
            raise ValueError("stale_days must be 1 or more")
        self.cutoff = today_ordinal - stale_days
        self.today, self.factor = today_ordinal, factor

    def score(self, batch: Batch) -> FloatArray:
        confirmed = batch.index.confirmed[batch.positions]
        return np.where(confirmed < self.cutoff, self.factor, 1.0)

    def explain(self, batch: Batch, i: int) -> Notes:
        confirmed = int(batch.index.confirmed[int(batch.positions[i])])
        if confirmed < self.cutoff:
            return [], [Note.of("stale", months=max(1, (self.today - confirmed) // 30))]
        return [], []


class JumpSink(Scorer):
    """A big jump in phase that the person did not ask for sinks (the phase scorer explains it)."""

    code = "jump"

    def __init__(self, phase: PhaseScorer, factor: float = 0.6) -> None:
        self.phase, self.factor = phase, factor

    def score(self, batch: Batch) -> FloatArray:
        return np.where(self.phase.big_jump(batch), self.factor, 1.0)


def _mix(values: np.ndarray, seed: int) -> np.ndarray:
    """A splitmix64-style hash of each value with the seed: deterministic, well spread."""
    with np.errstate(over="ignore"):
        z = values.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15) + np.uint64(seed)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z = z ^ (z >> np.uint64(31))
    return (z >> np.uint64(11)).astype(np.float64) / float(1 << 53)


class ExposureSink(Scorer):
    """Spreads exposure: a per-profile deterministic shake among near-equal items, and few places count less."""

    code = "exposure"

    def __init__(self, seed: int, spread: float = 0.06) -> None:
        if not 0 <= spread < 0.5:
            raise ValueError("spread must be in [0, 0.5)")
        self.seed, self.spread = seed, spread

    def score(self, batch: Batch) -> FloatArray:
        shake = _mix(batch.index.ids[batch.positions], self.seed)
        places = batch.index.places[batch.positions]
        scarce = np.where((places > 0) & (places <= 2), 0.97, 1.0)
        return (1.0 - self.spread * shake) * scarce
