"""Reasons and cautions as text in the person's language (plain data in texts.json, not gettext)."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from babel import Locale
from babel.numbers import format_decimal

from matching.engine.notes import Note
from matching.taxonomy import Taxonomy
from matching.vocab import DAYS, UI_LANGUAGES


@lru_cache(maxsize=1)
def texts() -> dict[str, Any]:
    """The note texts and the small words they use, per UI language."""
    raw = (resources.files("matching.engine") / "texts.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(raw)
    return data


@lru_cache(maxsize=16)
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


def _language_name(code: str, lang: str) -> str:
    base = code.split("-")[0]
    return str(_locale(lang).languages.get(base) or code)


def _slot(slot: str, lang: str) -> str:
    day, _, part = slot.partition("-")
    day_name = _locale(lang).days["format"]["wide"][DAYS.index(day)]
    return f"{day_name} {texts()['words']['part'][part][lang]}"


def render(note: Note, lang: str, taxonomy: Taxonomy) -> str:
    """The text of one note in `lang` (falling back to English for an unknown language)."""
    lang = lang if lang in UI_LANGUAGES else "en"
    words = texts()["words"]
    sep = words["separator"][lang]
    params = note.param_dict()
    code = note.code
    if code == "ages":
        code = (
            "ages_range"
            if params.get("min") is not None and params.get("max") is not None
            else ("ages_min" if params.get("min") is not None else "ages_max")
        )
    values: dict[str, str] = {}
    for key, value in params.items():
        if key in ("talents",):
            values[key] = sep.join(taxonomy.label(c, lang) for c in value)
        elif key in ("talent", "item_talent"):
            values[key] = taxonomy.label(value, lang)
        elif key == "words":
            values[key] = sep.join(f"“{w}”" for w in value)
        elif key == "kind":
            values[key] = words["kind"][value][lang]
        elif key == "values":
            values[key] = sep.join(words["value"][v][lang] for v in value)
        elif key == "languages":
            values[key] = sep.join(_language_name(c, lang) for c in value)
        elif key == "slots":
            values[key] = sep.join(_slot(s, lang) for s in value)
        elif key == "km":
            values[key] = format_decimal(value, format="#,##0.#", locale=lang)
        else:
            values[key] = "" if value is None else str(value)
    template: str = texts()["notes"][code][lang]
    return template.format(**values)


def note_document(note: Note, lang: str, taxonomy: Taxonomy) -> dict[str, Any]:
    """The API shape of a note: code, text and the parameters the text was made from."""
    return {"code": note.code, "text": render(note, lang, taxonomy), "params": note.param_dict()}
