"""Provider pages: introductions (only the fields the person consented to), accept, decline, started."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from matching.models import Opportunity
from matching.people import Proposal, record_audit
from matching.proposals import (
    introduction_view,
    introductions_for_provider,
    mark_started,
    provider_answers,
)
from web.auth import signed_in_user
from web.db import get_session
from web.errors import back_to
from web.provider import bp


@bp.get("/introductions")
def introductions():  # type: ignore[no-untyped-def]
    """Introductions to this provider, each with only the consented fields (every view is audited)."""
    db = get_session()
    user = signed_in_user()
    assert user.provider_id is not None
    rows = []
    for proposal in introductions_for_provider(db, provider_id=user.provider_id):
        shared = introduction_view(db, proposal=proposal)
        if shared:
            record_audit(
                db,
                action="provider_view",
                user=user,
                person_id=proposal.person_id,
                proposal_id=proposal.id,
                detail=",".join(shared),
            )
        rows.append((proposal, db.get(Opportunity, proposal.opportunity_id), shared))
    db.commit()
    return render_template("provider/introductions.html", rows=rows)


@bp.post("/introductions/<int:proposal_id>/<action>")
def introduction_action(proposal_id: int, action: str):  # type: ignore[no-untyped-def]
    """Accept or decline an introduction, or mark that the person started."""
    db = get_session()
    user = signed_in_user()
    proposal = db.get(Proposal, proposal_id)
    if (
        proposal is None
        or proposal.introduced_at is None
        or proposal.provider_id != user.provider_id
    ):
        abort(404)
    back_to("provider.introductions")
    if action == "accept":
        provider_answers(db, proposal=proposal, user=user, accept=True)
    elif action == "decline":
        provider_answers(db, proposal=proposal, user=user, accept=False)
    elif action == "started":
        mark_started(db, proposal=proposal, user=user)
    else:
        abort(404)
    db.commit()
    flash(_("Saved."))
    return redirect(url_for("provider.introductions"))
