"""The help-request queue: kiosk requests for the coaches of the organisations covering the municipality."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from matching.coverage import organisation_covers
from matching.help_requests import HelpRequest, list_help_requests, set_help_request_status
from matching.models import Opportunity
from web.auth import signed_in_user
from web.coach import bp
from web.db import get_session


def _mine(request_: HelpRequest) -> bool:
    # The organisation covers the municipality the kiosk request came from (coordinator's setting).
    org_id = signed_in_user().organisation_id
    return org_id is not None and organisation_covers(
        get_session(), organisation_id=org_id, municipality=request_.municipality
    )


def open_requests_for_coach() -> list[HelpRequest]:
    """Open help requests this coach's organisation should pick up (the to-do list shows them)."""
    return [r for r in list_help_requests(get_session(), status="open") if _mine(r)]


@bp.get("/help")
def help_queue():  # type: ignore[no-untyped-def]
    """Open requests of this municipality, and the ones this coach took."""
    db = get_session()
    user = signed_in_user()
    open_ = [r for r in list_help_requests(db, status="open") if _mine(r)]
    taken = [
        r
        for r in list_help_requests(db, status="taken")
        if _mine(r) and r.taken_by_user_id == user.id
    ]
    ids = {i for r in open_ + taken for i in r.opportunity_ids}
    opportunities = {i: db.get(Opportunity, i) for i in ids}
    return render_template(
        "coach/help.html", open_requests=open_, taken=taken, opportunities=opportunities
    )


@bp.post("/help/<int:request_id>/<action>")
def help_action(request_id: int, action: str):  # type: ignore[no-untyped-def]
    """Take a request (it leaves the queue) or close one you took."""
    db = get_session()
    request_ = db.get(HelpRequest, request_id)
    user = signed_in_user()
    if request_ is None or not _mine(request_):
        abort(404)
    if action == "take" and request_.status == "open":
        set_help_request_status(db, request_id=request_id, status="taken", user_id=user.id)
    elif action == "close" and request_.status == "taken" and request_.taken_by_user_id == user.id:
        set_help_request_status(db, request_id=request_id, status="closed", user_id=user.id)
        request_.shared = {}  # handled: the contact details are not needed any more (data minimisation)
        db.add(request_)
    else:
        abort(409)
    db.commit()
    flash(_("Saved."))
    return redirect(url_for("coach.help_queue"))
