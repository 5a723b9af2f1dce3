"""Reading portal forms: comma lists, numbers and checkboxes, without losing what was typed."""

from __future__ import annotations

from typing import Any

from flask import request

from matching.people import PersonIn
from matching.vocab import DAYS, PARTS_OF_DAY


def comma_list(name: str) -> list[str]:
    """A comma-separated text field as a list of trimmed, non-empty words."""
    return [word.strip() for word in (request.form.get(name) or "").split(",") if word.strip()]


def optional_text(name: str) -> str | None:
    """A text field, None when empty."""
    value = (request.form.get(name) or "").strip()
    return value or None


def optional_number(name: str) -> str | None:
    """A number field as typed (pydantic converts and names the field when it is not a number)."""
    return optional_text(name)


def person_form() -> dict[str, Any]:
    """The person form as a profile dict (validated later by PersonIn)."""
    slots = [f"{d}-{p}" for d in DAYS for p in PARTS_OF_DAY]
    return {
        "first_name": (request.form.get("first_name") or "").strip(),
        "phone": optional_text("phone"),
        "email": optional_text("email"),
        "talents": comma_list("talents"),
        "wishes": comma_list("wishes"),
        "dutch_level": request.form.get("dutch_level") or "none",
        "languages": comma_list("languages"),
        "postcode": optional_text("postcode"),
        "travel": request.form.get("travel") or "bike",
        "max_distance_km": optional_number("max_distance_km"),
        "availability": [s for s in slots if request.form.get("avail-" + s)],
        "phase": optional_number("phase"),
        "age": optional_number("age"),
        "gender": optional_text("gender"),
        "needs": [n for n in ("free", "women_only") if request.form.get("need-" + n)],
    }


def person_values(person: Any) -> dict[str, Any]:
    """A person's fields as the form shows them."""
    return {name: getattr(person, name) for name in PersonIn.model_fields}
