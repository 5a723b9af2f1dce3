"""The independent judge of match quality: graded expectations by item id, nDCG@5, must-have in the top 3.

It imports nothing from `matching/` (no engine constants, no profile parser, no taxonomy): the hard
exclusions are re-stated here from PRODUCT §5/§6 in plain Python over the catalogue's own JSON lines,
and the grades come from benchmarks/judgments.json, written from each person's story as a coach would
propose, item by item. Keep that file out of any commit that changes the engine.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

JUDGMENTS = Path(__file__).with_name("judgments.json")
K = 5
TOP = 3
# PRODUCT §6, restated: the order of Dutch levels and the reach of each travel mode.
LEVELS = ("none", "A1", "A2", "B1", "B2", "C1", "C2")
REACH_KM = {"walk": 2.0, "bike": 7.0, "transit": 20.0}
EARTH_KM = 6371.0088


@dataclass(frozen=True)
class Judgment:
    """One persona: the story, the profile as given, what a coach would propose (item id -> grade)."""

    name: str
    story: str
    profile: dict[str, Any]
    grades: dict[str, int]
    must: str | None  # the one item a coach would certainly put in front of this person
    expect_empty: bool = False  # nothing is within reach: the right answer is an empty list


def load(path: Path = JUDGMENTS) -> list[Judgment]:
    """Read the judgments; grades are 1–3 and the must-have is one of the 3s."""
    out = []
    for raw in json.loads(path.read_text(encoding="utf-8"))["personas"]:
        grades = {str(k): int(v) for k, v in raw.get("grades", {}).items()}
        if any(g not in (1, 2, 3) for g in grades.values()):
            raise ValueError(f"{raw['name']}: grades are 1, 2 or 3")
        must = raw.get("must")
        if must is not None and grades.get(must) != 3:
            raise ValueError(f"{raw['name']}: the must-have {must} must be graded 3")
        empty = bool(raw.get("expect_empty", False))
        out.append(Judgment(raw["name"], raw["story"], raw["profile"], grades, must, empty))
    return out


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km."""
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 2 * EARTH_KM * math.asin(math.sqrt(h))


def reach_km(profile: dict[str, Any]) -> float:
    """How far the person travels: their own maximum, else the travel mode's (bike by default)."""
    if profile.get("max_distance_km") is not None:
        return float(profile["max_distance_km"])
    return REACH_KM[profile.get("travel", "bike")]


def excluded(
    line: dict[str, Any], profile: dict[str, Any], home: tuple[float, float]
) -> str | None:
    """Why PRODUCT §5 never shows this catalogue line to this person, or None."""
    if line.get("status", "active") != "active":
        return "withdrawn"
    if line.get("places_left") == 0:
        return "full"
    age = profile.get("age")
    if age is not None:
        if line.get("age_min") is not None and age < line["age_min"]:
            return "too young"
        if line.get("age_max") is not None and age > line["age_max"]:
            return "too old"
    audience, gender = line.get("audience", "everyone"), profile.get("gender")
    if "women_only" in profile.get("needs", []) and audience != "women":
        return "not for women only"
    if audience == "women" and gender in ("m", "x"):
        return "women only"
    if audience == "men" and gender in ("f", "x"):
        return "men only"
    need = LEVELS.index(line.get("dutch_level_min") or "none")
    if need - LEVELS.index(profile.get("dutch_level", "none")) >= 2:
        return "Dutch two levels short"
    if km(home, (line["lat"], line["lon"])) > reach_km(profile) + 1e-9:
        return "too far"
    return None


def dcg(gains: list[int]) -> float:
    """Discounted cumulative gain with gains 2^g - 1."""
    return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(gains[:K]))


def ndcg(ranked: list[str], judgment: Judgment) -> float:
    """nDCG@5 of a ranked list of item ids against the coach's grades (ungraded items gain 0)."""
    ideal = dcg(sorted(judgment.grades.values(), reverse=True))
    return dcg([judgment.grades.get(i, 0) for i in ranked]) / ideal if ideal else 0.0


def must_in_top(ranked: list[str], judgment: Judgment, top: int = TOP) -> bool:
    """The must-have item is among the first `top`."""
    return judgment.must is not None and judgment.must in ranked[:top]
