"""Reasons and cautions exist in all eight languages, in the right script, with their parameters filled in."""

from __future__ import annotations

import re

import pytest

from matching.engine import Decay, Note, render
from matching.engine.explain import texts
from matching.taxonomy import default_taxonomy
from matching.vocab import UI_LANGUAGES

SCRIPT = {
    "ar": re.compile(r"[\u0600-\u06FF]"),
    "fa": re.compile(r"[\u0600-\u06FF]"),
    "ti": re.compile(r"[\u1200-\u137F]"),
    "uk": re.compile(r"[\u0400-\u04FF]"),
}
SAMPLES = [
    Note.of("talent", talents=["football", "cooking"]),
    Note.of("related", talent="running", item_talent="athletics"),
    Note.of("group", talent="football", item_talent="volleyball"),
    Note.of("in_field", talent="sport", item_talent="football"),
    Note.of("field_item", talent="football", item_talent="sport"),
    Note.of("words", words=["origami"]),
    Note.of("kind_wish", kind="volunteer"),
    Note.of("value_wish", values=["dutch_practice"]),
    Note.of("near", km=1.5),
    Note.of("next_step", phase=2),
    Note.of("same_step", phase=1),
    Note.of("no_dutch_needed"),
    Note.of("value", values=["network", "work_experience"]),
    Note.of("language", languages=["ti", "ar"]),
    Note.of("buddy"),
    Note.of("free_trial"),
    Note.of("free"),
    Note.of("subsidy"),
    Note.of("fits_time", slots=["mon-evening", "sat-morning"]),
    Note.of("for_women"),
    Note.of("dutch_stretch", level="A2"),
    Note.of("big_step", phase=4),
    Note.of("ages", min=12, max=18),
    Note.of("ages", min=18, max=None),
    Note.of("ages", min=None, max=23),
    Note.of("women_only"),
    Note.of("men_only"),
    Note.of("few_places", places=1),
    Note.of("outside_availability"),
    Note.of("cost_unknown"),
    Note.of("costs", eur=120),
    Note.of("stale", months=7),
]


def test_every_text_in_every_language() -> None:
    for code, by_lang in texts()["notes"].items():
        assert set(by_lang) == set(UI_LANGUAGES), code
        assert all(t.strip() for t in by_lang.values()), code
    rendered = {n.code if n.code != "ages" else "ages_range" for n in SAMPLES}
    assert set(texts()["notes"]) <= rendered | {"ages_min", "ages_max"}


@pytest.mark.parametrize("lang", UI_LANGUAGES)
def test_render_fills_every_parameter_in_the_right_script(lang: str) -> None:
    taxonomy = default_taxonomy()
    for note in SAMPLES:
        text = render(note, lang, taxonomy)
        assert "{" not in text and "None" not in text, (lang, note.code, text)
        if lang in SCRIPT and note.code not in ("near",):
            assert SCRIPT[lang].search(text), (lang, note.code, text)
    assert taxonomy.label("football", lang) in render(SAMPLES[0], lang, taxonomy)
    assert "18" in render(Note.of("ages", min=12, max=18), lang, taxonomy)


def test_day_and_language_names_are_localised() -> None:
    taxonomy = default_taxonomy()
    assert "maandag avond" in render(Note.of("fits_time", slots=["mon-evening"]), "nl", taxonomy)
    assert "Tigrinya" in render(Note.of("language", languages=["ti"]), "en", taxonomy)
    assert "ትግርኛ" in render(Note.of("language", languages=["ti"]), "ti", taxonomy)


@pytest.mark.parametrize(
    ("method", "offset", "scale"),
    [("cubic", 0, 1), ("exp", -1, 1), ("exp", 0, 0), ("gauss", 0, -2), ("linear", float("nan"), 1)],
)
def test_decay_rejects_bad_parameters(method: str, offset: float, scale: float) -> None:
    with pytest.raises(ValueError):
        Decay(method, offset=offset, scale=scale)


@pytest.mark.parametrize("method", ["linear", "exp", "gauss"])
def test_decay_is_one_up_to_offset_half_at_offset_plus_scale_and_falling(method: str) -> None:
    import numpy as np

    decay = Decay(method, offset=1.0, scale=2.0)
    values = decay(np.array([0.0, 1.0, 3.0, 5.0, 8.0]))
    assert values[0] == values[1] == 1.0
    assert abs(values[2] - 0.5) < 1e-9
    assert all(np.diff(values) <= 0) and values.min() >= 0


@pytest.mark.parametrize("lang", UI_LANGUAGES)
def test_every_note_of_real_suggestions_renders(lang: str) -> None:
    """End to end: what the engine emits for the demo catalogue renders in every language."""
    from matching.engine import Engine, MatchIndex
    from tests.engine.support import TODAY, demo_items, profile

    engine = Engine(MatchIndex.build(demo_items()))
    profiles = [
        profile(talents=["ጉያ", "koffie"], languages=["ti"], availability=["tue-evening", "sat"]),
        profile(wishes=["werk", "Nederlands leren"], dutch_level="A1", needs=["free"], phase=1),
        profile(talents=["zwemmen"], needs=["women_only"], travel="transit"),
    ]
    seen = set()
    for p in profiles:
        for s in engine.match(p, today=TODAY, limit=10).suggestions:
            for note in (*s.reasons, *s.cautions):
                text = render(note, lang, engine.taxonomy)
                assert text and "{" not in text, (note, text)
                seen.add(note.code)
    assert {"talent", "fits_time", "kind_wish", "for_women"} <= seen
