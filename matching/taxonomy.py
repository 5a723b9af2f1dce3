"""The talent and wish taxonomy: loading it from seeds/ and understanding free words in any language."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from matching.vocab import UI_LANGUAGES

# Below this similarity (0–100) a free word is "not understood" rather than guessed at.
FUZZY_CUTOFF = 84.0
# Short words are only taken on an exact hit: "yoga" must not become "yoda".
MIN_FUZZY_LENGTH = 5

_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Lower-case, strip accents and marks, drop punctuation, collapse spaces ('Taalcafé!' -> 'taalcafe')."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # Arabic tatweel and zero-width joiners carry no meaning for matching.
    stripped = stripped.replace("\u0640", "").replace("\u200c", " ").replace("\u200d", "")
    stripped = stripped.replace("ى", "ي").replace("ة", "ه").replace("ك", "ک").replace("ي", "ی")
    return _SPACES.sub(" ", _PUNCT.sub(" ", stripped)).strip()


def _compact(text: str) -> str:
    return normalise(text).replace(" ", "")


# Endings that make a plural or a verb of a word the taxonomy lists in its base form
# (Dutch, English, Turkish); tried only when the whole word is not known.
_ENDINGS: tuple[tuple[str, str], ...] = (
    ("ssen", "s"), ("en", ""), ("s", ""), ("es", ""), ("ing", ""), ("lar", ""), ("ler", ""), ("n", ""),
)  # fmt: skip


def _stems(key: str) -> list[str]:
    return [
        key[: -len(end)] + add
        for end, add in _ENDINGS
        if key.endswith(end) and len(key) - len(end) >= 4
    ]


@dataclass(frozen=True)
class Entry:
    """One taxonomy entry (a talent, a wish) or a group."""

    code: str
    group: str
    icon: str
    labels: Mapping[str, str]
    synonyms: Mapping[str, tuple[str, ...]]
    related: tuple[str, ...] = ()
    serves: Mapping[str, str] | None = None
    is_group: bool = False

    def label(self, lang: str) -> str:
        """The label in `lang`, falling back to English, then Dutch."""
        return self.labels.get(lang) or self.labels.get("en") or self.labels.get("nl") or self.code


@dataclass(frozen=True)
class Resolution:
    """What one free word was understood as."""

    word: str
    code: str | None
    score: float


@dataclass
class Taxonomy:
    """All entries, plus an index of every label and synonym in every language."""

    entries: dict[str, Entry]
    _keys: list[str] = field(default_factory=list, repr=False)
    _key_codes: list[str] = field(default_factory=list, repr=False)
    _exact: dict[str, str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for entry in self.entries.values():
            words = [entry.code.replace("_", " "), *entry.labels.values()]
            for synonyms in entry.synonyms.values():
                words.extend(synonyms)
            for word in words:
                key = _compact(word)
                if not key:
                    continue
                # Entries win over groups when a word names both ("sport").
                if key not in self._exact or self.entries[self._exact[key]].is_group:
                    self._exact[key] = entry.code
                self._keys.append(key)
                self._key_codes.append(entry.code)

    def __contains__(self, code: object) -> bool:
        return code in self.entries

    def talents(self) -> list[Entry]:
        """Entries that are not groups, in file order."""
        return [e for e in self.entries.values() if not e.is_group]

    def groups(self) -> list[Entry]:
        """The groups, in file order."""
        return [e for e in self.entries.values() if e.is_group]

    def label(self, code: str, lang: str) -> str:
        """Label of `code` in `lang` (the code itself when unknown)."""
        entry = self.entries.get(code)
        return entry.label(lang) if entry else code

    def resolve(self, word: str, *, fuzzy: bool = True) -> Resolution:
        """Understand one free word (any UI language, typos, spacing) or say it was not understood."""
        if word in self.entries:
            return Resolution(word, word, 100.0)
        key = _compact(word)
        if not key:
            return Resolution(word, None, 0.0)
        if key in self._exact:
            return Resolution(word, self._exact[key], 100.0)
        for stem in _stems(
            key
        ):  # plurals and verb endings: "cursussen", "tuinen", "ders", "kurslar"
            if stem in self._exact:
                return Resolution(word, self._exact[stem], 95.0)
        if len(key) < MIN_FUZZY_LENGTH or not fuzzy:
            return Resolution(word, None, 0.0)
        best = process.extractOne(key, self._keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        if best is None:
            return Resolution(word, None, 0.0)
        _, score, index = best
        return Resolution(word, self._key_codes[index], float(score))

    def resolve_many(self, words: Iterable[str]) -> tuple[list[str], list[str]]:
        """(codes understood, in order without repeats; words not understood).

        A phrase not understood as a whole is tried word by word ("zwemmen voor vrouwen" -> swimming);
        the words of it that still mean nothing are reported together.
        """
        codes: list[str] = []
        unknown: list[str] = []
        for word in words:
            result = self.resolve(word)
            if result.code is not None:
                found = [result.code]
            else:
                # Word by word only on sure hits: a guessed typo inside a sentence misleads more than it helps.
                parts = (
                    [self.resolve(part, fuzzy=False) for part in word.split()]
                    if len(word.split()) > 1
                    else []
                )
                found = [r.code for r in parts if r.code is not None]
                if not found:
                    unknown.append(word)
                else:
                    rest = " ".join(r.word for r in parts if r.code is None)
                    if rest:
                        unknown.append(rest)
            for code in found:
                if code not in codes:
                    codes.append(code)
        return codes, unknown


class TaxonomyError(ValueError):
    """A taxonomy file is missing something every entry needs."""


def _entry_from(data: Mapping[str, Any], group: str, is_group: bool, origin: str) -> Entry:
    code = data.get("code")
    if not isinstance(code, str) or not code:
        raise TaxonomyError(f"{origin}: an entry has no code")
    labels = data.get("labels") or {}
    missing = [lang for lang in UI_LANGUAGES if not labels.get(lang)]
    if missing:
        raise TaxonomyError(f"{origin}: {code} has no label in {', '.join(missing)}")
    synonyms = {lang: tuple(words) for lang, words in (data.get("synonyms") or {}).items()}
    return Entry(
        code=code,
        group=group,
        icon=str(data.get("icon") or ""),
        labels=dict(labels),
        synonyms=synonyms,
        related=tuple(data.get("related") or ()),
        serves=data.get("serves") or None,
        is_group=is_group,
    )


def parse_group_file(document: Mapping[str, Any], origin: str) -> list[Entry]:
    """The group entry followed by its talents, from one seeds/taxonomy/<group>.json document."""
    group_data = document.get("group")
    if not isinstance(group_data, Mapping):
        raise TaxonomyError(f"{origin}: no 'group' object")
    group = _entry_from(group_data, group_data.get("code", ""), True, origin)
    entries = [group]
    for item in document.get("entries") or []:
        entries.append(_entry_from(item, group.code, False, origin))
    return entries


def load_taxonomy(folder: Path | None = None) -> Taxonomy:
    """Load every group file from `folder` (default: the installed seeds/taxonomy)."""
    base = folder if folder is not None else Path(str(resources.files("seeds") / "taxonomy"))
    entries: dict[str, Entry] = {}
    for path in sorted(base.glob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        for entry in parse_group_file(document, path.name):
            if entry.code in entries:
                raise TaxonomyError(
                    f"{path.name}: code {entry.code!r} appears twice in the taxonomy"
                )
            entries[entry.code] = entry
    return Taxonomy(entries)


@lru_cache(maxsize=1)
def default_taxonomy() -> Taxonomy:
    """The installed taxonomy, loaded once per process."""
    return load_taxonomy()
