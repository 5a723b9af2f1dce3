"""On-screen keypads: a kiosk has a touch screen and no keyboard, so every entry is tapped in the app.

Each key is a submit button (`name="key"`, value `FIELD:KEY`), so the keypad works without JavaScript:
the server adds the key to the field and shows the same page again. kiosk.js does the same in the
page without a round trip. The rules of what each field accepts live here and, mirrored, in kiosk.js.
The name keyboard has three scripts (Latin, Arabic, Ge'ez): its keys and tabs live in name_scripts.
"""

from __future__ import annotations

from dataclasses import dataclass

from matching.people import CODE_ALPHABET, CODE_LENGTH
from web.kiosk.name_scripts import LATIN_LETTERS, NAME_LETTERS, QWERTY

DELETE = "DEL"
CLEAR = "CLR"
DIGITS = "1234567890"
# Letters of Dutch PC6 postcodes: F, I, O, Q, U and Y are never used.
POSTCODE_LETTERS = "ABCDEGHJKLMNPRSTVWXZ"


@dataclass(frozen=True)
class Layout:
    """One keypad: its kind (the rules), rows of keys, and the longest value it takes."""

    kind: str
    rows: tuple[tuple[str, ...], ...]
    max_length: int


POSTCODE = Layout(
    "postcode",
    (tuple("123"), tuple("456"), tuple("789"), ("0",),
     tuple(POSTCODE_LETTERS[:10]), tuple(POSTCODE_LETTERS[10:])),
    6,
)  # fmt: skip
PHONE = Layout("phone", (tuple("123"), tuple("456"), tuple("789"), ("+", "0", " ")), 18)
# The personal-code alphabet in the order printed on the coach's letter: digits, then letters.
CODE = Layout(
    "code",
    (tuple(CODE_ALPHABET[:8]),)
    + tuple(tuple(CODE_ALPHABET[i : i + 8]) for i in range(8, len(CODE_ALPHABET), 8)),
    CODE_LENGTH + 1,
)
EMAIL = Layout(
    "email",
    (tuple(DIGITS), *(tuple(row) for row in QWERTY), ("@", ".", "-", "_", ".nl", ".com")),
    120,
)
# The name's letters come in three scripts (name_scripts.SCRIPTS); these rows are the Latin ones.
NAME = Layout("name", (*(tuple(row) for row in QWERTY), (" ", "-")), 60)


def accepts(kind: str, value: str, key: str) -> bool:
    """Whether `key` may follow `value` in a field of this kind (kiosk.js has the same rules)."""
    if kind == "postcode":
        # Four digits (the first not 0), then optionally the two letters of a PC6.
        if len(value) < 4:
            return key in DIGITS and not (value == "" and key == "0")
        return len(value) < 6 and key in POSTCODE_LETTERS
    if kind == "phone":
        if key == "+":
            return value == ""
        if key == " ":
            return value != "" and not value.endswith(" ")
        return key in DIGITS and len(value.replace(" ", "")) < 15
    if kind == "code":
        return key in CODE_ALPHABET and len(value) < CODE_LENGTH + 1
    if kind == "email":
        if key == "@":
            return value != "" and "@" not in value
        return key in DIGITS or key in "".join(QWERTY) or key in {".", "-", "_", ".nl", ".com"}
    if kind == "name":
        if key == " " or key == "-":
            return value != "" and not value.endswith((" ", "-"))
        return key in NAME_LETTERS  # Latin, Arabic script or a Ge'ez syllable
    return False


def press(layout: Layout, value: str, key: str) -> str:
    """The field's value after a key (delete, clear, or a key the field accepts)."""
    if key == DELETE:
        if layout.kind == "email" and value.endswith((".nl", ".com")):
            return value[: value.rindex(".")]
        return value[:-1]
    if key == CLEAR:
        return ""
    if accepts(layout.kind, value, key) and len(value) + len(key) <= layout.max_length:
        # A Latin name starts each part with a capital; Arabic script and Ge'ez have no capitals.
        starts = value == "" or value.endswith((" ", "-"))
        if layout.kind == "name" and starts and key in LATIN_LETTERS:
            return value + key.upper()
        return value + key
    return value


def pressed(form_key: str | None, layouts: dict[str, Layout], values: dict[str, str]) -> str | None:
    """Apply a posted key (`FIELD:KEY`) to `values`; the field's name, or None when no key was posted."""
    if not form_key or ":" not in form_key:
        return None
    field, key = form_key.split(":", 1)
    layout = layouts.get(field)
    if layout is None:
        return None
    values[field] = press(layout, values.get(field, ""), key)
    return field


def key_allowed_now(layout: Layout, value: str, key: str) -> bool:
    """Whether a key does anything now (the others are shown disabled, so a finger is not wasted)."""
    return accepts(layout.kind, value, key) and len(value) + len(key) <= layout.max_length


def format_code_slots(value: str) -> list[str]:
    """The code as printed, in groups of three, with empty slots for what is still to come."""
    padded = value.ljust(CODE_LENGTH + 1)
    return ["".join(padded[i : i + 3]) for i in range(0, CODE_LENGTH + 1, 3)]
