"""The straightforward SQL approach, for comparison: filter and score in one query on the same database."""

from __future__ import annotations

import math
from datetime import date, timedelta
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from matching.engine.profile import Profile
from matching.engine.query import Query
from matching.geo import bbox_around
from matching.vocab import DAYS, DUTCH_LEVELS

_RANK = (
    "CASE dutch_level_min "
    + " ".join(f"WHEN '{lv}' THEN {n}" for n, lv in enumerate(DUTCH_LEVELS))
    + " END"
)
_PARTS = {
    "morning": ("06:00", "12:00"),
    "afternoon": ("12:00", "18:00"),
    "evening": ("18:00", "24:00"),
}


def _quoted(values: list[str]) -> str:
    # Codes come from the taxonomy and the fixed vocabularies ([a-z_]), so quoting is enough here.
    return ", ".join("'" + v.replace("'", "''") + "'" for v in values) or "''"


def _talent_case(query: Query) -> str:
    levels: dict[float, list[str]] = {}
    for code, weight in query.weights.items():
        levels.setdefault(weight, []).append(code)
    if not levels:
        return "0.5"
    whens = " ".join(
        f"WHEN EXISTS (SELECT 1 FROM json_each(c.talents) j WHERE j.value IN ({_quoted(codes)})) THEN {weight}"
        for weight, codes in sorted(levels.items(), reverse=True)
    )
    return f"CASE {whens} ELSE 0.0 END"


def _availability_case(profile: Profile) -> str:
    if not profile.availability:
        return "1.0"
    ors = []
    for part_index, (_part, (start, end)) in enumerate(_PARTS.items()):
        days = [DAYS[d] for d, p in profile.availability if p == part_index]
        if days:
            ors.append(
                f"(json_extract(s.value, '$.day') IN ({_quoted(days)}) "
                f"AND json_extract(s.value, '$.start') < '{end}' AND json_extract(s.value, '$.end') > '{start}')"
            )
    fits = " OR ".join(ors)
    return (
        f"CASE WHEN c.schedule = '[]' OR EXISTS (SELECT 1 FROM json_each(c.schedule) s WHERE {fits}) "
        "THEN 1.0 ELSE 0.3 END"
    )


def sql_match(
    conn: Connection, profile: Profile, query: Query, *, today: date, limit: int = 10
) -> list[tuple[int, float, float]]:
    """(id, score, distance) of the best items, filtered and scored in SQL (SQLite math and JSON functions)."""
    lat, lon, reach = profile.location.lat, profile.location.lon, profile.reach_km
    south, west, north, east = bbox_around(lat, lon, reach)
    audience = ["'everyone'"]
    if profile.gender in (None, "f"):
        audience.append("'women'")
    if profile.gender in (None, "m"):
        audience.append("'men'")
    if "women_only" in profile.needs:
        audience = ["'women'"]
    top = 4 if {"workplace", "course"} & query.kinds else 3
    low, high = (1, top) if profile.phase is None else (profile.phase, profile.phase + 1)
    scale = 0.35 * reach
    sql = f"""
        WITH c AS (
          SELECT id, phase, talents, schedule, cost_eur_year, subsidy, buddy, last_confirmed,
                 {_RANK} AS dutch_rank,
                 2 * 6371.0088 * asin(sqrt(pow(sin(radians(lat - :lat) / 2), 2)
                     + cos(radians(:lat)) * cos(radians(lat)) * pow(sin(radians(lon - :lon) / 2), 2))) AS dist
          FROM opportunity
          WHERE lat BETWEEN :south AND :north AND lon BETWEEN :west AND :east
            AND status = 'active' AND (places_left IS NULL OR places_left != 0)
            AND {_RANK} - :rank <= 1
            AND audience IN ({", ".join(audience)})
            AND (:age IS NULL OR ((age_min IS NULL OR age_min <= :age) AND (age_max IS NULL OR age_max >= :age)))
        )
        SELECT id, dist, (
            0.5 * ({_talent_case(query)})
          + 0.2 * pow(2.0, -max(dist - :offset, 0.0) / :scale)
          + 0.12 * (CASE WHEN phase BETWEEN :low AND :high THEN 1.0 ELSE 0.3 END)
          + 0.06 * (CASE WHEN dutch_rank <= :rank THEN 1.0 ELSE 0.5 END)
          + 0.12 * ((buddy + (cost_eur_year = 0 OR subsidy)) / 2.0)
        ) * ({_availability_case(profile)})
          * (CASE WHEN :free AND cost_eur_year > 0 AND NOT subsidy THEN 0.3 ELSE 1.0 END)
          * (CASE WHEN last_confirmed < :stale THEN 0.55 ELSE 1.0 END) AS score
        FROM c WHERE dist <= :reach
        ORDER BY score DESC, id LIMIT :limit
    """
    params: dict[str, Any] = {
        "lat": lat, "lon": lon, "south": south, "north": north, "west": west, "east": east,
        "rank": profile.dutch_rank, "age": profile.age, "offset": 0.07 * reach, "scale": max(scale, 1e-6),
        "low": low, "high": high, "free": "free" in profile.needs, "reach": reach + 1e-9,
        "stale": (today - timedelta(days=183)).isoformat(), "limit": limit,
    }  # fmt: skip
    rows = conn.execute(text(sql), params).all()
    return [(int(r[0]), float(r[2]), float(r[1])) for r in rows if not math.isnan(r[2])]
