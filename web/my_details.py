"""A signed-in person's own details: name and phone number (a coach's phone goes on the letter)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from matching.accounts import PHONE_PATTERN, AccountError, update_details
from web.auth import signed_in_user
from web.db import get_session
from web.form_errors import FormErrors
from web.i18n import localised

bp = localised(Blueprint("my_details", __name__, url_prefix="/<lang>/account"))
FIELDS = ("name", "phone")


@bp.route("/details", methods=["GET", "POST"])
@login_required
def details():  # type: ignore[no-untyped-def]
    """See and change one's own name and phone number."""
    account = signed_in_user()
    errors = FormErrors(FIELDS)
    values = {"name": account.name or "", "phone": account.phone or ""}
    if request.method == "POST":
        values = {k: " ".join((request.form.get(k) or "").split()) for k in FIELDS}
        if not values["name"]:
            errors.add("name", _("Give your name."))
        elif len(values["name"]) > 200:
            errors.add("name", _("Your name can be at most 200 characters."))
        if values["phone"] and not PHONE_PATTERN.match(values["phone"]):
            errors.add(
                "phone",
                _("This phone number looks wrong. Use only digits, for example 079 123 45 67."),
            )
        if not errors:
            db = get_session()
            try:
                update_details(db, user=account, name=values["name"], phone=values["phone"])
            except (
                AccountError
            ):  # the checks above say the same in words; this is the domain's guard
                db.rollback()
                raise
            db.commit()
            flash(_("Saved."))
            return redirect(url_for("my_details.details"))
    page = render_template("auth/details.html", values=values, errors=errors, user=account)
    return page, (422 if errors else 200)
