"""Synthetic nationwide catalogues and profiles over real PC4 centroids, for the speed benchmark."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np

from matching.engine import Item
from matching.engine.items import schedule_mask
from matching.geo import aggregate_postcodes, read_geonames
from matching.taxonomy import default_taxonomy
from matching.vocab import DAYS, DUTCH_LEVELS, INTEGRATION_VALUES, infer_phase

CHUNK = 20_000
KINDS_SHARE = {"workplace": 0.55, "volunteer": 0.27, "club": 0.12, "course": 0.06}
WORDS = (
    "samen team buurt wijk hulp leren oefenen gezellig nieuwe mensen ervaring begeleiding maatje "
    "ochtend middag avond weekend jongeren ouderen vrouwen kinderen stad dorp centrum park school "
    "bibliotheek keuken tuin werkplaats magazijn winkel kantoor zorg sport muziek koffie taal"
).split()


def pc4_centroids(path: Path) -> np.ndarray:  # type: ignore[type-arg]
    """(lat, lon) of every PC4 in a GeoNames file, as an (n, 2) array."""
    return np.array(
        [(p.lat, p.lon) for p in aggregate_postcodes(read_geonames(path)) if len(p.code) == 4]
    )


def items(
    n: int, centroids: np.ndarray, *, seed: int = 1, today: date
) -> Iterator[tuple[Item, dict[str, Any]]]:  # type: ignore[type-arg]
    """n items spread over the PC4 centroids (denser where postcodes are), with the row for SQL beside each."""
    rng = np.random.default_rng(seed)
    for start in range(0, n, CHUNK):  # in chunks, so the generator itself holds little memory
        yield from _chunk(rng, start, min(CHUNK, n - start), n, centroids, today)


def _chunk(
    rng: np.random.Generator, offset: int, n: int, total: int, centroids: np.ndarray, today: date
) -> Iterator[tuple[Item, dict[str, Any]]]:  # type: ignore[type-arg]
    codes = [e.code for e in default_taxonomy().talents() if not e.serves]
    labels = {e.code: e.label("nl") for e in default_taxonomy().talents()}
    where = centroids[rng.integers(0, len(centroids), n)] + rng.normal(0, 0.006, (n, 2))
    kinds = rng.choice(list(KINDS_SHARE), n, p=list(KINDS_SHARE.values())).tolist()
    dutch = rng.choice(DUTCH_LEVELS[:5], n, p=[0.4, 0.25, 0.2, 0.1, 0.05]).tolist()
    talent_count = rng.integers(1, 4, n).tolist()
    talent_pick = rng.integers(0, len(codes), (n, 3)).tolist()
    value_bits = (rng.random((n, len(INTEGRATION_VALUES))) < 0.35).tolist()
    sessions = rng.integers(0, 4, n).tolist()
    session_day = rng.integers(0, 7, (n, 3)).tolist()
    session_hour = rng.integers(7, 21, (n, 3)).tolist()
    u = rng.random((n, 10)).tolist()
    age_pick = rng.choice([12, 16, 18], n).tolist()
    places_pick = rng.integers(0, 12, n).tolist()
    cost_pick = rng.integers(20, 300, n).tolist()
    days_ago = rng.integers(0, 400, n).tolist()
    providers = rng.integers(0, total // 4 + 1, n).tolist()
    text_words = rng.integers(0, len(WORDS), (n, 10)).tolist()
    for i in range(n):
        kind, r = kinds[i], u[i]
        talents = tuple(dict.fromkeys(codes[t] for t in talent_pick[i][: talent_count[i]]))
        values = tuple(v for v, on in zip(INTEGRATION_VALUES, value_bits[i], strict=True) if on)
        schedule = [
            {
                "day": DAYS[session_day[i][s]],
                "start": f"{session_hour[i][s]:02d}:00",
                "end": f"{session_hour[i][s] + 2:02d}:00",
            }
            for s in range(sessions[i])
        ]
        age_min = age_pick[i] if r[0] < 0.2 else None
        age_max = age_min + 6 if age_min is not None and r[1] < 0.4 else None
        audience = "everyone" if r[2] < 0.92 else ("women" if r[3] < 0.8 else "men")
        places = None if r[4] < 0.2 else places_pick[i]
        cost = 0.0 if kind in ("volunteer", "workplace") or r[5] < 0.4 else float(cost_pick[i])
        confirmed = today - timedelta(days=days_ago[i])
        title = f"{labels[talents[0]]} ({kind})"
        words = f"{title} " + " ".join(WORDS[w] for w in text_words[i])
        row = {
            "id": offset + i + 1, "source": "bench", "source_id": str(offset + i + 1), "kind": kind, "title": title,
            "description": words, "provider_name": f"Aanbieder {providers[i]}",
            "lat": float(where[i, 0]), "lon": float(where[i, 1]), "talents": list(talents), "talent_words": [],
            "phase": infer_phase(kind, values), "dutch_level_min": dutch[i],
            "languages": ["ar"] if r[6] < 0.15 else [], "schedule": schedule, "places_left": places,
            "cost_eur_year": cost, "subsidy": r[7] < 0.3, "age_min": age_min, "age_max": age_max,
            "audience": audience, "free_trial": r[8] < 0.3, "buddy": r[9] < 0.3,
            "integration_value": list(values), "last_confirmed": confirmed,
            "status": "active" if r[3] < 0.98 or audience != "everyone" else "withdrawn",
        }  # fmt: skip
        item = Item(
            id=offset + i + 1, kind=kind, lat=row["lat"], lon=row["lon"], confirmed=confirmed,
            provider=row["provider_name"], talents=talents, words=words, title=title, phase=row["phase"],
            dutch_level_min=row["dutch_level_min"], languages=tuple(row["languages"]),
            schedule_mask=schedule_mask(schedule), places_left=places, cost_eur_year=cost,
            subsidy=row["subsidy"], age_min=age_min, age_max=age_max, audience=audience,
            free_trial=row["free_trial"], buddy=row["buddy"], integration_value=values, status=row["status"],
        )  # fmt: skip
        yield item, row


def profiles(count: int, centroids: np.ndarray, *, seed: int = 2) -> list[dict[str, Any]]:  # type: ignore[type-arg]
    """Profile documents spread like the people: at PC4 centroids, mostly by bike, some by transit or on foot."""
    rng = np.random.default_rng(seed)
    codes = [e.code for e in default_taxonomy().talents() if not e.serves]
    result = []
    for _ in range(count):
        lat, lon = centroids[int(rng.integers(0, len(centroids)))]
        profile: dict[str, Any] = {
            "location": {"lat": float(lat), "lon": float(lon)},
            "talents": [
                codes[int(t)] for t in rng.integers(0, len(codes), int(rng.integers(1, 3)))
            ],
            "travel": str(rng.choice(["bike", "transit", "walk"], p=[0.6, 0.25, 0.15])),
            "dutch_level": str(rng.choice(DUTCH_LEVELS[:4])),
        }
        if rng.random() < 0.3:
            profile["wishes"] = [
                str(rng.choice(["werk", "vrijwilligerswerk", "cursus", "Nederlands leren"]))
            ]
        if rng.random() < 0.1:
            profile["talents"].append(
                "koffie"
            )  # a word the taxonomy lacks: compared with the items' own words
        if rng.random() < 0.5:
            profile["availability"] = [f"{DAYS[int(d)]}-evening" for d in rng.integers(0, 7, 3)]
        if rng.random() < 0.5:
            profile["age"] = int(rng.integers(16, 66))
            profile["gender"] = str(rng.choice(["f", "m", "x"], p=[0.45, 0.45, 0.1]))
        if rng.random() < 0.1:
            profile["needs"] = ["free"]
        result.append(profile)
    return result
