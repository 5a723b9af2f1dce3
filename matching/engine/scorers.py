"""The soft rules of PRODUCT §5, each one small scorer: parameters up front, `score` in [0, 1], its own reasons."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from matching.engine.decay import Decay
from matching.engine.index import FloatArray, IntArray, MatchIndex
from matching.engine.notes import Note
from matching.engine.query import WORD, WORD_TITLE, Query
from matching.vocab import AUDIENCES, DUTCH_LEVELS, INTEGRATION_VALUES, KINDS

Notes = tuple[list[Note], list[Note]]


@dataclass
class Batch:
    """The candidates of one match, and arrays several scorers share."""

    index: MatchIndex
    query: Query
    positions: IntArray
    distance: FloatArray
    cache: dict[str, Any] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.positions)

    def shared_language(self) -> npt.NDArray[np.bool_]:
        """True where someone on site speaks one of the person's languages."""
        if "shared_language" not in self.cache:
            wanted = [
                (self.index.language_postings[n], 1.0)
                for n, code in enumerate(self.index.language_codes)
                if code in self.query.profile.languages
            ]
            mark = self.index.mark(wanted) if wanted else np.zeros(self.index.size, np.float32)
            self.cache["shared_language"] = mark[self.positions] > 0
        result: npt.NDArray[np.bool_] = self.cache["shared_language"]
        return result


class Scorer(ABC):
    """One rule. `score` gives each candidate a value in [0, 1]; `explain` the notes for one of them."""

    code = "scorer"

    @abstractmethod
    def score(self, batch: Batch) -> FloatArray:
        """A value in [0, 1] per candidate."""
        ...

    def explain(self, batch: Batch, i: int) -> Notes:
        """(reasons, cautions) for candidate i."""
        return [], []


def _value_names(bits: int) -> list[str]:
    return [v for n, v in enumerate(INTEGRATION_VALUES) if bits >> n & 1]


class InterestScorer(Scorer):
    """The person's own talents and wishes weigh most: exact, related, same group, own words, kind wishes."""

    code = "interest"

    def __init__(self, query: Query, word_hits: list[list[list[int]]]) -> None:
        self.query = query
        self.word_hits = word_hits  # per unknown word, per token, vocabulary ids that match it

    def _talent(self, batch: Batch) -> FloatArray:
        index = batch.index
        wanted = [
            (index.talent_postings[n], weight)
            for n, code in enumerate(index.talent_codes)
            if (weight := self.query.weights.get(code, 0.0)) > 0
        ]
        talent = (
            index.mark(wanted)[batch.positions].astype(np.float64)
            if wanted
            else np.zeros(len(batch))
        )
        in_text = self._words(batch, batch.index.word_postings)
        batch.cache["word_hits"] = in_text
        if in_text.any():
            in_title = self._words(batch, batch.index.title_postings) & in_text
            talent = np.maximum(
                talent, np.where(in_title, WORD_TITLE, np.where(in_text, WORD, 0.0))
            )
        return talent

    def _words(self, batch: Batch, postings: list[IntArray]) -> npt.NDArray[np.bool_]:
        """True where every token of some unknown word appears among these postings (title or text)."""
        any_word = np.zeros(len(batch), np.bool_)
        for token_hits in self.word_hits:
            all_tokens = np.ones(len(batch), np.bool_)
            for ids in token_hits:
                if not ids:
                    all_tokens[:] = False
                    break
                mark = batch.index.mark([(postings[t], 1.0) for t in ids if t < len(postings)])
                all_tokens &= mark[batch.positions] > 0
            if token_hits:
                any_word |= all_tokens
        return any_word

    def _kind(self, batch: Batch) -> FloatArray:
        """1 for the wished kind or an item tagged with the wish itself; 0.7 for a wished integration value."""
        index, q = batch.index, self.query
        served = np.zeros(len(batch))
        values = index.values[batch.positions]
        for value in q.values:
            served = np.maximum(
                served, np.where((values & (1 << INTEGRATION_VALUES.index(value))) != 0, 0.7, 0.0)
            )
        wanted = [
            (index.talent_postings[n], weight)
            for n, code in enumerate(index.talent_codes)
            if (weight := q.wish_weights.get(code, 0.0)) > 0
        ]
        if wanted:
            served = np.maximum(served, index.mark(wanted)[batch.positions])
        return np.maximum(served, wished_mask(batch).astype(np.float64))

    def score(self, batch: Batch) -> FloatArray:
        q = self.query
        if q.has_talents and q.has_kind_wish:
            return 0.6 * self._talent(batch) + 0.4 * self._kind(batch)
        if q.has_talents:
            return self._talent(batch)
        if q.has_kind_wish:
            return self._kind(batch)
        return np.full(len(batch), 0.5)

    def explain(self, batch: Batch, i: int) -> Notes:
        index, q, position = batch.index, self.query, int(batch.positions[i])
        reasons: list[Note] = []
        item_codes = index.talents_at(position)
        exact = [c for c in item_codes if q.weights.get(c) == 1.0]
        if exact:
            reasons.append(Note.of("talent", talents=exact))
        else:
            credit = {c: max(q.weights.get(c, 0.0), q.wish_weights.get(c, 0.0)) for c in item_codes}
            close = sorted((c for c in item_codes if credit[c] > 0), key=lambda c: -credit[c])
            if close:
                best = close[0]
                how = q.relation.get(best, "")
                if how not in ("in_field", "field_item", "related", "group"):
                    how = "group" if credit[best] < 0.5 else "related"
                reasons.append(Note.of(how, talent=q.source[best], item_talent=best))
        if "word_hits" in batch.cache and batch.cache["word_hits"][i]:
            reasons.append(Note.of("words", words=list(q.unknown)))
        kind = KINDS[int(index.kind[position])]
        if kind in q.kinds:
            reasons.append(Note.of("kind_wish", kind=kind))
        bits = int(index.values[position])
        wished = [v for v in _value_names(bits) if v in q.values]
        if wished:
            reasons.append(Note.of("value_wish", values=wished))
        return reasons, []


def wished_mask(batch: Batch) -> npt.NDArray[np.bool_]:
    """True where the person asked for this very thing: its kind, or the wish it is tagged with."""
    if "wished" not in batch.cache:
        index, q = batch.index, batch.query
        wished = np.isin(index.kind[batch.positions], [KINDS.index(k) for k in sorted(q.kinds)])
        wish_tags = set(q.wish_codes.values())
        tagged = [
            (index.talent_postings[n], 1.0)
            for n, c in enumerate(index.talent_codes)
            if c in wish_tags
        ]
        if tagged:
            wished |= index.mark(tagged)[batch.positions] > 0
        batch.cache["wished"] = wished
    result: npt.NDArray[np.bool_] = batch.cache["wished"]
    return result


class DistanceScorer(Scorer):
    """Distance decays smoothly, per travel mode."""

    code = "distance"

    def __init__(self, decay: Decay, reach_km: float) -> None:
        self.decay, self.reach_km = decay, reach_km

    def score(self, batch: Batch) -> FloatArray:
        return self.decay(batch.distance)

    def explain(self, batch: Batch, i: int) -> Notes:
        km = float(batch.distance[i])
        if km <= max(0.5, self.reach_km / 3):
            return [Note.of("near", km=round(km, 1))], []
        return [], []


class PhaseScorer(Scorer):
    """The next small step (the person's phase or one above) is preferred over a big jump, unless asked for."""

    code = "phase"

    def __init__(self, phase: int | None, wished_kinds: frozenset[str]) -> None:
        self.phase = phase
        # A person without a phase: phases 1–3, up to 4 when work or a course is wished (PRODUCT §6).
        self.top = 4 if {"workplace", "course"} & set(wished_kinds) else 3

    def score(self, batch: Batch) -> FloatArray:
        q = batch.index.phase[batch.positions].astype(np.int16)
        wished = wished_mask(batch)
        if self.phase is None:
            inside = (q >= 0) & (q <= self.top)
            return np.where(inside | wished, 1.0, 0.15)
        p = max(self.phase, 0)
        step = q - p
        score = np.select(
            [step == 0, step == 1, step == -1, step < -1, step == 2],
            [1.0, 1.0 if p > 0 else 0.9, 0.7, 0.5, 0.3],
            default=0.12,
        )
        if p == 0:
            score = np.where(q <= 1, 1.0, score)
        return np.where((step >= 2) & wished, 0.9, score)

    def big_jump(self, batch: Batch) -> npt.NDArray[np.bool_]:
        """True where an item is a big jump the person did not ask for."""
        if "big_jump" not in batch.cache:
            q = batch.index.phase[batch.positions].astype(np.int16)
            wished = wished_mask(batch)
            if self.phase is None:
                batch.cache["big_jump"] = np.asarray((q > self.top) & ~wished)
            else:
                batch.cache["big_jump"] = np.asarray((q - max(self.phase, 1) >= 2) & ~wished)
        result: npt.NDArray[np.bool_] = batch.cache["big_jump"]
        return result

    def explain(self, batch: Batch, i: int) -> Notes:
        position = int(batch.positions[i])
        q = int(batch.index.phase[position])
        if self.big_jump(batch)[i]:
            return [], [Note.of("big_step", phase=q)]
        if self.phase is not None and q in (self.phase, self.phase + 1):
            return [Note.of("next_step" if q > self.phase else "same_step", phase=q)], []
        return [], []


class DutchScorer(Scorer):
    """Dutch at the person's level fits; one level above is a stretch, eased by a buddy or a shared language."""

    code = "dutch"

    def __init__(self, dutch_rank: int) -> None:
        self.rank = dutch_rank

    def score(self, batch: Batch) -> FloatArray:
        index = batch.index
        gap = index.dutch[batch.positions].astype(np.int16) - self.rank
        eased = 0.35 + 0.35 * index.buddy[batch.positions] + 0.3 * batch.shared_language()
        return np.where(gap <= 0, 1.0, np.minimum(1.0, eased) * 0.8)

    def explain(self, batch: Batch, i: int) -> Notes:
        position = int(batch.positions[i])
        level = int(batch.index.dutch[position])
        if level - self.rank >= 1:
            return [], [Note.of("dutch_stretch", level=DUTCH_LEVELS[level])]
        if level == 0:
            return [Note.of("no_dutch_needed")], []
        return [], []


class ValueScorer(Scorer):
    """Volunteer roles and workplaces with integration value (Dutch practice, network, experience, a reference)."""

    code = "value"

    def score(self, batch: Batch) -> FloatArray:
        index = batch.index
        kinds = index.kind[batch.positions]
        bits = index.values[batch.positions]
        count = np.zeros(len(batch))
        for n in range(len(INTEGRATION_VALUES)):
            count += (bits >> n) & 1
        working = (kinds == KINDS.index("volunteer")) | (kinds == KINDS.index("workplace"))
        return np.where(
            working, 0.15 + 0.85 * np.minimum(count, 2) / 2, 0.5 + 0.25 * np.minimum(count, 2) / 2
        )

    def explain(self, batch: Batch, i: int) -> Notes:
        values = _value_names(int(batch.index.values[int(batch.positions[i])]))
        return ([Note.of("value", values=values)] if values else []), []


class WelcomeScorer(Scorer):
    """A low threshold: a buddy, a free trial, someone who speaks the person's language, no cost."""

    code = "welcome"

    def score(self, batch: Batch) -> FloatArray:
        index, p = batch.index, batch.positions
        cost = index.cost[p]
        affordable = (cost == 0) | index.subsidy[p]
        total = (
            index.buddy[p].astype(np.float64)
            + index.free_trial[p]
            + batch.shared_language()
            + affordable
        )
        return np.asarray(total / 4.0)

    def explain(self, batch: Batch, i: int) -> Notes:
        index, position = batch.index, int(batch.positions[i])
        reasons: list[Note] = []
        if batch.shared_language()[i]:
            spoken = [c for c in index.languages_at(position) if c in batch.query.profile.languages]
            reasons.append(Note.of("language", languages=spoken))
        if index.buddy[position]:
            reasons.append(Note.of("buddy"))
        if index.free_trial[position]:
            reasons.append(Note.of("free_trial"))
        cost = float(index.cost[position])
        if cost == 0:
            reasons.append(Note.of("free"))
        elif index.subsidy[position]:
            reasons.append(Note.of("subsidy"))
        return reasons, []


class AudienceNotes(Scorer):
    """No score of its own: names the ages and single-sex audiences the filters could not check."""

    code = "audience"

    def __init__(self, age: int | None, gender: str | None, women_only: bool = False) -> None:
        self.age, self.gender, self.women_only = age, gender, women_only

    def score(self, batch: Batch) -> FloatArray:
        return np.ones(len(batch))

    def explain(self, batch: Batch, i: int) -> Notes:
        index, position = batch.index, int(batch.positions[i])
        if (
            self.women_only
        ):  # only women's items pass the filter: that is what was asked, not a caution
            return [Note.of("for_women")], self._places(batch, position)
        cautions: list[Note] = []
        low, high = int(index.age_min[position]), int(index.age_max[position])
        if self.age is None and (low >= 0 or high >= 0):
            cautions.append(
                Note.of("ages", min=low if low >= 0 else None, max=high if high >= 0 else None)
            )
        audience = AUDIENCES[int(index.audience[position])]
        if audience != "everyone" and self.gender is None:
            cautions.append(Note.of(f"{audience}_only"))
        return [], cautions + self._places(batch, position)

    def _places(self, batch: Batch, position: int) -> list[Note]:
        places = int(batch.index.places[position])
        return [Note.of("few_places", places=places)] if 0 < places <= 2 else []
