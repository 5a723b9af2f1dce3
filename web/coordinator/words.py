"""Coordinator pages: words people typed that were not understood, and the taxonomy kept in the database."""

from __future__ import annotations

import json

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlmodel import select

from matching.taxonomy import Taxonomy
from matching.taxonomy_store import (
    StoreError,
    TaxonomyEdit,
    TaxonomySynonym,
    add_synonym,
    added_synonyms,
    current_taxonomy,
    export_additions,
    import_additions,
    remove_synonym,
    save_entry,
)
from matching.vocab import UI_LANGUAGES
from matching.word_counts import frequent_words
from web.coordinator import bp
from web.db import get_engine, get_session
from web.i18n import current_language

MAX_UPLOAD = 2 * 1024 * 1024


def _taxonomy() -> Taxonomy:
    return current_taxonomy(get_engine(), get_session())


def _choices(taxonomy: Taxonomy, lang: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """(group label, [(code, label)]) for a picker, in the coordinator's language, sorted by label."""
    groups = []
    for group in taxonomy.groups():
        members = [(group.code, _("%(group)s (the whole group)", group=group.label(lang)))]
        members += sorted(
            ((e.code, e.label(lang)) for e in taxonomy.talents() if e.group == group.code),
            key=lambda pair: pair[1],
        )
        groups.append((group.label(lang), members))
    return groups


@bp.get("/words")
def words():  # type: ignore[no-untyped-def]
    """Not-understood words seen at least twice, most frequent first, each with a picker to map it."""
    taxonomy = _taxonomy()
    lang = current_language()
    return render_template(
        "coordinator/words.html",
        words=frequent_words(get_session(), taxonomy=taxonomy),
        choices=_choices(taxonomy, lang),
    )


@bp.post("/words/map")
def map_word():  # type: ignore[no-untyped-def]
    """Make a word a synonym of an entry in its language; the next match understands it."""
    taxonomy = _taxonomy()
    word, lang, code = (request.form.get(k, "").strip() for k in ("word", "lang", "code"))
    try:
        add_synonym(get_session(), taxonomy=taxonomy, code=code, lang=lang, word=word)
    except StoreError as exc:
        flash(_("Not saved: %(problem)s", problem=str(exc)), "error")
        return redirect(url_for("coordinator.words"))
    get_session().commit()
    flash(
        _(
            "“%(word)s” now means %(label)s.",
            word=word,
            label=taxonomy.label(code, current_language()),
        )
    )
    return redirect(url_for("coordinator.words"))


@bp.get("/taxonomy")
def taxonomy_page():  # type: ignore[no-untyped-def]
    """Every group and entry, the words and entries added here, adding an entry, export and import."""
    taxonomy = _taxonomy()
    session = get_session()
    edited = {e.code: e for e in session.exec(select(TaxonomyEdit))}
    return render_template(
        "coordinator/taxonomy.html",
        taxonomy=taxonomy,
        edited=edited,
        synonyms=added_synonyms(session),
        languages=UI_LANGUAGES,
        values={},
    )


@bp.route("/taxonomy/entries/<code>", methods=["GET", "POST"])
def taxonomy_entry(code: str):  # type: ignore[no-untyped-def]
    """Rename an entry in the eight languages, and add words to it."""
    taxonomy = _taxonomy()
    entry = taxonomy.entries.get(code)
    if entry is None:
        abort(404)
    error = None
    if request.method == "POST":
        labels = {lang: request.form.get(f"label_{lang}", "") for lang in UI_LANGUAGES}
        changed = {
            lang: text
            for lang, text in labels.items()
            if text.strip() and text.strip() != entry.labels.get(lang)
        }
        try:
            if changed:
                save_entry(get_session(), taxonomy=taxonomy, code=code, labels=changed)
            word = request.form.get("word", "").strip()
            if word:
                add_synonym(
                    get_session(),
                    taxonomy=taxonomy,
                    code=code,
                    lang=request.form.get("word_lang", ""),
                    word=word,
                )
        except StoreError as exc:
            error = str(exc)
        else:
            get_session().commit()
            flash(_("Saved."))
            return redirect(url_for("coordinator.taxonomy_entry", code=code))
    words = [s for s in added_synonyms(get_session()) if s.code == code]
    return render_template(
        "coordinator/taxonomy_entry.html",
        entry=entry,
        languages=UI_LANGUAGES,
        words=words,
        error=error,
    ), (422 if error else 200)


@bp.post("/taxonomy/entries")
def add_entry():  # type: ignore[no-untyped-def]
    """Add a new entry to a group, with a label in every language."""
    taxonomy = _taxonomy()
    labels = {lang: request.form.get(f"label_{lang}", "") for lang in UI_LANGUAGES}
    code = request.form.get("code", "").strip().lower()
    try:
        if code in taxonomy.entries:
            raise StoreError(
                "code", _("%(code)s exists already: change it on its own page", code=code)
            )
        save_entry(
            get_session(),
            taxonomy=taxonomy,
            code=code,
            labels=labels,
            group=request.form.get("group"),
        )
    except StoreError as exc:
        flash(_("Not saved: %(problem)s", problem=str(exc)), "error")
        return render_template(
            "coordinator/taxonomy.html", taxonomy=taxonomy, edited={}, synonyms=added_synonyms(get_session()),
            languages=UI_LANGUAGES, values={"code": code, "group": request.form.get("group"), **labels},
        ), 422  # fmt: skip
    get_session().commit()
    flash(_("The entry %(code)s is added.", code=code))
    return redirect(url_for("coordinator.taxonomy_entry", code=code))


@bp.post("/taxonomy/words/<int:synonym_id>/remove")
def remove_word(synonym_id: int):  # type: ignore[no-untyped-def]
    """Take back a word added here."""
    synonym = get_session().get(TaxonomySynonym, synonym_id)
    if synonym is not None:
        remove_synonym(get_session(), synonym_id=synonym_id)
        get_session().commit()
        flash(_("“%(word)s” is removed.", word=synonym.word))
    if synonym is not None and request.form.get("from") == "entry":
        return redirect(url_for("coordinator.taxonomy_entry", code=synonym.code))
    return redirect(url_for("coordinator.taxonomy_page"))


@bp.get("/taxonomy/export.json")
def export_taxonomy():  # type: ignore[no-untyped-def]
    """The additions made here, as a JSON file to share with another municipality."""
    body = json.dumps(export_additions(get_session()), ensure_ascii=False, indent=1)
    response = Response(body, mimetype="application/json")
    response.headers["Content-Disposition"] = (
        'attachment; filename="opstap-taxonomy-additions.json"'
    )
    return response


@bp.post("/taxonomy/import")
def import_taxonomy():  # type: ignore[no-untyped-def]
    """Take another municipality's additions (a file exported here); nothing changes when one is wrong."""
    upload = request.files.get("file")
    raw = upload.read(MAX_UPLOAD + 1) if upload else b""
    try:
        if not raw or len(raw) > MAX_UPLOAD:
            raise StoreError("file", _("choose an exported taxonomy file (at most 2 MB)"))
        try:
            document = json.loads(raw.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise StoreError(
                "file", _("this is not a JSON file: %(error)s", error=str(exc))
            ) from None
        entries, words = import_additions(get_session(), document=document, taxonomy=_taxonomy())
    except StoreError as exc:
        get_session().rollback()
        flash(_("Nothing was imported: %(problem)s", problem=str(exc)), "error")
        return redirect(url_for("coordinator.taxonomy_page"))
    get_session().commit()
    flash(_("Imported %(entries)d entries and %(words)d words.", entries=entries, words=words))
    return redirect(url_for("coordinator.taxonomy_page"))
