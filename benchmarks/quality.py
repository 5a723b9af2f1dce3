"""Quality evaluation: the engine and the baseline "keyword matches, nearest first" scored by nDCG@5."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

from benchmarks.catalogue import demo_items, demo_postcodes
from benchmarks.personas import PERSONAS, Persona
from matching.engine import Engine, EngineConfig, Item, MatchIndex, Profile, parse_profile
from matching.geo import haversine_km
from matching.taxonomy import Taxonomy, default_taxonomy, normalise
from matching.vocab import DUTCH_LEVELS

TODAY = date(2026, 11, 23)
STALE_DAYS = 183
K = 5


def _distance(item: Item, profile: Profile) -> float:
    return haversine_km(profile.location.lat, profile.location.lon, item.lat, item.lon)


def excluded(item: Item, profile: Profile) -> str | None:
    """Why PRODUCT §5 never allows this item for this profile (an independent, plain re-statement), or None."""
    if item.status != "active":
        return "withdrawn"
    if item.places_left == 0:
        return "full"
    if profile.age is not None:
        if item.age_min is not None and profile.age < item.age_min:
            return "too young"
        if item.age_max is not None and profile.age > item.age_max:
            return "too old"
    if "women_only" in profile.needs and item.audience != "women":
        return "not women-only"
    if item.audience == "women" and profile.gender in ("m", "x"):
        return "women only"
    if item.audience == "men" and profile.gender in ("f", "x"):
        return "men only"
    if DUTCH_LEVELS.index(item.dutch_level_min) - profile.dutch_rank >= 2:
        return "Dutch two levels short"
    if _distance(item, profile) > profile.reach_km + 1e-9:
        return "too far"
    return None


def grade(item: Item, persona: Persona, profile: Profile, taxonomy: Taxonomy) -> int:
    """How good this item is for the persona (0–4) by the persona's own expectations and the brief's soft rules."""
    if excluded(item, profile):
        return 0
    g_talent = 0
    for code in item.talents:
        entry = taxonomy.entries.get(code)
        group = entry.group if entry else ""
        g_talent = max(g_talent, persona.talents.get(code, 0), persona.talents.get(group, 0))
    g_kind = persona.kinds.get(item.kind, 0)
    for value in item.integration_value:
        g_kind = max(g_kind, persona.values.get(value, 0))
    if persona.talents or persona.kinds or persona.values:
        g = max(g_talent, g_kind) + (1 if g_talent >= 2 and g_kind > 0 else 0)
    else:
        g = 2  # nothing asked: anything eligible will do, the soft rules decide
    if g == 0:
        return 0
    if (
        profile.availability
        and item.schedule_mask
        and not (item.schedule_mask & profile.availability_mask())
    ):
        return 0
    if "free" in profile.needs and (item.cost_eur_year or 0) > 0 and not item.subsidy:
        return 0
    if (TODAY - item.confirmed) > timedelta(days=STALE_DAYS):
        g -= 1
    top = 4 if ({"workplace", "course"} & set(persona.kinds)) else 3
    jump = item.phase > top if profile.phase is None else item.phase - max(profile.phase, 1) >= 2
    if jump and item.kind not in persona.kinds:
        g -= 1
    if DUTCH_LEVELS.index(item.dutch_level_min) > profile.dutch_rank:
        if not item.buddy and not set(item.languages) & set(profile.languages):
            g -= 1
    if _distance(item, profile) > 0.6 * profile.reach_km:
        g -= 1
    return max(0, g)


def ideal_grades(items: list[Item], grades: list[int], k: int = K) -> list[int]:
    """The best grades a list of k can hold when no provider takes over the list (PRODUCT §5)."""
    per_provider = EngineConfig().max_per_provider
    taken: dict[str, int] = {}
    best: list[int] = []
    for g, item in sorted(zip(grades, items, strict=True), key=lambda pair: (-pair[0], pair[1].id)):
        if g <= 0 or len(best) == k:
            break
        if taken.get(item.provider, 0) < per_provider:
            taken[item.provider] = taken.get(item.provider, 0) + 1
            best.append(g)
    return best


def list_grades(chosen: list[Item], persona: Persona, profile: Profile, taxonomy: Taxonomy) -> list[int]:
    """Grades of a suggested list; a provider's third and later items count 0 (it took over the list)."""
    per_provider = EngineConfig().max_per_provider
    seen: dict[str, int] = {}
    grades = []
    for item in chosen:
        seen[item.provider] = seen.get(item.provider, 0) + 1
        grades.append(grade(item, persona, profile, taxonomy) if seen[item.provider] <= per_provider else 0)
    return grades


def ndcg(grades: list[int], ideal: list[int], k: int = K) -> float:
    """nDCG@k with gains 2^g − 1."""

    def dcg(values: list[int]) -> float:
        return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(values[:k]))

    best = dcg(sorted(ideal, reverse=True))
    return dcg(grades) / best if best > 0 else 0.0


def baseline(items: list[Item], profile: Profile, taxonomy: Taxonomy, k: int = K) -> list[Item]:
    """The obvious approach: items within reach and open whose talents or text match a word, nearest first."""
    words = [*profile.talents, *profile.wishes]
    codes, _ = taxonomy.resolve_many(words)
    keys = [normalise(w) for w in words]
    hits = []
    for item in items:
        if (
            item.status != "active"
            or item.places_left == 0
            or _distance(item, profile) > profile.reach_km
        ):
            continue
        text = normalise(item.words)
        if words and not (
            set(codes) & set(item.talents) or any(key and key in text for key in keys)
        ):
            continue
        hits.append(item)
    hits.sort(key=lambda i: (_distance(i, profile), i.id))
    return hits[:k]


@dataclass(frozen=True)
class PersonaScore:
    """One persona's figures."""

    name: str
    engine: float
    baseline: float
    engine_violations: tuple[str, ...]
    baseline_violations: tuple[str, ...]
    suggested: int
    has_ideal: bool
    expect_empty: bool


def evaluate() -> list[PersonaScore]:
    """Score the engine and the baseline for every persona on the demo catalogue."""
    taxonomy = default_taxonomy()
    items = demo_items(TODAY)
    by_id = {i.id: i for i in items}
    engine = Engine(MatchIndex.build(items), taxonomy=taxonomy, stale_days=STALE_DAYS)
    postcodes = demo_postcodes()
    scores = []
    for persona in PERSONAS:
        profile = parse_profile(
            persona.profile, postcode_lookup=lambda pc: postcodes.get(pc) or postcodes.get(pc[:4])
        )
        result = engine.match(profile, today=TODAY, limit=K)
        chosen = [by_id[s.id] for s in result.suggestions]
        base = baseline(items, profile, taxonomy)
        ideal = ideal_grades(items, [grade(i, persona, profile, taxonomy) for i in items])
        scores.append(
            PersonaScore(
                name=persona.name,
                engine=ndcg(list_grades(chosen, persona, profile, taxonomy), ideal),
                baseline=ndcg(list_grades(base, persona, profile, taxonomy), ideal),
                engine_violations=tuple(
                    f"{i.id}: {r}" for i in chosen if (r := excluded(i, profile))
                ),
                baseline_violations=tuple(
                    f"{i.id}: {r}" for i in base if (r := excluded(i, profile))
                ),
                suggested=len(chosen),
                has_ideal=any(ideal),
                expect_empty=persona.expect_empty,
            )
        )
    return scores


def mean(values: list[float]) -> float:
    """The arithmetic mean (0 for nothing)."""
    return sum(values) / len(values) if values else 0.0
