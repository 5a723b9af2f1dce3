"""The kiosk steps before the suggestions: welcome, talents, wishes, where you live, Dutch level."""

from __future__ import annotations

from flask import abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlmodel import select

from matching.geo import lookup_postcode
from matching.models import Postcode
from matching.schema import normalise_postcode
from matching.taxonomy import Entry, default_taxonomy
from matching.vocab import TRAVEL_MODES
from web.db import get_session
from web.kiosk import bp
from web.kiosk.state import WISH_GROUP, load_state, save_state

# The steps in order, for the progress line and the Next/Skip buttons.
STEPS = ("talents", "wishes", "place", "dutch", "suggestions")

# Plain answers with examples instead of CEFR codes; the code is what the engine gets.
DUTCH_CHOICES: tuple[tuple[str, object, object], ...] = (
    ("none", _l("I do not speak Dutch yet"), _l("I need another language to talk.")),
    ("A1", _l("I know a few words"), _l("“Hallo”, “dank je wel”, numbers, my name.")),
    ("A2", _l("I can say simple things"), _l("Shopping, asking the way, talking about my family.")),
    (
        "B1",
        _l("I can talk about everyday things"),
        _l("Make an appointment, tell what I did, read a simple letter."),
    ),
    ("B2", _l("I speak Dutch well"), _l("Talk at work, follow the news, discuss my ideas.")),
)

TRAVEL_CHOICES: tuple[tuple[str, str, object], ...] = (
    ("walk", "walk", _l("On foot")),
    ("bike", "bike", _l("By bike")),
    ("transit", "bus", _l("By bus or tram")),
)


def step_number(name: str) -> int:
    """1-based position of a step."""
    return STEPS.index(name) + 1


def talent_groups() -> list[Entry]:
    """The taxonomy groups a person picks talents from (the wishes group has its own step)."""
    return [g for g in default_taxonomy().groups() if g.code != WISH_GROUP]


def entries_of(group: str) -> list[Entry]:
    """The entries of one group, in file order."""
    return [e for e in default_taxonomy().talents() if e.group == group]


@bp.get("/")
def welcome():  # type: ignore[no-untyped-def]
    """Who are you, what can you do, what do you need: start, or open proposals with a coach's code."""
    return render_template("kiosk/welcome.html")


@bp.get("/talents")
def talents():  # type: ignore[no-untyped-def]
    """Step 1: the talent groups as pictures, with what was picked so far."""
    state = load_state()
    taxonomy = default_taxonomy()
    return render_template(
        "kiosk/talents.html",
        groups=talent_groups(),
        picked=[taxonomy.entries[c] for c in state.talents],
        step=step_number("talents"),
    )


@bp.route("/talents/<group>", methods=["GET", "POST"])
def talent_group(group: str):  # type: ignore[no-untyped-def]
    """Pick entries of one group; saving replaces this group's picks and returns to the groups."""
    taxonomy = default_taxonomy()
    entry = taxonomy.entries.get(group)
    if entry is None or not entry.is_group or group == WISH_GROUP:
        abort(404)
    entries = entries_of(group)
    state = load_state()
    if request.method == "POST":
        codes = {e.code for e in entries}
        picked = [c for c in request.form.getlist("code") if c in codes]
        state.talents = [c for c in state.talents if c not in codes] + picked
        save_state(state)
        return redirect(url_for("kiosk.talents"))
    return render_template(
        "kiosk/talent_group.html",
        group=entry,
        entries=entries,
        picked=set(state.talents),
        step=step_number("talents"),
    )


@bp.post("/picked/remove")
def remove_talent():  # type: ignore[no-untyped-def]
    """Take one talent off the list."""
    state = load_state()
    state.talents = [c for c in state.talents if c != request.form.get("code")]
    save_state(state)
    return redirect(url_for("kiosk.talents"))


@bp.route("/wishes", methods=["GET", "POST"])
def wishes():  # type: ignore[no-untyped-def]
    """Step 2: what the person wants (work, a course, volunteering, meeting people …)."""
    entries = entries_of(WISH_GROUP)
    state = load_state()
    if request.method == "POST":
        codes = {e.code for e in entries}
        state.wishes = [c for c in request.form.getlist("code") if c in codes]
        save_state(state)
        return redirect(url_for("kiosk.place"))
    return render_template(
        "kiosk/wishes.html", entries=entries, picked=set(state.wishes), step=step_number("wishes")
    )


def neighbourhoods() -> list[Postcode]:
    """PC4 areas of the kiosk's municipality (or every PC4 when the table is small)."""
    municipality = current_app.config["OPSTAP_SETTINGS"].kiosk_municipality
    query = select(Postcode).where(Postcode.code.like("____"))  # type: ignore[attr-defined]
    if municipality:
        query = query.where(Postcode.municipality == municipality)
    return list(get_session().exec(query.order_by(Postcode.code).limit(200)))


@bp.route("/place", methods=["GET", "POST"])
def place():  # type: ignore[no-untyped-def]
    """Step 3: roughly where the person lives (a PC4 area) and how they travel."""
    state = load_state()
    problem = None
    typed = ""
    if request.method == "POST":
        typed = (request.form.get("postcode") or "").strip()
        area = (request.form.get("area") or "").strip()
        travel = request.form.get("travel", "")
        state.travel = travel if travel in TRAVEL_MODES else state.travel
        chosen = typed or area
        if chosen:
            try:
                pc4 = normalise_postcode(chosen)[:4]
            except ValueError:
                pc4 = ""
            if pc4 and lookup_postcode(get_session(), postcode=pc4) is not None:
                state.postcode = pc4
            else:
                problem = _(
                    "We do not know the postcode %(postcode)s. Try the four digits, for example 2711.",
                    postcode=chosen,
                )
        save_state(state)
        if problem is None:
            return redirect(url_for("kiosk.dutch"))
    return render_template(
        "kiosk/place.html",
        areas=neighbourhoods(),
        postcode=typed or state.postcode,
        travel=state.travel,
        travel_choices=TRAVEL_CHOICES,
        problem=problem,
        step=step_number("place"),
    ), (422 if problem else 200)


@bp.route("/dutch", methods=["GET", "POST"])
def dutch():  # type: ignore[no-untyped-def]
    """Step 4: how much Dutch, told with plain examples."""
    state = load_state()
    if request.method == "POST":
        level = request.form.get("level", "")
        if level in {code for code, _label, _example in DUTCH_CHOICES}:
            state.dutch = level
        save_state(state)
        return redirect(url_for("kiosk.suggestions"))
    return render_template(
        "kiosk/dutch.html", choices=DUTCH_CHOICES, level=state.dutch, step=step_number("dutch")
    )
