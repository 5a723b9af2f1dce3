"""Provider pages: sign up, the own listings (create, edit, withdraw), places left in one tap, still valid."""

from __future__ import annotations

import logging
import secrets
from datetime import date
from typing import Any

from flask import abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import format_number
from flask_babel import gettext as _
from sqlmodel import col, select

from importers.base import RowError
from importers.normalise import ItemContext, content_hash, item_values, validate_line
from matching.accounts import PHONE_PATTERN, AccountError, normalise_kvk, signup_provider
from matching.catalogue import (
    PLACE_STEPS,
    confirm_listing,
    places_after,
    save_listing,
    set_listing_status,
    update_places_left,
)
from matching.geo import lookup_postcode
from matching.mail.notify import provider_signed_up
from matching.models import Opportunity, Provider
from matching.schema import MAX_PLACES
from matching.taxonomy import default_taxonomy
from matching.vocab import AUDIENCES, DAYS, DUTCH_LEVELS, INTEGRATION_VALUES, KINDS
from matching.waiting import waiting_counts
from web.auth import signed_in_user
from web.db import get_session
from web.form_errors import FormErrors, account_errors
from web.i18n import current_language
from web.provider import bp
from web.provider.listing_form import as_line, listing_errors, listing_form, schedule_rows

log = logging.getLogger(__name__)


def own_listing_or_404(opportunity_id: int) -> Opportunity:
    """A listing of the signed-in provider; 404 for anyone else's."""
    opp = get_session().get(Opportunity, opportunity_id)
    if opp is None or opp.provider_id is None or opp.provider_id != signed_in_user().provider_id:
        abort(404)
    return opp


def signup_problems(values: dict[str, str], errors: FormErrors) -> None:
    """Note what is wrong with the sign-up's contact fields, in the UI language, at each field."""
    if not values["phone"]:
        errors.add(
            "phone", _("Give a phone number, so the coordinator can call you to check the sign-up.")
        )
    elif not PHONE_PATTERN.match(values["phone"]):
        errors.add(
            "phone",
            _("This phone number looks wrong. Use only digits, for example 079 123 45 67."),
        )
    if len(values["job_role"]) > 120:
        errors.add(
            "job_role", _("Your role at the organisation is too long (at most 120 characters).")
        )
    try:
        normalise_kvk(values["kvk_number"])
    except AccountError:
        errors.add(
            "kvk_number",
            _("A KvK number has 8 digits, for example 12345678. Leave it empty if you have none."),
        )


@bp.route("/signup", methods=["GET", "POST"])
def signup():  # type: ignore[no-untyped-def]
    """A club or organisation signs up; the account waits until a coordinator verifies it."""
    fields = ("provider_name", "name", "phone", "job_role", "kvk_number", "email")
    values = {k: (request.form.get(k) or "").strip() for k in fields}
    errors = FormErrors((*fields, "password"))
    if request.method == "POST":
        db = get_session()
        signup_problems(values, errors)
        if not errors:
            try:
                user = signup_provider(
                    db,
                    provider_name=values["provider_name"],
                    email=values["email"],
                    name=values["name"],
                    password=request.form.get("password") or "",
                    phone=values["phone"],
                    job_role=values["job_role"],
                    kvk_number=values["kvk_number"],
                    lang=current_language(),
                )
            except AccountError as exc:
                for field, message in account_errors(exc, provider_field="provider_name").items():
                    errors.add(field, message)
            else:
                provider = db.get(Provider, user.provider_id)
                assert provider is not None
                provider_signed_up(db, provider=provider)  # the coordinators are told by mail
                db.commit()
                log.info("a provider signed up and waits for verification")
                return render_template("provider/signup_done.html")
    return render_template("provider/signup.html", values=values, errors=errors), (
        422 if errors else 200
    )


@bp.get("/")
def index():  # type: ignore[no-untyped-def]
    """The provider's listings with one-tap places and a still-valid button."""
    db = get_session()
    user = signed_in_user()
    listings = list(
        db.exec(
            select(Opportunity)
            .where(Opportunity.provider_id == user.provider_id)
            .order_by(col(Opportunity.status), col(Opportunity.title))
        )
    )
    return render_template(
        "provider/index.html",
        listings=listings,
        waiting=waiting_counts(db, opportunity_ids=[o.id for o in listings if o.id is not None]),
        provider=db.get(Provider, user.provider_id),
        today=date.today(),
    )


def _values_from(opp: Opportunity) -> dict[str, Any]:
    fields = (
        "kind",
        "title",
        "description",
        "address",
        "postcode",
        "city",
        "talents",
        "dutch_level_min",
        "languages",
        "schedule",
        "places_left",
        "cost_eur_year",
        "age_min",
        "age_max",
        "phase",
        "subsidy",
        "audience",
        "free_trial",
        "buddy",
        "integration_value",
        "contact",
    )
    return {name: getattr(opp, name) for name in fields}


def _context() -> ItemContext:
    db = get_session()
    settings = current_app.config["OPSTAP_SETTINGS"]

    def geocode(
        postcode: str | None, _address: str | None, _city: str | None
    ) -> tuple[float, float] | None:
        return lookup_postcode(db, postcode=postcode) if postcode else None

    return ItemContext(
        taxonomy=default_taxonomy(), geocode=geocode, service_bbox=settings.service_bbox()
    )


def _render_form(
    opp: Opportunity | None,
    values: dict[str, Any],
    errors: FormErrors | None = None,
    status: int = 200,
) -> tuple[str, int]:
    return render_template(
        "provider/listing_form.html",
        opp=opp,
        values=values,
        errors=errors,
        schedule_rows=schedule_rows(values.get("schedule") or []),
        days=DAYS,
        kinds=KINDS,
        levels=DUTCH_LEVELS,
        audiences=AUDIENCES,
        integration_values=INTEGRATION_VALUES,
    ), status


@bp.route("/listings/new", methods=["GET", "POST"])
@bp.route("/listings/<int:opportunity_id>/edit", methods=["GET", "POST"])
def edit_listing(opportunity_id: int | None = None):  # type: ignore[no-untyped-def]
    """Create a listing, or edit one of the provider's own."""
    opp = own_listing_or_404(opportunity_id) if opportunity_id is not None else None
    if request.method == "GET":
        return _render_form(
            opp, _values_from(opp) if opp else {"kind": "club", "dutch_level_min": "none"}
        )
    values = listing_form()
    db = get_session()
    user = signed_in_user()
    provider = db.get(Provider, user.provider_id)
    assert provider is not None
    line = {
        **as_line(values),
        "translations": dict(opp.translations) if opp else {},  # kept: edited on their own page
        "id": opp.source_id if opp else "listing-" + secrets.token_hex(6),
        "provider": provider.name,
    }
    try:
        item = validate_line(line)
        columns = item_values(item, context=_context())
    except RowError as exc:
        return _render_form(opp, values, listing_errors(exc, values), 422)
    save_listing(
        db,
        provider=provider,
        opp=opp,
        source_id=item.id,
        columns=columns,
        content_hash=content_hash(columns),
    )
    db.commit()
    flash(_("The listing is saved."))
    return redirect(url_for("provider.index"))


@bp.post("/listings/<int:opportunity_id>/places")
def places(opportunity_id: int):  # type: ignore[no-untyped-def]
    """One tap: one place more, one place less, full, or a number."""
    opp = own_listing_or_404(opportunity_id)
    db = get_session()
    step, typed = request.form.get("step", ""), (request.form.get("places_left") or "").strip()
    if step not in PLACE_STEPS and not typed.isdigit():
        flash(_("Places left must be a whole number."), "error")
        return redirect(url_for("provider.index"))
    if step not in PLACE_STEPS and int(typed) > MAX_PLACES:
        flash(_("Places left can be at most %(max)s.", max=format_number(MAX_PLACES)), "error")
        return redirect(url_for("provider.index"))
    g.back_to = url_for("provider.index")
    new = places_after(opp.places_left, step=step, typed=typed)
    update_places_left(db, opp=opp, places_left=new)
    db.commit()
    flash(_("Places left are saved."))
    return redirect(url_for("provider.index"))


@bp.post("/listings/<int:opportunity_id>/confirm")
def confirm(opportunity_id: int):  # type: ignore[no-untyped-def]
    """The listing is still valid: its confirmation date becomes today."""
    opp = own_listing_or_404(opportunity_id)
    db = get_session()
    confirm_listing(db, opp=opp)
    db.commit()
    flash(_("Confirmed as still valid."))
    return redirect(url_for("provider.index"))


@bp.post("/listings/<int:opportunity_id>/withdraw")
def withdraw(opportunity_id: int):  # type: ignore[no-untyped-def]
    """Take a listing out of the catalogue (or put it back)."""
    opp = own_listing_or_404(opportunity_id)
    db = get_session()
    set_listing_status(db, opp=opp, withdrawn=not request.form.get("restore"))
    db.commit()
    flash(
        _("The listing is withdrawn.") if opp.status == "withdrawn" else _("The listing is back.")
    )
    return redirect(url_for("provider.index"))
