"""The keypads' rules (the same rules run in kiosk.js) and the personal code without JavaScript."""

from __future__ import annotations

import re

from flask.testing import FlaskClient

from matching.people import CODE_ALPHABET, _check_char
from web.kiosk.keypad import CODE, EMAIL, NAME, PHONE, POSTCODE, press


def typed(layout, keys: str) -> str:  # type: ignore[no-untyped-def]
    value = ""
    for key in keys:
        value = press(layout, value, key)
    return value


def test_each_keypad_takes_only_what_its_field_can_hold() -> None:
    assert typed(POSTCODE, "02711Q9ABC") == "2711AB"  # no leading 0; letters only after 4 digits
    assert typed(POSTCODE, "27F11") == "2711"  # F is never in a Dutch postcode
    assert typed(PHONE, " +31 6  1234") == "+31 6 1234"  # + only first, no double spaces
    assert typed(NAME, "amina- -x") == "Amina-X"
    assert press(EMAIL, "name@mail", ".nl") == "name@mail.nl" and press(EMAIL, "a@b", "@") == "a@b"
    assert press(EMAIL, "name@mail.com", "DEL") == "name@mail"  # the ".com" key comes off at once
    assert press(CODE, "23456789A", "C") == "23456789A"  # nine characters at most
    assert press(CODE, "", "O") == "" and press(CODE, "", "1") == ""  # not in the code alphabet


def test_the_check_character_catches_one_wrong_key(client: FlaskClient) -> None:
    body = "7K3MNP2Q"
    code = body + _check_char(body)
    other = next(c for c in CODE_ALPHABET if c != code[-1])
    wrong = client.post("/nl/kiosk/code/keys", data={"code": code[:-1], "key": f"code:{other}"})
    page = wrong.get_data(as_text=True)
    assert wrong.status_code == 200 and 'data-code-typo hidden' not in page and "tikfout" in page
    right = client.post("/nl/kiosk/code/keys", data={"code": code[:-1], "key": f"code:{code[-1]}"})
    page = right.get_data(as_text=True)
    assert "data-code-typo hidden" in page
    shown = re.search(r'class="keypad-value">([^<]+)<', page)
    assert shown and shown.group(1) == f"{code[:3]}-{code[3:6]}-{code[6:]}"
    # Keys never ask the database and never count as a guess: they have their own address.
    assert 'formaction="/nl/kiosk/code/keys"' in page


def test_the_help_keypads_work_without_javascript(client: FlaskClient, demo: None) -> None:
    page = client.post("/so/kiosk/help", data={"phone": "06", "key": "phone:1"}).get_data(as_text=True)
    assert 'name="phone" value="061"' in page
    page = client.post("/so/kiosk/help", data={"phone": "061", "show": "email"}).get_data(as_text=True)
    # The e-mail keyboard is shown now, the phone number kept.
    assert re.search(r'id="keypad-email"(?! hidden)', page) and 'id="keypad-phone" hidden' in page
    assert 'name="phone" value="061"' in page
