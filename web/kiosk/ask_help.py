"""Ask for help: a volunteer helps the person contact the chosen places, with only what they share."""

from __future__ import annotations

import re

from flask import current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlmodel import select

from matching.help_requests import create_help_request
from matching.mail.notify import help_request_arrived
from matching.models import Postcode
from web.db import get_session
from web.i18n import current_language
from web.kiosk import bp
from web.kiosk.keypad import EMAIL, NAME, PHONE, Layout, pressed
from web.kiosk.name_scripts import SCRIPTS, NameBoard, board_from
from web.kiosk.share import chosen_ids, form_ids, opportunities
from web.kiosk.state import load_state, save_state

_PHONE = re.compile(r"^\+?[0-9][0-9 \-]{7,18}[0-9]$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# The fields a person may fill, each with its keypad; the phone comes first (most people have one).
FIELDS: tuple[tuple[str, object, str], ...] = (
    ("phone", _l("Your phone number"), "phone"),
    ("email", _l("Or your e-mail address"), "mail"),
    ("first_name", _l("Your first name (if you want)"), "user"),
)
LAYOUTS: dict[str, Layout] = {"phone": PHONE, "email": EMAIL, "first_name": NAME}


def _municipality(pc4: str) -> str:
    if pc4:
        row = get_session().exec(select(Postcode).where(Postcode.code == pc4)).first()
        if row is not None and row.municipality:
            return row.municipality
    return str(current_app.config["OPSTAP_SETTINGS"].kiosk_municipality)


def check(form: dict[str, str]) -> list[str]:
    """What is wrong with the help form, in plain words (empty when it can be sent)."""
    problems = []
    if len(form["first_name"]) > 60:
        problems.append(_("Your first name is too long."))
    if not (form["phone"] or form["email"]):
        problems.append(
            _("Write a phone number or an e-mail address, so a volunteer can reach you.")
        )
    if form["phone"] and not _PHONE.match(form["phone"]):
        problems.append(
            _("This phone number looks wrong. Use only digits, for example 06 12345678.")
        )
    if form["email"] and (len(form["email"]) > 200 or not _EMAIL.match(form["email"])):
        problems.append(
            _("This e-mail address looks wrong. It needs an @, for example name@example.nl.")
        )
    if not form["consent"]:
        problems.append(
            _("Turn on the switch to say yes to sharing. Without it we cannot send your request.")
        )
    return problems


@bp.post("/help/choose")
def help_choose():  # type: ignore[no-untyped-def]
    """Remember the ticked suggestions, then show the help form."""
    state = load_state()
    state.chosen = form_ids()
    save_state(state)
    return redirect(url_for("kiosk.help_form"))


@bp.route("/help", methods=["GET", "POST"])
def help_form():  # type: ignore[no-untyped-def]
    """The consent, in plain words, and the few fields the person may choose to share."""
    ids = chosen_ids()
    form = {"first_name": "", "phone": "", "email": "", "consent": ""}
    problems: list[str] = []
    active = "phone"
    # The name keyboard's script: the language's at first, then as posted in its hidden field.
    board = board_from(request.form.get("first_name_script"), current_language())
    if request.method == "POST":
        # Not stripped yet: a space tapped last on the phone keypad must survive the round trip.
        form = {key: request.form.get(key) or "" for key in form}
        field = pressed(request.form.get("key"), LAYOUTS, form)  # a key tapped without JavaScript
        if field == "first_name":  # a script tab or a Ge'ez consonant changes the keyboard itself
            board = _board_after(board, request.form.get("key", ""))
        shown = request.form.get("show", "")
        if field is not None or shown in LAYOUTS:
            active = field or shown
        else:
            form = {key: value.strip() for key, value in form.items()}
            problems = check(form)
        if field is None and shown not in LAYOUTS and not problems:
            state = load_state()
            help_request = create_help_request(
                get_session(),
                lang=current_language(),
                opportunity_ids=ids,
                shared={k: form[k] for k in ("first_name", "phone", "email")},
                municipality=_municipality(state.postcode),
            )
            # To the coaches of the organisations covering the municipality, else the coordinators.
            help_request_arrived(get_session(), request=help_request)
            get_session().commit()
            return redirect(url_for("kiosk.help_sent"))
    status = 422 if problems else 200
    return render_template(
        "kiosk/help.html",
        items=opportunities(ids),
        form=form,
        problems=problems,
        fields=FIELDS,
        layouts=LAYOUTS,
        active=active,
        board=board,
        name_scripts=SCRIPTS,
    ), status


def _board_after(board: NameBoard, form_key: str) -> NameBoard:
    return board.after(form_key.split(":", 1)[1])


@bp.get("/help/sent")
def help_sent():  # type: ignore[no-untyped-def]
    """Thanks, and a reminder to start again so the next person sees nothing."""
    return render_template("kiosk/help_sent.html")
