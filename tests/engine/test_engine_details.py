"""Details of the engine's plumbing that the rule tests do not pin down (found by mutation testing): the
exact text of a reason or caution in the person's language, what a profile's answers become (places,
times, errors naming the field), how the taxonomy spreads credit from a talent or wish, how an item's
own words and schedule are read, and the index's columns, postings, grid search and patches."""

from __future__ import annotations

from typing import Any

import pytest

from matching.engine import Note, ProfileError, parse_profile, render
from matching.engine.explain import note_document
from matching.engine.items import schedule_mask, slots_of
from matching.engine.profile import Location, Profile, profile_from_input
from matching.engine.query import _NEIGHBOURS, _neighbours, build_query, matching_tokens
from matching.engine.words import tokens
from matching.profile_schema import validate_profile
from matching.taxonomy import Entry, Taxonomy, default_taxonomy
from tests.engine.support import profile

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
    assert members == {"craft": ("sawing", "gluing"), "wishes": ("odd", "even")}


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


VOCABULARY = {"schaakclub": 0, "schaak": 1, "voetbal": 2, "bal": 3, "koken": 4, "kok": 5, "club": 6}


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
        ("xy", []),  # no token long enough
    ],
)
def test_a_free_word_matches_words_parts_and_typos(word: str, hits: list[list[int]]) -> None:
    """Same word; part of a compound from four letters; a typo from five letters (ratio 88)."""
    assert matching_tokens(word, VOCABULARY) == hits
    assert matching_tokens(word, VOCABULARY, list(VOCABULARY)) == hits


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
    assert slots_of((1 << 21) - 1)[-1] == (6, 2) and len(slots_of((1 << 21) - 1)) == 21
