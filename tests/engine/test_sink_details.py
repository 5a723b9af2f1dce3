"""Details of the sinks that the pair tests do not reach: what the notes say, the [0, 1] bound of a
score, what a refused parameter says, the exposure sink's default spread, and that the exposure shake
is a well-spread hash that gives different items different shakes (found by mutation testing)."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pytest

from matching.engine import EngineConfig, MatchIndex, rank
from matching.engine.sinks import AvailabilitySink, ExposureSink, StaleSink, _mix
from tests.engine.support import TODAY, codes, item, match, profile

EVENINGS = [{"day": day, "start": "19:00", "end": "21:00"} for day in ("mon", "tue", "wed", "thu")]


def _note(result, item_id: int, code: str, which: str = "cautions"):  # type: ignore[no-untyped-def]
    suggestion = next(s for s in result.suggestions if s.id == item_id)
    return next(n for n in getattr(suggestion, which) if n.code == code)


def test_fits_time_names_at_most_three_slots() -> None:
    target = item(schedule=EVENINGS)
    result = match(
        [target], availability=["mon-evening", "tue-evening", "wed-evening", "thu-evening"]
    )
    assert _note(result, target.id, "fits_time", "reasons").param_dict()["slots"] == [
        "mon-evening", "tue-evening", "wed-evening"
    ]  # fmt: skip


def test_no_schedule_says_nothing_about_availability() -> None:
    target = item()
    result = match([target], availability=["mon-evening"])
    assert "outside_availability" not in codes(result, target.id)
    assert "fits_time" not in codes(result, target.id, "reasons")


def test_needs_free_cautions_only_items_that_cost_money() -> None:
    free, one_euro, subsidised = (
        item(cost_eur_year=0.0), item(cost_eur_year=1.0), item(cost_eur_year=50.0, subsidy=True)
    )  # fmt: skip
    result = match([free, one_euro, subsidised], needs=["free"])
    assert "costs" not in codes(result, free.id) and "costs" not in codes(result, subsidised.id)
    assert _note(result, one_euro.id, "costs").param_dict() == {"eur": 1}


def test_stale_caution_counts_whole_months() -> None:
    target = item(confirmed=TODAY - timedelta(days=185))
    assert _note(match([target]), target.id, "stale").param_dict() == {"months": 6}  # 185 // 30
    young = item(confirmed=TODAY - timedelta(days=40))
    result = rank(profile(), MatchIndex.build([young]), today=TODAY, stale_days=31)
    assert _note(result, young.id, "stale").param_dict() == {"months": 1}


def test_three_places_left_are_not_few() -> None:
    three, many = item(places_left=3, provider="P"), item(places_left=50, provider="P")
    scores = {s.id: s.score for s in match([three, many]).suggestions}
    assert scores[three.id] == scores[many.id]


def test_scores_stay_between_0_and_1_with_the_shake_on() -> None:
    perfect = [
        item(provider=f"P{n}", buddy=True, free_trial=True, languages=("ar",), places_left=9)
        for n in range(30)
    ]
    result = match(perfect, limit=30, config=EngineConfig(), talents=["football"], languages=["ar"])
    assert all(0.0 <= s.score <= 1.0 for s in result.suggestions)
    assert max(s.score for s in result.suggestions) > 0.9


def test_the_exposure_shake_is_a_well_spread_hash_in_0_1() -> None:
    shake = _mix(np.arange(1, 20_001, dtype=np.int64), seed=12345)
    assert 0.0 <= shake.min() < 0.01 and 0.99 < shake.max() < 1.0
    assert abs(float(shake.mean()) - 0.5) < 0.01
    counts = np.histogram(shake, bins=10, range=(0, 1))[0]
    assert counts.min() > 0.9 * 2000  # every tenth of [0, 1) gets its share
    assert not np.array_equal(shake, _mix(np.arange(1, 20_001, dtype=np.int64), seed=54321))


def test_every_sink_is_neutral_for_an_item_that_fits() -> None:
    """A fresh, free, next-step item inside the person's time: no sink lifts it above 1."""
    fits = [
        item(provider=f"P{n}", buddy=True, free_trial=True, languages=("ar",), places_left=9,
             schedule=[{"day": "mon", "start": "19:00", "end": "21:00"}])
        for n in range(20)
    ]  # fmt: skip
    fields = {"talents": ["football"], "languages": ["ar"], "availability": ["mon-evening"],
              "needs": ["free"], "phase": 1}  # fmt: skip
    for config in (EngineConfig(), EngineConfig(exposure_spread=0.0)):
        result = match(fits, limit=20, config=config, **fields)
        assert all(0.0 <= s.score <= 1.0 for s in result.suggestions)
    assert max(s.score for s in result.suggestions) > 0.95


def test_confirmed_exactly_at_the_stale_limit_does_not_sink() -> None:
    edge = item(confirmed=TODAY - timedelta(days=183), provider="P")
    fresh = item(provider="P")
    scores = {s.id: s.score for s in match([edge, fresh]).suggestions}
    assert scores[edge.id] == scores[fresh.id]


def test_needs_free_sinks_one_euro_as_far_as_any_price() -> None:
    one = item(cost_eur_year=1.0)
    free_needed = match([one], needs=["free"]).suggestions[0].score
    not_needed = match([one]).suggestions[0].score
    assert free_needed == pytest.approx(0.3 * not_needed, abs=1e-3)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: AvailabilitySink(1, factor=0.0), r"^factor must be in \(0, 1\]$"),
        (lambda: AvailabilitySink(1, factor=1.01), r"^factor must be in \(0, 1\]$"),
        (lambda: StaleSink(TODAY.toordinal(), 0), "^stale_days must be 1 or more$"),
        (lambda: ExposureSink(1, spread=-0.01), r"^spread must be in \[0, 0\.5\)$"),
        (lambda: ExposureSink(1, spread=0.5), r"^spread must be in \[0, 0\.5\)$"),
    ],
)
def test_sinks_refuse_parameters_outside_their_range(make, message: str) -> None:  # type: ignore[no-untyped-def]
    """Each refusal names the parameter and its allowed range."""
    with pytest.raises(ValueError, match=message):
        make()


def test_sinks_accept_the_edges_of_their_range() -> None:
    assert AvailabilitySink(1, factor=1.0).factor == 1.0
    assert StaleSink(TODAY.toordinal(), 1).cutoff == TODAY.toordinal() - 1
    assert ExposureSink(1, spread=0.0).spread == 0.0 and ExposureSink(7, spread=0.49).seed == 7


def test_the_exposure_sink_on_its_own_spreads_as_much_as_the_engine() -> None:
    """ExposureSink's own default spread is the engine's default, 0.06."""
    assert ExposureSink(7).spread == EngineConfig().exposure_spread == 0.06


def test_the_exposure_shake_keeps_different_items_apart() -> None:
    """Every splitmix64 step can be undone, so 20,000 ids get 20,000 different shakes (no made-up ties)."""
    for seed in (12345, 2**63 + 7):
        shake = _mix(np.arange(1, 20_001, dtype=np.int64), seed=seed)
        assert len(np.unique(shake)) == 20_000
