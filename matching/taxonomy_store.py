"""The coordinator's taxonomy: edits kept in the database on top of the shipped seeds/ taxonomy.

The shipped taxonomy stays the default; the database holds only what a municipality added or
renamed (labels per language, new entries, synonyms per language). A version row changes on every
edit, so every process rebuilds its taxonomy (and the match engine's) on the next match.
"""

from __future__ import annotations

import re
import threading
import weakref
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlalchemy.engine import Engine as DbEngine
from sqlmodel import Field, Session, SQLModel, col, delete, select

from matching.engine import Engine
from matching.models import utcnow
from matching.taxonomy import Entry, Taxonomy, default_taxonomy, normalise
from matching.vocab import UI_LANGUAGES

EXPORT_FORMAT = "opstap-taxonomy-additions"
CODE_PATTERN = re.compile(r"^[a-z][a-z0-9_]{1,59}$")
MAX_WORD = 80


class TaxonomyEdit(SQLModel, table=True):
    """A new entry, or new labels for a shipped one (only the languages given override)."""

    code: str = Field(primary_key=True, max_length=60)
    group: str = Field(default="", max_length=60)
    icon: str = Field(default="", max_length=60)
    labels: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    is_new: bool = False
    updated_at: datetime = Field(default_factory=utcnow)


class TaxonomySynonym(SQLModel, table=True):
    """A word the coordinator added to an entry, in one language."""

    __table_args__ = (UniqueConstraint("lang", "word", name="uq_taxonomysynonym_lang_word"),)

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=60, index=True)
    lang: str = Field(max_length=5)
    word: str = Field(max_length=MAX_WORD)
    created_at: datetime = Field(default_factory=utcnow)


class TaxonomyState(SQLModel, table=True):
    """A single row whose version changes on every taxonomy edit."""

    id: int = Field(default=1, primary_key=True)
    version: int = 0
    changed_at: datetime = Field(default_factory=utcnow)


class StoreError(ValueError):
    """An edit that cannot be made; the message names the field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field, self.message = field, message


def taxonomy_version(session: Session) -> int:
    """The current taxonomy version (0: nothing edited, the shipped taxonomy)."""
    version = session.exec(select(TaxonomyState.version).where(TaxonomyState.id == 1)).first()
    return int(version or 0)


def _bump(session: Session) -> None:
    state = session.get(TaxonomyState, 1)
    if state is None:
        state = TaxonomyState(id=1, version=0)
        session.add(state)
    state.version += 1
    state.changed_at = utcnow()
    session.flush()


def build_taxonomy(
    base: Taxonomy, edits: list[TaxonomyEdit], synonyms: list[TaxonomySynonym]
) -> Taxonomy:
    """The shipped taxonomy with the database's edits laid on top."""
    entries = dict(base.entries)
    for edit in edits:
        old = entries.get(edit.code)
        if old is None:
            entries[edit.code] = Entry(
                code=edit.code,
                group=edit.group,
                icon=edit.icon or "",
                labels=dict(edit.labels),
                synonyms={},
            )
        else:
            entries[edit.code] = replace(old, labels={**old.labels, **edit.labels})
    added: dict[str, dict[str, list[str]]] = {}
    for synonym in synonyms:
        added.setdefault(synonym.code, {}).setdefault(synonym.lang, []).append(synonym.word)
    for code, by_lang in added.items():
        entry = entries.get(code)
        if entry is None:
            continue  # an entry removed from the seeds since: its synonyms wait harmlessly
        merged = {lang: tuple(words) for lang, words in entry.synonyms.items()}
        for lang, words in by_lang.items():
            merged[lang] = (*merged.get(lang, ()), *words)
        entries[code] = replace(entry, synonyms=merged)
    return Taxonomy(entries)


class _TaxonomyCache:
    """One built taxonomy per database, rebuilt when the taxonomy version moves."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cached: weakref.WeakKeyDictionary[DbEngine, tuple[tuple[int, str], Taxonomy]] = (
            weakref.WeakKeyDictionary()
        )

    def get(self, db: DbEngine, session: Session) -> Taxonomy:
        state = session.exec(
            select(TaxonomyState.version, TaxonomyState.changed_at).where(TaxonomyState.id == 1)
        ).first()
        if state is None or not state[0]:
            return default_taxonomy()
        # The change time too: a database restored (or emptied) and edited again can reach the same
        # version number with other edits, and must not get the taxonomy cached before.
        stamp = (int(state[0]), str(state[1]))
        cached = self._cached.get(db)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        with self._lock:
            edits = list(session.exec(select(TaxonomyEdit).order_by(col(TaxonomyEdit.code))))
            synonyms = list(session.exec(select(TaxonomySynonym).order_by(col(TaxonomySynonym.id))))
            taxonomy = build_taxonomy(default_taxonomy(), edits, synonyms)
            self._cached[db] = (stamp, taxonomy)
            return taxonomy

    def clear(self) -> None:
        with self._lock:
            self._cached.clear()


TAXONOMY_CACHE = _TaxonomyCache()


def current_taxonomy(db: DbEngine, session: Session | None = None) -> Taxonomy:
    """The taxonomy in force for this database: shipped plus edits (one small query when unchanged)."""
    if session is not None:
        return TAXONOMY_CACHE.get(db, session)
    with Session(db) as own:
        return TAXONOMY_CACHE.get(db, own)


def _check_lang(lang: str) -> None:
    if lang not in UI_LANGUAGES:
        raise StoreError("lang", f"must be one of {', '.join(UI_LANGUAGES)}, got {lang!r}")


def clean_word(word: str) -> str:
    """A typed word as kept: trimmed, single spaces, lower case."""
    return " ".join(str(word).split()).lower()[:MAX_WORD]


def add_synonym(
    session: Session, *, taxonomy: Taxonomy, code: str, lang: str, word: str
) -> TaxonomySynonym:
    """Teach the taxonomy a word in one language for an entry (mapping a not-understood word)."""
    _check_lang(lang)
    if code not in taxonomy.entries:
        raise StoreError("code", f"no taxonomy entry {code!r}")
    cleaned = clean_word(word)
    if not normalise(cleaned):
        raise StoreError("word", "is empty")
    existing = session.exec(
        select(TaxonomySynonym).where(TaxonomySynonym.lang == lang, TaxonomySynonym.word == cleaned)
    ).first()
    if existing is not None:
        existing.code = code  # mapping the same word again moves it
        synonym = existing
    else:
        synonym = TaxonomySynonym(code=code, lang=lang, word=cleaned)
        session.add(synonym)
    _bump(session)
    return synonym


def remove_synonym(session: Session, *, synonym_id: int) -> None:
    """Take back a word the coordinator added."""
    session.execute(delete(TaxonomySynonym).where(col(TaxonomySynonym.id) == synonym_id))
    _bump(session)


def save_entry(
    session: Session,
    *,
    taxonomy: Taxonomy,
    code: str,
    labels: dict[str, str],
    group: str | None = None,
    icon: str = "",
) -> TaxonomyEdit:
    """Add a new entry (with a group and a label in every language) or rename a shipped/added one."""
    labels = {
        lang: " ".join(text.split())[:120] for lang, text in labels.items() if text and text.strip()
    }
    for lang in labels:
        _check_lang(lang)
    edit = session.get(TaxonomyEdit, code)
    existing = taxonomy.entries.get(code)
    if existing is None and edit is None:
        if not CODE_PATTERN.match(code):
            raise StoreError(
                "code", "use 2-60 lower-case letters, digits and _ (e.g. forklift_driving)"
            )
        groups = {g.code for g in taxonomy.groups()}
        if group not in groups:
            raise StoreError("group", f"choose one of the groups, got {group!r}")
        missing = [lang for lang in UI_LANGUAGES if not labels.get(lang)]
        if missing:
            raise StoreError(
                f"labels.{missing[0]}",
                f"a new entry needs a label in every language ({', '.join(missing)} missing)",
            )
        edit = TaxonomyEdit(code=code, group=str(group), icon=icon, labels=labels, is_new=True)
        session.add(edit)
    else:
        if edit is None:
            edit = TaxonomyEdit(code=code, group=existing.group if existing else "", labels={})
            session.add(edit)
        if edit.is_new:
            missing = [
                lang for lang in UI_LANGUAGES if not labels.get(lang) and not edit.labels.get(lang)
            ]
            if missing:
                raise StoreError(f"labels.{missing[0]}", "an entry needs a label in every language")
        edit.labels = {**edit.labels, **labels}
        edit.updated_at = utcnow()
    _bump(session)
    return edit


def added_synonyms(session: Session) -> list[TaxonomySynonym]:
    """Every word the coordinator added, by entry and language."""
    query = select(TaxonomySynonym).order_by(
        col(TaxonomySynonym.code), col(TaxonomySynonym.lang), col(TaxonomySynonym.word)
    )
    return list(session.exec(query))


def export_additions(session: Session) -> dict[str, Any]:
    """The municipality's additions as JSON, to share with another Opstap."""
    edits = session.exec(select(TaxonomyEdit).order_by(col(TaxonomyEdit.code))).all()
    return {
        "format": EXPORT_FORMAT,
        "version": 1,
        "entries": [
            {"code": e.code, "group": e.group, "icon": e.icon, "labels": e.labels, "new": e.is_new}
            for e in edits
        ],
        "synonyms": [
            {"code": s.code, "lang": s.lang, "word": s.word} for s in added_synonyms(session)
        ],
    }


def import_additions(session: Session, *, document: Any, taxonomy: Taxonomy) -> tuple[int, int]:
    """Lay another municipality's additions on ours: (entries, synonyms) taken; StoreError names a bad one."""
    if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT:
        raise StoreError(
            "format", f"not an Opstap taxonomy file (expected format {EXPORT_FORMAT!r})"
        )
    entries = document.get("entries") or []
    synonyms = document.get("synonyms") or []
    if not isinstance(entries, list) or not isinstance(synonyms, list):
        raise StoreError("entries", "entries and synonyms must be lists")
    working = taxonomy
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not isinstance(entry.get("labels"), dict):
            raise StoreError(f"entries[{number}]", "needs a code and labels")
        try:
            save_entry(
                session, taxonomy=working, code=str(entry.get("code")), labels=entry["labels"],
                group=entry.get("group"), icon=str(entry.get("icon") or ""),
            )  # fmt: skip
        except StoreError as exc:
            raise StoreError(f"entries[{number}].{exc.field}", exc.message) from None
        session.flush()
        edits = list(session.exec(select(TaxonomyEdit)))
        working = build_taxonomy(default_taxonomy(), edits, [])
    for number, synonym in enumerate(synonyms, 1):
        if not isinstance(synonym, dict):
            raise StoreError(f"synonyms[{number}]", "must be an object with code, lang and word")
        try:
            add_synonym(
                session, taxonomy=working, code=str(synonym.get("code")), lang=str(synonym.get("lang")),
                word=str(synonym.get("word") or ""),
            )  # fmt: skip
        except StoreError as exc:
            raise StoreError(f"synonyms[{number}].{exc.field}", exc.message) from None
    return len(entries), len(synonyms)


_DERIVED: weakref.WeakKeyDictionary[Engine, tuple[Taxonomy, Engine]] = weakref.WeakKeyDictionary()


def with_taxonomy(engine: Engine, taxonomy: Taxonomy) -> Engine:
    """The match engine over the same index but with this taxonomy (made once per engine and taxonomy).

    The index cache keys on the catalogue version; the taxonomy has its own version, so a change to
    either shows in the next match without the other being rebuilt.
    """
    if engine.taxonomy is taxonomy:
        return engine
    derived = _DERIVED.get(engine)
    if derived is None or derived[0] is not taxonomy:
        derived = (
            taxonomy,
            Engine(
                engine.index, taxonomy=taxonomy, stale_days=engine.stale_days, config=engine.config
            ),
        )
        _DERIVED[engine] = derived
    return derived[1]
