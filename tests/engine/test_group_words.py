"""Group words match on both sides: an item tagged with a whole taxonomy group ("dieren", "sport") is
found for the group and for its activities, and a person naming a group finds the group's activities,
each with a reason that says how (issue 11, item 6). Words in several languages, resolved the way an
import resolves an item's talent words.
"""

from __future__ import annotations

import pytest

from matching.engine import note_document
from matching.taxonomy import default_taxonomy
from tests.engine.support import item, match

# (person's word, item's word, reason code, what the reason names: person's side, item's side)
TABLE = [
    # group x group: the same field named on both sides
    ("dieren", "animals", "talent", None, "animals"),
    ("animals", "dieren", "talent", None, "animals"),
    ("حيوانات", "dieren", "talent", None, "animals"),
    ("sport", "sport", "talent", None, "sport"),
    ("muziek", "music", "talent", None, "music_dance"),
    # group x activity: the person names the field, the item one of its activities
    ("sport", "voetbal", "in_field", "sport", "football"),
    ("muziek", "gitaar", "in_field", "music_dance", None),
    ("animals", "hondenuitlaten", "in_field", "animals", None),
    # activity x group: the person names an activity, the item the whole field
    ("voetbal", "sport", "field_item", "football", "sport"),
    ("كرة القدم", "sport", "field_item", "football", "sport"),
    ("футбол", "sport", "field_item", "football", "sport"),
    ("koken", "food", "field_item", "cooking", "food"),
]


def _codes(words: list[str]) -> tuple[str, ...]:
    """The item's talent codes, as the importer stores them."""
    codes, unknown = default_taxonomy().resolve_many(words)
    assert unknown == [], unknown
    return tuple(codes)


@pytest.mark.parametrize(("person", "tagged", "code", "talent", "item_talent"), TABLE)
def test_group_words_match_with_a_reason_that_says_how(
    person: str, tagged: str, code: str, talent: str | None, item_talent: str | None
) -> None:
    item_codes = _codes([tagged])
    fits = item(id=1, talents=item_codes, title="Hier")
    other = item(id=2, talents=("cleaning",), title="Elders")
    result = match([other, fits], talents=[person])
    assert [s.id for s in result.suggestions][0] == 1, result.suggestions
    first = result.suggestions[0]
    reason = next(n for n in first.reasons if n.code in ("talent", "in_field", "field_item"))
    assert reason.code == code
    params = reason.param_dict()
    if talent is not None:
        assert params["talent"] == talent
    if item_talent is not None:
        assert item_talent in (params.get("item_talent"), *params.get("talents", ()))
    by_other = next(s for s in result.suggestions if s.id == 2)
    assert first.score > by_other.score


def test_an_item_tagged_with_a_group_is_no_longer_ranked_as_if_nothing_was_named() -> None:
    """The issue's case: items tagged ["dieren"] and ["sport"] now get talent credit."""
    dieren = item(id=1, talents=_codes(["dieren"]))
    sport = item(id=2, talents=_codes(["sport"]))
    unrelated = item(id=3, talents=_codes(["schoonmaken"]))
    for word, expected in (("dieren", 1), ("animals", 1), ("sport", 2), ("voetbal", 2)):
        result = match([unrelated, dieren, sport], talents=[word])
        assert result.suggestions[0].id == expected, word
        scores = {s.id: s.score for s in result.suggestions}
        assert scores[expected] > scores[3], word


@pytest.mark.parametrize("lang", ["nl", "en", "ar", "uk"])
def test_the_reasons_read_in_the_persons_language(lang: str) -> None:
    taxonomy = default_taxonomy()
    sport = item(id=1, talents=_codes(["sport"]))
    football = item(id=2, talents=_codes(["voetbal"]))
    by_activity = match([sport], talents=["voetbal"]).suggestions[0]
    by_group = match([football], talents=["sport"]).suggestions[0]
    texts = [
        note_document(n, lang, taxonomy)["text"]
        for s in (by_activity, by_group)
        for n in s.reasons
        if n.code in ("in_field", "field_item")
    ]
    assert len(texts) == 2
    football_label, sport_label = taxonomy.label("football", lang), taxonomy.label("sport", lang)
    assert all(football_label in t and sport_label in t for t in texts), texts


def test_an_exact_activity_still_beats_its_group() -> None:
    football = item(id=1, talents=_codes(["voetbal"]))
    sport = item(id=2, talents=_codes(["sport"]))
    volleyball = item(id=3, talents=_codes(["volleybal"]))
    assert [
        s.id for s in match([volleyball, sport, football], talents=["voetbal"]).suggestions
    ] == [
        1,
        2,
        3,
    ]
