"""Coordinator pages: municipalities each organisation covers, uncovered requests, mail status."""

from __future__ import annotations

import logging

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from matching.accounts import AccountError, Organisation, list_organisations
from matching.coverage import (
    areas_of,
    count_uncovered,
    parse_municipalities,
    set_areas,
    uncovered_requests,
)
from matching.mail.outbox import outbox_status
from matching.models import Opportunity
from web.auth import signed_in_user
from web.coordinator import bp
from web.db import get_session
from web.mail import mail_on

log = logging.getLogger(__name__)


@bp.app_context_processor
def _coordinator_warnings() -> dict[str, object]:
    # Only counted for coordinators: the warning on every coordinator page.
    from flask_login import current_user

    if not (current_user and current_user.is_authenticated and current_user.role == "coordinator"):
        return {}
    return {"uncovered_count": count_uncovered(get_session()), "mail_is_on": mail_on()}


@bp.get("/organisations")
def organisations_page():  # type: ignore[no-untyped-def]
    """Every organisation with the municipalities it covers, each editable."""
    db = get_session()
    organisations = list_organisations(db)
    areas = {o.id: areas_of(db, organisation_id=o.id) for o in organisations if o.id is not None}
    return render_template(
        "coordinator/organisations.html", organisations=organisations, areas=areas
    )


@bp.post("/organisations/<int:organisation_id>/areas")
def organisation_areas(organisation_id: int):  # type: ignore[no-untyped-def]
    """Replace the municipalities an organisation covers (one per line or separated by commas)."""
    db = get_session()
    organisation = db.get(Organisation, organisation_id)
    if organisation is None:
        abort(404)
    try:
        municipalities = parse_municipalities(request.form.get("municipalities", ""))
    except AccountError:
        flash(_("A municipality's name is at most 200 characters."), "error")
        return redirect(url_for("coordinator.organisations_page"))
    set_areas(db, organisation=organisation, municipalities=municipalities)
    db.commit()
    log.info(
        "coordinator %s set the areas of organisation %s", signed_in_user().id, organisation_id
    )
    if municipalities:
        flash(
            _("Saved. Help requests from these municipalities reach this organisation's coaches.")
        )
    else:
        flash(_("Saved. This organisation covers no municipality: it gets no help requests."))
    return redirect(url_for("coordinator.organisations_page"))


@bp.get("/help-requests")
def help_requests():  # type: ignore[no-untyped-def]
    """Open help requests whose municipality no organisation covers: nobody but you sees them."""
    db = get_session()
    rows = uncovered_requests(db)
    ids = {i for r in rows for i in r.opportunity_ids}
    opportunities = {i: db.get(Opportunity, i) for i in ids}
    return render_template("coordinator/help_requests.html", rows=rows, opportunities=opportunities)


@bp.get("/mail")
def mail_status():  # type: ignore[no-untyped-def]
    """Is mail on, what waits in the outbox, and what went wrong lately."""
    return render_template("coordinator/mail.html", status=outbox_status(get_session()))
