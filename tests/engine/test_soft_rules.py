"""Soft rules (PRODUCT §5, §6): a table of pairs — for this profile, item A ranks above item B — and their notes."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.engine.support import codes, ids, item, match

MON_EVENING = [{"day": "mon", "start": "19:00", "end": "21:00"}]
TUE_EVENING = [{"day": "tue", "start": "19:00", "end": "21:00"}]
OLD = {"confirmed": date(2026, 1, 1)}

# (case, fields of A, fields of B, profile fields): A must score strictly above B. Where a pair would
# otherwise differ in a second rule too, B is given something of equal weight in that rule (a free
# trial against a buddy, say), so that only the named rule separates them: switch it off and they tie.
PAIRS: list[tuple[str, dict[str, Any], dict[str, Any], dict[str, Any]]] = [
    (
        "own talent over a related one",
        {"talents": ("running",)},
        {"talents": ("athletics",)},
        {"talents": ["hardlopen"]},
    ),
    (
        "related over the same group",
        {"talents": ("athletics",)},
        {"talents": ("volleyball",)},
        {"talents": ["running"]},
    ),
    (
        "same group over nothing in common",
        {"talents": ("volleyball",)},
        {"talents": ("sewing",)},
        {"talents": ["running"]},
    ),
    (
        "cooking: kitchen help is related",
        {"talents": ("kitchen_help",)},
        {"talents": ("sewing",)},
        {"talents": ["koken"]},
    ),
    (
        "a typo still matches",
        {"talents": ("football",)},
        {"talents": ("cricket",)},
        {"talents": ["footbal"]},
    ),
    (
        "Arabic words match",
        {"talents": ("football",)},
        {"talents": ("cricket",)},
        {"talents": ["كرة القدم"]},
    ),
    (
        "Tigrinya words match",
        {"talents": ("football",)},
        {"talents": ("cricket",)},
        {"talents": ["ኩዕሶ እግሪ"]},
    ),
    (
        "talent outweighs distance",
        {"talents": ("chess",), "at_km": 5},
        {"talents": ("sewing",), "at_km": 0.2},
        {"talents": ["schaken"]},
    ),
    ("nearer first, all else equal", {"at_km": 1}, {"at_km": 4}, {"talents": ["football"]}),
    # Each travel mode has its own decay: a walk of 1 km is already long, a bus ride of 1 km is not.
    ("walking: 300 m over 1 km", {"at_km": 0.3}, {"at_km": 1.0}, {"travel": "walk"}),
    ("cycling: 500 m over 2 km", {"at_km": 0.5}, {"at_km": 2.0}, {"travel": "bike"}),
    ("transit: 2 km over 8 km", {"at_km": 2.0}, {"at_km": 8.0}, {"travel": "transit"}),
    (
        "own maximum distance: 1 km over 4 km of 10",
        {"at_km": 1.0},
        {"at_km": 4.0},
        {"travel": "transit", "max_distance_km": 10},
    ),
    ("phase 1 person: next step over a big jump", {"phase": 2}, {"phase": 4}, {"phase": 1}),
    ("phase 2 person: same phase over a step back", {"phase": 2}, {"phase": 1}, {"phase": 2}),
    ("phase 1 person: one step up over two", {"phase": 2}, {"phase": 3}, {"phase": 1}),
    ("no phase: 1–3 over 4", {"kind": "volunteer", "phase": 3}, {"kind": "course", "phase": 4}, {}),
    (
        # The phase scorer alone would leave the exact-talent big jump on top; the jump sink sinks it.
        "a big jump sinks below a related next step",
        {"phase": 2, "talents": ("athletics",)},
        {"phase": 4, "talents": ("running",)},
        {"phase": 1, "talents": ["running"]},
    ),
    (
        "stretch eased by a buddy",
        {"dutch_level_min": "A2", "buddy": True},
        {"dutch_level_min": "A2", "free_trial": True},
        {"dutch_level": "A1"},
    ),
    (
        "stretch eased by a shared language",
        {"dutch_level_min": "A2", "languages": ("ti",)},
        {"dutch_level_min": "A2", "free_trial": True},
        {"dutch_level": "A1", "languages": ["ti"]},
    ),
    (
        "no stretch over a stretch",
        {"dutch_level_min": "A1"},
        {"dutch_level_min": "A2"},
        {"dutch_level": "A1"},
    ),
    (
        "fits availability over outside it",
        {"schedule": MON_EVENING},
        {"schedule": TUE_EVENING},
        {"availability": ["mon-evening"]},
    ),
    (
        "no schedule is neutral, above outside",
        {},
        {"schedule": TUE_EVENING},
        {"availability": ["mon-evening"]},
    ),
    (
        "outside availability sinks far, below a same-group item",
        {"talents": ("volleyball",), "schedule": MON_EVENING},
        {"schedule": TUE_EVENING},
        {"talents": ["football"], "availability": ["mon-evening"]},
    ),
    (
        "needs free: subsidised over paid",
        {"cost_eur_year": 120.0, "subsidy": True},
        {"cost_eur_year": 120.0, "free_trial": True},
        {"needs": ["free"]},
    ),
    (
        "needs free: paid sinks far",
        {"talents": ("volleyball",)},
        {"cost_eur_year": 120.0},
        {"talents": ["football"], "needs": ["free"]},
    ),
    (
        "needs free: unknown cost below free",
        {"cost_eur_year": 0.0},
        {"cost_eur_year": None, "free_trial": True},
        {"needs": ["free"]},
    ),
    ("stale sinks", {}, OLD, {}),
    (
        "stale sinks below a same-group item",
        {"talents": ("volleyball",)},
        OLD,
        {"talents": ["football"]},
    ),
    ("few places left count less", {"places_left": 5}, {"places_left": 2}, {}),
    ("unknown places left are not few", {"places_left": None}, {"places_left": 1}, {}),
    ("welcome: a buddy", {"buddy": True}, {}, {}),
    ("welcome: a free trial", {"free_trial": True}, {}, {}),
    (
        "welcome: someone speaks the person's language",
        {"languages": ("ar",)},
        {},
        {"languages": ["ar"]},
    ),
    ("welcome: free over paid", {"cost_eur_year": 0.0}, {"cost_eur_year": 120.0}, {}),
    (
        "welcome: subsidised over paid",
        {"cost_eur_year": 120.0, "subsidy": True},
        {"cost_eur_year": 120.0},
        {},
    ),
    (
        "volunteering with integration value preferred",
        {"kind": "volunteer", "phase": 2, "integration_value": ("dutch_practice", "network")},
        {"kind": "volunteer", "phase": 2},
        {},
    ),
    (
        "volunteering: two values over one",
        {"kind": "volunteer", "phase": 2, "integration_value": ("dutch_practice", "network")},
        {"kind": "volunteer", "phase": 2, "integration_value": ("network",)},
        {},
    ),
    (
        "a club with Dutch practice over one without",
        {"integration_value": ("dutch_practice",)},
        {},
        {},
    ),
    (
        "kind wish: volunteering served by a volunteer role",
        {"kind": "volunteer", "phase": 2},
        {"kind": "club", "phase": 1},
        {"talents": ["football"], "wishes": ["vrijwilligerswerk"]},
    ),
    (
        "kind wish: work served by a workplace",
        {"kind": "workplace", "phase": 4, "talents": ("cooking",)},
        {"kind": "club", "talents": ("cooking",)},
        {"talents": ["cooking"], "wishes": ["werk"]},
    ),
    (
        "value wish: learning Dutch served by Dutch practice",
        {"integration_value": ("dutch_practice",), "talents": ()},
        {"talents": ()},
        {"wishes": ["Nederlands leren"]},
    ),
    (
        "free word in the item's own words",
        {"talents": (), "words": "Origami voor beginners"},
        {"talents": ()},
        {"talents": ["origami"]},
    ),
    (
        "free word in the title over the description only",
        {"talents": (), "words": "Origami voor beginners", "title": "Origami"},
        {"talents": (), "words": "Origami voor beginners", "title": "Papier vouwen"},
        {"talents": ["origami"]},
    ),
]
PAIR_CASES = {p[0]: p for p in PAIRS}


def check_pair(case: str) -> None:
    """A scores strictly above B and comes first, whichever of the two was created first (has the lower id)."""
    _, a, b, profile_fields = PAIR_CASES[case]
    for a_id, b_id in ((1, 2), (2, 1)):
        # Same provider, so nothing but the fields in the table tells the two apart.
        first = item(id=a_id, provider="One provider", **a)
        second = item(id=b_id, provider="One provider", **b)
        for order in ([first, second], [second, first]):
            result = match(order, **profile_fields)
            scores = {s.id: s.score for s in result.suggestions}
            assert set(scores) == {a_id, b_id}, f"{case}: both must be suggested, got {scores}"
            assert scores[a_id] > scores[b_id], (
                f"{case}: A (id {a_id}) must score strictly above B (id {b_id}), got {scores}"
            )
            assert ids(result) == [a_id, b_id], case


@pytest.mark.parametrize("case", list(PAIR_CASES))
def test_a_above_b(case: str) -> None:
    check_pair(case)


# (case, item fields, profile fields, expected caution or reason codes, which)
NOTES: list[tuple[str, dict[str, Any], dict[str, Any], set[str], str]] = [
    (
        "stretch caution",
        {"dutch_level_min": "A2"},
        {"dutch_level": "A1"},
        {"dutch_stretch"},
        "cautions",
    ),
    ("ages named when no age given", {"age_min": 12, "age_max": 18}, {}, {"ages"}, "cautions"),
    ("single-sex caution when no gender", {"audience": "women"}, {}, {"women_only"}, "cautions"),
    (
        "outside availability caution",
        {"schedule": TUE_EVENING},
        {"availability": ["mon-evening"]},
        {"outside_availability"},
        "cautions",
    ),
    (
        "cost caution with needs free",
        {"cost_eur_year": 80.0},
        {"needs": ["free"]},
        {"costs"},
        "cautions",
    ),
    (
        "unknown cost caution with needs free",
        {"cost_eur_year": None},
        {"needs": ["free"]},
        {"cost_unknown"},
        "cautions",
    ),
    ("stale caution", OLD, {}, {"stale"}, "cautions"),
    ("big step caution", {"kind": "workplace", "phase": 4}, {"phase": 1}, {"big_step"}, "cautions"),
    ("talent reason", {}, {"talents": ["voetbal"]}, {"talent"}, "reasons"),
    (
        "related reason",
        {"talents": ("athletics",)},
        {"talents": ["running"]},
        {"related"},
        "reasons",
    ),
    (
        "buddy and language reasons",
        {"buddy": True, "languages": ("ar",)},
        {"languages": ["ar"]},
        {"buddy", "language"},
        "reasons",
    ),
    (
        "fits time reason",
        {"schedule": MON_EVENING},
        {"availability": ["mon-evening"]},
        {"fits_time"},
        "reasons",
    ),
    (
        "kind wish reason",
        {"kind": "volunteer", "phase": 2},
        {"wishes": ["volunteering"]},
        {"kind_wish"},
        "reasons",
    ),
    (
        "value reason",
        {"kind": "volunteer", "phase": 2, "integration_value": ("network",)},
        {},
        {"value"},
        "reasons",
    ),
    (
        "words reason",
        {"talents": (), "words": "Origami"},
        {"talents": ["origami"]},
        {"words"},
        "reasons",
    ),
    (
        "women-only as asked",
        {"audience": "women"},
        {"needs": ["women_only"]},
        {"for_women"},
        "reasons",
    ),
]


NOTE_CASES = {n[0]: n for n in NOTES}


def check_note(case: str) -> None:
    """The suggested item carries the expected reason or caution codes."""
    _, item_fields, profile_fields, expected, which = NOTE_CASES[case]
    target = item(**item_fields)
    assert expected <= codes(match([target], **profile_fields), target.id, which), case


@pytest.mark.parametrize("case", list(NOTE_CASES))
def test_notes(case: str) -> None:
    check_note(case)


NO_CAUTION: list[tuple[str, dict[str, Any], dict[str, Any], str]] = [
    ("no age caution when the age is given", {"age_min": 12, "age_max": 18}, {"age": 15}, "ages"),
    (
        "no single-sex caution when gender fits",
        {"audience": "women"},
        {"gender": "f"},
        "women_only",
    ),
    (
        "no single-sex caution when asked",
        {"audience": "women"},
        {"needs": ["women_only"]},
        "women_only",
    ),
    (
        "no big step when work is wished",
        {"kind": "workplace", "phase": 4},
        {"phase": 1, "wishes": ["werk"]},
        "big_step",
    ),
    ("no cost caution without needs free", {"cost_eur_year": None}, {}, "cost_unknown"),
    ("no stale caution at 183 days", {"confirmed": date(2026, 5, 24)}, {}, "stale"),
]


@pytest.mark.parametrize(
    ("case", "item_fields", "profile_fields", "absent"), NO_CAUTION, ids=[n[0] for n in NO_CAUTION]
)
def test_no_caution(
    case: str, item_fields: dict[str, Any], profile_fields: dict[str, Any], absent: str
) -> None:
    target = item(**item_fields)
    assert absent not in codes(match([target], **profile_fields), target.id), case


def test_stale_after_more_than_183_days() -> None:
    target = item(confirmed=date(2026, 5, 23))  # 184 days before TODAY
    assert "stale" in codes(match([target]), target.id)


def test_unknown_words_are_listed_not_an_error() -> None:
    result = match([item()], talents=["football", "zqxw"])
    assert result.not_understood == ("zqxw",)
    assert result.suggestions
