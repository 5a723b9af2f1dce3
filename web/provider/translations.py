"""A listing's own translations: the title and description in the languages newcomers read (issue 9).

A separate small page, linked from the listing, so the main listing form stays as it is. The kiosk
shows these instead of a heading made from the kind and activity.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from matching.catalogue import bump_version
from matching.schema import Translation
from matching.vocab import UI_LANGUAGES
from web.db import get_session
from web.i18n import LANGUAGE_NAMES
from web.provider import bp
from web.provider.listings import own_listing_or_404

# Dutch is the listing's own language; every other UI language can have a translation.
LANGUAGES = tuple(code for code in UI_LANGUAGES if code != "nl")
LIMITS = {
    "title": Translation.model_fields["title"].metadata[0].max_length,
    "description": Translation.model_fields["description"].metadata[0].max_length,
}


def _posted() -> tuple[dict[str, dict[str, str]], list[tuple[str, str]]]:
    """The posted translations without empty languages, and the problems as (field id, message)."""
    found: dict[str, dict[str, str]] = {}
    problems: list[tuple[str, str]] = []
    for code in LANGUAGES:
        entry = {f: " ".join((request.form.get(f"{f}_{code}") or "").split()) for f in ("title",)}
        entry["description"] = (request.form.get(f"description_{code}") or "").strip()
        for field, limit in LIMITS.items():
            if len(entry[field]) > limit:
                problems.append(
                    (
                        f"{field}_{code}",
                        _(
                            "The text in %(language)s is too long: at most %(max)s characters.",
                            language=LANGUAGE_NAMES[code],
                            max=limit,
                        ),
                    )
                )
        if entry["title"] or entry["description"]:
            found[code] = {k: v for k, v in entry.items() if v}
    return found, problems


@bp.route("/listings/<int:opportunity_id>/translations", methods=["GET", "POST"])
def listing_translations(opportunity_id: int):  # type: ignore[no-untyped-def]
    """Edit the title and description of one of the provider's own listings per language."""
    opp = own_listing_or_404(opportunity_id)
    values = {code: dict(opp.translations.get(code, {})) for code in LANGUAGES}
    problems: list[tuple[str, str]] = []
    if request.method == "POST":
        found, problems = _posted()
        if not problems:
            db = get_session()
            opp.translations = found  # a new dict, so the JSON column is written
            bump_version(db)  # every web process's match index shows the new words
            db.commit()
            flash(_("The translations are saved."))
            return redirect(url_for("provider.listing_translations", opportunity_id=opp.id))
        values = {code: found.get(code, {}) for code in LANGUAGES}
        # Keep what was typed, also where it was too long: nothing is lost.
        for code in LANGUAGES:
            values[code] = {
                "title": request.form.get(f"title_{code}") or "",
                "description": request.form.get(f"description_{code}") or "",
            }
    return render_template(
        "provider/translations.html",
        opp=opp,
        values=values,
        languages=LANGUAGES,
        problems=dict(problems),
        limits=LIMITS,
    ), (422 if problems else 200)
