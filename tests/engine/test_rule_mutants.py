"""A fixed set of hand-made mutants, one per rule of PRODUCT §5: each switches its rule off and the rule's
own test must then fail. mutmut (scripts/mutation.py) searches far wider but is too slow for every CI
run; these keep the most important mutants from coming back unnoticed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from matching.engine import decay, filters, profile, scorers, sinks
from matching.engine.rank import Engine, MatchResult
from tests.engine import test_variety
from tests.engine.test_exclusions import check_exclusion
from tests.engine.test_soft_rules import (
    check_note,
    check_pair,
    test_unknown_words_are_listed_not_an_error,
)

Patch = Callable[[pytest.MonkeyPatch], None]


def _method(cls: type, name: str, replacement: Callable[..., Any]) -> Patch:
    return lambda mp: mp.setattr(cls, name, replacement)


def _ones(self: Any, batch: Any) -> Any:
    return np.ones(len(batch))


def _keep_all(self: Any, index: Any, positions: Any) -> Any:
    return np.ones(len(positions), np.bool_)


def _no_notes(self: Any, batch: Any, i: int) -> Any:
    return [], []


def _open_ignores_places(self: Any, index: Any, positions: Any) -> Any:
    return index.active[positions]


def _open_ignores_status(self: Any, index: Any, positions: Any) -> Any:
    return index.places[positions] != 0


def _audience_ignores_need(self: Any, gender: str | None, women_only: bool) -> None:
    self.gender, self.women_only = gender, False


def _dutch_no_ease(self: Any, batch: Any) -> Any:
    gap = batch.index.dutch[batch.positions].astype(np.int16) - self.rank
    return np.where(gap <= 0, 1.0, 0.35 * 0.8)


def _exposure_without_scarcity(self: Any, batch: Any) -> Any:
    return 1.0 - self.spread * sinks._mix(batch.index.ids[batch.positions], self.seed)


def _exposure_without_shake(self: Any, batch: Any) -> Any:
    places = batch.index.places[batch.positions]
    return np.where((places > 0) & (places <= 2), 0.97, 1.0)


def _no_variety(self: Any, batch: Any, score: Any, limit: int) -> list[int]:
    ids = self.index.ids[batch.positions]
    return [int(i) for i in np.lexsort((ids, -score))[:limit]]


def _reach_unlimited(mp: pytest.MonkeyPatch) -> None:
    mp.setattr(profile.Profile, "reach_km", property(lambda self: 1000.0))


def _walk_like_transit(mp: pytest.MonkeyPatch) -> None:
    mp.setitem(decay.TRAVEL_DECAY, "walk", decay.TRAVEL_DECAY["transit"])


def _unknown_words_dropped(mp: pytest.MonkeyPatch) -> None:
    original = Engine.match

    def match(self: Any, *args: Any, **kwargs: Any) -> Any:
        result = original(self, *args, **kwargs)
        return MatchResult(result.suggestions, (), result.considered)

    mp.setattr(Engine, "match", match)


# rule -> (the mutant, the check that must then fail)
MUTANTS: dict[str, tuple[Patch, Callable[[], None]]] = {
    "full items are never suggested": (
        _method(filters.OpenFilter, "keep", _open_ignores_places),
        lambda: check_exclusion("full: 0 places left"),
    ),
    "withdrawn items are never suggested": (
        _method(filters.OpenFilter, "keep", _open_ignores_status),
        lambda: check_exclusion("withdrawn"),
    ),
    "not eligible by age": (
        _method(filters.AgeFilter, "keep", _keep_all),
        lambda: check_exclusion("too young for age_min"),
    ),
    "women-only never for men": (
        _method(filters.AudienceFilter, "keep", _keep_all),
        lambda: check_exclusion("women-only, gender m"),
    ),
    "needs women_only keeps only women's items": (
        _method(filters.AudienceFilter, "__init__", _audience_ignores_need),
        lambda: check_exclusion("needs women_only: everyone item"),
    ),
    "Dutch two levels above is never suggested": (
        _method(filters.DutchFilter, "keep", _keep_all),
        lambda: check_exclusion("Dutch two levels short (none vs A2)"),
    ),
    "farther than the person can travel": (
        _reach_unlimited,
        lambda: check_exclusion("bike default 7 km: at 7.1"),
    ),
    "one level above carries a caution": (
        _method(scorers.DutchScorer, "explain", _no_notes),
        lambda: check_note("stretch caution"),
    ),
    "a stretch is better with a buddy": (
        _method(scorers.DutchScorer, "score", _dutch_no_ease),
        lambda: check_pair("stretch eased by a buddy"),
    ),
    "own talents weigh most": (
        _method(scorers.InterestScorer, "score", lambda self, batch: np.full(len(batch), 0.5)),
        lambda: check_pair("own talent over a related one"),
    ),
    "a free word is compared with the item's words": (
        _method(scorers.InterestScorer, "_words", lambda self, b, p: np.zeros(len(b), np.bool_)),
        lambda: check_pair("free word in the item's own words"),
    ),
    "the answer names words not understood": (
        _unknown_words_dropped,
        test_unknown_words_are_listed_not_an_error,
    ),
    "a kind wish is served by items of that kind": (
        _method(scorers.InterestScorer, "_kind", lambda self, batch: np.zeros(len(batch))),
        lambda: check_pair("kind wish: volunteering served by a volunteer role"),
    ),
    "distance decays smoothly": (
        _method(scorers.DistanceScorer, "score", _ones),
        lambda: check_pair("nearer first, all else equal"),
    ),
    "walking decays faster than transit": (
        _walk_like_transit,
        lambda: check_pair("walking: 300 m over 1 km"),
    ),
    "the next small step is preferred": (
        _method(scorers.PhaseScorer, "score", _ones),
        lambda: check_pair("phase 2 person: same phase over a step back"),
    ),
    "a big jump sinks": (
        _method(sinks.JumpSink, "score", _ones),
        lambda: check_pair("a big jump sinks below a related next step"),
    ),
    "no provider takes over the list": (
        _method(Engine, "_diversify", _no_variety),
        test_variety.test_no_provider_takes_over_the_list,
    ),
    "a varied ladder": (
        _method(Engine, "_diversify", _no_variety),
        test_variety.test_a_varied_ladder_of_kinds,
    ),
    "exposure is spread": (
        _method(sinks.ExposureSink, "score", _exposure_without_shake),
        test_variety.test_exposure_spread_one_popular_place_does_not_take_every_first_place,
    ),
    "few places left count less": (
        _method(sinks.ExposureSink, "score", _exposure_without_scarcity),
        lambda: check_pair("few places left count less"),
    ),
    "stale listings sink": (
        _method(sinks.StaleSink, "score", _ones),
        lambda: check_pair("stale sinks"),
    ),
    "stale listings say so": (
        _method(sinks.StaleSink, "explain", _no_notes),
        lambda: check_note("stale caution"),
    ),
    "outside availability sinks far": (
        _method(sinks.AvailabilitySink, "score", _ones),
        lambda: check_pair("outside availability sinks far, below a same-group item"),
    ),
    "needs free: paid items sink far": (
        _method(sinks.CostSink, "score", _ones),
        lambda: check_pair("needs free: paid sinks far"),
    ),
    "a low threshold welcomes (buddy, trial, language, cost)": (
        _method(scorers.WelcomeScorer, "score", lambda self, batch: np.zeros(len(batch))),
        lambda: check_pair("welcome: a buddy"),
    ),
    "volunteering must have value": (
        _method(scorers.ValueScorer, "score", lambda self, batch: np.full(len(batch), 0.5)),
        lambda: check_pair("volunteering with integration value preferred"),
    ),
    "ages are named when no age is given": (
        _method(scorers.AudienceNotes, "explain", _no_notes),
        lambda: check_note("ages named when no age given"),
    ),
}


@pytest.mark.parametrize("rule", list(MUTANTS))
def test_the_rule_holds_as_shipped(rule: str) -> None:
    MUTANTS[rule][1]()


@pytest.mark.parametrize("rule", list(MUTANTS))
def test_switching_the_rule_off_fails_its_test(rule: str, monkeypatch: pytest.MonkeyPatch) -> None:
    patch, check = MUTANTS[rule]
    patch(monkeypatch)
    with pytest.raises(AssertionError):
        check()
