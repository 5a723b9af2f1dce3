"""The evaluation personas and the independent judge: hard exclusions never fail, the judge owes the
engine nothing, the coaches' grades are consistent, and the engine ranks better than the baseline."""

from __future__ import annotations

import ast
import json
import re
from functools import lru_cache
from pathlib import Path

from benchmarks import judge
from benchmarks.catalogue import demo_lines, demo_postcodes
from benchmarks.quality import PersonaScore, evaluate, summary


@lru_cache(maxsize=1)
def scores() -> tuple[PersonaScore, ...]:
    return tuple(evaluate())


def test_the_judge_imports_nothing_from_the_engine() -> None:
    tree = ast.parse(Path(judge.__file__).read_text(encoding="utf-8"))
    imported = [
        node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
    ] + [
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    ]
    assert not [m for m in imported if m.split(".")[0] in ("matching", "importers", "web")], (
        imported
    )


def test_at_least_thirty_personas_in_several_scripts() -> None:
    people = judge.load()
    assert len(people) >= 30
    words = " ".join(
        w for p in people for w in [*p.profile.get("talents", []), *p.profile.get("wishes", [])]
    )
    for script in (r"[\u0600-\u06FF]", r"[\u1200-\u137F]", r"[\u0400-\u04FF]", r"[a-z]"):
        assert re.search(script, words), script
    profiles = [p.profile for p in people]
    assert any(p.get("travel") == "walk" for p in profiles)
    assert any("women_only" in p.get("needs", []) for p in profiles)
    assert any(p.get("age", 99) < 18 for p in profiles)
    assert any(p.get("availability") for p in profiles)
    assert any(not p.get("talents") and not p.get("wishes") for p in profiles)


def test_grades_name_real_items_a_coach_could_propose() -> None:
    """Every graded item exists and passes the hard exclusions for that person: a coach would not grade
    a full, withdrawn, out-of-reach or ineligible place."""
    postcodes = demo_postcodes()
    lines = {line["id"]: line for line in demo_lines()}
    for line in lines.values():
        if line.get("lat") is None:
            line["lat"], line["lon"] = postcodes[line["postcode"].replace(" ", "")[:4]]
    for person in judge.load():
        loc = person.profile["location"]
        home = (loc["lat"], loc["lon"]) if "lat" in loc else postcodes[loc["postcode"]]
        for item_id in person.grades:
            assert item_id in lines, f"{person.name}: no item {item_id}"
            why = judge.excluded(lines[item_id], person.profile, home)
            assert why is None, f"{person.name}: {item_id} is {why}"


def test_judge_figures_by_hand() -> None:
    person = judge.Judgment("x", "", {}, {"a": 3, "b": 1}, "a")
    assert judge.ndcg(["a", "b"], person) == 1.0
    assert judge.ndcg(["b", "a"], person) < 1.0
    assert judge.ndcg(["c", "d"], person) == 0.0
    assert judge.must_in_top(["c", "d", "a"], person) and not judge.must_in_top(
        ["c", "d", "e", "a"], person
    )


def test_hard_exclusions_never_fail() -> None:
    assert {s.name: s.engine_violations for s in scores() if s.engine_violations} == {}
    assert {s.name: s.baseline_violations for s in scores() if s.baseline_violations} == {}


def test_far_from_everything_gets_nothing() -> None:
    assert [s.name for s in scores() if s.expect_empty and s.suggested] == []
    assert any(s.expect_empty for s in scores())


def test_engine_ranks_better_than_the_baseline() -> None:
    """Both lists pass the same hard exclusions, so this compares ranking with ranking."""
    figures = summary(list(scores()))
    assert figures["ndcg_engine"] > figures["ndcg_baseline"], figures
    assert figures["must_engine"] >= figures["must_baseline"], figures


def test_judgments_file_is_plain_data() -> None:
    data = json.loads(judge.JUDGMENTS.read_text(encoding="utf-8"))
    assert {"about", "personas"} <= set(data)
    assert all(set(p) >= {"name", "story", "profile", "grades", "must"} for p in data["personas"])
