"""Coach pages about the plan: explained suggestions, proposing, and following a proposal's states."""

from __future__ import annotations

import logging
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from matching.catalogue import OpportunityFilter, list_opportunities
from matching.models import Opportunity
from matching.people import Person, Proposal, profile_for_match
from matching.proposals import end_proposal, mark_introduced, mark_started, propose
from web.auth import signed_in_user
from web.coach import bp
from web.coach.people import person_or_404
from web.db import get_session
from web.errors import back_to
from web.i18n import current_language

log = logging.getLogger(__name__)
SUGGESTION_LIMIT = 10


def suggestions_for(person: Person) -> tuple[list[dict[str, Any]], str | None]:
    """The engine's explained suggestions for the person, or a problem to show instead."""
    try:
        from web.match import run_match
    except ImportError:
        return [], _("Suggestions are not available yet. Search the catalogue below.")
    try:
        result = run_match(
            profile_for_match(person), lang=current_language(), limit=SUGGESTION_LIMIT
        )
    except Exception as exc:  # the engine names the field; keep the profile's values out of the log
        log.warning("match failed for a person: %s", type(exc).__name__)
        return [], suggestion_problem(exc)
    return list(result.get("suggestions", [])), None


def suggestion_problem(exc: Exception) -> str:
    """Why there are no suggestions, in plain words naming the profile field to change."""
    from web.staff_text import FIELD_NAMES

    field = str(getattr(exc, "field", "") or "")
    if field == "location":
        return str(_("No suggestions yet: add the person’s postcode to the profile."))
    if field.startswith("location"):
        return str(
            _(
                "No suggestions: Opstap does not know the postcode in the profile. Check it, or try the first four digits."
            )
        )
    name = FIELD_NAMES.get(field.split(".")[0].split("[")[0])
    if name is not None:
        return str(_("No suggestions: check “%(field)s” in the profile.", field=name))
    return str(_("Suggestions are not available right now. Search the catalogue below."))


def catalogue_search(q: str) -> list[Opportunity]:
    """Active opportunities whose title, description or provider contains `q`."""
    rows, _total = list_opportunities(get_session(), where=OpportunityFilter(q=q), limit=20)
    return [opp for opp, _distance in rows]


def _own_proposal_or_404(proposal_id: int) -> Proposal:
    proposal = get_session().get(Proposal, proposal_id)
    if proposal is None or proposal.person_id is None:
        abort(404)
    person_or_404(proposal.person_id)  # the coach must see the person …
    if proposal.organisation_id != signed_in_user().organisation_id:
        abort(403)  # … and only follows their own organisation's proposals
    return proposal


@bp.post("/people/<int:person_id>/propose")
def propose_view(person_id: int):  # type: ignore[no-untyped-def]
    """Propose one opportunity to the person, with the fields the coach suggests sharing."""
    person = person_or_404(person_id)
    db = get_session()
    opportunity_id = request.form.get("opportunity_id", type=int)
    if opportunity_id is None:
        flash(_("Choose an opportunity to propose."), "error")
        return redirect(url_for("coach.person", person_id=person_id))
    back_to("coach.person", person_id=person_id)
    propose(
        db,
        person=person,
        opportunity_id=opportunity_id,
        user=signed_in_user(),
        share_fields=request.form.getlist("share"),
        waiting_list=request.form.get("waiting_list") == "1",
    )
    db.commit()
    if request.form.get("waiting_list") == "1":
        flash(_("On the waiting list. You get a mail when a place opens."))
    else:
        flash(_("Proposed. The person can accept or decline it with their personal code."))
    return redirect(url_for("coach.person", person_id=person_id))


def _confirm_end(proposal: Proposal):  # type: ignore[no-untyped-def]
    """Ask before stopping or finishing: the reason must be chosen, then confirmed (nothing is preselected)."""
    from matching.proposals import FINISH_REASONS, STOP_REASONS

    outcome = request.form.get("outcome", "")
    if outcome not in ("stopped", "finished"):
        abort(400)
    reasons = STOP_REASONS if outcome == "stopped" else FINISH_REASONS
    reason = request.form.get("reason", "")
    error = None
    if request.form.get("confirmed") and reason not in reasons:
        error = _("Choose a reason.")
    db = get_session()
    opp = db.get(Opportunity, proposal.opportunity_id)
    person = person_or_404(proposal.person_id or 0)
    return render_template(
        "coach/confirm_end.html",
        proposal=proposal,
        opp=opp,
        person=person,
        outcome=outcome,
        reasons=reasons,
        reason=reason if reason in reasons else "",
        errors=_reason_errors(error),
    ), (422 if error else 200)


def _end_confirmed() -> bool:
    from matching.proposals import FINISH_REASONS, STOP_REASONS

    reasons = {"stopped": STOP_REASONS, "finished": FINISH_REASONS}.get(
        request.form.get("outcome", ""), ()
    )
    return bool(request.form.get("confirmed")) and request.form.get("reason", "") in reasons


def _reason_errors(message: str | None):  # type: ignore[no-untyped-def]
    from web.form_errors import FormErrors

    errors = FormErrors()
    if message:
        errors.add("reason", message)
    return errors


@bp.post("/proposals/<int:proposal_id>/<action>")
def proposal_action(proposal_id: int, action: str):  # type: ignore[no-untyped-def]
    """Follow a proposal: introduced (provider not in Opstap), started, stopped or finished."""
    proposal = _own_proposal_or_404(proposal_id)
    db = get_session()
    user = signed_in_user()
    back_to("coach.person", person_id=proposal.person_id)
    if action == "introduced":
        mark_introduced(db, proposal=proposal, user=user)
    elif action == "started":
        mark_started(db, proposal=proposal, user=user)
    elif action == "end":
        if not _end_confirmed():
            return _confirm_end(proposal)
        end_proposal(
            db,
            proposal=proposal,
            user=user,
            outcome=request.form.get("outcome", ""),
            reason=request.form.get("reason", ""),
        )
    else:
        abort(404)
    db.commit()
    flash(_("Saved."))
    return redirect(url_for("coach.person", person_id=proposal.person_id))
