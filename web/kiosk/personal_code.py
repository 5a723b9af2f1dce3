"""The personal code at the kiosk: a newcomer sees their proposals and accepts or declines them.

The code is never kept in the session: it travels in the page's forms (the page is never cached),
so the shared screen forgets the person as soon as the page is left or the kiosk resets.
"""

from __future__ import annotations

import logging
import time

from flask import Response, current_app, g, make_response, render_template, request, session
from flask_babel import gettext as _
from flask_limiter import RequestLimit

from matching.code_guard import (
    ALL_SCREENS_LIMIT,
    ALL_SCREENS_WINDOW_MIN,
    record_lock,
    record_wait,
    wait_after,
)
from matching.models import Opportunity
from matching.people import (
    SHAREABLE_FIELDS,
    Person,
    Proposal,
    normalise_code,
    person_for_code,
    record_audit,
)
from matching.proposals import person_accepts, person_declines, proposals_of
from web.auth import limiter
from web.db import get_session
from web.kiosk import bp

log = logging.getLogger(__name__)

# Wrong codes from all screens together: this, not a lock per screen, is what stops guessing.
WRONG_CODES_ALL_SCREENS = f"{ALL_SCREENS_LIMIT} per {ALL_SCREENS_WINDOW_MIN} minutes"
# Any code request from one address (a library's screens may share one): a brake on scripts only.
ANY_CODE_LIMIT = "300 per 15 minutes"
GUARD_KEY = "code_guard"  # in the kiosk session: wrong codes in a row and the end of the wait


def _now() -> float:
    return time.time()


def _all_screens() -> str:
    return "kiosk-personal-code-all-screens"


def _locked(_limit: RequestLimit) -> Response:
    db = get_session()
    if record_lock(db):
        db.commit()
        log.warning("kiosk: personal codes refused on all screens (too many wrong codes)")
    return make_response(render_template("kiosk/code/locked.html"), 429)


def _waiting(typed: str) -> Response | None:
    """The page asking this screen to wait, while its wait after wrong codes lasts."""
    guard = session.get(GUARD_KEY) or {}
    left = int(float(guard.get("until", 0)) - _now() + 0.999)
    if left <= 0:
        return None
    message = _(
        "Too many wrong codes on this screen. Please wait %(seconds)s seconds and try again, "
        "or press Start again.",
        seconds=left,
    )
    response = _page(None, typed, message, 429)
    response.headers["Retry-After"] = str(left)
    return response


def _count_wrong() -> int:
    """Count one more wrong code on this screen; returns the seconds it now waits."""
    guard = session.get(GUARD_KEY) or {}
    wrong = int(guard.get("wrong", 0)) + 1
    seconds = wait_after(wrong)
    session[GUARD_KEY] = {"wrong": wrong, "until": _now() + seconds}
    if seconds:
        record_wait(get_session(), wrong=wrong, seconds=seconds)
    return seconds


def _wrong_code() -> bool:
    return bool(g.get("wrong_code"))


def _page(
    person: Person | None, code: str, error: str | None = None, status: int = 200
) -> Response:
    db = get_session()
    rows = []
    if person is not None and person.id is not None:
        for proposal in proposals_of(db, person_id=person.id):
            if proposal.state in ("stopped", "finished"):
                continue
            rows.append((proposal, db.get(Opportunity, proposal.opportunity_id)))
    shareable = [
        f
        for f in SHAREABLE_FIELDS
        if person is not None and getattr(person, f) not in (None, "", [])
    ]
    html = render_template(
        "kiosk/code/page.html",
        person=person,
        code=code,
        rows=rows,
        error=error,
        shareable=shareable,
    )
    return make_response(html, status)


@bp.route("/code", methods=["GET", "POST"])
@limiter.limit(
    WRONG_CODES_ALL_SCREENS,
    key_func=_all_screens,
    methods=["POST"],
    deduct_when=lambda _r: _wrong_code(),
    on_breach=_locked,
)
@limiter.limit(ANY_CODE_LIMIT, methods=["POST"], on_breach=_locked)
def personal_code() -> Response:
    """Enter the personal code; then accept or decline each proposal."""
    if request.method == "GET":
        return _page(None, "")
    typed = request.form.get("code") or ""
    waiting = _waiting(typed)
    if waiting is not None:
        return waiting
    code = normalise_code(typed)
    if code is None:
        # Not a possible code (the check character catches typos), so it does not count as a guess.
        return _page(
            None,
            typed,
            _("This code is not complete or has a typing error. Check it and try again."),
            422,
        )
    db = get_session()
    person = person_for_code(db, code=code, key=current_app.config["OPSTAP_SETTINGS"].secret_key)
    if person is None:
        g.wrong_code = True
        log.info("kiosk: unknown personal code")
        seconds = _count_wrong()
        db.commit()  # the wait event, if any
        message = _("We do not know this code. Ask your coach for a new letter.")
        if seconds:
            message += " " + _(
                "Please wait %(seconds)s seconds before you try again.", seconds=seconds
            )
        return _page(None, typed, message, 422)
    session.pop(GUARD_KEY, None)  # a right code ends the count
    action = request.form.get("choice", "show")
    proposal_id = request.form.get("proposal_id", type=int)
    if action in ("accept", "decline"):
        proposal = db.get(Proposal, proposal_id) if proposal_id is not None else None
        if proposal is None or proposal.person_id != person.id or proposal.state != "proposed":
            return _page(person, typed, _("This proposal cannot be answered any more."), 409)
        if action == "accept":
            person_accepts(
                db, proposal=proposal, person=person, fields=request.form.getlist("share")
            )
        else:
            person_declines(db, proposal=proposal, person=person)
    else:
        record_audit(db, action="kiosk_view", person_id=person.id)
    db.commit()
    return _page(person, typed)
