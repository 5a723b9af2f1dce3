"""Coach pages about people: list, create, edit, view (audited), share, code letter, export, erase."""

from __future__ import annotations

import json
import logging
from typing import Any

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from matching.accounts import Organisation, User, list_organisations
from matching.models import Opportunity
from matching.people import (
    DEFAULT_SHARE,
    SHAREABLE_FIELDS,
    Consent,
    PeopleError,
    Person,
    PersonIn,
    Proposal,
    audit_of,
    consents_of,
    create_person,
    is_inactive,
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
from matching.todos import PERSON_STATES, coach_todos, keep_profile, note_seen, person_states
from matching.vocab import DAYS, DUTCH_LEVELS, PARTS_OF_DAY
from web.auth import signed_in_user
from web.coach import bp
from web.db import get_engine, get_session
from web.errors import back_to
from web.form_errors import FormErrors
from web.forms import person_errors, person_form, person_message, person_values
from web.i18n import current_language
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


PERSON_FIELDS = (
    "first_name", "phone", "email", "talents", "wishes", "dutch_level", "languages", "postcode",
    "travel", "max_distance_km", "availability", "phase", "age", "gender", "needs", "consent",
)  # fmt: skip


def _form_context(values: dict[str, Any], errors: FormErrors | None = None) -> dict[str, Any]:
    return {
        "values": values,
        "errors": errors,
        "levels": DUTCH_LEVELS,
        "days": DAYS,
        "parts": list(PARTS_OF_DAY),
    }


def _validated(values: dict[str, Any], *, new: bool) -> tuple[PersonIn | None, FormErrors]:
    """The validated profile, or None with a plain message for each field that needs another look."""
    errors = FormErrors(PERSON_FIELDS)
    if new and not values.get("consent"):
        errors.add("consent", person_message("consent"))
    if not values.get("dutch_level"):
        errors.add("dutch_level", person_message("dutch_level"))
    profile = {k: v for k, v in values.items() if k != "consent"}
    profile["dutch_level"] = profile.get("dutch_level") or "none"
    try:
        data = validate_person(profile)
    except PeopleError as exc:
        person_errors(exc, errors)
        return None, errors
    return (None if errors else data), errors


@bp.get("/")
def index():  # type: ignore[no-untyped-def]
    """The coach's home: the to-do list first, then the people with their state, search and filter."""
    from web.coach.help import open_requests_for_coach

    db = get_session()
    user = signed_in_user()
    assert user.organisation_id is not None
    people = people_of_organisation(db, organisation_id=user.organisation_id)
    ids = [p.id for p in people if p.id is not None]
    todos = coach_todos(
        db,
        organisation_id=user.organisation_id,
        people=people,
        help_requests=open_requests_for_coach(),
    )
    states = person_states(db, person_ids=ids)
    counts = active_counts(db, person_ids=ids)
    needs_action = {t.person_id for t in todos if t.person_id is not None}
    q = (request.args.get("q") or "").strip()
    state = request.args.get("state") or ""
    if state not in (*PERSON_STATES, "action", "inactive"):
        state = ""
    rows = []
    for p in people:
        inactive = is_inactive(p)
        if q and q.casefold() not in p.first_name.casefold():
            continue
        if state == "action" and p.id not in needs_action:
            continue
        if state == "inactive" and not inactive:
            continue
        if state in PERSON_STATES and states.get(p.id or 0) != state:
            continue
        rows.append((p, inactive, counts.get(p.id or 0, 0), states.get(p.id or 0, "none")))
    return render_template(
        "coach/index.html",
        rows=rows,
        total=len(people),
        todos=todos,
        people={p.id: p for p in people},
        opportunities=_opportunities({t.opportunity_id for t in todos}),
        needs_action=needs_action,
        q=q,
        state=state,
        person_states=PERSON_STATES,
        organisation=db.get(Organisation, user.organisation_id),
    )


def _opportunities(ids: set[int | None]) -> dict[int, Opportunity]:
    db = get_session()
    found = (db.get(Opportunity, i) for i in ids if i is not None)
    return {o.id: o for o in found if o is not None and o.id is not None}


@bp.post("/todos/<kind>/<int:item_id>/seen")
def todo_seen(kind: str, item_id: int):  # type: ignore[no-untyped-def]
    """The coach noted a to-do: a proposal's news, a silent provider, or a profile to keep."""
    db = get_session()
    user = signed_in_user()
    if kind == "proposal":
        proposal = db.get(Proposal, item_id)
        if proposal is None or proposal.person_id is None:
            abort(404)
        person_or_404(proposal.person_id)
        if proposal.organisation_id != user.organisation_id:
            abort(403)
        note_seen(db, proposal=proposal)
    elif kind == "person":
        person = person_or_404(item_id)
        if person.organisation_id != user.organisation_id:
            abort(403)
        keep_profile(db, person=person, user=user)
    else:
        abort(404)
    db.commit()
    flash(_("Noted."))
    return redirect(url_for("coach.index"))


@bp.route("/people/new", methods=["GET", "POST"])
def new_person():  # type: ignore[no-untyped-def]
    """Add a person with their consent to keep a minimal profile."""
    if request.method == "GET":
        # No Dutch level chosen in advance: the coach asks and picks one (none is not a default).
        return render_template("coach/person_form.html", new=True, **_form_context({}))
    values = {**person_form(), "consent": bool(request.form.get("consent"))}
    data, errors = _validated(values, new=True)
    if data is None:
        return render_template(
            "coach/person_form.html", new=True, **_form_context(values, errors)
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
    data, errors = _validated(values, new=False)
    if data is None:
        return render_template(
            "coach/person_form.html", new=False, person=person, **_form_context(values, errors)
        ), 422
    db = get_session()
    before = {*(person.talents or []), *(person.wishes or [])}
    update_person(db, person=person, data=data, user=signed_in_user())
    db.commit()
    # Only words newly typed count: saving a profile again is not typing them again.
    count_not_understood(
        [w for w in [*data.talents, *data.wishes] if w not in before],
        current_language(),
        resolve=True,
    )
    flash(_("The profile is saved."))
    return redirect(url_for("coach.person", person_id=person.id))


@bp.get("/people/<int:person_id>")
def person(person_id: int):  # type: ignore[no-untyped-def]
    """One person: profile, the whole plan, suggestions, actions; the view is recorded in the audit trail."""
    from web.coach.letter import preferred_language
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
        understood=understood_words(person),
        letter_lang=preferred_language(person),
    )


def understood_words(person: Person) -> dict[str, Any]:
    """Each talent and wish as written, the taxonomy labels it was understood as, and what was not."""
    from matching.taxonomy import default_taxonomy
    from web.i18n import current_language

    taxonomy, lang = default_taxonomy(), current_language()
    result: dict[str, Any] = {"missed": False}
    for name in ("talents", "wishes"):
        rows = []
        for word in getattr(person, name) or []:
            codes, missed = taxonomy.resolve_many([word])
            rows.append((word, [taxonomy.label(c, lang) for c in codes], " ".join(missed)))
            result["missed"] = result["missed"] or bool(missed)
        result[name] = rows
    return result


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
