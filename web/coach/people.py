"""Coach pages about people: list, create, edit, view (audited), share, code letter, export, erase."""

from __future__ import annotations

import io
import json
import logging
from typing import Any

import segno
from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from markupsafe import Markup

from matching.accounts import Organisation, User, list_organisations
from matching.models import Opportunity
from matching.people import (
    DEFAULT_SHARE,
    SHAREABLE_FIELDS,
    Consent,
    PeopleError,
    Person,
    audit_of,
    consents_of,
    create_person,
    is_inactive,
    issue_code,
    organisations_with_access,
    people_of_organisation,
    record_audit,
    share_with_organisation,
    update_person,
    validate_person,
    withdraw_consent,
)
from matching.privacy import erase_person, export_person, scrub_erased
from matching.proposals import (
    FINISH_REASONS,
    STOP_REASONS,
    active_counts,
    active_proposals,
    proposals_of,
)
from matching.vocab import DAYS, DUTCH_LEVELS, PARTS_OF_DAY, UI_LANGUAGES
from web.auth import signed_in_user
from web.coach import bp
from web.db import get_engine, get_session
from web.errors import back_to
from web.forms import person_form, person_values
from web.i18n import current_language, text_direction
from web.words import count_not_understood

log = logging.getLogger(__name__)


def person_or_404(person_id: int) -> Person:
    """The person, when the signed-in coach's organisation may see them; 404 otherwise (no hint either way)."""
    db = get_session()
    person = db.get(Person, person_id)
    user = signed_in_user()
    if person is None or user.organisation_id not in organisations_with_access(db, person=person):
        abort(404)
    return person


def _form_context(values: dict[str, Any], error: str | None = None) -> dict[str, Any]:
    return {
        "values": values,
        "error": error,
        "levels": DUTCH_LEVELS,
        "days": DAYS,
        "parts": list(PARTS_OF_DAY),
    }


@bp.get("/")
def index():  # type: ignore[no-untyped-def]
    """The people of the coach's organisation, inactive ones flagged."""
    db = get_session()
    user = signed_in_user()
    assert user.organisation_id is not None
    people = people_of_organisation(db, organisation_id=user.organisation_id)
    counts = active_counts(db, person_ids=[p.id for p in people if p.id is not None])
    rows = [(p, is_inactive(p), counts.get(p.id or 0, 0)) for p in people]
    return render_template(
        "coach/index.html", rows=rows, organisation=db.get(Organisation, user.organisation_id)
    )


@bp.route("/people/new", methods=["GET", "POST"])
def new_person():  # type: ignore[no-untyped-def]
    """Add a person with their consent to keep a minimal profile."""
    if request.method == "GET":
        return render_template(
            "coach/person_form.html", new=True, **_form_context({"dutch_level": "none"})
        )
    values = person_form()
    if not request.form.get("consent"):
        error = _("Ask the person first: tick that they agree that Opstap keeps this profile.")
        return render_template(
            "coach/person_form.html", new=True, **_form_context(values, error)
        ), 422
    try:
        data = validate_person(values)
    except PeopleError as exc:
        return render_template(
            "coach/person_form.html", new=True, **_form_context(values, str(exc))
        ), 422
    db = get_session()
    user = signed_in_user()
    assert user.organisation_id is not None
    person = create_person(db, data=data, organisation_id=user.organisation_id, user=user)
    db.commit()
    count_not_understood([*data.talents, *data.wishes], current_language(), resolve=True)
    flash(_("The profile is saved."))
    return redirect(url_for("coach.person", person_id=person.id))


@bp.route("/people/<int:person_id>/edit", methods=["GET", "POST"])
def edit_person(person_id: int):  # type: ignore[no-untyped-def]
    """Change a person's profile."""
    person = person_or_404(person_id)
    if request.method == "GET":
        return render_template(
            "coach/person_form.html",
            new=False,
            person=person,
            **_form_context(person_values(person)),
        )
    values = person_form()
    try:
        data = validate_person(values)
    except PeopleError as exc:
        return render_template(
            "coach/person_form.html", new=False, person=person, **_form_context(values, str(exc))
        ), 422
    db = get_session()
    before = {*(person.talents or []), *(person.wishes or [])}
    update_person(db, person=person, data=data, user=signed_in_user())
    db.commit()
    # Only words newly typed count: saving a profile again is not typing them again.
    count_not_understood([w for w in [*data.talents, *data.wishes] if w not in before], current_language(), resolve=True)
    flash(_("The profile is saved."))
    return redirect(url_for("coach.person", person_id=person.id))


@bp.get("/people/<int:person_id>")
def person(person_id: int):  # type: ignore[no-untyped-def]
    """One person: profile, the whole plan, suggestions, actions; the view is recorded in the audit trail."""
    from web.coach.plan import catalogue_search, suggestions_for

    person = person_or_404(person_id)
    db = get_session()
    user = signed_in_user()
    record_audit(db, action="view", user=user, person_id=person.id)
    db.commit()
    plan = active_proposals(db, person_id=person_id)
    planned = {p.opportunity_id for p in plan}
    suggestions, suggestion_problem = suggestions_for(person)
    q = (request.args.get("q") or "").strip()
    found = catalogue_search(q) if q else []
    orgs = {o.id: o for o in list_organisations(db)}
    audit = audit_of(db, person_id=person_id)[:25]
    history = proposals_of(db, person_id=person_id)
    titles = {
        o.id: o
        for o in (db.get(Opportunity, pid) for pid in {p.opportunity_id for p in history})
        if o is not None
    }
    return render_template(
        "coach/person.html",
        person=person,
        inactive=is_inactive(person),
        plan=plan,
        planned=planned,
        history=history,
        opportunities=titles,
        organisations=orgs,
        suggestions=suggestions,
        suggestion_problem=suggestion_problem,
        q=q,
        found=found,
        consents=consents_of(db, person_id=person_id),
        audit=audit,
        users={
            uid: db.get(User, uid) for uid in {a.user_id for a in audit if a.user_id is not None}
        },
        shareable=[f for f in SHAREABLE_FIELDS if getattr(person, f) not in (None, "", [])],
        default_share=DEFAULT_SHARE,
        stop_reasons=STOP_REASONS,
        finish_reasons=FINISH_REASONS,
        other_orgs=[o for o in orgs.values() if o.id != person.organisation_id],
        user=user,
    )


@bp.post("/people/<int:person_id>/share")
def share(person_id: int):  # type: ignore[no-untyped-def]
    """Record the person's consent to plan together with another organisation."""
    person = person_or_404(person_id)
    db = get_session()
    if person.organisation_id != signed_in_user().organisation_id:
        abort(403)  # only the person's own organisation records this consent
    org_id = request.form.get("organisation_id", type=int)
    if not request.form.get("consent") or org_id is None or db.get(Organisation, org_id) is None:
        flash(_("Choose an organisation and tick that the person agreed."), "error")
        return redirect(url_for("coach.person", person_id=person_id))
    back_to("coach.person", person_id=person_id)
    share_with_organisation(db, person=person, organisation_id=org_id, user=signed_in_user())
    db.commit()
    flash(_("The consent is recorded."))
    return redirect(url_for("coach.person", person_id=person_id))


@bp.post("/consents/<int:consent_id>/withdraw")
def withdraw(consent_id: int):  # type: ignore[no-untyped-def]
    """Record that the person took back a consent (sharing with an organisation or a provider)."""
    db = get_session()
    consent = db.get(Consent, consent_id)
    if consent is None:
        abort(404)
    person = person_or_404(consent.person_id)
    if person.organisation_id != signed_in_user().organisation_id:
        abort(403)  # the person's own organisation keeps their consent records
    back_to("coach.person", person_id=person.id)
    withdraw_consent(db, consent=consent, user=signed_in_user())
    db.commit()
    flash(_("The consent is withdrawn."))
    return redirect(url_for("coach.person", person_id=person.id))


def qr_svg(url: str) -> Markup:
    """An inline SVG QR code for `url` (no script, no style attribute)."""
    out = io.BytesIO()
    segno.make(url, error="m").save(
        out,
        kind="svg",
        scale=5,
        xmldecl=False,
        svgns=True,
        title=_("QR code to the personal code page"),
    )
    return Markup(out.getvalue().decode("utf-8"))  # noqa: S704  (segno's own SVG, no user input)


@bp.post("/people/<int:person_id>/code")
def personal_code(person_id: int):  # type: ignore[no-untyped-def]
    """Issue a new personal code and show the printable letter (the code is shown this once)."""
    person = person_or_404(person_id)
    db = get_session()
    settings = current_app.config["OPSTAP_SETTINGS"]
    code = issue_code(db, person=person, key=settings.secret_key, user=signed_in_user())
    db.commit()
    lang = request.form.get("letter_lang") or "nl"
    if lang not in UI_LANGUAGES:
        lang = "nl"
    page_url = url_for("kiosk.personal_code", lang=lang, _external=True)
    with force_locale(
        lang
    ):  # the letter speaks the person's language, the page around it the coach's
        letter = render_template(
            "coach/_letter.html",
            person=person,
            code=code,
            page_url=page_url,
            qr=qr_svg(page_url),
            letter_lang=lang,
            letter_dir=text_direction(lang),
        )
    response = Response(render_template("coach/letter.html", person=person, letter=Markup(letter)))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/people/<int:person_id>/export.json")
def export(person_id: int):  # type: ignore[no-untyped-def]
    """Everything Opstap holds about the person, as a JSON download."""
    person = person_or_404(person_id)
    db = get_session()
    data = export_person(db, person=person)
    record_audit(db, action="export", user=signed_in_user(), person_id=person.id)
    db.commit()
    body = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    response = Response(body, mimetype="application/json")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="opstap-person-{person_id}.json"'
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/people/<int:person_id>/erase")
def erase(person_id: int):  # type: ignore[no-untyped-def]
    """Erase the person everywhere (their proposals remain only as anonymous counts)."""
    person = person_or_404(person_id)
    if person.organisation_id != signed_in_user().organisation_id:
        abort(403)  # another organisation planning with the person cannot erase them
    if request.form.get("confirm") != "erase":
        flash(_("Tick the box to confirm the erasure."), "error")
        return redirect(url_for("coach.person", person_id=person_id))
    db = get_session()
    erase_person(db, person=person, user=signed_in_user())
    db.commit()
    scrub_erased(get_engine())
    log.info("person %s erased", person_id)
    flash(_("The person is erased."))
    return redirect(url_for("coach.index"))
