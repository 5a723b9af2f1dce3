"""What waits for a coach that no other page records: a help request, a waiting-list place."""

from __future__ import annotations

from typing import Any

from flask import abort, redirect, request, url_for

from matching.notices import CoachNotice, mark_done, open_notices
from matching.people import Person
from matching.proposals import Proposal
from web.auth import signed_in_user
from web.coach import bp
from web.db import get_session


def notice_rows() -> list[dict[str, Any]]:
    """The coach's open notices, each with the person's first name and the listing's title."""
    db = get_session()
    rows = []
    for notice in open_notices(db, user=signed_in_user()):
        person = db.get(Person, notice.person_id) if notice.person_id is not None else None
        proposal = db.get(Proposal, notice.proposal_id) if notice.proposal_id is not None else None
        title = None
        if proposal is not None:
            from matching.models import Opportunity

            opp = db.get(Opportunity, proposal.opportunity_id)
            title = opp.title if opp is not None else None
        rows.append({"notice": notice, "person": person, "title": title})
    return rows


@bp.context_processor
def _notices_context() -> dict[str, Any]:
    # Only the coach pages that show them ask for them (a callable: no query on other pages).
    return {"coach_notices": notice_rows}


@bp.post("/notices/<int:notice_id>/done")
def notice_done(notice_id: int):  # type: ignore[no-untyped-def]
    """The coach dealt with a notice: it leaves the list."""
    db = get_session()
    notice = db.get(CoachNotice, notice_id)
    user = signed_in_user()
    if notice is None or notice.organisation_id != user.organisation_id:
        abort(404)
    if notice.user_id is not None and notice.user_id != user.id:
        abort(404)
    mark_done(db, notice=notice)
    db.commit()
    target = request.form.get("next") or ""
    return redirect(
        target if target.startswith("/") and not target.startswith("//") else url_for("coach.index")
    )
