"""Match quality on the demo catalogue: the engine and a baseline, both judged by benchmarks/judge.py.

The baseline is "keyword matches, nearest first" with the same hard exclusions as the engine, so the
figures compare ranking with ranking. The judge grades both lists from the coaches' expectations in
benchmarks/judgments.json; it imports nothing from the engine.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from benchmarks import judge
from benchmarks.catalogue import demo_items, demo_lines, demo_postcodes
from matching.engine import Engine, MatchIndex, parse_profile
from matching.taxonomy import Taxonomy, default_taxonomy, normalise

TODAY = date(2026, 11, 23)


@dataclass(frozen=True)
class PersonaScore:
    """One persona's figures."""

    name: str
    engine: float
    baseline: float
    engine_must: bool
    baseline_must: bool
    engine_violations: tuple[str, ...]
    baseline_violations: tuple[str, ...]
    suggested: int
    graded: bool
    has_must: bool
    expect_empty: bool


def _home(
    profile: dict[str, Any], postcodes: dict[str, tuple[float, float]]
) -> tuple[float, float]:
    loc = profile["location"]
    if "lat" in loc:
        return float(loc["lat"]), float(loc["lon"])
    return postcodes[loc["postcode"][:4]]


def _placed(lines: list[dict[str, Any]], postcodes: dict[str, tuple[float, float]]) -> None:
    """Lines without coordinates take their PC4 centroid, as the importer's offline geocoder does."""
    for line in lines:
        if line.get("lat") is None:
            line["lat"], line["lon"] = postcodes[line["postcode"].replace(" ", "")[:4]]


def baseline(
    lines: list[dict[str, Any]],
    profile: dict[str, Any],
    home: tuple[float, float],
    taxonomy: Taxonomy,
    k: int = judge.K,
) -> list[str]:
    """Keyword matches (taxonomy code or a word in the text), nearest first, after the hard exclusions."""
    words = [*profile.get("talents", []), *profile.get("wishes", [])]
    codes, _ = taxonomy.resolve_many(words)
    keys = [normalise(w) for w in words]
    hits = []
    for line in lines:
        if judge.excluded(line, profile, home):
            continue
        text = normalise(" ".join([line["title"], line.get("description", "")]))
        if words and not (
            set(codes) & set(line.get("talents", [])) or any(key and key in text for key in keys)
        ):
            continue
        hits.append((judge.km(home, (line["lat"], line["lon"])), line["id"]))
    return [source_id for _, source_id in sorted(hits)[:k]]


def evaluate() -> list[PersonaScore]:
    """Rank with the engine and the baseline for every persona; judge both lists."""
    taxonomy = default_taxonomy()
    postcodes = demo_postcodes()
    lines = demo_lines()
    _placed(lines, postcodes)
    items = demo_items(TODAY)  # ids 1… in file order
    source_id = {item.id: line["id"] for item, line in zip(items, lines, strict=True)}
    engine = Engine(MatchIndex.build(items), taxonomy=taxonomy)
    by_id = {line["id"]: line for line in lines}
    scores = []
    for person in judge.load():
        home = _home(person.profile, postcodes)
        profile = parse_profile(
            person.profile, postcode_lookup=lambda pc: postcodes.get(pc) or postcodes.get(pc[:4])
        )
        ranked = [
            source_id[s.id] for s in engine.match(profile, today=TODAY, limit=judge.K).suggestions
        ]
        base = baseline(lines, person.profile, home, taxonomy)

        def violations(
            chosen: list[str],
            profile: dict[str, Any] = person.profile,
            home: tuple[float, float] = home,
        ) -> tuple[str, ...]:
            return tuple(
                f"{i}: {why}" for i in chosen if (why := judge.excluded(by_id[i], profile, home))
            )

        scores.append(
            PersonaScore(
                name=person.name,
                engine=judge.ndcg(ranked, person),
                baseline=judge.ndcg(base, person),
                engine_must=judge.must_in_top(ranked, person),
                baseline_must=judge.must_in_top(base, person),
                engine_violations=violations(ranked),
                baseline_violations=violations(base),
                suggested=len(ranked),
                graded=bool(person.grades),
                has_must=person.must is not None,
                expect_empty=person.expect_empty,
            )
        )
    return scores


def mean(values: list[float]) -> float:
    """The arithmetic mean (0 for nothing)."""
    return sum(values) / len(values) if values else 0.0


def summary(scores: list[PersonaScore]) -> dict[str, float]:
    """nDCG@5 over graded personas and the share whose must-have is in the top 3, engine and baseline."""
    graded = [s for s in scores if s.graded]
    musts = [s for s in scores if s.has_must]
    return {
        "ndcg_engine": mean([s.engine for s in graded]),
        "ndcg_baseline": mean([s.baseline for s in graded]),
        "must_engine": mean([float(s.engine_must) for s in musts]),
        "must_baseline": mean([float(s.baseline_must) for s in musts]),
        "graded": len(graded),
        "musts": len(musts),
    }
