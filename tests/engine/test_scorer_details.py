"""The soft rules of PRODUCT §5 scorer by scorer, at known values: the talent and wish match, the
welcome score (buddy, free trial, shared language, affordable), integration value, the Dutch stretch,
the phase ladder, and the reasons and cautions each scorer gives (found by mutation testing: the rank
tests only saw the order these values make, not the values)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np
import pytest

from matching.engine import Item, MatchIndex, MatchResult, Note, decay_for
from matching.engine.query import build_query, matching_tokens
from matching.engine.scorers import (
    AudienceNotes,
    Batch,
    DistanceScorer,
    DutchScorer,
    InterestScorer,
    PhaseScorer,
    ValueScorer,
    WelcomeScorer,
)
from matching.taxonomy import default_taxonomy
from tests.engine.support import item, match, profile


def _batch(items: list[Item], **fields: Any) -> Batch:
    """The candidates within the person's reach, unfiltered, as the engine hands them to a scorer."""
    person = profile(**fields)
    index = MatchIndex.build(items)
    positions, distance = index.within(person.location.lat, person.location.lon, person.reach_km)
    return Batch(index, build_query(person, default_taxonomy()), positions, distance)


def _scores(batch: Batch, values: np.ndarray) -> dict[int, float]:
    """A scorer's values per item id."""
    ids = batch.index.ids[batch.positions].tolist()
    return {i: round(float(v), 6) for i, v in zip(ids, values, strict=True)}


def _row(batch: Batch, item_id: int) -> int:
    """The row of an item in the batch."""
    return int(np.flatnonzero(batch.index.ids[batch.positions] == item_id)[0])


def _notes(result: MatchResult, item_id: int, code: str, which: str) -> list[dict[str, Any]]:
    """The parameters of every note with this code on one suggestion."""
    suggestion = next(s for s in result.suggestions if s.id == item_id)
    return [n.param_dict() for n in getattr(suggestion, which) if n.code == code]


def _interest(items: list[Item], **fields: Any) -> dict[int, float]:
    batch = _batch(items, **fields)
    scorer = InterestScorer(batch.query, _word_hits(batch))
    return _scores(batch, scorer.score(batch))


def _word_hits(batch: Batch) -> list[list[list[int]]]:
    vocabulary = batch.index.vocabulary
    return [matching_tokens(word, vocabulary) for word in batch.query.unknown]


# --- the person's own talents and wishes weigh most ----------------------------------------------


@pytest.mark.parametrize(
    ("fields", "talents", "kind", "expected"),
    [
        ({"talents": ["football"], "wishes": ["volunteering"]}, ("football",), "volunteer", 1.0),
        ({"talents": ["football"], "wishes": ["volunteering"]}, ("football",), "club", 0.6),
        ({"talents": ["football"], "wishes": ["volunteering"]}, ("cooking",), "volunteer", 0.4),
        ({"talents": ["football"]}, ("football",), "club", 1.0),
        ({"talents": ["football"]}, ("cooking",), "volunteer", 0.0),
        ({"wishes": ["volunteering"]}, ("cooking",), "volunteer", 1.0),
        ({}, ("football",), "club", 0.5),
    ],
)
def test_interest_weighs_talents_0_6_and_the_kind_wish_0_4(
    fields: dict[str, Any], talents: tuple[str, ...], kind: str, expected: float
) -> None:
    """Talents and a kind wish: 0.6 talent + 0.4 kind; one of them alone counts fully; neither: 0.5."""
    target = item(talents=talents, kind=kind)
    assert _interest([target], **fields)[target.id] == pytest.approx(expected)


def test_a_wish_is_served_by_its_value_a_related_activity_or_the_wish_itself() -> None:
    """Learning Dutch: the wish as a tag 1, a related activity 0.6, Dutch practice 0.7, else 0."""
    tagged = item(talents=("learning_dutch",))
    related = item(talents=("language_cafe",))
    practice = item(integration_value=("dutch_practice",))
    other_value = item(integration_value=("network", "work_experience", "reference"))
    plain = item()
    scores = _interest([tagged, related, practice, other_value, plain], wishes=["learning_dutch"])
    assert scores == {
        tagged.id: 1.0, related.id: pytest.approx(0.6), practice.id: pytest.approx(0.7),
        other_value.id: 0.0, plain.id: 0.0,
    }  # fmt: skip


def test_a_network_wish_is_served_by_the_network_value_only() -> None:
    """Meeting people asks the network value (the second bit), not work experience next to it."""
    network = item(integration_value=("network",))
    experience = item(integration_value=("work_experience",))
    scores = _interest([network, experience], wishes=["meeting_people"])
    assert scores == {network.id: pytest.approx(0.7), experience.id: 0.0}


def test_a_free_word_counts_in_the_title_more_than_in_the_text() -> None:
    """A word the taxonomy does not know: 0.75 in the title, 0.5 in the text only, 0 elsewhere."""
    titled = item(title="Kaarsen gieten", words="Kaarsen gieten met buren")
    texted = item(title="Creatief", words="creatief: kaarsen gieten en meer")
    half = item(title="Kaarsen", words="kaarsen maken")
    none = item(words="voetbal")
    scores = _interest([titled, texted, half, none], talents=["kaarsen gieten"])
    assert scores == {titled.id: 0.75, texted.id: 0.5, half.id: 0.0, none.id: 0.0}


def test_any_of_several_free_words_may_match() -> None:
    """A word with no match at all gives nothing and does not cancel another word that matches."""
    candles = item(title="Kaarsen gieten", words="Kaarsen gieten")
    assert _interest([candles], talents=["xyzzyq"])[candles.id] == 0.0
    assert _interest([candles], talents=["kaarsen gieten", "xyzzyq"])[candles.id] == 0.75


# --- the reasons for a talent or wish -------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "talents", "code", "params"),
    [
        ({"talents": ["football"]}, ("basketball", "futsal"), "related",
         {"talent": "football", "item_talent": "futsal"}),
        ({"talents": ["football"]}, ("futsal", "basketball"), "related",
         {"talent": "football", "item_talent": "futsal"}),
        ({"talents": ["football"]}, ("basketball",), "group",
         {"talent": "football", "item_talent": "basketball"}),
        ({"talents": ["sport"]}, ("football",), "in_field",
         {"talent": "sport", "item_talent": "football"}),
        ({"talents": ["football"]}, ("sport",), "field_item",
         {"talent": "football", "item_talent": "sport"}),
        ({"wishes": ["learning_dutch"]}, ("language_cafe",), "related",
         {"talent": "learning_dutch", "item_talent": "language_cafe"}),
        ({"talents": ["interpreting"], "wishes": ["learning_dutch"]}, ("language_cafe",), "group",
         {"talent": "interpreting", "item_talent": "language_cafe"}),
    ],
)  # fmt: skip
def test_a_close_talent_is_named_with_how_it_fits(
    fields: dict[str, Any], talents: tuple[str, ...], code: str, params: dict[str, str]
) -> None:
    """The best-credited talent of the item is named, with the relation the query found for it."""
    target = item(talents=talents)
    result = match([target], **fields)
    reasons = [n for n in result.suggestions[0].reasons if n.code in TALENT_CODES]
    assert [(n.code, n.param_dict()) for n in reasons] == [(code, params)]


TALENT_CODES = {"talent", "related", "group", "in_field", "field_item"}


@pytest.mark.parametrize(
    ("weight", "relation", "code"),
    [
        (0.6, {}, "related"),
        (0.5, {}, "related"),
        (0.3, {}, "group"),
        (0.3, {"futsal": "related"}, "related"),
        (0.3, {"futsal": "group"}, "group"),
        (0.7, {"futsal": "in_field"}, "in_field"),
        (0.7, {"futsal": "field_item"}, "field_item"),
    ],
)
def test_a_query_without_a_relation_names_the_fit_by_its_credit(
    weight: float, relation: dict[str, str], code: str
) -> None:
    """The query's own relation is named; a code it has none for: related from 0.5 up, else group."""
    target = item(talents=("futsal",))
    batch = _batch([target], talents=["football"])
    query = replace(
        batch.query, weights={"football": 1.0, "futsal": weight}, source={"futsal": "football"},
        relation=relation,
    )  # fmt: skip
    reasons, cautions = InterestScorer(query, []).explain(batch, 0)
    assert reasons == [Note.of(code, talent="football", item_talent="futsal")] and cautions == []


def test_the_reasons_name_the_wished_kind_and_only_the_wished_values() -> None:
    """A wish for Dutch practice names that value, not the item's other values."""
    target = item(kind="volunteer", integration_value=("network", "dutch_practice"))
    result = match([target], wishes=["learning_dutch", "volunteering"])
    assert _notes(result, target.id, "value_wish", "reasons") == [{"values": ["dutch_practice"]}]
    assert _notes(result, target.id, "kind_wish", "reasons") == [{"kind": "volunteer"}]


# --- a low threshold: buddy, free trial, shared language, affordable -----------------------------


def test_welcome_counts_a_quarter_for_each_low_threshold() -> None:
    """Buddy, free trial, someone speaking the person's language, free or subsidised: 1/4 each."""
    none = item(cost_eur_year=10.0)
    buddy = item(cost_eur_year=10.0, buddy=True)
    trial = item(cost_eur_year=10.0, free_trial=True)
    language = item(cost_eur_year=10.0, languages=("ar",))
    other_language = item(cost_eur_year=10.0, languages=("en",))
    free = item(cost_eur_year=0.0)
    subsidised = item(cost_eur_year=10.0, subsidy=True)
    everything = item(cost_eur_year=0.0, buddy=True, free_trial=True, languages=("ar", "en"))
    items = [none, buddy, trial, language, other_language, free, subsidised, everything]
    batch = _batch(items, languages=["ar"])
    assert _scores(batch, WelcomeScorer().score(batch)) == {
        none.id: 0.0, buddy.id: 0.25, trial.id: 0.25, language.id: 0.25, other_language.id: 0.0,
        free.id: 0.25, subsidised.id: 0.25, everything.id: 1.0,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"cost_eur_year": 0.0}, [("free", {})]),
        ({"cost_eur_year": 1.0}, []),
        ({"cost_eur_year": 1.0, "subsidy": True}, [("subsidy", {})]),
        ({"cost_eur_year": 1.0, "buddy": True, "free_trial": True},
         [("buddy", {}), ("free_trial", {})]),
        ({"cost_eur_year": 1.0, "languages": ("ar", "en", "fa")},
         [("language", {"languages": ["ar", "fa"]})]),
    ],
)  # fmt: skip
def test_welcome_reasons_name_what_lowers_the_threshold(
    overrides: dict[str, Any], expected: list[tuple[str, dict[str, Any]]]
) -> None:
    """Only the languages the person speaks are named; free is said only of a price of 0."""
    target = item(**overrides)
    batch = _batch([target], languages=["ar", "fa"])
    reasons, cautions = WelcomeScorer().explain(batch, 0)
    assert [(n.code, n.param_dict()) for n in reasons] == expected and cautions == []


# --- integration value ----------------------------------------------------------------------------

NO_VALUES: tuple[str, ...] = ()
ONE = ("network",)
TWO = ("network", "reference")
THREE = ("dutch_practice", "network", "work_experience")


@pytest.mark.parametrize(
    ("kind", "values", "expected"),
    [
        ("volunteer", NO_VALUES, 0.15), ("volunteer", ONE, 0.575), ("volunteer", TWO, 1.0),
        ("volunteer", THREE, 1.0),
        ("workplace", NO_VALUES, 0.15), ("workplace", ONE, 0.575), ("workplace", TWO, 1.0),
        ("workplace", THREE, 1.0),
        ("club", NO_VALUES, 0.5), ("club", ONE, 0.625), ("club", TWO, 0.75), ("club", THREE, 0.75),
        ("course", NO_VALUES, 0.5), ("course", ONE, 0.625), ("course", TWO, 0.75),
        ("course", THREE, 0.75),
    ],
)  # fmt: skip
def test_integration_value_counts_most_for_volunteering_and_work(
    kind: str, values: tuple[str, ...], expected: float
) -> None:
    """Volunteer roles and workplaces: 0.15 up to 1 with two values; clubs and courses 0.5 to 0.75."""
    target = item(kind=kind, integration_value=values)
    batch = _batch([target])
    assert ValueScorer().score(batch)[0] == pytest.approx(expected)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (NO_VALUES, []),
        (ONE, [("value", {"values": ["network"]})]),
        (("reference", "dutch_practice"), [("value", {"values": ["dutch_practice", "reference"]})]),
    ],
)
def test_the_value_reason_names_the_items_values(
    values: tuple[str, ...], expected: list[tuple[str, dict[str, Any]]]
) -> None:
    """The item's own integration values, none when it has none."""
    batch = _batch([item(kind="volunteer", integration_value=values)])
    reasons, _ = ValueScorer().explain(batch, 0)
    assert [(n.code, n.param_dict()) for n in reasons] == expected


# --- Dutch: one level above is a stretch -----------------------------------------------------------


def test_a_dutch_stretch_is_eased_by_a_buddy_and_a_shared_language() -> None:
    """At or below the person's level 1; one above 0.28, with a buddy 0.56, a shared language 0.52,
    both 0.8."""
    below, level = item(dutch_level_min="A1"), item(dutch_level_min="A2")
    bare = item(dutch_level_min="B1")
    buddy = item(dutch_level_min="B1", buddy=True)
    language = item(dutch_level_min="B1", languages=("ar",))
    both = item(dutch_level_min="B1", buddy=True, languages=("ar",))
    batch = _batch([below, level, bare, buddy, language, both], dutch_level="A2", languages=["ar"])
    assert _scores(batch, DutchScorer(batch.query.profile.dutch_rank).score(batch)) == {
        below.id: 1.0, level.id: 1.0, bare.id: pytest.approx(0.28), buddy.id: pytest.approx(0.56),
        language.id: pytest.approx(0.52), both.id: pytest.approx(0.8),
    }  # fmt: skip


@pytest.mark.parametrize(
    ("person", "needed", "reasons", "cautions"),
    [
        ("A2", "none", [("no_dutch_needed", {})], []),
        ("A2", "A1", [], []),
        ("A2", "A2", [], []),
        ("A2", "B1", [], [("dutch_stretch", {"level": "B1"})]),
        ("A1", "A1", [], []),
        ("none", "A1", [], [("dutch_stretch", {"level": "A1"})]),
    ],
)
def test_the_dutch_notes_say_stretch_or_no_dutch_needed(
    person: str, needed: str, reasons: list[Any], cautions: list[Any]
) -> None:
    """A caution naming the level one above the person's; a reason only when no Dutch is needed."""
    batch = _batch([item(dutch_level_min=needed)], dutch_level=person)
    got = DutchScorer(batch.query.profile.dutch_rank).explain(batch, 0)
    assert [[(n.code, n.param_dict()) for n in notes] for notes in got] == [reasons, cautions]


# --- the phase ladder -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phase", "expected"),
    [
        (0, [1.0, 1.0, 0.3, 0.12, 0.12]),
        (1, [0.7, 1.0, 1.0, 0.3, 0.12]),
        (2, [0.5, 0.7, 1.0, 1.0, 0.3]),
        (3, [0.5, 0.5, 0.7, 1.0, 1.0]),
        (4, [0.5, 0.5, 0.5, 0.7, 1.0]),
    ],
)
def test_the_phase_ladder_prefers_the_next_small_step(phase: int, expected: list[float]) -> None:
    """Items of phase 0–4 for a person in a phase: own phase or one above 1, a big jump least."""
    ladder = [item(phase=q) for q in range(5)]
    batch = _batch(ladder, phase=phase)
    scores = _scores(batch, PhaseScorer(phase, frozenset()).score(batch))
    assert [scores[i.id] for i in ladder] == pytest.approx(expected)


@pytest.mark.parametrize(
    ("wishes", "expected"),
    [
        ([], [1.0, 1.0, 1.0, 1.0, 0.15]),
        (["work"], [1.0, 1.0, 1.0, 1.0, 1.0]),
        (["course"], [1.0, 1.0, 1.0, 1.0, 1.0]),
        (["volunteering"], [1.0, 1.0, 1.0, 1.0, 0.15]),
    ],
)
def test_without_a_phase_1_to_3_fit_and_4_when_work_or_a_course_is_wished(
    wishes: list[str], expected: list[float]
) -> None:
    """A person without a phase: clubs of phase 0–3 fit, phase 4 only with a wish for work or a course."""
    ladder = [item(phase=q) for q in range(5)]
    batch = _batch(ladder, wishes=wishes)
    scores = _scores(batch, PhaseScorer(None, batch.query.kinds).score(batch))
    assert [scores[i.id] for i in ladder] == pytest.approx(expected)


@pytest.mark.parametrize(
    ("phase", "expected"),
    [(None, [1.0, 1.0, 1.0, 1.0, 1.0]), (1, [0.7, 1.0, 1.0, 0.9, 0.9])],
)
def test_a_wished_kind_is_no_big_jump(phase: int | None, expected: list[float]) -> None:
    """Volunteer roles for a person who wishes to volunteer: a big jump up scores 0.9, not 0.3."""
    ladder = [item(kind="volunteer", phase=q) for q in range(5)]
    batch = _batch(ladder, wishes=["volunteering"], phase=phase)
    scores = _scores(batch, PhaseScorer(phase, batch.query.kinds).score(batch))
    assert [scores[i.id] for i in ladder] == pytest.approx(expected)


@pytest.mark.parametrize(
    ("fields", "kind", "notes"),
    [
        ({"phase": 1}, "club",
         [None, ("same_step", 1), ("next_step", 2), ("big_step", 3), ("big_step", 4)]),
        ({"phase": 0}, "club",
         [("same_step", 0), ("next_step", 1), None, ("big_step", 3), ("big_step", 4)]),
        ({"phase": 2}, "club",
         [None, None, ("same_step", 2), ("next_step", 3), ("big_step", 4)]),
        ({}, "club", [None, None, None, None, ("big_step", 4)]),
        ({"phase": 1, "wishes": ["volunteering"]}, "volunteer",
         [None, ("same_step", 1), ("next_step", 2), None, None]),
        ({"wishes": ["volunteering"]}, "volunteer", [None, None, None, None, None]),
    ],
)  # fmt: skip
def test_the_phase_notes_name_the_step(
    fields: dict[str, Any], kind: str, notes: list[tuple[str, int] | None]
) -> None:
    """Same or next step as a reason; a big jump not asked for as a caution; each with its phase."""
    ladder = [item(kind=kind, phase=q) for q in range(5)]
    result = match(ladder, **fields)
    step_codes = {"same_step", "next_step", "big_step"}
    got = []
    for target in ladder:
        suggestion = next(s for s in result.suggestions if s.id == target.id)
        found = [n for n in suggestion.reasons + suggestion.cautions if n.code in step_codes]
        got.append((found[0].code, found[0].param_dict()["phase"]) if found else None)
    assert got == notes


# --- distance, audience and places ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reach", "km", "near"),
    [
        (3.0, 1.0, 1.0),
        (7.0, 2.0, 2.0),
        (7.0, 2.4, None),
        (7.0, 5.0, None),
        (7.0, 1.26, 1.3),
        (1.2, 0.5, 0.5),
        (1.2, 0.6, None),
    ],
)
def test_near_is_said_within_a_third_of_the_reach_or_half_a_km(
    reach: float, km: float, near: float | None
) -> None:
    """'Near' up to a third of what the person can travel (at least 0.5 km), rounded to 0.1 km."""
    batch = _batch([item()])
    batch.distance = np.array([km])
    reasons, cautions = DistanceScorer(decay_for("bike", reach), reach).explain(batch, 0)
    assert reasons == ([Note.of("near", km=near)] if near is not None else []) and cautions == []


@pytest.mark.parametrize(
    ("age_min", "age_max", "expected"),
    [
        (12, 18, [{"min": 12, "max": 18}]),
        (12, None, [{"min": 12, "max": None}]),
        (None, 18, [{"min": None, "max": 18}]),
        (0, None, [{"min": 0, "max": None}]),
        (None, 0, [{"min": None, "max": 0}]),
        (None, None, []),
    ],
)
def test_the_ages_caution_names_each_limit_for_a_person_without_an_age(
    age_min: int | None, age_max: int | None, expected: list[dict[str, Any]]
) -> None:
    """An unknown age is not filtered: the caution names the item's limits, 0 included."""
    target = item(age_min=age_min, age_max=age_max)
    assert _notes(match([target]), target.id, "ages", "cautions") == expected


@pytest.mark.parametrize(
    ("places", "expected"),
    [(1, [{"places": 1}]), (2, [{"places": 2}]), (3, []), (None, [])],
)
def test_few_places_is_said_of_one_or_two(places: int | None, expected: list[Any]) -> None:
    """One or two places left is a caution naming the number; three or unknown is not."""
    target = item(places_left=places)
    assert _notes(match([target]), target.id, "few_places", "cautions") == expected


def test_audience_notes_do_not_assume_women_only() -> None:
    """Built without the women-only need, the notes do not say 'for women'."""
    batch = _batch([item()])
    assert AudienceNotes(age=30, gender=None).explain(batch, 0) == ([], [])
