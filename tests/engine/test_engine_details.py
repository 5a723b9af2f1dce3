"""Details of the engine's plumbing that the rule tests do not pin down (found by mutation testing): the
exact text of a reason or caution in the person's language, what a profile's answers become (places,
times, errors naming the field), how the taxonomy spreads credit from a talent or wish, how an item's
own words and schedule are read, and the index's columns, postings, grid search and patches."""

from __future__ import annotations

import dataclasses
import math
import random
from datetime import date
from typing import Any

import numpy as np
import pytest

from matching.engine import MatchIndex, Note, ProfileError, parse_profile, render
from matching.engine.explain import note_document
from matching.engine.index import haversine_many, words_hash
from matching.engine.items import schedule_mask, slots_of
from matching.engine.profile import Location, Profile, profile_from_input
from matching.engine.query import _NEIGHBOURS, _neighbours, build_query, matching_tokens
from matching.engine.words import tokens
from matching.geo import haversine_km
from matching.profile_schema import validate_profile
from matching.taxonomy import Entry, Taxonomy, default_taxonomy
from matching.vocab import AUDIENCES, DUTCH_LEVELS, INTEGRATION_VALUES, KINDS
from tests.engine.support import ZOETERMEER, item, profile

# --- explain: the text a person reads ---------------------------------------------------------------

TEXTS: list[tuple[Note, str, str]] = [
    (Note.of("talent", talents=["football", "cooking"]), "Matches your talent: Football, Cooking",
     "Past bij je talent: Voetbal, Koken"),
    (Note.of("related", talent="running", item_talent="athletics"),
     "Close to what you like (Running): Athletics", "Lijkt op wat je graag doet (Hardlopen): Atletiek"),
    (Note.of("words", words=["origami", "zang"]), "Mentions your words: “origami”, “zang”",
     "Noemt jouw woorden: “origami”, “zang”"),
    (Note.of("kind_wish", kind="volunteer"), "What you asked for: volunteer work",
     "Waar je om vroeg: vrijwilligerswerk"),
    (Note.of("value", values=["network", "work_experience"]),
     "Good for: meeting people, work experience", "Goed voor: nieuwe mensen leren kennen, werkervaring"),
    (Note.of("language", languages=["ti", "ar"]), "Someone there speaks Tigrinya, Arabic",
     "Iemand daar spreekt Tigrinya, Arabisch"),
    # a regional code is named by its language; a code no one knows is shown as it is
    (Note.of("language", languages=["pt-BR", "qqq"]), "Someone there speaks Portuguese, qqq",
     "Iemand daar spreekt Portugees, qqq"),
    (Note.of("fits_time", slots=["mon-evening", "sat-morning", "wed-afternoon"]),
     "Fits your time: Monday evening, Saturday morning, Wednesday afternoon",
     "Past in je tijd: maandag avond, zaterdag ochtend, woensdag middag"),
    (Note.of("near", km=1234.56), "Close by: 1,234.6 km", "Dichtbij: 1.234,6 km"),
    (Note.of("near", km=2.0), "Close by: 2 km", "Dichtbij: 2 km"),
    (Note.of("ages", min=12, max=18), "Only for ages 12 to 18", "Alleen voor 12 tot en met 18 jaar"),
    (Note.of("ages", min=18, max=None), "Only from age 18", "Pas vanaf 18 jaar"),
    (Note.of("ages", min=None, max=23), "Only up to age 23", "Alleen tot en met 23 jaar"),
    (Note.of("ages", min=0, max=0), "Only for ages 0 to 0", "Alleen voor 0 tot en met 0 jaar"),
    (Note.of("few_places", places=1), "Places left: 1", "Nog vrije plaatsen: 1"),
    (Note.of("next_step", phase=None), "A good next step (phase )", "Een goede volgende stap (fase )"),
    (Note.of("free"), "Free", "Gratis"),
]  # fmt: skip


@pytest.mark.parametrize(("note", "english", "dutch"), TEXTS)
def test_a_note_reads_exactly_so_in_english_and_dutch(note: Note, english: str, dutch: str) -> None:
    """Every kind of parameter is filled in as a person reads it: labels, lists, days, numbers."""
    taxonomy = default_taxonomy()
    assert render(note, "en", taxonomy) == english
    assert render(note, "nl", taxonomy) == dutch


def test_an_unknown_language_reads_english() -> None:
    """A language Opstap has no texts for falls back to English rather than failing."""
    taxonomy = default_taxonomy()
    for note, english, _ in TEXTS:
        assert render(note, "de", taxonomy) == english


def test_arabic_lists_use_the_arabic_comma_and_names() -> None:
    """Lists are joined with the language's own separator, names are in the language."""
    taxonomy = default_taxonomy()
    assert render(Note.of("talent", talents=["football", "cooking"]), "ar", taxonomy) == (
        "يناسب موهبتك: كرة القدم، الطبخ"
    )
    assert render(Note.of("fits_time", slots=["mon-evening"]), "ar", taxonomy) == (
        "يناسب وقتك: الاثنين مساءً"
    )


def test_a_note_document_carries_code_text_and_params() -> None:
    """The API shape of a note: its code, the text in the language, and the parameters as lists."""
    note = Note.of("talent", talents=["football", "cooking"])
    assert note_document(note, "nl", default_taxonomy()) == {
        "code": "talent",
        "text": "Past bij je talent: Voetbal, Koken",
        "params": {"talents": ["football", "cooking"]},
    }


def test_a_note_keeps_its_parameters_sorted_and_hashable() -> None:
    """Note.of freezes lists into tuples in name order; param_dict gives lists back."""
    note = Note.of("ages", min=12, max=18, talents=["a", "b"])
    assert note.params == (("max", 18), ("min", 12), ("talents", ("a", "b")))
    assert note == Note.of("ages", talents=("a", "b"), max=18, min=12)
    assert hash(note) == hash(Note.of("ages", talents=["a", "b"], min=12, max=18))
    assert note.param_dict() == {"max": 18, "min": 12, "talents": ["a", "b"]}
    assert Note.of("free") == Note("free", ())


# --- profile: what a person's answers become --------------------------------------------------------

HERE = {"lat": 52.06, "lon": 4.49}
AREA = (50.7, 3.3, 53.6, 7.3)  # south, west, north, east


def test_every_answer_reaches_the_engine_profile() -> None:
    """Each field of the profile document arrives in the engine's Profile unchanged in meaning."""
    full = parse_profile(
        {"location": {"lat": 52.0, "lon": 4.5, "postcode": "2711"}, "talents": ["voetbal"],
         "wishes": ["werk"], "dutch_level": "A2", "languages": ["ar"], "travel": "walk",
         "max_distance_km": 3, "availability": ["mon-evening"], "phase": 2, "age": 30,
         "gender": "f", "needs": ["free"]}
    )  # fmt: skip
    assert full == Profile(
        location=Location(52.0, 4.5, "2711"), talents=("voetbal",), wishes=("werk",),
        dutch_level="A2", languages=("ar",), travel="walk", max_distance_km=3.0,
        availability=((0, 2),), phase=2, age=30, gender="f", needs=("free",),
    )  # fmt: skip
    assert full.dutch_rank == 2 and full.reach_km == 3.0


def test_a_validated_profile_is_taken_as_it_is() -> None:
    """parse_profile accepts an already validated ProfileIn and still applies the service area."""
    data = validate_profile({"location": HERE, "talents": ["koken"]})
    assert parse_profile(data).talents == ("koken",)
    assert profile_from_input(data).location == Location(52.06, 4.49)
    outside = validate_profile({"location": {"lat": 4.49, "lon": 52.06}})
    with pytest.raises(ProfileError):
        parse_profile(outside, service_area=AREA)
    with pytest.raises(ProfileError):
        profile_from_input(outside, service_area=AREA)


@pytest.mark.parametrize(
    ("availability", "mask"),
    [
        ([], 0),
        (["mon-morning"], 0b1),
        (["mon-evening"], 0b100),
        (["tue-morning"], 0b1000),
        (["sun-evening"], 1 << 20),
        (["mon"], 0b111),
        (["morning"], sum(1 << (3 * d) for d in range(7))),
        (["mon-evening", "wed-afternoon"], (1 << 2) | (1 << 7)),
    ],
)
def test_availability_becomes_one_bit_per_part_of_a_day(availability: list[str], mask: int) -> None:
    """Bit day*3 + part for each part of a day the person is free (0 = any time)."""
    assert profile(availability=availability).availability_mask() == mask


@pytest.mark.parametrize(
    ("availability", "slots"),
    [
        (["evening"], [(d, 2) for d in range(7)]),
        (["sat"], [(5, 0), (5, 1), (5, 2)]),
        (["sun-afternoon", "mon-morning", "mon-morning"], [(0, 0), (6, 1)]),
    ],
)
def test_availability_forms_name_their_slots(
    availability: list[str], slots: list[tuple[int, int]]
) -> None:
    """'evening' is every evening, 'sat' the whole Saturday; repeats count once, in week order."""
    assert list(profile(availability=availability).availability) == slots


def test_a_profile_error_says_field_and_reason() -> None:
    """The message a caller shows is 'field: reason'; both are kept apart too."""
    with pytest.raises(ProfileError) as caught:
        parse_profile(["not", "an", "object"])  # type: ignore[arg-type]
    error = caught.value
    assert (error.field, error.message, str(error)) == (
        "profile", "must be a JSON object", "profile: must be a JSON object"
    )  # fmt: skip


@pytest.mark.parametrize(
    ("lookup", "message"),
    [
        (None, "location.postcode: cannot be placed here; give lat and lon"),
        (lambda code: None, "location.postcode: postcode 2711 is not known"),
    ],
)
def test_a_postcode_that_cannot_be_placed_is_named(lookup: Any, message: str) -> None:
    """Without a lookup, or with one that does not know the postcode, the postcode field is named."""
    with pytest.raises(ProfileError) as caught:
        parse_profile({"location": {"postcode": "2711"}}, postcode_lookup=lookup)
    assert str(caught.value) == message


def test_coordinates_win_over_the_postcode_and_keep_it() -> None:
    """With lat and lon given the lookup is not asked; the postcode is kept for the record."""

    def lookup(code: str) -> tuple[float, float] | None:
        raise AssertionError("the lookup is not needed")

    p = parse_profile({"location": {**HERE, "postcode": "2711"}}, postcode_lookup=lookup)
    assert p.location == Location(52.06, 4.49, "2711")
    placed = parse_profile(
        {"location": {"postcode": "2711"}}, postcode_lookup=lambda c: (52.1, 4.3)
    )
    assert placed.location == Location(52.1, 4.3, "2711")


@pytest.mark.parametrize(
    ("lat", "lon"),
    [(50.7, 3.3), (53.6, 7.3), (50.7, 7.3), (53.6, 3.3), (52.0, 5.0)],
)
def test_the_service_area_includes_its_edges(lat: float, lon: float) -> None:
    """A start exactly on the service area's edge is inside."""
    p = parse_profile({"location": {"lat": lat, "lon": lon}}, service_area=AREA)
    assert (p.location.lat, p.location.lon) == (lat, lon)


@pytest.mark.parametrize(
    ("lat", "lon"),
    [(50.69, 5.0), (53.61, 5.0), (52.0, 3.29), (52.0, 7.31), (4.49, 52.06)],
)
def test_a_start_outside_the_service_area_is_refused(lat: float, lon: float) -> None:
    """Outside the area on any side is an error naming the location, with a hint at swapped values."""
    with pytest.raises(ProfileError) as caught:
        parse_profile({"location": {"lat": lat, "lon": lon}}, service_area=AREA)
    assert caught.value.field == "location"
    assert caught.value.message == (
        f"{lat:g},{lon:g} is outside the service area (50.7,3.3 to 53.6,7.3); "
        "latitude and longitude swapped?"
    )


def test_a_placed_postcode_is_checked_against_the_area_too() -> None:
    """A postcode the lookup places outside the service area is refused like coordinates."""
    with pytest.raises(ProfileError) as caught:
        parse_profile(
            {"location": {"postcode": "2711"}}, postcode_lookup=lambda c: (4.49, 52.06),
            service_area=AREA,
        )  # fmt: skip
    assert caught.value.field == "location"


# --- query: how the taxonomy spreads credit ---------------------------------------------------------


def _query(**fields: Any):  # type: ignore[no-untyped-def]
    return build_query(profile(**fields), default_taxonomy())


def test_a_talent_credits_itself_related_its_field_and_its_group() -> None:
    """Football: itself 1.0, related futsal 0.6, the field 'sport' 0.7, another sport 0.3."""
    q = _query(talents=["football"])
    assert (q.weights["football"], q.weights["futsal"], q.weights["coaching_children"]) == (
        1.0, 0.6, 0.6
    )  # fmt: skip
    assert (q.weights["sport"], q.weights["volleyball"], q.weights["chess"]) == (0.7, 0.3, 0.3)
    assert (q.relation["football"], q.relation["futsal"]) == ("exact", "related")
    assert (q.relation["sport"], q.relation["volleyball"]) == ("field_item", "group")
    assert set(q.source.values()) == {"football"}
    assert "cooking" not in q.weights and q.wish_weights == {}
    assert q.codes == ("football",) and q.talent_asked and q.has_talents and not q.has_kind_wish


def test_a_group_named_credits_every_activity_in_it() -> None:
    """'sport' itself 1.0, each activity in the field 0.85 (in_field), nothing outside it."""
    q = _query(talents=["sport"])
    assert q.weights["sport"] == 1.0 and q.relation["sport"] == "exact"
    members = {
        c for c, e in default_taxonomy().entries.items() if e.group == "sport" and c != "sport"
    }
    assert {c for c in q.weights if c != "sport"} == members
    assert {q.weights[c] for c in members} == {0.85}
    assert {q.relation[c] for c in members} == {"in_field"}
    assert q.source == {c: "sport" for c in q.weights}  # the reason names the field asked


def test_a_group_named_first_does_not_stop_the_talents_after_it() -> None:
    """'sport' then 'cooking': cooking and its own field are credited as well."""
    q = _query(talents=["sport", "cooking"])
    assert (q.weights["sport"], q.weights["cooking"], q.weights["food"]) == (1.0, 1.0, 0.7)
    assert (q.source["cooking"], q.relation["cooking"]) == ("cooking", "exact")


def test_related_works_in_both_directions() -> None:
    """Only theatre lists dance as related; a dancer still gets theatre as related."""
    q = _query(talents=["dance"])
    assert (q.weights["theatre"], q.relation["theatre"], q.source["theatre"]) == (
        0.6, "related", "dance"
    )  # fmt: skip


def test_a_wish_asks_for_a_kind_or_value_and_lends_a_little_to_its_activities() -> None:
    """Learning Dutch wants dutch_practice and lends language café 0.6; it is no talent asked."""
    q = _query(wishes=["learning_dutch"])
    assert q.values == {"dutch_practice"} and q.kinds == frozenset()
    assert q.wish_codes == {"dutch_practice": "learning_dutch"}
    assert q.wish_weights == {"language_cafe": 0.6}  # 'course' serves a kind: not an activity
    assert q.weights == {} and not q.talent_asked and not q.has_talents and q.has_kind_wish
    assert (q.source, q.relation) == (
        {"language_cafe": "learning_dutch"},
        {"language_cafe": "related"},
    )
    work = _query(wishes=["work", "volunteering"])
    assert work.kinds == {"workplace", "volunteer"} and work.values == frozenset()
    assert work.wish_codes == {"workplace": "work", "volunteer": "volunteering"}
    assert work.has_kind_wish and not work.has_talents


def test_a_talent_is_not_credited_a_wish_as_an_activity() -> None:
    """Language café is related to learning Dutch, a wish: the wish gets no talent credit."""
    q = _query(talents=["language_cafe"])
    assert "learning_dutch" not in q.weights and "meeting_people" not in q.weights
    assert q.weights["buddy"] == 0.6


def test_the_persons_own_talent_explains_before_a_wish() -> None:
    """Language café named as a talent after the wish that lends it: the talent is its source."""
    q = _query(wishes=["learning_dutch", "language_cafe"])
    assert q.weights["language_cafe"] == 1.0 and q.wish_weights["language_cafe"] == 0.6
    assert (q.source["language_cafe"], q.relation["language_cafe"]) == ("language_cafe", "exact")
    first = _query(talents=["language_cafe"], wishes=["learning_dutch"])
    assert (first.source["language_cafe"], first.relation["language_cafe"]) == (
        "language_cafe", "exact"
    )  # fmt: skip


def test_the_first_talent_that_gives_the_highest_credit_explains_it() -> None:
    """Football then futsal: futsal is exact; the field and other sports stay credited to football."""
    q = _query(talents=["football", "futsal"])
    assert (q.weights["futsal"], q.source["futsal"], q.relation["futsal"]) == (
        1.0,
        "futsal",
        "exact",
    )
    assert (q.source["sport"], q.source["volleyball"]) == ("football", "football")
    assert q.codes == ("football", "futsal")


def test_free_words_not_understood_are_kept() -> None:
    """A word the taxonomy does not know is kept as unknown; it still counts as asking activities."""
    q = _query(talents=["origami"])
    assert q.unknown == ("origami",) and q.codes == () and q.weights == {}
    assert q.has_talents and not q.talent_asked and not q.has_kind_wish


def _entry(code: str, group: str, **extra: Any) -> Entry:
    return Entry(code, group, "", {"en": code, "nl": code}, {}, **extra)


def _small_taxonomy() -> Taxonomy:
    entries = [
        _entry("craft", "craft", is_group=True),
        _entry("sawing", "craft", related=("gluing", "nowhere")),
        _entry("gluing", "craft"),
        _entry("wishes", "wishes", is_group=True),
        _entry("job", "wishes", serves={"kind": "workplace"}),
        _entry("paid_job", "wishes", serves={"kind": "workplace"}),
        _entry("odd", "wishes"),  # an activity filed under wishes: no field, no group credit
        _entry("even", "wishes"),
        _entry("hobby", "wishes", serves={"kind": "hobby"}),  # not a kind Opstap knows
        _entry("empty", "empty", is_group=True),  # a group without activities yet
        _entry("knot", "ropes"),  # its group has no entry of its own
        _entry("splice", "knot"),  # filed under an activity, not a group
    ]
    return Taxonomy({e.code: e for e in entries})


def test_a_small_taxonomy_spreads_credit_by_its_own_rules() -> None:
    """Related codes missing from the taxonomy are ignored; the first wish asking a kind names it."""
    taxonomy = _small_taxonomy()
    q = build_query(
        profile(talents=["sawing", "odd"], wishes=["job", "paid_job", "hobby"]), taxonomy
    )
    assert q.weights == {"sawing": 1.0, "gluing": 0.6, "craft": 0.7, "odd": 1.0}
    assert q.kinds == {"workplace"} and q.wish_codes == {"workplace": "job"}
    related, members = _neighbours(taxonomy)
    assert related["gluing"] == {"sawing"} and related["sawing"] == {"gluing"}
    assert members == {
        "craft": ("sawing", "gluing"), "wishes": ("odd", "even"), "ropes": ("knot",), "knot": ("splice",)
    }  # fmt: skip


def test_a_field_is_credited_only_when_it_is_a_group() -> None:
    """No field credit from a group code missing from the taxonomy or naming an activity."""
    taxonomy = _small_taxonomy()
    assert build_query(profile(talents=["knot"]), taxonomy).weights == {"knot": 1.0}
    assert build_query(profile(talents=["splice"]), taxonomy).weights == {"splice": 1.0}
    empty = build_query(profile(talents=["empty", "gluing"]), taxonomy)
    assert empty.weights == {"empty": 1.0, "gluing": 1.0, "sawing": 0.6, "craft": 0.7}


def test_the_neighbour_cache_never_answers_for_another_taxonomy() -> None:
    """A cached entry under a recycled id belongs to another taxonomy: it is rebuilt, not reused."""
    taxonomy = _small_taxonomy()
    _NEIGHBOURS[id(taxonomy)] = (default_taxonomy(), ({}, {}))
    assert _neighbours(taxonomy)[1]["craft"] == ("sawing", "gluing")
    assert _NEIGHBOURS[id(taxonomy)][0] is taxonomy
    assert _neighbours(taxonomy) is _neighbours(taxonomy)


def test_the_neighbour_cache_stays_small() -> None:
    """More than a handful of taxonomies empty the cache instead of growing it."""
    kept = [_small_taxonomy() for _ in range(12)]
    _NEIGHBOURS.clear()
    for taxonomy in kept[:9]:
        _neighbours(taxonomy)
    assert len(_NEIGHBOURS) == 9
    _neighbours(kept[9])
    assert len(_NEIGHBOURS) == 1


VOCABULARY = {
    "schaakclub": 0, "schaak": 1, "voetbal": 2, "bal": 3, "koken": 4, "kok": 5, "club": 6, "bakken": 7
}  # fmt: skip


@pytest.mark.parametrize(
    ("word", "hits"),
    [
        ("schaak", [[0, 1]]),  # the word itself, and inside a compound
        ("Schaak club", [[0, 6], [0, 1]]),  # each token, in sorted token order
        ("voetbaal", [[2]]),  # a typo of five letters or more
        ("voetbla", [[]]),  # too far off
        ("koke", [[4]]),  # four letters: inside a word, no typo search
        ("kok", [[5]]),  # three letters: only the word itself
        ("bal", [[3]]),
        ("kokenn", [[4]]),
        ("bakkn", [[7]]),  # five letters: a typo of a longer word, not part of it
        ("xy", []),  # no token long enough
    ],
)
def test_a_free_word_matches_words_parts_and_typos(word: str, hits: list[list[int]]) -> None:
    """Same word; part of a compound from four letters; a typo from five letters (ratio 88)."""
    assert matching_tokens(word, VOCABULARY) == hits
    assert matching_tokens(word, VOCABULARY, list(VOCABULARY)) == hits


def test_a_free_word_finds_every_close_typo() -> None:
    """No cap on the typo search: every word within the ratio counts."""
    vocabulary = {f"bakk{c}n": n for n, c in enumerate("aeiouyx")}
    assert matching_tokens("bakkn", vocabulary) == [list(range(7))]


def test_a_free_word_searches_only_the_keys_given() -> None:
    """With keys given, the part and typo searches look only at those (the caller's cached list)."""
    assert matching_tokens("schaak", VOCABULARY, ["schaakclub"]) == [[0, 1]]
    assert matching_tokens("voetbaal", VOCABULARY, ["schaakclub"]) == [[]]


# --- words and items: an item's own text and times --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Schaak-club De Toren, 2x per week!", {"schaak", "club", "toren", "per", "week"}),
        ("Café Ünal zwemt", {"cafe", "unal", "zwemt"}),
        ("ab abc", {"abc"}),
        ("", set()),
    ],
)
def test_an_items_words_are_normalised_tokens_of_three_letters_or_more(
    text: str, words: set[str]
) -> None:
    """Lower case, accents off, punctuation splits, words under three letters dropped."""
    assert tokens(text) == words


def test_only_the_opening_of_a_long_text_is_read() -> None:
    """Words past the first 600 characters are not indexed."""
    assert tokens("x" * 594 + " early late") == {"x" * 594, "early"}
    assert tokens("x" * 595 + " early late") == {"x" * 595, "earl"}
    assert tokens("é" * 594 + " early late") == {"e" * 594, "early"}


@pytest.mark.parametrize(
    ("session", "slots"),
    [
        ({"day": "mon", "start": "19:00", "end": "21:00"}, [(0, 2)]),
        ({"day": "Tuesday", "start": "11:30", "end": "12:30"}, [(1, 0), (1, 1)]),
        ({"day": "wed", "start": "12:00", "end": "18:00"}, [(2, 1)]),  # touching edges do not count
        ({"day": "thu", "start": "06:00", "end": "06:01"}, [(3, 0)]),
        ({"day": "fri", "start": "05:00", "end": "06:00"}, []),  # before the morning
        ({"day": "sun", "start": "17:59", "end": "18:01"}, [(6, 1), (6, 2)]),
        ({"day": "sat", "start": "08:00", "end": "23:00"}, [(5, 0), (5, 1), (5, 2)]),
    ],
)
def test_a_session_fits_the_parts_of_the_day_it_overlaps(
    session: dict[str, str], slots: list[tuple[int, int]]
) -> None:
    """Morning 06–12, afternoon 12–18, evening 18–24; a session counts where it overlaps."""
    mask = schedule_mask([session])
    assert slots_of(mask) == slots


def test_a_schedule_of_several_sessions_sets_every_slot_in_week_order() -> None:
    """The mask unites the sessions; slots_of lists them day by day."""
    mask = schedule_mask(
        [
            {"day": "sat", "start": "10:00", "end": "11:00"},
            {"day": "mon", "start": "19:00", "end": "20:00"},
        ]
    )
    assert mask == (1 << 2) | (1 << 15)
    assert slots_of(mask) == [(0, 2), (5, 0)]
    assert slots_of(0) == [] and schedule_mask([]) == 0
    assert slots_of((1 << 22) - 1) == slots_of(
        (1 << 21) - 1
    )  # bits past Sunday evening mean nothing
    assert slots_of((1 << 21) - 1)[-1] == (6, 2) and len(slots_of((1 << 21) - 1)) == 21


# --- index: columns, postings, grid search and patches ----------------------------------------------

ONE = dict(
    kind="volunteer", provider="Buurthuis", talents=("cooking", "baking", "gardening"),
    words="Samen koken en bakken in de moestuin", title="Kooktafel", phase=3, dutch_level_min="A2",
    languages=("ar", "ti"), schedule_mask=0b100, places_left=None, cost_eur_year=None, subsidy=True,
    age_min=None, age_max=67, audience="women", free_trial=True, buddy=True,
    integration_value=("network", "reference"), confirmed=date(2026, 10, 2),
)  # fmt: skip


def test_the_index_holds_each_value_of_an_item() -> None:
    """Every matching value of an item is found at its position, unknowns as -1 or NaN."""
    target = item(**ONE)
    index = MatchIndex.build([item(lat=52.2, lon=4.7, provider="Elders"), target])
    at = index.position(target.id)
    assert at is not None and index.size == 2
    assert (int(index.ids[at]), float(index.lat[at]), float(index.lon[at])) == (
        target.id, target.lat, target.lon
    )  # fmt: skip
    assert KINDS[int(index.kind[at])] == "volunteer" and int(index.phase[at]) == 3
    assert DUTCH_LEVELS[int(index.dutch[at])] == "A2"
    assert (int(index.places[at]), np.isnan(index.cost[at]), bool(index.subsidy[at])) == (
        -1,
        True,
        True,
    )
    assert (int(index.age_min[at]), int(index.age_max[at])) == (-1, 67)
    assert AUDIENCES[int(index.audience[at])] == "women"
    assert (bool(index.free_trial[at]), bool(index.buddy[at]), bool(index.active[at])) == (
        True,
        True,
        True,
    )
    assert int(index.values[at]) == (1 << INTEGRATION_VALUES.index("network")) | (
        1 << INTEGRATION_VALUES.index("reference")
    )
    assert int(index.schedule[at]) == 0b100 and index.confirmed_at(at) == date(2026, 10, 2)
    assert index.providers[int(index.provider[at])] == "Buurthuis"
    assert index.talents_at(at) == ("cooking", "baking", "gardening")
    assert index.languages_at(at) == ("ar", "ti")
    assert int(index.words_hash[at]) == words_hash("Samen koken en bakken in de moestuin")
    other = 1 - at
    assert (index.talents_at(other), index.languages_at(other)) == (("football",), ())
    assert (int(index.places[other]), float(index.cost[other])) == (5, 0.0)
    assert (int(index.age_min[other]), int(index.age_max[other]), int(index.values[other])) == (
        -1,
        -1,
        0,
    )


def test_known_places_costs_and_ages_are_kept() -> None:
    """Places, a cost and both age limits are stored as given."""
    target = item(places_left=0, cost_eur_year=120.5, age_min=16, age_max=23, status="withdrawn")
    index = MatchIndex.build([target])
    assert (int(index.places[0]), float(index.cost[0])) == (0, 120.5)
    assert (int(index.age_min[0]), int(index.age_max[0]), bool(index.active[0])) == (16, 23, False)


def test_the_columns_are_compact() -> None:
    """Each column has the small type the memory budget at 500k items is planned with."""
    index = MatchIndex.build([item(**ONE), item()])
    dtypes = {
        "ids": np.int64, "lat": np.float64, "lon": np.float64, "cell": np.int64, "kind": np.int8,
        "phase": np.int8, "dutch": np.int8, "places": np.int32, "cost": np.float32,
        "subsidy": np.bool_, "age_min": np.int16, "age_max": np.int16, "audience": np.int8,
        "free_trial": np.bool_, "buddy": np.bool_, "values": np.uint8, "schedule": np.int32,
        "confirmed": np.int32, "active": np.bool_, "provider": np.int32, "words_hash": np.int64,
        "talent_ptr": np.int32, "talent_ids": np.int16, "language_ptr": np.int32,
        "language_ids": np.int16,
    }  # fmt: skip
    assert {name: getattr(index, name).dtype for name in dtypes} == {
        name: np.dtype(d) for name, d in dtypes.items()
    }
    postings = [*index.talent_postings, *index.language_postings, *index.word_postings,
                *index.title_postings]  # fmt: skip
    assert {p.dtype for p in postings} == {np.dtype(np.int32)}


def test_an_empty_index_has_empty_columns_of_the_right_type() -> None:
    """No items: every column is empty and a search finds nothing."""
    index = MatchIndex.build([])
    assert index.size == 0 and index.origin == (0.0, 0.0)
    assert len(index.ids) == len(index.kind) == len(index.talent_ptr) - 1 == 0
    assert index.ids.dtype == np.int64 and index.talent_postings == []
    assert index.position(5) is None and index.patch([item(status="withdrawn")])
    assert not index.patch([item()])


def test_postings_list_the_positions_that_carry_each_key() -> None:
    """A talent, language, word or title word lists every item carrying it, in grid order."""
    items = [
        item(lat=52.0 + n * 0.07, lon=4.0 + (n % 3) * 0.1, talents=talents, languages=langs,
             words=words, title=title)
        for n, (talents, langs, words, title) in enumerate([
            (("chess", "football"), ("ar",), "Schaakclub de toren", "De Toren"),
            (("football",), (), "Voetbal voor iedereen", "Voetbal"),
            (("chess",), ("ar", "fa"), "Schaken en dammen", "Dammen"),
            ((), ("fa",), "Toren bouwen", "Lego"),
        ])
    ]  # fmt: skip
    index = MatchIndex.build(items)

    def ids(positions: Any) -> set[int]:
        assert list(positions) == sorted(positions)  # grid order
        return {int(index.ids[p]) for p in positions}

    talent = dict(zip(index.talent_codes, index.talent_postings, strict=True))
    assert {c: ids(p) for c, p in talent.items()} == {
        "chess": {items[0].id, items[2].id}, "football": {items[0].id, items[1].id}
    }  # fmt: skip
    language = dict(zip(index.language_codes, index.language_postings, strict=True))
    assert {c: ids(p) for c, p in language.items()} == {
        "ar": {items[0].id, items[2].id}, "fa": {items[2].id, items[3].id}
    }  # fmt: skip
    word = {w: ids(index.word_postings[n]) for w, n in index.vocabulary.items()}
    title = {w: ids(index.title_postings[n]) for w, n in index.vocabulary.items()}
    assert word["toren"] == {items[0].id, items[3].id} and title["toren"] == {items[0].id}
    assert word["dammen"] == {items[2].id} and title["lego"] == {items[3].id}
    assert word["lego"] == set() and title["schaakclub"] == set()
    assert len(index.word_postings) == len(index.title_postings) == len(index.vocabulary)


def test_many_talents_keep_each_items_own_order() -> None:
    """An item's talents and languages come back in its own order, wherever it lies in the grid."""
    rng = random.Random(5)
    codes = ["chess", "football", "cooking", "baking", "gardening", "sewing"]
    items = [item(talents=tuple(rng.sample(codes, 5)), languages=tuple(rng.sample(["ar", "fa", "ti", "so"], 3)),
                  lat=rng.uniform(52.0, 52.2), lon=rng.uniform(4.3, 4.6))
             for _ in range(300)]  # fmt: skip  # grid order differs from the order items come in
    index = MatchIndex.build(items)
    for it in items:
        at = index.position(it.id)
        assert at is not None
        assert index.talents_at(at) == it.talents and index.languages_at(at) == it.languages


def test_items_are_in_grid_order_with_ids_breaking_ties() -> None:
    """Positions follow the grid cell, and within a cell the id, whatever order items came in."""
    items = [
        item(id=n, lat=52.0 + (n % 4) * 0.06, lon=4.0 + (n % 3) * 0.09) for n in range(30, 0, -1)
    ]
    index = MatchIndex.build(items)
    cells = index.cell.tolist()
    assert cells == sorted(cells)
    pairs = list(zip(cells, index.ids.tolist(), strict=True))
    assert pairs == sorted(pairs)
    assert index.origin == (52.0, 4.0) and index.n_cols == math.ceil((4.18 - 4.0) / 0.08) + 2
    for it in items:
        at = index.position(it.id)
        assert at is not None and int(index.ids[at]) == it.id
        row, col = divmod(int(index.cell[at]), index.n_cols)
        assert (row, col) == (math.floor((it.lat - 52.0) / 0.05), math.floor((it.lon - 4.0) / 0.08))


@pytest.mark.parametrize("missing", [0, 4, 31, 10**12])
def test_an_id_the_index_does_not_hold_has_no_position(missing: int) -> None:
    """Below, between and above the ids held: None, never a neighbour's position."""
    index = MatchIndex.build([item(id=n) for n in (3, 5, 30)])
    assert index.position(missing) is None
    assert [index.position(n) for n in (3, 5, 30)] == [
        int(np.flatnonzero(index.ids == n)[0]) for n in (3, 5, 30)
    ]


def test_mark_keeps_the_highest_weight_per_item() -> None:
    """Postings given in any order: each item gets the highest weight of those it is in, others 0."""
    index = MatchIndex.build([item(id=n) for n in range(1, 6)])
    marked = index.mark([
        (np.array([0, 1, 2], np.int32), 0.6), (np.array([1], np.int32), 1.0),
        (np.array([2, 3], np.int32), 0.3),
    ])  # fmt: skip
    assert marked.dtype == np.float32
    assert marked.tolist() == pytest.approx([0.6, 1.0, 0.6, 0.3, 0.0])
    assert index.mark([]).tolist() == [0.0] * 5


def test_distances_are_great_circle_kilometres() -> None:
    """Known distances: one degree of latitude, a quarter of the earth, the same point."""
    km = haversine_many(
        52.0, 4.0, np.array([53.0, 52.0, 0.0, 52.0]), np.array([4.0, 4.0, 4.0, 5.0])
    )
    per_degree = math.radians(6371.0088)
    assert km.tolist() == pytest.approx([per_degree, 0.0, 52 * per_degree, 68.5], rel=1e-3)
    assert km[0] == pytest.approx(per_degree, rel=1e-12)
    assert km[3] == pytest.approx(haversine_km(52.0, 4.0, 52.0, 5.0), rel=1e-12)


def test_within_returns_exact_distances_of_the_items_found() -> None:
    """The search answers each item's distance, and takes the limit inclusively."""
    near, far = item(at_km=1.0), item(at_km=3.0)
    index = MatchIndex.build([near, far, item(at_km=3.5)])
    positions, distances = index.within(ZOETERMEER[0], ZOETERMEER[1], 3.0)
    found = {
        int(index.ids[p]): d for p, d in zip(positions.tolist(), distances.tolist(), strict=True)
    }
    assert found.keys() == {near.id, far.id}
    assert found[near.id] == pytest.approx(1.0, abs=1e-9) and found[far.id] == pytest.approx(
        3.0, abs=1e-9
    )
    assert distances.dtype == np.float64 and positions.dtype == np.int32


@pytest.mark.parametrize("radius", [0.0, 0.5, 2.0])
def test_an_item_on_the_very_spot_is_found_on_a_cell_corner(radius: float) -> None:
    """The person stands on an item that lies exactly on a cell corner: it is found, at 0 km."""
    spot = item(lat=52.25, lon=4.96)  # (52.25 - 52) / 0.05 and (4.96 - 4) / 0.08 are whole numbers
    index = MatchIndex.build([spot, item(lat=52.0, lon=4.0)])
    positions, distances = index.within(52.25, 4.96, radius)
    assert spot.id in {int(index.ids[p]) for p in positions}


@pytest.mark.parametrize("side", [-1, 1])
@pytest.mark.parametrize("radius", [0.5, 2.0, 7.0])
def test_an_item_at_the_limit_due_north_or_south_is_found(side: int, radius: float) -> None:
    """The limit is inclusive also when the item lies just across a grid row."""
    target = item(lat=52.25 + side * 1e-9, lon=4.5)  # just across the border, seen from the start
    index = MatchIndex.build([target, item(lat=52.0, lon=4.0)])
    start = target.lat - side * math.degrees(radius * (1 - 1e-12) / 6371.0088)
    positions, _ = index.within(start, 4.5, radius)
    assert target.id in {int(index.ids[p]) for p in positions}


def test_a_search_beyond_the_indexed_area_finds_nothing() -> None:
    """West of, or far east of, every item: no columns to look at, no error."""
    index = MatchIndex.build([item(lat=52.0, lon=4.5)])
    assert len(index.within(52.0, 1.0, 7.0)[0]) == 0
    assert len(index.within(52.0, 9.0, 7.0)[0]) == 0
    assert len(index.within(40.0, 4.5, 7.0)[0]) == 0
    assert len(index.within(52.0, 4.5 + 0.2, 7.0)[0]) == 0  # inside the columns, out of reach
    assert len(index.within(52.0, 4.5 + 0.09, 7.0)[0]) == 1


def test_a_search_near_the_pole_or_the_date_line_keeps_to_its_radius() -> None:
    """High latitudes widen the box but never the answer."""
    items = [item(lat=88.9, lon=lon) for lon in (0.0, 5.0, 90.0, 179.0)]
    index = MatchIndex.build(items)
    positions, distances = index.within(88.9, 0.0, 50.0)
    expected = {i.id for i in items if haversine_km(88.9, 0.0, i.lat, i.lon) <= 50.0}
    assert {int(index.ids[p]) for p in positions} == expected and len(expected) >= 2


PATCHES: list[tuple[dict[str, Any], dict[str, Any]]] = [
    ({"places_left": 0}, {"places": 0}),
    ({"places_left": None}, {"places": -1}),
    ({"status": "withdrawn"}, {"active": False}),
    ({"confirmed": date(2026, 11, 20)}, {"confirmed": date(2026, 11, 20).toordinal()}),
    ({"cost_eur_year": 75.0}, {"cost": 75.0}),
    ({"subsidy": True}, {"subsidy": True}),
    ({"free_trial": True}, {"free_trial": True}),
    ({"buddy": True}, {"buddy": True}),
    ({"age_min": 18}, {"age_min": 18}),
    ({"age_max": 30}, {"age_max": 30}),
    ({"audience": "men"}, {"audience": AUDIENCES.index("men")}),
    ({"dutch_level_min": "B1"}, {"dutch": DUTCH_LEVELS.index("B1")}),
    ({"phase": 2}, {"phase": 2}),
    ({"schedule_mask": 0b1010}, {"schedule": 0b1010}),
    ({"integration_value": ("dutch_practice", "work_experience")}, {"values": 0b101}),
]  # fmt: skip


@pytest.mark.parametrize(("change", "column"), PATCHES)
def test_a_patch_changes_one_value_in_place(change: dict[str, Any], column: dict[str, Any]) -> None:
    """Each patchable value lands in its column for that item only; the neighbour keeps its own."""
    before = dict(places_left=7, cost_eur_year=None, age_min=12, age_max=None, phase=1,
                  integration_value=("network",), schedule_mask=0b1)  # fmt: skip
    target, other = item(**before), item(**before, lat=52.3)
    index = MatchIndex.build([target, other])
    snapshot = {name: getattr(index, name).copy() for name in column}
    assert index.patch([dataclasses.replace(target, **change)])
    at, elsewhere = index.position(target.id), index.position(other.id)
    for name, value in column.items():
        assert getattr(index, name)[at].item() == value, name
        assert np.array_equal(
            getattr(index, name)[[elsewhere]], snapshot[name][[elsewhere]], equal_nan=True
        )


def test_a_patch_back_to_unknown_clears_cost_and_ages() -> None:
    """A cost or age limit that becomes unknown is stored as NaN or -1 again."""
    target = item(cost_eur_year=20.0, age_min=16, age_max=20, status="withdrawn", places_left=3)
    index = MatchIndex.build([target])
    assert index.patch([dataclasses.replace(target, cost_eur_year=None, age_min=None, age_max=None,
                                            status="active")])  # fmt: skip
    assert np.isnan(index.cost[0]) and (int(index.age_min[0]), int(index.age_max[0])) == (-1, -1)
    assert bool(index.active[0]) and int(index.places[0]) == 3


@pytest.mark.parametrize(
    "change",
    [
        {"lat": 52.07}, {"lon": 4.5}, {"kind": "course"}, {"provider": "Ander"},
        {"talents": ("cooking", "football")}, {"talents": ("football", "cooking", "chess")},
        {"languages": ("ar",)}, {"languages": ("ti", "ar")}, {"words": "Koken"},
    ],
)  # fmt: skip
def test_a_structural_change_asks_for_a_rebuild_and_changes_nothing(change: dict[str, Any]) -> None:
    """Place, kind, provider, talents, languages (their order too) or words: no patch at all."""
    target = item(
        talents=("football", "cooking"), languages=("ar", "ti"), words="Voetbal", places_left=4
    )
    index = MatchIndex.build([target])
    assert not index.patch(
        [dataclasses.replace(target, places_left=1), dataclasses.replace(target, **change)]
    )
    assert int(index.places[0]) == 4  # the first, patchable change was not applied either
    assert index.patch([dataclasses.replace(target, places_left=1)]) and int(index.places[0]) == 1


def test_a_new_active_item_asks_for_a_rebuild_a_withdrawn_one_does_not() -> None:
    """An item the index never held: rebuild when it is active, nothing to do when it is withdrawn."""
    held = item(places_left=4)
    index = MatchIndex.build([held])
    assert not index.patch([dataclasses.replace(held, places_left=2), item()])
    assert int(index.places[0]) == 4
    assert index.patch([item(status="withdrawn"), dataclasses.replace(held, places_left=2)])
    assert int(index.places[0]) == 2


def test_the_memory_estimate_counts_arrays_lists_and_tables() -> None:
    """nbytes: every array's bytes, 60 per Python value and 8 per slot in a list, 100 per table entry."""
    index = MatchIndex.build([item(**ONE), item()])
    arrays = sum(v.nbytes for v in vars(index).values() if isinstance(v, np.ndarray))
    lists = [v for v in vars(index).values() if isinstance(v, list)]
    in_lists = sum(
        sum(a.nbytes if isinstance(a, np.ndarray) else 60 for a in v) + 8 * len(v) for v in lists
    )
    assert index.nbytes() == arrays + in_lists + 100 * len(index.vocabulary)
    assert arrays > 0 and in_lists > 0 and len(index.vocabulary) > 0
    index.position(1)  # the id lookup it builds is a tuple, not counted
    assert index.nbytes() == arrays + in_lists + 100 * len(index.vocabulary)


def _nothing(answer: tuple[Any, Any]) -> None:
    positions, distances = answer
    assert (len(positions), len(distances)) == (0, 0)
    assert (positions.dtype, distances.dtype) == (np.dtype(np.int32), np.dtype(np.float64))


def test_an_empty_answer_is_still_a_pair_of_typed_arrays() -> None:
    """Empty index, a search west of every column, a search among empty cells: usable empty answers."""
    _nothing(MatchIndex.build([]).within(52.0, 4.5, 7.0))
    index = MatchIndex.build([item(lat=52.0, lon=4.5), item(lat=53.0, lon=6.0)])
    _nothing(index.within(52.0, 1.0, 7.0))  # west of the grid: no column to look in
    _nothing(index.within(52.5, 5.2, 2.0))  # inside the grid, every cell in reach is empty
    positions, _ = index.within(52.5, 5.2, 2.0)
    assert index.ids[positions].tolist() == []


def test_an_item_in_the_first_row_and_column_is_found() -> None:
    """The grid starts at the whole degree below the items; its first cell is searched like any."""
    corner = item(lat=52.001, lon=4.001)
    index = MatchIndex.build([corner, item(lat=52.3, lon=4.6)])
    assert index.origin == (52.0, 4.0)
    positions, _ = index.within(52.002, 4.002, 0.5)
    assert [int(index.ids[p]) for p in positions] == [corner.id]
    positions, _ = index.within(51.995, 3.995, 1.0)  # from just outside the grid
    assert [int(index.ids[p]) for p in positions] == [corner.id]


def test_the_limit_allows_a_billionth_of_a_kilometre_for_rounding() -> None:
    """An item whose computed distance is the radius plus 1e-9 km is still in; a bit more is out."""
    index = MatchIndex.build([item(at_km=km) for km in np.linspace(1.0, 3.0, 200)])
    positions, distances = index.within(ZOETERMEER[0], ZOETERMEER[1], 10.0)
    checked = 0
    for position, distance in zip(positions.tolist(), distances.tolist(), strict=True):
        radius = distance - 1e-9
        if radius + 1e-9 != distance:
            continue  # the tolerance must land exactly on the distance for this check
        checked += 1
        found, _ = index.within(ZOETERMEER[0], ZOETERMEER[1], radius)
        assert position in found.tolist()
        found, _ = index.within(ZOETERMEER[0], ZOETERMEER[1], radius - 1e-9)
        assert position not in found.tolist()
    assert checked > 10


@pytest.mark.parametrize(
    "place", [(-33.87, 151.21), (40.71, -74.01), (-34.60, -58.38), (1.29, 103.85)]
)  # Sydney, New York, Buenos Aires, Singapore
def test_the_grid_search_is_exact_on_every_side_of_the_equator_and_greenwich(
    place: tuple[float, float],
) -> None:
    """South of the equator or west of Greenwich the grid's origin is negative: still every item in reach."""
    rng = random.Random(11)
    lat0, lon0 = place
    items = [
        item(lat=lat0 + rng.uniform(-0.4, 0.4), lon=lon0 + rng.uniform(-0.4, 0.4))
        for _ in range(400)
    ]
    index = MatchIndex.build(items)
    for _ in range(25):
        lat, lon = lat0 + rng.uniform(-0.3, 0.3), lon0 + rng.uniform(-0.3, 0.3)
        radius = rng.choice([2.0, 7.0, 20.0])
        positions, _ = index.within(lat, lon, radius)
        expected = {i.id for i in items if haversine_km(lat, lon, i.lat, i.lon) <= radius}
        assert {int(index.ids[p]) for p in positions} == expected, (lat, lon, radius)
