"""Free words in any UI language, with typos, plurals, spaces and accents, resolve to taxonomy entries."""

from __future__ import annotations

import pytest

from matching.taxonomy import default_taxonomy

WORDS = [
    ("hard lopen", "running"), ("hardloopen", "running"), ("footbal", "football"), ("Taalcafé", "language_cafe"),
    ("taalcafe", "language_cafe"), ("كرة القدم", "football"), ("ኩዕሶ እግሪ", "football"), ("футбол", "football"),
    ("فوتبال", "football"), ("kubbadda cagta", "football"), ("voetballen", "football"), ("cursussen", "course"),
    ("kurslar", "course"), ("tuinen", "gardening"), ("naai machine", "sewing"), ("خياطة", "sewing"),
    ("آشپزی", "cooking"), ("кулінарія", "cooking"), ("Nederlands leren", "learning_dutch"), ("werk", "work"),
    ("vrijwilligers werk", "volunteering"), ("ጉያ", "running"), ("dikiş", "sewing"), ("heftruck", "forklift"),
]  # fmt: skip


@pytest.mark.parametrize(("word", "code"), WORDS)
def test_word_resolves(word: str, code: str) -> None:
    assert default_taxonomy().resolve(word).code == code


@pytest.mark.parametrize("word", ["zqxw", "yoda", "duofiets", "vrouwen voor"])
def test_unknown_words_are_not_guessed(word: str) -> None:
    codes, unknown = default_taxonomy().resolve_many([word])
    assert codes == [] and unknown == [word]


def test_a_phrase_is_understood_word_by_word_on_sure_hits_only() -> None:
    codes, unknown = default_taxonomy().resolve_many(["zwemmen voor vrouwen", "ik wil graag koken"])
    assert codes == ["swimming", "cooking"]
    assert unknown == ["voor vrouwen", "ik wil graag"]
