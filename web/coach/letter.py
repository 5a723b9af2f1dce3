"""The personal-code letter: in the person's language with a Dutch copy, the code large, what was proposed."""

from __future__ import annotations

import io
from datetime import date

import segno
from flask import Response, current_app, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from markupsafe import Markup

from matching.accounts import Organisation
from matching.models import Opportunity
from matching.people import Person, issue_code
from matching.proposals import active_proposals
from matching.vocab import UI_LANGUAGES
from web.auth import signed_in_user
from web.coach import bp
from web.coach.people import person_or_404
from web.db import get_session
from web.i18n import text_direction


def preferred_language(person: Person) -> str:
    """The UI language to write to the person in: the first of their languages Opstap speaks, else Dutch."""
    aliases = {"prs": "fa"}  # Dari readers read the Farsi/Dari interface
    for code in person.languages or []:
        code = aliases.get(code, code)
        if code in UI_LANGUAGES:
            return code
    return "nl"


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
    lang = request.form.get("letter_lang") or preferred_language(person)
    if lang not in UI_LANGUAGES:
        lang = preferred_language(person)
    user = signed_in_user()
    proposals = [
        (p, db.get(Opportunity, p.opportunity_id))
        for p in active_proposals(db, person_id=person.id or 0)
    ]
    context = {
        "person": person,
        "code": code,
        "today": date.today(),
        "proposals": [(p, o) for p, o in proposals if o is not None],
        "coach": user,
        "organisation": db.get(Organisation, user.organisation_id),
    }
    copies = []
    # The letter speaks the person's language; a Dutch copy follows for whoever helps them read it.
    for copy_lang in dict.fromkeys([lang, "nl"]):
        page_url = url_for("kiosk.personal_code", lang=copy_lang, _external=True)
        with force_locale(copy_lang):
            copies.append(
                render_template(
                    "coach/_letter.html",
                    **context,
                    page_url=page_url,
                    qr=qr_svg(page_url),
                    letter_lang=copy_lang,
                    letter_dir=text_direction(copy_lang),
                    copy=copy_lang != lang,
                )
            )
    letter = Markup("".join(copies))  # noqa: S704  (our own rendered templates)
    response = Response(render_template("coach/letter.html", person=person, letter=Markup(letter)))
    response.headers["Cache-Control"] = "no-store"
    return response
