"""Reading portal forms: comma lists, numbers and checkboxes, without losing what was typed."""

from __future__ import annotations

from typing import Any

from flask import request
from flask_babel import gettext as _

from matching.people import PersonIn
from matching.vocab import DAYS, PARTS_OF_DAY
from web.form_errors import FormErrors, bounds, field_of, from_validation, validation_cause


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
        "dutch_level": request.form.get("dutch_level") or "",
        "languages": [c for c in request.form.getlist("languages") if c.strip()],
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


def person_message(name: str) -> str:
    """What to enter in a person-form field, in the UI language."""
    limits = bounds(PersonIn, name)
    messages = {
        "first_name": lambda: _(
            "Enter the person’s first name (at most %(max)s characters).",
            max=bounds(PersonIn, "first_name").get("max_length", 80),
        ),
        "phone": lambda: _(
            "Enter a phone number of at most %(max)s characters.", max=limits.get("max_length", 40)
        ),
        "email": lambda: _("Enter an e-mail address like name@example.nl, or leave it empty."),
        "talents": lambda: _("Enter talents as words separated by commas."),
        "wishes": lambda: _("Enter wishes as words separated by commas."),
        "dutch_level": lambda: _("Choose how much Dutch the person speaks."),
        "languages": lambda: _("Choose languages from the list."),
        "postcode": lambda: _("Enter a postcode like 2711 or 2711 AB, or leave it empty."),
        "travel": lambda: _("Choose how the person travels."),
        "max_distance_km": lambda: _(
            "Enter the maximum distance as a number of kilometres, more than %(min)s and at most %(max)s.",
            min=limits.get("min", 0),
            max=limits.get("max", 200),
        ),
        "availability": lambda: _("Tick the parts of the week in the grid."),
        "phase": lambda: _("Choose a step from the list."),
        "age": lambda: _(
            "Enter the age as a whole number from %(min)s to %(max)s, or leave it empty.",
            min=limits.get("min", 12),
            max=limits.get("max", 110),
        ),
        "gender": lambda: _("Choose from the list."),
        "needs": lambda: _("Tick needs from the list."),
        "consent": lambda: _(
            "Ask the person first: tick that they agree that Opstap keeps this profile."
        ),
    }
    make = messages.get(name)
    return str(make() if make else _("Check this field."))


def person_errors(exc: Exception, errors: FormErrors | None = None) -> FormErrors:
    """The person form's errors from a failed validation, one plain message per field."""
    errors = errors or FormErrors()
    cause = validation_cause(exc)
    if cause is not None:
        return from_validation(
            cause,
            lambda loc, _p: (
                str(loc[0]) if loc else "first_name",
                person_message(str(loc[0]) if loc else ""),
            ),
            errors,
        )
    field = field_of(str(exc)) or "first_name"
    errors.add(field, person_message(field))
    return errors
