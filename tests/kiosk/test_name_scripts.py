"""The name keyboard in three scripts: the rules as tables, and the tabs and Ge'ez steps without JavaScript."""

from __future__ import annotations

import re
import unicodedata

import pytest
from flask.testing import FlaskClient

from tests.conftest import ROOT
from web.kiosk.keypad import NAME, press
from web.kiosk.name_scripts import (
    ARABIC,
    ARABIC_ROWS,
    GEEZ,
    GEEZ_CONSONANTS,
    LABIALISED,
    LATIN,
    NameBoard,
    board_from,
    first_script,
    geez_consonant_of,
    geez_orders,
)


def typed(keys: list[str] | str, value: str = "") -> str:
    for key in keys:
        value = press(NAME, value, key)
    return value


@pytest.mark.parametrize(
    ("keys", "name"),
    [
        ("amina- -x", "Amina-X"),  # Latin: capitals at each part, no double separators
        (list("محمد علي"), "محمد علي"),  # Arabic: as tapped, nothing capitalised
        (list("عبد-الله"), "عبد-الله"),
        (list("پریا گلچین"), "پریا گلچین"),  # Persian letters
        (list("ءأإآؤئةى"), "ءأإآؤئةى"),  # the forms names need
        (list("ሃብቶም ተስፋይ"), "ሃብቶም ተስፋይ"),  # Ge'ez syllables of several orders
        (list("ቐሺ ኸ ዀ ጓ"), "ቐሺ ኸ ዀ ጓ"),  # Tigrinya's own consonants and labialised ones
        (list(" -ሳባ"), "ሳባ"),  # no space or hyphen first, in any script
        (list("Ωжሇ١"), ""),  # not on the keyboard: Greek, Cyrillic, ሇ (an eighth form), a digit
        (["ab", "", "ሀሀ"], ""),  # a key is one letter
    ],
)
def test_the_name_field_takes_the_letters_of_its_three_scripts(
    keys: list[str] | str, name: str
) -> None:
    assert typed(keys) == name


@pytest.mark.parametrize(
    ("value", "after"),
    [("ሃብቶም", "ሃብቶ"), ("ሳባ", "ሳ"), ("محمد", "محم"), ("Amina", "Amin"), ("ሀ", "")],
)
def test_delete_takes_off_one_letter_a_whole_ge_ez_syllable(value: str, after: str) -> None:
    assert press(NAME, value, "DEL") == after


def test_the_name_stops_at_sixty_characters_in_every_script() -> None:
    assert len(typed("ሀ" * 70)) == 60 and len(typed("ب" * 70)) == 60


@pytest.mark.parametrize(
    ("consonant", "syllables"),
    [
        ("ሀ", ("ሀሁሂሃሄህሆ",)),
        ("ለ", ("ለሉሊላሌልሎ",)),
        ("ቐ", ("ቐቑቒቓቔቕቖ", "ቘቚቛቜቝ")),
        ("ኸ", ("ኸኹኺኻኼኽኾ", "ዀዂዃዄዅ")),
        ("ፐ", ("ፐፑፒፓፔፕፖ",)),
        ("ሇ", ()),  # not a consonant of the keyboard
        ("b", ()),
    ],
)
def test_a_ge_ez_consonant_opens_its_seven_orders(
    consonant: str, syllables: tuple[str, ...]
) -> None:
    assert geez_orders(consonant) == tuple(tuple(row) for row in syllables)


def test_every_key_is_a_letter_unicode_assigns() -> None:
    letters = "".join(ARABIC_ROWS) + "".join(
        "".join(row) for c in GEEZ_CONSONANTS for row in geez_orders(c)
    )
    assert all(unicodedata.category(ch) == "Lo" for ch in letters)
    assert len(set("".join(ARABIC_ROWS))) == 28 + 8 + 6 and len(GEEZ_CONSONANTS) == 35
    names = {unicodedata.name(c).removeprefix("ETHIOPIC SYLLABLE ") for c in GEEZ_CONSONANTS}
    assert {"QHA", "KXA"} <= names  # Tigrinya's own ቐ and ኸ
    # Every syllable leads back to the consonant key that opens it.
    for consonant in GEEZ_CONSONANTS:
        for row in geez_orders(consonant):
            assert {geez_consonant_of(s) for s in row} == {consonant}


@pytest.mark.parametrize(
    ("lang", "script"),
    [("ar", ARABIC), ("fa", ARABIC), ("ti", GEEZ), ("nl", LATIN), ("so", LATIN), ("uk", LATIN)],
)
def test_the_keyboard_starts_in_the_script_of_the_kiosk_language(lang: str, script: str) -> None:
    assert first_script(lang) == script
    assert board_from(None, lang) == NameBoard(script)
    assert board_from("bogus", lang) == NameBoard(script)
    assert board_from(LATIN, lang) == NameBoard(LATIN)  # as posted, once switched


@pytest.mark.parametrize(
    ("board", "key", "after"),
    [
        (NameBoard(LATIN), "SCRIPT:arabic", NameBoard(ARABIC)),
        (NameBoard(GEEZ, "ለ"), "SCRIPT:latin", NameBoard(LATIN)),  # a switch closes the orders
        (NameBoard(ARABIC), "SCRIPT:cyrillic", NameBoard(ARABIC)),
        (NameBoard(GEEZ), "PICK:ለ", NameBoard(GEEZ, "ለ")),
        (NameBoard(GEEZ, "ለ"), "PICK:ሰ", NameBoard(GEEZ, "ሰ")),  # another consonant, straight away
        (NameBoard(GEEZ), "PICK:x", NameBoard(GEEZ)),
        (NameBoard(GEEZ, "ለ"), "ሉ", NameBoard(GEEZ)),  # a syllable tapped: back to the consonants
        (NameBoard(GEEZ, "ለ"), "DEL", NameBoard(GEEZ)),
    ],
)
def test_tabs_and_consonants_change_the_board(board: NameBoard, key: str, after: NameBoard) -> None:
    assert board.after(key) == after
    if key.startswith(("SCRIPT:", "PICK:")):  # the keyboard's own keys never add a letter
        assert press(NAME, "ሰ", key) == "ሰ"


def _post(client: FlaskClient, lang: str, **form: str) -> str:
    response = client.post(f"/{lang}/kiosk/help", data=form)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _shown_script(page: str) -> str:
    found = re.search(r'name="first_name_script" value="(\w+)"', page)
    assert found
    return found.group(1)


def test_the_name_keyboard_works_without_javascript(client: FlaskClient, demo: None) -> None:
    page = client.get("/ti/kiosk/help").get_data(as_text=True)
    assert _shown_script(page) == GEEZ and 'data-script="geez" lang="ti">' in page
    assert re.search(r'data-script="arabic" lang="ar" hidden', page)
    # Step one: a consonant opens its orders; step two: an order adds the syllable.
    page = _post(client, "ti", first_name="ሳ", first_name_script=GEEZ, key="first_name:PICK:በ")
    orders = re.search(r"<div class=\"orders\" data-orders lang=\"ti\">(.*?)</div></div>", page)
    assert orders and re.findall(r'value="first_name:(.)"', orders.group(1)) == list("በቡቢባቤብቦ")
    assert 'name="first_name" value="ሳ"' in page and 'id="keypad-first_name" hidden' not in page
    page = _post(client, "ti", first_name="ሳ", first_name_script=GEEZ, key="first_name:ባ")
    assert 'name="first_name" value="ሳባ"' in page and 'data-orders lang="ti" hidden' in page
    assert '<bdi dir="auto" class="keypad-value">ሳባ</bdi>' in page
    # A tab switches the script, keeping the name; the choice survives the next key.
    page = _post(
        client, "ti", first_name="ሳባ", first_name_script=GEEZ, key="first_name:SCRIPT:arabic"
    )
    assert _shown_script(page) == ARABIC and 'name="first_name" value="ሳባ"' in page
    assert re.search(r'data-script="geez" lang="ti" hidden', page)
    page = _post(client, "ti", first_name="ሳባ", first_name_script=ARABIC, key="first_name:-")
    assert _shown_script(page) == ARABIC and 'name="first_name" value="ሳባ-"' in page
    page = _post(client, "ti", first_name="ሳባ-", first_name_script=ARABIC, key="first_name:ب")
    assert 'name="first_name" value="ሳባ-ب"' in page
    # Each script's language starts in its own script.
    assert _shown_script(client.get("/fa/kiosk/help").get_data(as_text=True)) == ARABIC
    assert _shown_script(client.get("/nl/kiosk/help").get_data(as_text=True)) == LATIN


def test_kiosk_js_has_the_same_alphabets() -> None:
    """kiosk.js mirrors these rules: its alphabets must be the same, in the same order."""
    script = (ROOT / "web" / "static" / "js" / "kiosk.js").read_text(encoding="utf-8")
    found = dict(re.findall(r'\b(ARABIC|GEEZ|LABIALISED) = "([^"]+)"', script))
    assert found == {
        "ARABIC": "".join(ARABIC_ROWS),
        "GEEZ": GEEZ_CONSONANTS,
        "LABIALISED": LABIALISED,
    }
    assert "[8, 10, 11, 12, 13]" in script  # the labialised orders, eight code points on
