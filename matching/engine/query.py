"""What a profile asks for, understood through the taxonomy: talent weights, kind wishes, unknown words."""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from matching.engine.profile import Profile
from matching.engine.words import tokens
from matching.taxonomy import Taxonomy, normalise
from matching.vocab import KINDS

# Credit for an item whose talent is not the person's own but close to it.
EXACT = 1.0
GROUP_ASKED = 0.85  # the person named a whole group ("sport"); any of its activities fits
WORD_TITLE = 0.75  # a word the taxonomy did not know appears in the item's title
WORD = 0.5  # … or only further in its own text (a description mentions much in passing)
RELATED = 0.6  # taxonomy `related` (athletics <-> running)
SAME_GROUP = 0.3  # another activity of the same group (football -> volleyball)
# An item tagged with a whole group ("sport", "dieren") offers the field the person's activity is in:
# less sure than the activity itself, surer than a related one (a sports club for a footballer).
FIELD_ITEM = 0.7
WORD_FUZZY = 88.0


@dataclass(frozen=True)
class Query:
    """A profile's wishes in terms the index understands."""

    profile: Profile
    codes: tuple[str, ...]  # understood talent and wish codes, in the person's order
    weights: dict[str, float]  # talent code -> credit an item carrying it gets
    source: dict[str, str]  # talent code -> which of the person's codes it came from
    kinds: frozenset[str]  # kinds the person wished for (work -> workplace …)
    values: frozenset[str]  # integration values wished for (learning Dutch -> dutch_practice …)
    # kind or value -> the wish code asking it
    wish_codes: dict[str, str] = field(default_factory=dict)
    unknown: tuple[str, ...] = ()  # free words the taxonomy did not understand
    # activities related to a wish (learning Dutch -> language café): they serve the wish a little
    wish_weights: dict[str, float] = field(default_factory=dict)
    talent_asked: bool = False  # the person named activities (not only kinds of step)
    # talent code -> how it fits: exact, related, group, in_field (an activity of a group the person
    # named) or field_item (the group of an activity the person named); the reason says which
    relation: dict[str, str] = field(default_factory=dict)

    @property
    def has_talents(self) -> bool:
        """True when activities are asked (understood codes or free words), not only kinds of step."""
        return self.talent_asked or bool(self.unknown)

    @property
    def has_kind_wish(self) -> bool:
        """True when the person asked for a kind of step (work, course, volunteering …)."""
        return bool(self.kinds or self.values)


Neighbours = tuple[dict[str, frozenset[str]], dict[str, tuple[str, ...]]]
_NEIGHBOURS: dict[int, tuple[Taxonomy, Neighbours]] = {}


def _neighbours(taxonomy: Taxonomy) -> Neighbours:
    """Per code the codes related to it (either direction), and per group its activities (no wishes)."""
    cached = _NEIGHBOURS.get(id(taxonomy))
    if cached is not None and cached[0] is taxonomy:
        return cached[1]
    related: dict[str, set[str]] = {code: set() for code in taxonomy.entries}
    members: dict[str, list[str]] = {}
    for entry in taxonomy.entries.values():
        for other in entry.related:
            if other in taxonomy.entries:
                related[entry.code].add(other)
                related[other].add(entry.code)
        if not entry.is_group and not entry.serves:
            members.setdefault(entry.group, []).append(entry.code)
    result = (
        {c: frozenset(r) for c, r in related.items()},
        {g: tuple(m) for g, m in members.items()},
    )
    if len(_NEIGHBOURS) > 8:  # taxonomies are few (one per process, a few in tests)
        _NEIGHBOURS.clear()
    _NEIGHBOURS[id(taxonomy)] = (taxonomy, result)
    return result


def build_query(profile: Profile, taxonomy: Taxonomy) -> Query:
    """Resolve the profile's words and spread credit to related and same-group activities."""
    codes, unknown = taxonomy.resolve_many([*profile.talents, *profile.wishes])
    weights: dict[str, float] = {}
    wish_weights: dict[str, float] = {}
    source: dict[str, str] = {}
    relation: dict[str, str] = {}

    def credit(
        code: str, weight: float, origin: str, into: dict[str, float] = weights, how: str = ""
    ) -> None:
        if weight > into.get(code, 0.0):
            into[code] = weight
            if into is weights or code not in source:  # the person's own talents explain first
                source[code] = origin
                relation[code] = how

    kinds: set[str] = set()
    values: set[str] = set()
    wish_codes: dict[str, str] = {}
    entries = taxonomy.entries
    related, members = _neighbours(taxonomy)
    for code in codes:
        entry = entries[code]
        if entry.serves:
            if entry.serves.get("kind") in KINDS:
                kinds.add(entry.serves["kind"])
                wish_codes.setdefault(entry.serves["kind"], code)
            if entry.serves.get("integration_value"):
                values.add(entry.serves["integration_value"])
                wish_codes.setdefault(entry.serves["integration_value"], code)
            for other in sorted(related[code]):  # learning Dutch -> language café
                if not entries[other].serves:
                    credit(other, RELATED, code, wish_weights, "related")
            continue
        if entry.is_group:
            credit(code, EXACT, code, how="exact")  # an item tagged with the group itself
            for member in members.get(entry.code, ()):
                credit(member, GROUP_ASKED, code, how="in_field")
            continue
        credit(code, EXACT, code, how="exact")
        for other in sorted(related[code]):
            if not entries[other].serves:
                credit(other, RELATED, code, how="related")
        if entry.group != "wishes":
            if entry.group in entries and entries[entry.group].is_group:
                credit(entry.group, FIELD_ITEM, code, how="field_item")
            for member in members.get(entry.group, ()):
                credit(member, SAME_GROUP, code, how="group")
    return Query(
        profile=profile,
        codes=tuple(codes),
        weights=weights,
        source=source,
        kinds=frozenset(kinds),
        values=frozenset(values),
        wish_codes=wish_codes,
        unknown=tuple(unknown),
        wish_weights=wish_weights,
        talent_asked=bool(weights),
        relation=relation,
    )


def matching_tokens(
    word: str, vocabulary: dict[str, int], keys: list[str] | None = None
) -> list[list[int]]:
    """For each token of a free word, the vocabulary ids it matches (same word, part of a word, or a typo)."""
    keys = keys if keys is not None else list(vocabulary)
    result: list[list[int]] = []
    for token in sorted(tokens(normalise(word))):
        hits = {vocabulary[token]} if token in vocabulary else set()
        if len(token) >= 4:  # part of a compound: "schaak" in "schaakclub"
            hits.update(vocabulary[k] for k in keys if token in k)
        if len(token) >= 5:  # a typo: RapidFuzz over the whole vocabulary runs in C
            for _, _, n in process.extract(
                token, keys, scorer=fuzz.ratio, score_cutoff=WORD_FUZZY, limit=None
            ):
                hits.add(vocabulary[keys[n]])
        result.append(sorted(hits))
    return result
