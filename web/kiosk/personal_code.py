"""The personal code at the kiosk: a newcomer sees their proposals and accepts or declines them.

Nothing is kept in the session: the code travels in the page's forms (the page is never cached),
so the shared screen forgets the person as soon as the page is left or the kiosk resets.
"""

from __future__ import annotations

import logging

from flask import Response, current_app, g, make_response, render_template, request
from flask_babel import gettext as _
from flask_limiter import RequestLimit

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

# Wrong codes allowed from one screen (address) before the page locks for the rest of the window.
WRONG_CODE_LIMIT = "10 per 15 minutes"
ANY_CODE_LIMIT = "60 per 15 minutes"


def _locked(_limit: RequestLimit) -> Response:
    return make_response(render_template("kiosk/code/locked.html"), 429)


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
    WRONG_CODE_LIMIT, methods=["POST"], deduct_when=lambda _r: _wrong_code(), on_breach=_locked
)
@limiter.limit(ANY_CODE_LIMIT, methods=["POST"], on_breach=_locked)
def personal_code() -> Response:
    """Enter the personal code; then accept or decline each proposal."""
    if request.method == "GET":
        return _page(None, "")
    typed = request.form.get("code") or ""
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
        return _page(
            None, typed, _("We do not know this code. Ask your coach for a new letter."), 422
        )
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
