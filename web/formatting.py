"""How catalogue facts read for people: cost, places, schedule, Dutch level — in the UI language."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask_babel import format_decimal, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

DAY_NAMES = {
    "mon": _l("Mon"), "tue": _l("Tue"), "wed": _l("Wed"), "thu": _l("Thu"),
    "fri": _l("Fri"), "sat": _l("Sat"), "sun": _l("Sun"),
}  # fmt: skip

KIND_NAMES = {
    "club": _l("Club"),
    "volunteer": _l("Volunteer work"),
    "course": _l("Course"),
    "workplace": _l("Workplace"),
}

# Plain words for the CEFR levels, for people who do not know the codes.
DUTCH_LEVEL_NAMES = {
    "none": _l("No Dutch needed"),
    "A1": _l("A few words of Dutch (A1)"),
    "A2": _l("Simple Dutch (A2)"),
    "B1": _l("Everyday Dutch (B1)"),
    "B2": _l("Good Dutch (B2)"),
    "C1": _l("Very good Dutch (C1)"),
    "C2": _l("Fluent Dutch (C2)"),
}


def cost_text(cost: float | None, subsidy: bool = False) -> str:
    """'Free', '€ 120 a year', 'Cost unknown', with the subsidy mentioned."""
    if cost is None:
        text = str(_("Cost unknown"))
    elif cost == 0:
        return str(_("Free"))
    else:
        text = str(_("€ %(amount)s a year", amount=format_decimal(cost, format="#,##0.##")))
    if subsidy:
        text += " · " + _("a fund can pay")
    return text


def places_text(places_left: int | None) -> str:
    """'Full', '3 places left', 'Places: ask'."""
    if places_left is None:
        return str(_("Places: ask"))
    if places_left == 0:
        return str(_("Full"))
    return str(ngettext("%(num)s place left", "%(num)s places left", places_left))


def postcode_text(postcode: str | None) -> str:
    """'2711AB' as people write it: '2711 AB'."""
    if postcode and len(postcode) == 6:
        return f"{postcode[:4]} {postcode[4:]}"
    return postcode or ""


def schedule_text(schedule: list[dict[str, Any]]) -> str:
    """'Tue 19:00–20:30, Sat 10:00–11:00' or 'Times: ask'."""
    if not schedule:
        return str(_("Times: ask"))
    return ", ".join(
        f"{DAY_NAMES.get(s['day'], s['day'])} {s['start']}–{s['end']}" for s in schedule
    )


def init_app(app: Flask) -> None:
    """Make the formatters available as Jinja filters and globals."""
    app.add_template_filter(cost_text, "cost")
    app.add_template_filter(places_text, "places")
    app.add_template_filter(schedule_text, "schedule")
    app.add_template_filter(postcode_text, "postcode")
    app.jinja_env.globals.update(KIND_NAMES=KIND_NAMES, DUTCH_LEVEL_NAMES=DUTCH_LEVEL_NAMES)
