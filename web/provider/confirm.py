"""The "still valid?" link from the monthly reminder: confirm a listing without signing in.

The mail's link is signed for one listing and expires; opening it shows the listing and one button.
Confirming takes a POST, so a mail scanner that opens links does not confirm anything by itself.
"""

from __future__ import annotations

import logging
from datetime import date

from flask import abort, current_app, render_template, request

from matching.catalogue import bump_version
from matching.mail.links import read_confirm_token
from matching.models import Opportunity, utcnow
from web.db import get_session
from web.provider import bp

log = logging.getLogger(__name__)


@bp.route("/confirm/<token>", methods=["GET", "POST"])
def confirm_by_link(token: str):  # type: ignore[no-untyped-def]
    """Show the listing of a signed link, and confirm it with one click."""
    opportunity_id = read_confirm_token(current_app.config["OPSTAP_SETTINGS"].secret_key, token)
    if opportunity_id is None:
        return render_template("provider/confirm.html", opp=None, done=False), 404
    db = get_session()
    opp = db.get(Opportunity, opportunity_id)
    if opp is None:
        abort(404)
    done = False
    if request.method == "POST":
        opp.last_confirmed = date.today()
        opp.updated_at = utcnow()
        db.add(opp)
        bump_version(db)
        db.commit()
        log.info("listing %s confirmed through a mailed link", opp.id)
        done = True
    return render_template("provider/confirm.html", opp=opp, done=done)
