"""The engine's own rules around the scorers (found by mutation testing): the default and the shortest
list, the configuration it refuses and what it says, the variety penalties and the per-provider limit
step by step, the pool the variety step chooses from, ties after a penalty, the fields and rounding of
a suggestion, the count of items considered, and that rank() passes on its taxonomy and stale days and
a person's own maximum distance."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from matching.engine import Engine, EngineConfig, Item, MatchIndex, rank
from matching.taxonomy import Entry, Taxonomy
from tests.engine.support import EXACT, TODAY, codes, ids, item, match, profile

# Only the welcome scorer counts and every penalty is off unless a row sets it: each score is a
# whole quarter (buddy, free trial, no cost, a shared language), so sums and ties are exact.
WELCOME_ONLY: dict[str, Any] = dict(
    interest=0.0, distance=0.0, phase=0.0, dutch=0.0, value=0.0, welcome=1.0, exposure_spread=0.0,
    same_kind_penalty=0.0, same_phase_penalty=0.0, same_talent_penalty=0.0,
)  # fmt: skip
THREE_QUARTERS: dict[str, Any] = {"buddy": True, "free_trial": True}  # + no cost
HALF: dict[str, Any] = {"buddy": True}


def test_the_default_list_is_ten_long() -> None:
    """rank() and Engine.match() without a limit give ten suggestions."""
    items = [item() for _ in range(12)]
    index = MatchIndex.build(items)
    assert len(rank(profile(), index, today=TODAY, config=EXACT).suggestions) == 10
    assert len(Engine(index, config=EXACT).match(profile(), today=TODAY).suggestions) == 10


def test_a_list_of_one_is_allowed_and_of_none_refused() -> None:
    """limit=1 gives the single best; limit=0 is refused with a plain message."""
    best, other = item(at_km=0), item(at_km=2)
    assert ids(match([other, best], limit=1)) == [best.id]
    with pytest.raises(ValueError, match=r"^limit must be 1 or more$"):
        match([best], limit=0)


WEIGHTS = "^weights must be 0 or more and not all 0$"
SIZES = "^max_per_provider and pool must be 1 or more$"


@pytest.mark.parametrize(
    ("fields", "refused"),
    [
        ({"interest": -0.1}, WEIGHTS),  # one negative weight, the sum still above 0
        (
            dict.fromkeys(("interest", "distance", "phase", "dutch", "value", "welcome"), 0.0),
            WEIGHTS,
        ),
        ({"interest": 0.0}, None),  # one rule switched off is fine
        ({"max_per_provider": 0}, SIZES),
        ({"pool": 0}, SIZES),
        ({"max_per_provider": 0, "pool": 0}, SIZES),
        ({"max_per_provider": 1, "pool": 1}, None),
    ],
)
def test_config_refuses_negative_or_all_zero_weights_and_sizes_below_one(
    fields: dict[str, Any], refused: str | None
) -> None:
    """Weights 0 or more, not all 0; max_per_provider and pool 1 or more; the message says which."""
    if refused is None:
        EngineConfig(**fields)
    else:
        with pytest.raises(ValueError, match=refused):
            EngineConfig(**fields)


def test_weights_are_shares_of_their_sum() -> None:
    """Weights that add up to 4 give the same score as weights that add up to 1."""
    target = item(**THREE_QUARTERS)  # distance 1, welcome 0.75
    weights = {**WELCOME_ONLY, "distance": 2.0, "welcome": 2.0}
    assert match([target], config=EngineConfig(**weights)).suggestions[0].score == 0.875


def test_considered_counts_the_items_past_the_hard_rules() -> None:
    """Items in reach that are not excluded are counted, full or far ones are not."""
    result = match([item(), item(), item(at_km=3), item(places_left=0), item(at_km=40)])
    assert result.considered == 3
    assert match([]).considered == 0


def test_a_suggestion_carries_its_distance_phase_and_kind_rounded() -> None:
    """Distance in km to 2 decimals, score to 4 decimals, the item's phase and kind."""
    target = item(at_km=1.2345, phase=2, kind="volunteer", talents=())
    (suggestion,) = match([target]).suggestions
    assert (suggestion.distance_km, suggestion.phase, suggestion.kind) == (1.23, 2, "volunteer")
    assert suggestion.score == round(suggestion.score, 4)
    assert suggestion.score != round(suggestion.score, 3)


def test_own_maximum_distance_sets_the_decay() -> None:
    """With max_distance_km 10 the distance score is 1 up to 0.7 km and 0.5 at 4.2 km."""
    near, half = item(at_km=0.7), item(at_km=4.2)
    distance_only = EngineConfig(**{**WELCOME_ONLY, "welcome": 0.0, "distance": 1.0})
    result = match([near, half], config=distance_only, max_distance_km=10)
    assert [s.score for s in result.suggestions] == pytest.approx([1.0, 0.5])


@pytest.mark.parametrize(("days", "stale"), [(183, False), (184, True)])
def test_stale_after_183_days_by_default(days: int, stale: bool) -> None:
    """A listing confirmed 183 days ago is not stale yet; 184 days ago it is, for rank and Engine."""
    target = item(confirmed=TODAY - timedelta(days=days))
    index = MatchIndex.build([target])
    for result in (
        rank(profile(), index, today=TODAY, config=EXACT),
        Engine(index, config=EXACT).match(profile(), today=TODAY),
    ):
        assert ("stale" in codes(result, target.id)) is stale


def test_rank_passes_on_its_stale_days() -> None:
    """rank(stale_days=31) cautions a listing confirmed 40 days ago."""
    target = item(confirmed=TODAY - timedelta(days=40))
    result = rank(profile(), MatchIndex.build([target]), today=TODAY, stale_days=31)
    assert "stale" in codes(result, target.id)


def test_rank_understands_words_through_the_taxonomy_it_is_given() -> None:
    """A word only the given taxonomy knows is understood and matched, not reported as unknown."""
    kubb = Entry(
        code="kubb", group="games", icon="", labels={"nl": "kubb"},
        synonyms={"nl": ("blokkenwerpen",)},
    )  # fmt: skip
    target, other = item(talents=("kubb",)), item(talents=("football",))
    index = MatchIndex.build([other, target])
    fields = profile(talents=["blokkenwerpen"])
    own = rank(fields, index, today=TODAY, config=EXACT, taxonomy=Taxonomy({"kubb": kubb}))
    assert own.not_understood == () and ids(own)[0] == target.id
    assert rank(fields, index, today=TODAY, config=EXACT).not_understood == ("blokkenwerpen",)


def test_a_free_word_finds_itself_inside_an_items_own_word_every_time() -> None:
    """'blokken' (no taxonomy word) matches 'Blokkenspelclub', on the first and a later match."""
    target = item(words="Blokkenspelclub in het park", title="Blokkenspelclub")
    engine = Engine(MatchIndex.build([item(), target]), config=EXACT)
    for _ in range(2):
        result = engine.match(profile(wishes=["blokken"]), today=TODAY)
        assert result.not_understood == ("blokken",)
        assert ids(result)[0] == target.id
        assert "words" in codes(result, target.id, "reasons")


# name -> item fields; items are made in the order given, so ids rise in that order.
VARIETY = [
    pytest.param(
        {"same_kind_penalty": 0.5},
        [("a", THREE_QUARTERS), ("b", THREE_QUARTERS), ("c", {**HALF, "kind": "course"})],
        ["a", "c", "b"],
        id="a second item of the same kind waits",
    ),
    pytest.param(
        {"same_phase_penalty": 0.5},
        [("a", THREE_QUARTERS), ("b", THREE_QUARTERS), ("c", {**HALF, "phase": 2})],
        ["a", "c", "b"],
        id="a second item of the same phase waits",
    ),
    pytest.param(
        {"same_phase_penalty": 0.5},
        [("a", THREE_QUARTERS), ("b", {**THREE_QUARTERS, "phase": 2}), ("c", HALF)],
        ["a", "b", "c"],
        id="another phase is not held back",
    ),
    pytest.param(
        {"same_talent_penalty": 0.5},
        [("a", THREE_QUARTERS), ("b", THREE_QUARTERS), ("c", {**HALF, "talents": ("chess",)})],
        ["a", "c", "b"],
        id="a second item with the same first talent waits",
    ),
    pytest.param(
        {"same_talent_penalty": 0.5},
        [("a", THREE_QUARTERS), ("b", {**THREE_QUARTERS, "talents": ("chess",)}), ("c", HALF)],
        ["a", "b", "c"],
        id="another first talent is not held back",
    ),
    pytest.param(
        {"same_talent_penalty": 0.5},
        [
            ("c", HALF),
            ("a", {**THREE_QUARTERS, "talents": ()}),
            ("b", {**THREE_QUARTERS, "talents": ()}),
        ],
        ["a", "b", "c"],
        id="two items without talents share no talent",
    ),
    pytest.param(
        {"same_kind_penalty": 0.25},
        [("a", THREE_QUARTERS), ("c", {**HALF, "kind": "course"}), ("b", THREE_QUARTERS)],
        ["a", "b", "c"],
        id="equal after the penalty: the better score first, whatever the id",
    ),
]


@pytest.mark.parametrize(("penalties", "spec", "order"), VARIETY)
def test_variety_penalties_step_by_step(
    penalties: dict[str, Any], spec: list[tuple[str, dict[str, Any]]], order: list[str]
) -> None:
    """After each pick, items sharing its kind, phase or first talent lose that penalty."""
    made = {name: item(**fields) for name, fields in spec}
    config = EngineConfig(**{**WELCOME_ONLY, **penalties})
    by_id = {made[name].id: name for name in made}
    assert [by_id[i] for i in ids(match(list(made.values()), config=config, phase=1))] == order


def test_a_full_provider_does_not_bring_back_items_already_chosen() -> None:
    """Each item appears once, also after a provider reaches its limit."""
    first = item(provider="B", at_km=0)
    rest = [item(provider="A", at_km=1), item(provider="A", at_km=1.5)]
    assert ids(match([first, *rest], limit=5)) == [first.id, rest[0].id, rest[1].id]


def _ladder(kms: list[tuple[float, str]]) -> list[Item]:
    return [item(at_km=km, provider=provider) for km, provider in kms]


@pytest.mark.parametrize(
    ("kms", "expected"),
    [
        # pool 1 and limit 3: the variety step sees the best 12; twelve of one provider fill it
        ([(1 + 0.1 * n, "A") for n in range(12)] + [(3 + 0.1 * n, f"X{n}") for n in range(4)], 2),
        ([(1 + 0.1 * n, "A") for n in range(12)] + [(3.0, "X")], 2),
        # the 12th best is in the pool, the 13th and later are not
        ([(1 + 0.1 * n, "A") for n in range(11)] + [(2.15, "X")] + [(3 + 0.1 * n, "A") for n in range(4)], 3),
        ([(2.15, "X")] + [(3 + 0.1 * n, "A") for n in range(4)] + [(1 + 0.1 * n, "A") for n in range(11)], 3),
    ],
)  # fmt: skip
def test_the_variety_step_chooses_among_the_best_four_times_the_limit(
    kms: list[tuple[float, str]], expected: int
) -> None:
    """With pool 1 the variety step looks at the best 4 × limit items, no more, no fewer."""
    items = _ladder(kms)
    result = match(items, limit=3, config=EngineConfig(exposure_spread=0.0, pool=1))
    assert len(result.suggestions) == expected
    by_km = sorted(items, key=lambda i: i.lat)
    assert ids(result)[:2] == [by_km[0].id, by_km[1].id]
    if expected == 3:
        assert ids(result)[2] == next(i.id for i in items if i.provider == "X")
