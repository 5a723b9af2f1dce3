"""The engine: filter, score, diversify and explain; the same profile and index always give the same list."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import numpy as np

from matching.engine.decay import decay_for
from matching.engine.filters import filters_for
from matching.engine.index import MatchIndex
from matching.engine.notes import Note
from matching.engine.profile import Profile
from matching.engine.query import Query, build_query, matching_tokens
from matching.engine.scorers import (
    AudienceNotes,
    Batch,
    DistanceScorer,
    DutchScorer,
    InterestScorer,
    PhaseScorer,
    Scorer,
    ValueScorer,
    WelcomeScorer,
)
from matching.engine.sinks import AvailabilitySink, CostSink, ExposureSink, JumpSink, StaleSink
from matching.taxonomy import Taxonomy, default_taxonomy
from matching.vocab import KINDS


@dataclass(frozen=True)
class EngineConfig:
    """The weights of the soft rules and the shape of the list."""

    interest: float = 0.50
    distance: float = 0.20
    phase: float = 0.12
    dutch: float = 0.06
    value: float = 0.06
    welcome: float = 0.06
    pool: int = 80  # best-scored items the variety step chooses from
    max_per_provider: int = 2
    same_kind_penalty: float = 0.05
    same_phase_penalty: float = 0.02
    same_talent_penalty: float = 0.04
    exposure_spread: float = 0.06

    def __post_init__(self) -> None:
        weights = (self.interest, self.distance, self.phase, self.dutch, self.value, self.welcome)
        if any(w < 0 for w in weights) or sum(weights) <= 0:
            raise ValueError("weights must be 0 or more and not all 0")
        if self.max_per_provider < 1 or self.pool < 1:
            raise ValueError("max_per_provider and pool must be 1 or more")


@dataclass(frozen=True)
class Suggestion:
    """One ranked suggestion: Opstap's item id, its score and distance, its phase and why."""

    id: int
    score: float
    distance_km: float
    phase: int
    kind: str
    reasons: tuple[Note, ...] = ()
    cautions: tuple[Note, ...] = ()


@dataclass(frozen=True)
class MatchResult:
    """The suggestions and the free words nothing in the taxonomy understood."""

    suggestions: tuple[Suggestion, ...]
    not_understood: tuple[str, ...] = ()
    considered: int = 0  # items within reach that passed the hard exclusions


def profile_seed(profile: Profile) -> int:
    """A stable number from the whole profile (not Python's salted hash): same input, same output."""
    # A frozen dataclass of plain values has a stable repr: the same profile always gives the same seed.
    return int.from_bytes(hashlib.sha256(repr(profile).encode()).digest()[:8], "big")


class Engine:
    """Ranks an index for profiles; build once per catalogue version, use for many matches."""

    def __init__(
        self,
        index: MatchIndex,
        *,
        taxonomy: Taxonomy | None = None,
        stale_days: int = 183,
        config: EngineConfig | None = None,
    ) -> None:
        self.index = index
        self.taxonomy = taxonomy or default_taxonomy()
        self.stale_days = stale_days
        self.config = config or EngineConfig()
        self._word_cache = lru_cache(maxsize=512)(self._word_tokens)
        self._keys: list[str] | None = None

    def _word_tokens(self, word: str) -> tuple[tuple[int, ...], ...]:
        if self._keys is None:
            self._keys = list(self.index.vocabulary)
        return tuple(tuple(ids) for ids in matching_tokens(word, self.index.vocabulary, self._keys))

    def scorers(self, query: Query, today: date) -> tuple[list[tuple[Scorer, float]], list[Scorer]]:
        """The weighted scorers and the sinks for one query, parameters set up front."""
        p, c = query.profile, self.config
        phase = PhaseScorer(p.phase, query.kinds)
        words = [[list(ids) for ids in self._word_cache(w)] for w in query.unknown]
        weighted: list[tuple[Scorer, float]] = [
            (InterestScorer(query, words), c.interest),
            (DistanceScorer(decay_for(p.travel, p.max_distance_km), p.reach_km), c.distance),
            (phase, c.phase),
            (DutchScorer(p.dutch_rank), c.dutch),
            (ValueScorer(), c.value),
            (WelcomeScorer(), c.welcome),
        ]
        sinks: list[Scorer] = [
            AvailabilitySink(p.availability_mask()),
            CostSink("free" in p.needs),
            StaleSink(today.toordinal(), self.stale_days),
            JumpSink(phase),
            ExposureSink(profile_seed(p), c.exposure_spread),
            AudienceNotes(p.age, p.gender, "women_only" in p.needs),
        ]
        return weighted, sinks

    def match(self, profile: Profile, *, today: date, limit: int = 10) -> MatchResult:
        """The best `limit` suggestions for a profile, varied, with reasons and cautions."""
        if limit < 1:
            raise ValueError("limit must be 1 or more")
        query = build_query(profile, self.taxonomy)
        loc = profile.location
        positions, distance = self.index.within(loc.lat, loc.lon, profile.reach_km)
        keep = np.ones(len(positions), np.bool_)
        for rule in filters_for(profile):
            keep &= rule.keep(self.index, positions)
        batch = Batch(self.index, query, positions[keep], distance[keep])
        weighted, sinks = self.scorers(query, today)
        total_weight = sum(w for _, w in weighted)
        score = np.zeros(len(batch))
        for scorer, weight in weighted:
            score += weight * scorer.score(batch)
        score /= total_weight
        for sink in sinks:
            score *= sink.score(batch)
        chosen = self._diversify(batch, score, limit)
        suggestions = tuple(
            self._suggestion(batch, i, float(score[i]), weighted, sinks) for i in chosen
        )
        return MatchResult(suggestions, query.unknown, considered=len(batch))

    def _diversify(self, batch: Batch, score: np.ndarray, limit: int) -> list[int]:
        """A short varied ladder: repeats of a kind, phase or first talent cost a little; a provider at most N times."""
        n = len(score)
        if n == 0:
            return []
        pool_size = min(n, max(self.config.pool, limit * 4))
        ids = self.index.ids[batch.positions]
        top = np.argpartition(-score, pool_size - 1)[:pool_size] if pool_size < n else np.arange(n)
        top = top[np.lexsort((ids[top], -score[top]))]  # best first, ids break ties
        index, c = self.index, self.config
        positions = batch.positions[top]
        kind = index.kind[positions].astype(np.int64)
        phase = index.phase[positions].astype(np.int64)
        provider = index.provider[positions].astype(np.int64)
        ptr = index.talent_ptr[positions]
        has_talent = index.talent_ptr[positions + 1] > ptr
        first = np.full(len(top), -1, np.int64)
        first[has_talent] = index.talent_ids[ptr[has_talent]]
        value = score[top].astype(np.float64)
        penalty = np.zeros(len(top))
        open_ = np.ones(len(top), np.bool_)
        chosen: list[int] = []
        per_provider: dict[int, int] = {}
        while len(chosen) < limit:
            effective = np.where(open_, value - penalty, -np.inf)
            best = int(
                np.argmax(effective)
            )  # the first of equals: the pool is already in score, id order
            if not np.isfinite(effective[best]):
                break
            chosen.append(int(top[best]))
            open_[best] = False
            penalty += c.same_kind_penalty * (kind == kind[best]) + c.same_phase_penalty * (
                phase == phase[best]
            )
            if first[best] >= 0:
                penalty += c.same_talent_penalty * (first == first[best])
            per_provider[int(provider[best])] = per_provider.get(int(provider[best]), 0) + 1
            if per_provider[int(provider[best])] >= c.max_per_provider:
                open_ &= provider != provider[best]
        return chosen

    def _suggestion(
        self,
        batch: Batch,
        i: int,
        score: float,
        weighted: list[tuple[Scorer, float]],
        sinks: list[Scorer],
    ) -> Suggestion:
        reasons: list[Note] = []
        cautions: list[Note] = []
        for scorer in [s for s, _ in weighted] + sinks:
            more_reasons, more_cautions = scorer.explain(batch, i)
            reasons.extend(more_reasons)
            cautions.extend(more_cautions)
        position = int(batch.positions[i])
        return Suggestion(
            id=int(self.index.ids[position]),
            score=round(score, 4),
            distance_km=round(float(batch.distance[i]), 2),
            phase=int(self.index.phase[position]),
            kind=KINDS[int(self.index.kind[position])],
            reasons=tuple(reasons),
            cautions=tuple(cautions),
        )


def rank(
    profile: Profile,
    index: MatchIndex,
    *,
    today: date,
    limit: int = 10,
    taxonomy: Taxonomy | None = None,
    stale_days: int = 183,
    config: EngineConfig | None = None,
) -> MatchResult:
    """One match as a pure function of plain values."""
    engine = Engine(index, taxonomy=taxonomy, stale_days=stale_days, config=config)
    return engine.match(profile, today=today, limit=limit)
