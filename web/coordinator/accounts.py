"""Coordinator pages: accounts (invitations and reset links), organisations, provider verification."""

from __future__ import annotations

import logging

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlmodel import col, select

from matching.accounts import (
    ROLES,
    AccountError,
    User,
    create_organisation,
    create_user,
    issue_token,
    list_organisations,
    list_users,
    pending_provider_users,
    set_status,
    verify_provider_user,
)
from matching.models import Provider
from matching.proposals import counts_by_state
from web.auth import signed_in_user
from web.coordinator import bp
from web.db import get_session
from web.errors import back_to
from web.form_errors import FormErrors, account_errors

log = logging.getLogger(__name__)


def _link_page(user: User, purpose: str) -> Response:
    """Show a new one-time link once (there is no mail server: the coordinator passes it on)."""
    token = issue_token(get_session(), user=user, purpose=purpose)
    get_session().commit()
    link = url_for("auth.set_password", token=token, _external=True)
    response = Response(
        render_template("coordinator/link.html", user=user, link=link, purpose=purpose)
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/accounts", methods=["GET", "POST"])
def accounts():  # type: ignore[no-untyped-def]
    """Every account; add one, which gives a one-time invitation link."""
    db = get_session()
    errors = FormErrors(("email", "name", "role", "organisation_id", "provider_id"))
    values = {
        k: (request.form.get(k) or "").strip()
        for k in ("email", "name", "role", "organisation_id", "provider_id")
    }
    if request.method == "POST":
        _precheck(values, errors)
    if request.method == "POST" and not errors:
        try:
            user = create_user(
                db,
                email=values["email"],
                name=values["name"],
                role=values["role"],
                organisation_id=int(values["organisation_id"])
                if values["organisation_id"].isdigit()
                else None,
                provider_id=int(values["provider_id"]) if values["provider_id"].isdigit() else None,
            )
        except AccountError as exc:
            db.rollback()
            for field, message in account_errors(exc).items():
                errors.add(field, message)
        else:
            log.info("coordinator %s added user %s", signed_in_user().id, user.id)
            return _link_page(user, "invite")
    providers = list(db.exec(select(Provider).order_by(col(Provider.name)).limit(2000)))
    return render_template(
        "coordinator/accounts.html",
        users=list_users(db),
        organisations=list_organisations(db),
        providers=providers,
        roles=ROLES,
        values=values,
        errors=errors,
        org_errors=None,
        counts=counts_by_state(db),
    ), (422 if errors else 200)


def _precheck(values: dict[str, str], errors: FormErrors) -> None:
    """Every missing choice at once (the domain stops at the first problem)."""
    if "@" not in values["email"]:
        errors.add("email", _("Enter an e-mail address like name@example.nl."))
    if values["role"] not in ROLES:
        errors.add("role", _("Choose a role."))
    if values["role"] == "coach" and not values["organisation_id"]:
        errors.add("organisation_id", _("Choose the organisation this coach works for."))
    if values["role"] == "provider" and not values["provider_id"]:
        errors.add("provider_id", _("Choose the provider this account works for."))


@bp.post("/accounts/<int:user_id>/<action>")
def account_action(user_id: int, action: str):  # type: ignore[no-untyped-def]
    """A reset link, or switch an account off or on."""
    db = get_session()
    user = db.get(User, user_id)
    if user is None:
        abort(404)
    if action == "reset":
        return _link_page(user, "reset")
    if action in ("disable", "enable"):
        if user.id == signed_in_user().id:
            flash(_("You cannot switch off your own account."), "error")
            return redirect(url_for("coordinator.accounts"))
        set_status(db, user=user, status="disabled" if action == "disable" else "active")
        db.commit()
        flash(_("Saved."))
        return redirect(url_for("coordinator.accounts"))
    abort(404)


@bp.post("/organisations")
def organisations():  # type: ignore[no-untyped-def]
    """Add a coaching organisation with its municipality (help requests reach its coaches)."""
    db = get_session()
    back_to("coordinator.accounts")
    create_organisation(
        db, name=request.form.get("name", ""), municipality=request.form.get("municipality", "")
    )
    db.commit()
    flash(_("Saved."))
    return redirect(url_for("coordinator.accounts"))


@bp.get("/providers")
def providers():  # type: ignore[no-untyped-def]
    """Provider sign-ups waiting for verification."""
    db = get_session()
    return render_template("coordinator/providers.html", pending=pending_provider_users(db))


@bp.post("/providers/users/<int:user_id>/<action>")
def provider_action(user_id: int, action: str):  # type: ignore[no-untyped-def]
    """Verify a provider's sign-up (the provider is verified too) or refuse it."""
    db = get_session()
    user = db.get(User, user_id)
    if user is None or user.role != "provider" or user.status != "pending":
        abort(404)
    if action == "verify":
        verify_provider_user(db, user=user)
        flash(_("Verified. The provider can sign in now."))
    elif action == "refuse":
        set_status(db, user=user, status="disabled")
        flash(_("The sign-up is refused."))
    else:
        abort(404)
    db.commit()
    log.info("coordinator %s: provider user %s %s", signed_in_user().id, user.id, action)
    return redirect(url_for("coordinator.providers"))
