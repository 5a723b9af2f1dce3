"""The kiosk steps before the suggestions: talents, wishes, where you live, travel, Dutch level, age."""

from __future__ import annotations

from flask import abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from matching.areas import Area, area_choices, area_name_of
from matching.geo import lookup_postcode
from matching.schema import normalise_postcode
from matching.taxonomy import Entry
from matching.vocab import TRAVEL_MODES
from web.db import get_session
from web.kiosk import bp
from web.kiosk.keypad import POSTCODE, pressed
from web.kiosk.state import AGE_RANGES, WISH_GROUP, load_state, save_state
from web.kiosk.taxonomy import kiosk_taxonomy

# The steps in order, for the progress line.
STEPS = ("talents", "wishes", "place", "travel", "dutch", "age", "suggestions")

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

AGE_CHOICES: tuple[tuple[str, object], ...] = (
    ("u18", _l("Under 18")),
    ("18-26", _l("18 to 26")),
    ("27-49", _l("27 to 49")),
    ("50+", _l("50 or older")),
)
assert {code for code, _label in AGE_CHOICES} == set(AGE_RANGES)

# Fun and the most popular first (PRODUCT §1: low threshold, a game of football, music, dance);
# groups not named here follow in file order.
GROUP_ORDER = (
    "sport", "music_dance", "food", "art_design", "crafts", "garden_nature", "animals", "children",
    "care", "teaching_languages", "beauty", "technical", "building", "computers_admin",
    "shop_customer", "cleaning_hospitality", "driving_logistics",
)  # fmt: skip


def step_number(name: str) -> int:
    """1-based position of a step."""
    return STEPS.index(name) + 1


def talent_groups() -> list[Entry]:
    """The taxonomy groups a person picks talents from, fun first (the wishes have their own step)."""
    groups = [g for g in kiosk_taxonomy().groups() if g.code != WISH_GROUP]
    rank = {code: i for i, code in enumerate(GROUP_ORDER)}
    return sorted(groups, key=lambda g: rank.get(g.code, len(rank)))


def entries_of(group: str) -> list[Entry]:
    """The entries of one group, in file order."""
    return [e for e in kiosk_taxonomy().talents() if e.group == group]


@bp.get("/")
def welcome():  # type: ignore[no-untyped-def]
    """Who are you, what can you do, what do you need: start, or open proposals with a coach's code."""
    return render_template("kiosk/welcome.html")


@bp.get("/talents")
def talents():  # type: ignore[no-untyped-def]
    """Step 1: the talent groups as pictures, with what was picked so far."""
    state = load_state()
    taxonomy = kiosk_taxonomy()
    return render_template(
        "kiosk/talents.html",
        groups=talent_groups(),
        picked=[taxonomy.entries[c] for c in state.talents],
        step=step_number("talents"),
    )


@bp.route("/talents/<group>", methods=["GET", "POST"])
def talent_group(group: str):  # type: ignore[no-untyped-def]
    """Pick entries of one group; saving replaces this group's picks and returns to the groups."""
    taxonomy = kiosk_taxonomy()
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


def neighbourhoods() -> list[Area]:
    """The names to tap for the kiosk's municipality (loaded names, else GeoNames place names)."""
    municipality = current_app.config["OPSTAP_SETTINGS"].kiosk_municipality
    return area_choices(get_session(), municipality=municipality)


def _known_postcode(typed: str) -> str | None:
    """The PC4 area of a typed PC4 or PC6 the postcode table knows, or None.

    Only the PC4 is kept: an area is enough for distances, and the shared screen keeps less.
    """
    try:
        code = normalise_postcode(typed)
    except ValueError:
        return None
    if lookup_postcode(get_session(), postcode=code) is None:
        return None
    return code[:4]


@bp.route("/place", methods=["GET", "POST"])
def place():  # type: ignore[no-untyped-def]
    """Step 3: roughly where the person lives: a postcode on the keypad, or a name from the list."""
    state = load_state()
    problem = None
    typed = state.postcode
    if request.method == "POST":
        values = {"postcode": (request.form.get("postcode") or "").strip().upper().replace(" ", "")}
        typed = values["postcode"]
        travel = request.form.get("travel", "")
        if travel in TRAVEL_MODES:  # an older form (and the API-like tests) may send both at once
            state.travel = travel
        if pressed(request.form.get("key"), {"postcode": POSTCODE}, values) is not None:
            # A key of the keypad without JavaScript: show the step again with the key added.
            typed = values["postcode"]
        else:
            chosen = typed or (request.form.get("area") or "").strip()
            if chosen:
                known = _known_postcode(chosen)
                if known:
                    state.postcode = known
                else:
                    problem = _(
                        "We do not know the postcode %(postcode)s. Try the four digits, for example 2711.",
                        postcode=chosen,
                    )
            save_state(state)
            if problem is None:
                return redirect(url_for("kiosk.travel"))
    session = get_session()
    return render_template(
        "kiosk/place.html",
        postcode=typed,
        has_areas=bool(neighbourhoods()),
        area_name=area_name_of(session, pc4=state.postcode) if state.postcode else "",
        problem=problem,
        step=step_number("place"),
    ), (422 if problem else 200)


@bp.route("/place/areas", methods=["GET", "POST"])
def areas():  # type: ignore[no-untyped-def]
    """Step 3, by name: the municipality's neighbourhoods and villages as a list to tap."""
    state = load_state()
    choices = neighbourhoods()
    if request.method == "POST":
        pc4 = request.form.get("area", "")
        if pc4 in {a.pc4 for a in choices}:
            state.postcode = pc4
            save_state(state)
            return redirect(url_for("kiosk.travel"))
    return render_template(
        "kiosk/areas.html", areas=choices, postcode=state.postcode, step=step_number("place")
    )


@bp.route("/travel", methods=["GET", "POST"])
def travel():  # type: ignore[no-untyped-def]
    """Step 4: on foot, by bike, or by bus: one tap."""
    state = load_state()
    if request.method == "POST":
        mode = request.form.get("travel", "")
        if mode in TRAVEL_MODES:
            state.travel = mode
        save_state(state)
        return redirect(url_for("kiosk.dutch"))
    return render_template(
        "kiosk/travel.html",
        travel=state.travel,
        travel_choices=TRAVEL_CHOICES,
        step=step_number("travel"),
    )


@bp.route("/dutch", methods=["GET", "POST"])
def dutch():  # type: ignore[no-untyped-def]
    """Step 5: how much Dutch, told with plain examples: one tap."""
    state = load_state()
    if request.method == "POST":
        level = request.form.get("level", "")
        if level in {code for code, _label, _example in DUTCH_CHOICES}:
            state.dutch = level
        save_state(state)
        return redirect(url_for("kiosk.age"))
    return render_template(
        "kiosk/dutch.html", choices=DUTCH_CHOICES, level=state.dutch, step=step_number("dutch")
    )


@bp.route("/age", methods=["GET", "POST"])
def age():  # type: ignore[no-untyped-def]
    """Step 6 (optional): a big age range, so youth-only and adult-only places are right."""
    state = load_state()
    if request.method == "POST":
        chosen = request.form.get("age", "")
        if chosen in AGE_RANGES:
            state.age = chosen
        save_state(state)
        return redirect(url_for("kiosk.suggestions"))
    return render_template(
        "kiosk/age.html", choices=AGE_CHOICES, age=state.age, step=step_number("age")
    )
