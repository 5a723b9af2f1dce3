"""The provider's listing form: day and time pickers, languages by name, numbers as people type them.

Reading the form gives the native catalogue line (PRODUCT §6) that the importer's validation checks;
its errors come back here as one plain message per field, in the UI language.
"""

from __future__ import annotations

import re
from typing import Any

from flask import request
from flask_babel import gettext as _

from importers.base import RowError
from matching.schema import OpportunityIn
from matching.vocab import INTEGRATION_VALUES
from web.form_errors import FormErrors, bounds, field_of, from_validation, validation_cause
from web.forms import comma_list, optional_text
from web.staff_text import number_text

EMPTY_SCHEDULE_ROWS = 2  # blank day-and-time rows offered below the filled ones
MIN_SCHEDULE_ROWS = 3
FIELD_ORDER = (
    "kind", "title", "description", "address", "postcode", "city", "talents", "dutch_level_min",
    "languages", "schedule", "places_left", "cost_eur_year", "age_min", "age_max", "audience",
    "integration_value", "contact",
)  # fmt: skip


def schedule_rows(schedule: list[Any]) -> int:
    """How many day-and-time rows the form shows for a schedule."""
    return max(MIN_SCHEDULE_ROWS, len(schedule) + EMPTY_SCHEDULE_ROWS)


def _time(value: str) -> str:
    # "19.00", "19u", "9:30" as people write them; the schema checks what is left.
    value = value.strip().lower().replace(".", ":").replace("u", ":").rstrip(":")
    if re.fullmatch(r"\d{1,2}", value):
        value += ":00"
    return value


def _number(name: str) -> str | None:
    # "12,50" and "€ 12" as people type them; anything else is left for the schema to refuse.
    value = optional_text(name)
    if value is None:
        return None
    value = value.replace("€", "").replace(" ", "")
    if value.count(",") == 1 and "." not in value:
        value = value.replace(",", ".")
    return value


def read_schedule() -> list[dict[str, str]]:
    """The day-and-time rows that have anything in them (a half-filled row is kept, to be refused)."""
    rows = []
    index = 0
    while f"schedule-{index}-day" in request.form or f"schedule-{index}-start" in request.form:
        day = (request.form.get(f"schedule-{index}-day") or "").strip()
        start = _time(request.form.get(f"schedule-{index}-start") or "")
        end = _time(request.form.get(f"schedule-{index}-end") or "")
        if day or start or end:
            rows.append({"day": day, "start": start, "end": end, "row": str(index)})
        index += 1
    return rows


def listing_form() -> dict[str, Any]:
    """The form as a native catalogue line (without id and provider)."""
    return {
        "kind": request.form.get("kind") or "",
        "title": (request.form.get("title") or "").strip(),
        "description": (request.form.get("description") or "").strip(),
        "address": optional_text("address"),
        "postcode": optional_text("postcode"),
        "city": optional_text("city"),
        "talents": comma_list("talents"),
        "dutch_level_min": request.form.get("dutch_level_min") or "none",
        "languages": [c for c in request.form.getlist("languages") if c.strip()],
        "schedule": read_schedule(),
        **{k: _number(k) for k in ("places_left", "cost_eur_year", "age_min", "age_max")},
        "subsidy": bool(request.form.get("subsidy")),
        "audience": request.form.get("audience") or "everyone",
        "free_trial": bool(request.form.get("free_trial")),
        "buddy": bool(request.form.get("buddy")),
        "integration_value": [v for v in INTEGRATION_VALUES if request.form.get("value-" + v)],
        "contact": optional_text("contact"),
    }


def as_line(values: dict[str, Any]) -> dict[str, Any]:
    """The values without the form's own bookkeeping (the row number of each schedule row)."""
    schedule = [{k: v for k, v in row.items() if k != "row"} for row in values["schedule"]]
    return {**values, "schedule": schedule}


def listing_message(name: str) -> str:
    """What to enter in a listing field, in the UI language."""
    limits = bounds(OpportunityIn, name)
    longest = limits.get("max_length", 300)
    messages = {
        "kind": lambda: _("Choose what kind of place this is."),
        "title": lambda: _("Enter a title of at most %(max)s characters.", max=longest),
        "description": lambda: _("Check the description."),
        "address": lambda: _("Enter an address of at most %(max)s characters.", max=longest),
        "postcode": lambda: _("Enter the postcode of the place, like 2711 or 2711 AB."),
        "city": lambda: _("Enter a place name of at most %(max)s characters.", max=longest),
        "talents": lambda: _("Enter talents as words separated by commas."),
        "dutch_level_min": lambda: _("Choose how much Dutch is needed."),
        "languages": lambda: _("Choose languages from the list."),
        "places_left": lambda: _(
            "Enter places left as a whole number from %(min)s to %(max)s, or leave it empty if you do not know.",
            min=limits.get("min", 0),
            max=number_text(limits.get("max", 100_000), 0),
        ),
        "cost_eur_year": lambda: _(
            "Enter the cost in euro a year as a number, like 120 or 12,50 (0 = free), or leave it empty."
        ),
        "age_min": lambda: _(
            "Enter the minimum age as a whole number from %(min)s to %(max)s, or leave it empty.",
            min=limits.get("min", 0),
            max=limits.get("max", 120),
        ),
        "age_max": lambda: _(
            "Enter the maximum age as a whole number from %(min)s to %(max)s, or leave it empty.",
            min=limits.get("min", 0),
            max=limits.get("max", 120),
        ),
        "audience": lambda: _("Choose who it is for."),
        "integration_value": lambda: _("Tick what it brings from the list."),
        "contact": lambda: _("Enter contact details of at most %(max)s characters.", max=longest),
    }
    make = messages.get(name)
    return str(make() if make else _("Check this field."))


def _schedule_problem(
    values: dict[str, Any], loc: tuple[Any, ...], problem: dict[str, Any]
) -> tuple[str, str]:
    rows = values["schedule"]
    index = loc[1] if len(loc) > 1 and isinstance(loc[1], int) else 0
    row = rows[index]["row"] if index < len(rows) else "0"
    part = loc[2] if len(loc) > 2 else None
    if part == "day":
        return f"schedule-{row}-day", _("Choose a day for these times.")
    if part in ("start", "end"):
        which = (
            _("Enter the start time, like 19:00.")
            if part == "start"
            else _("Enter the end time, like 20:30.")
        )
        return f"schedule-{row}-{part}", which
    if problem.get("type") == "value_error":
        return f"schedule-{row}-end", _("The end time must be after the start time.")
    return f"schedule-{row}-day", _("Choose a day and enter a start and end time.")


def listing_errors(exc: Exception, values: dict[str, Any]) -> FormErrors:
    """One plain message per field for a listing that the schema or the geocoder refused."""
    errors = FormErrors(FIELD_ORDER)
    cause = validation_cause(exc)
    if cause is not None:

        def message_for(loc: tuple[Any, ...], problem: dict[str, Any]) -> tuple[str, str]:
            if not loc:  # a rule over several fields
                if "age_min" in str(problem.get("msg", "")):
                    return "age_max", _("The maximum age must be at least the minimum age.")
                return "postcode", listing_message("postcode")
            if loc[0] == "schedule":
                return _schedule_problem(values, loc, problem)
            return str(loc[0]), listing_message(str(loc[0]))

        return from_validation(cause, message_for, errors)
    field = field_of(str(exc))
    if isinstance(exc, RowError) and field == "postcode":
        errors.add(
            "postcode",
            _("We do not know this postcode. Check it, or give the postcode of a nearby street."),
        )
    elif field == "lat/lon":
        errors.add("postcode", _("This postcode is outside the area Opstap serves."))
    elif field == "address":
        errors.add("postcode", listing_message("postcode"))
    else:
        errors.add(field if field in FIELD_ORDER else "title", listing_message(field))
    return errors
