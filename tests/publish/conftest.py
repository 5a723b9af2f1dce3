"""Fixtures for the published forms: a second, fresh database to read an export back into."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from matching.db import make_engine
from matching.migrate import upgrade
from matching.models import Opportunity
from tests.importers.helpers import load_demo_postcodes


@pytest.fixture
def fresh_engine(tmp_path: Path) -> Iterator[Engine]:
    """An empty database (with the demo postcodes) that the round trip reads the published form into."""
    engine = make_engine(f"sqlite:///{tmp_path / 'round-trip.db'}")
    upgrade(engine)
    load_demo_postcodes(engine)
    yield engine
    engine.dispose()


def all_items(engine: Engine) -> list[Opportunity]:
    """Every opportunity of a database, detached."""
    with Session(engine, expire_on_commit=False) as session:
        return list(session.exec(select(Opportunity).order_by(Opportunity.id)))


def facts(opp: Opportunity) -> tuple[object, ...]:
    """What a round trip must keep: places, schedule, ages, cost, audience, place, title, talents."""
    return (
        opp.title, round(opp.lat, 5), round(opp.lon, 5), opp.places_left,
        sorted((s["day"], s["start"], s["end"]) for s in opp.schedule), opp.age_min, opp.age_max,
        opp.cost_eur_year, opp.audience, sorted(opp.talents),
    )  # fmt: skip
