"""Shared helpers for importer tests: fixtures on disk, running an import, a catalogue snapshot."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from importers.geocode import OnlineLookup
from importers.registry import build_context, make_adapter
from importers.runner import RunResult, run_import
from matching.geo import load_postcodes, read_geonames
from matching.models import Opportunity, SourceRecord
from matching.settings import Settings

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "importers"
DEMO_POSTCODES = Path(__file__).resolve().parents[2] / "seeds" / "demo" / "postcodes.txt"


def fixture(name: str) -> Path:
    """A file we wrote under tests/fixtures/importers."""
    path = FIXTURES / name
    assert path.exists(), path
    return path


def load_demo_postcodes(engine: Engine) -> None:
    """The Zoetermeer PC4 centroids, for offline geocoding."""
    with Session(engine) as session:
        load_postcodes(session, rows=read_geonames(DEMO_POSTCODES))
        session.commit()


def do_import(
    engine: Engine,
    settings: Settings,
    location: str | Path,
    *,
    source: str = "test",
    fmt: str | None = None,
    options: dict[str, Any] | None = None,
    online: OnlineLookup | None = None,
    dedup: bool = True,
) -> RunResult:
    """Import one location now, as the CLI would (without the CLI)."""
    adapter = make_adapter(str(location), format=fmt, options=options)
    context = build_context(engine, settings=settings, online=online)
    return run_import(engine, adapter=adapter, source=source, context=context, dedup=dedup)


def snapshot(engine: Engine) -> list[tuple[Any, ...]]:
    """The catalogue and its source records as comparable tuples (no timestamps)."""
    with Session(engine) as session:
        opps = session.exec(
            select(Opportunity).order_by(Opportunity.source, Opportunity.source_id)
        ).all()
        records = session.exec(
            select(SourceRecord).order_by(SourceRecord.source, SourceRecord.source_id)
        ).all()
        return [
            (o.source, o.source_id, o.kind, o.title, o.lat, o.lon, o.places_left, o.status, tuple(o.talents),
             o.cost_eur_year, o.audience, tuple(tuple(sorted(s.items())) for s in o.schedule))
            for o in opps
        ] + [(r.source, r.source_id, r.opportunity_id, r.listed) for r in records]  # fmt: skip


def xlsx_from_csv(csv_path: Path, target: Path) -> Path:
    """An Excel workbook with the same rows as a ';' CSV (numbers as numbers, like a real export)."""
    from openpyxl import Workbook

    text = csv_path.read_text(encoding="utf-8-sig")
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Clubs"
    for number, row in enumerate(csv.reader(io.StringIO(text), delimiter=";")):
        cells: list[Any] = []
        for value in row:
            if number and value.strip().isdigit():
                cells.append(int(value.strip()))
            else:
                cells.append(value)
        sheet.append(cells)
    workbook.save(target)
    return target


def hsds_csv_placed_in_zoetermeer(tmp: Path) -> Path:
    """The official HSDS 3 CSV datapackage, read from the shared data, with its one location moved
    from latitude 100 (an impossible example value) to Zoetermeer: otherwise the real file as is."""
    from tests.conftest import shared_file

    source = shared_file("hsds-examples", "csv")
    target = tmp / "hsds-csv"
    target.mkdir(parents=True)
    for path in source.iterdir():
        (target / path.name).write_bytes(path.read_bytes())
    with (source / "locations.csv").open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert rows and rows[0]["latitude"] == "100", "the example changed: revisit this helper"
    for row in rows:
        row["latitude"], row["longitude"] = "52.0617", "4.4925"
    with (target / "locations.csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return target
