"""The ladder of suggestions from the matching engine, and one page per suggestion."""

from __future__ import annotations

import logging
import math
from typing import Any

from flask import abort, current_app, g, render_template
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlmodel import col, select

from matching.areas import area_name_of
from matching.catalogue import get_opportunity, opportunity_public
from matching.models import Postcode
from web.db import get_session
from web.i18n import current_language
from web.kiosk import bp
from web.kiosk.flow import AGE_CHOICES, DUTCH_CHOICES, TRAVEL_CHOICES, step_number
from web.kiosk.state import KioskState, load_state
from web.kiosk.taxonomy import kiosk_taxonomy

log = logging.getLogger(__name__)

LADDER_LENGTH = 6
# The Piëzo phases in plain words (PRODUCT §1): the ladder shows which step each suggestion is.
PHASE_NAMES = {
    0: _l("A first talk with a coach"),
    1: _l("A first activity"),
    2: _l("Volunteer work with support"),
    3: _l("Volunteer work to build work skills"),
    4: _l("A course or a job"),
}
# Straight-line distance times this is roughly the way along streets and paths.
DETOUR = 1.3
SPEED_KMH = {"walk": 4.5, "bike": 14.0}


def travel_minutes(distance_km: float | None, mode: str) -> int | None:
    """About how many minutes on foot or by bike, from the straight-line distance."""
    if distance_km is None:
        return None
    return max(1, math.ceil(distance_km * DETOUR / SPEED_KMH[mode] * 60))


def _centre() -> dict[str, float] | None:
    """The middle of the kiosk's municipality, for a person who did not say where they live."""
    municipality = current_app.config["OPSTAP_SETTINGS"].kiosk_municipality
    query = select(Postcode).where(col(Postcode.code).like("____"))
    if municipality:
        query = query.where(Postcode.municipality == municipality)
    areas = list(get_session().exec(query.limit(500)))
    if not areas:
        return None
    return {
        "lat": sum(a.lat for a in areas) / len(areas),
        "lon": sum(a.lon for a in areas) / len(areas),
    }


def ladder(state: KioskState) -> tuple[list[dict[str, Any]], str | None]:
    """The engine's suggestions for this state (cached per request), and a note for the person."""
    if "kiosk_ladder" in g:
        return g.kiosk_ladder
    from web.match import run_match  # the engine's entry point (issue 2)

    profile = state.profile()
    lang = current_language()
    if lang != "nl":
        # Someone reading the screen in Tigrinya speaks Tigrinya: places where it is spoken help them.
        profile["languages"] = [lang]
    note = None
    if "location" not in profile:
        centre = _centre()
        if centre is None:
            g.kiosk_ladder = ([], _("Tell us roughly where you live to see places near you."))
            return g.kiosk_ladder
        profile["location"] = centre
        note = _("You did not say where you live: distances are from the middle of the town.")
    try:
        result = run_match(profile, lang=lang, limit=LADDER_LENGTH)
    except ValueError as exc:  # a profile the engine refuses; the kiosk only sends known codes
        log.warning("kiosk profile refused by the engine: %s", exc)
        result = {"suggestions": []}
        note = _("Something went wrong with your answers. Please change them or start again.")
    items = []
    for suggestion in result.get("suggestions", []):
        distance = suggestion.get("distance_km")
        items.append(
            {
                **suggestion,
                "walk_min": travel_minutes(distance, "walk"),
                "bike_min": travel_minutes(distance, "bike"),
            }
        )
    g.kiosk_ladder = (items, note)
    return g.kiosk_ladder


@bp.app_template_global()
def phase_name(phase: int | None) -> str:
    """The plain name of a Piëzo phase."""
    return str(PHASE_NAMES.get(phase if phase is not None else -1, ""))


@bp.app_template_filter("label_of")
def label_of(code: str, lang: str) -> str:
    """A taxonomy code's label in `lang`."""
    return kiosk_taxonomy().label(code, lang)


@bp.get("/suggestions")
def suggestions():  # type: ignore[no-untyped-def]
    """Step 5: a short ladder of suggestions with reasons and cautions, to take along or ask help for."""
    state = load_state()
    items, note = ladder(state)
    return render_template(
        "kiosk/suggestions.html",
        items=items,
        note=note,
        state=state,
        step=step_number("suggestions"),
        travel_names={code: label for code, _icon, label in TRAVEL_CHOICES},
        dutch_names={code: label for code, label, _example in DUTCH_CHOICES},
        age_names=dict(AGE_CHOICES),
        area_name=area_name_of(get_session(), pc4=state.postcode) if state.postcode else "",
    )


@bp.get("/suggestions/<int:opportunity_id>")
def suggestion(opportunity_id: int):  # type: ignore[no-untyped-def]
    """All facts of one suggestion, with the engine's reasons when it is on this person's ladder."""
    state = load_state()
    items, _note = ladder(state)
    found = next((s for s in items if s["opportunity"]["id"] == opportunity_id), None)
    if found is None:
        opp = get_opportunity(get_session(), opportunity_id=opportunity_id)
        if opp is None or opp.status != "active":
            abort(404)
        stale_days = current_app.config["OPSTAP_SETTINGS"].stale_days
        found = {
            "opportunity": opportunity_public(opp, stale_days=stale_days),
            "reasons": [],
            "cautions": [],
        }
    return render_template(
        "kiosk/suggestion.html", item=found, state=state, step=step_number("suggestions")
    )
