"""Row factories for tests: a valid native line and an opportunity in the database."""

from __future__ import annotations

import itertools
from typing import Any

from sqlmodel import Session

from matching.catalogue import bump_version
from matching.models import Opportunity, Postcode, SourceRecord

_ids = itertools.count(1)

# Zoetermeer centre (PC4 2711), as in the GeoNames table.
ZOETERMEER = (52.0617, 4.4925)


def native_line(**overrides: Any) -> dict[str, Any]:
    """A valid native-format line; override any field."""
    n = next(_ids)
    line: dict[str, Any] = {
        "id": f"t-{n}",
        "kind": "club",
        "title": f"Test club {n}",
        "description": "Een club om te testen.",
        "provider": "Testvereniging",
        "address": "Stadhuisplein 1",
        "postcode": "2711 EC",
        "city": "Zoetermeer",
        "lat": ZOETERMEER[0],
        "lon": ZOETERMEER[1],
        "talents": ["football"],
        "dutch_level_min": "none",
        "languages": [],
        "schedule": [{"day": "tue", "start": "19:00", "end": "20:30"}],
        "places_left": 5,
        "cost_eur_year": 0,
    }
    line.update(overrides)
    return line


def add_opportunity(session: Session, **overrides: Any) -> Opportunity:
    """Insert one active opportunity (with its source record) and return it."""
    n = next(_ids)
    values: dict[str, Any] = {
        "source": "test",
        "source_id": f"o-{n}",
        "kind": "club",
        "title": f"Opportunity {n}",
        "description": "",
        "provider_name": "Testvereniging",
        "postcode": "2711",
        "city": "Zoetermeer",
        "lat": ZOETERMEER[0],
        "lon": ZOETERMEER[1],
        "talents": ["football"],
        "phase": 1,
        "places_left": 5,
        "cost_eur_year": 0.0,
    }
    values.update(overrides)
    opp = Opportunity(**values)
    session.add(opp)
    session.flush()
    assert opp.id is not None
    session.add(SourceRecord(source=opp.source, source_id=opp.source_id, opportunity_id=opp.id))
    bump_version(session)
    session.commit()
    return opp


def add_postcode(session: Session, code: str, lat: float, lon: float) -> None:
    """Put one postcode in the table."""
    session.add(Postcode(code=code, lat=lat, lon=lon, place="Test", municipality="Test"))
    session.commit()
