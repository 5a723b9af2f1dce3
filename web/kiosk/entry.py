"""Keypads in the kiosk's pages: template helpers, and the personal code's keys without JavaScript."""

from __future__ import annotations

from flask import Response

from matching.people import CODE_ALPHABET, CODE_LENGTH, normalise_code
from web.kiosk import bp
from web.kiosk.keypad import (
    CODE,
    EMAIL,
    NAME,
    PHONE,
    POSTCODE,
    Layout,
    format_code_slots,
    key_allowed_now,
    pressed,
)

KEYPADS: dict[str, Layout] = {
    "postcode": POSTCODE,
    "phone": PHONE,
    "code": CODE,
    "email": EMAIL,
    "name": NAME,
}


@bp.app_context_processor
def _keypad_context() -> dict[str, object]:
    return {"keypads": KEYPADS}


bp.add_app_template_global(key_allowed_now, "key_allowed_now")


@bp.app_template_global()
def keypad_text(layout: Layout, value: str) -> str:
    """What the display shows: the code in its printed groups, a postcode as 2711 AB, else the value."""
    if layout.kind == "code":
        return "-".join(slot.replace(" ", "_") for slot in format_code_slots(value))
    if layout.kind == "postcode" and len(value) > 4:
        return f"{value[:4]} {value[4:]}"
    return value


@bp.app_template_filter("code_chars")
def code_chars(text: str | None) -> str:
    """A typed code without dashes or spaces, upper case, only characters of the code alphabet."""
    return "".join(ch for ch in (text or "").upper() if ch in CODE_ALPHABET)[: CODE_LENGTH + 1]


@bp.app_template_global()
def code_has_typo(value: str) -> bool:
    """A complete code whose check character does not fit: a typing error, caught before it is sent."""
    return len(value) == CODE_LENGTH + 1 and normalise_code(value) is None


@bp.post("/code/keys")
def code_keys() -> Response:
    """A key of the code keypad pressed without JavaScript: the page again, with the key added.

    Separate from /code so a key is never a guess: only 'Show my proposals' asks the database.
    """
    from flask import request

    from web.kiosk.personal_code import _page

    values = {"code": code_chars(request.form.get("code"))}
    pressed(request.form.get("key"), {"code": CODE}, values)
    return _page(None, values["code"])
