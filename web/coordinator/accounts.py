"""Coordinator pages: accounts (invitations and reset links), organisations, provider verification."""

from __future__ import annotations

import logging

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlmodel import Session, col, select

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
from matching.mail.notify import account_link, signup_decided
from matching.models import Opportunity, Provider
from matching.proposals import counts_by_state
from matching.vocab import UI_LANGUAGES
from web.auth import signed_in_user
from web.coordinator import bp
from web.db import get_session
from web.errors import back_to
from web.form_errors import FormErrors, account_errors
from web.i18n import current_language
from web.mail import mail_on

log = logging.getLogger(__name__)


def _link_page(user: User, purpose: str) -> Response:
    """Mail a new one-time link; without a mail server, show it once for the coordinator to pass on."""
    db = get_session()
    token = issue_token(db, user=user, purpose=purpose)
    mailed = mail_on()
    if mailed:
        # In the same transaction as the token: the mail goes out only if the account is saved.
        account_link(db, user=user, purpose=purpose, path=f"/{{lang}}/account/link/{token}")
    db.commit()
    link = None if mailed else url_for("auth.set_password", token=token, _external=True)
    response = Response(
        render_template(
            "coordinator/link.html", user=user, link=link, purpose=purpose, mailed=mailed
        )
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
        for k in ("email", "name", "role", "organisation_id", "provider_id", "lang")
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
            user.lang = values["lang"] if values["lang"] in UI_LANGUAGES else current_language()
            log.info("coordinator %s added user %s", signed_in_user().id, user.id)
            return _link_page(user, "invite")
    providers = list(db.exec(select(Provider).order_by(col(Provider.name)).limit(2000)))
    return render_template(
        "coordinator/accounts.html",
        users=list_users(db),
        organisations=list_organisations(db),
        providers=providers,
        roles=ROLES,
        ui_languages=UI_LANGUAGES,
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


def _claim_facts(db: Session, user: User, provider: Provider) -> dict[str, object]:
    """What a coordinator checks before verifying: who already manages it, the catalogue's contacts."""
    managers = list(
        db.exec(
            select(User).where(
                User.provider_id == provider.id,
                User.role == "provider",
                User.status == "active",
                User.id != user.id,
            )
        )
    )
    contacts = list(
        db.exec(
            select(Opportunity.contact)
            .where(Opportunity.provider_id == provider.id, col(Opportunity.contact).is_not(None))
            .distinct()
            .limit(5)
        )
    )
    return {"managers": managers, "contacts": [c for c in contacts if c]}


@bp.get("/providers")
def providers():  # type: ignore[no-untyped-def]
    """Provider sign-ups waiting for verification, with what helps to check each claim."""
    db = get_session()
    pending = pending_provider_users(db)
    facts = {user.id: _claim_facts(db, user, provider) for user, provider in pending}
    return render_template("coordinator/providers.html", pending=pending, facts=facts)


@bp.post("/providers/users/<int:user_id>/<action>")
def provider_action(user_id: int, action: str):  # type: ignore[no-untyped-def]
    """Verify a provider's sign-up (the provider is verified too) or refuse it."""
    db = get_session()
    user = db.get(User, user_id)
    if user is None or user.role != "provider" or user.status != "pending":
        abort(404)
    if action == "verify":
        provider = verify_provider_user(db, user=user)
        signup_decided(db, user=user, provider=provider, reason=None)
        flash(_("Verified. The provider can sign in now."))
    elif action == "refuse":
        reason = (request.form.get("reason") or "").strip()
        if not reason:
            flash(_("Write the reason for declining: the person gets it by mail."), "error")
            return redirect(url_for("coordinator.providers") + f"#signup-{user.id}")
        claimed = db.get(Provider, user.provider_id)
        assert claimed is not None
        set_status(db, user=user, status="disabled")
        signup_decided(db, user=user, provider=claimed, reason=reason[:1000])
        flash(_("The sign-up is declined."))
    else:
        abort(404)
    db.commit()
    log.info("coordinator %s: provider user %s %s", signed_in_user().id, user.id, action)
    return redirect(url_for("coordinator.providers"))
