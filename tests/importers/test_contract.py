"""The contract every adapter keeps, run over every adapter on a real or written file.

Each adapter: is picked from its location; numbers its records; maps each record to a native dict,
Deleted, or a RowError (never another exception); lands its good records; imports twice without any
change; and a location that cannot be read fails the run and leaves the catalogue as it was.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine

from importers.base import Deleted, RowError
from importers.registry import ADAPTERS, format_for_path, make_adapter
from matching.settings import Settings
from tests.factories import native_line
from tests.importers.helpers import (
    do_import,
    fixture,
    hsds_csv_placed_in_zoetermeer,
    load_demo_postcodes,
    snapshot,
    xlsx_from_csv,
)

MAPPING = {"mapping": str(fixture("sportclubs.toml"))}


def _native(tmp: Path) -> Path:
    path = tmp / "native.jsonl"
    lines = [native_line(id=f"n{i}") for i in range(3)] + ["{broken"]
    path.write_text(
        "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n",
        encoding="utf-8",
    )
    return path


@dataclass(frozen=True)
class Case:
    """One adapter on one input: where it is, what lands."""

    format: str
    make: Callable[[Path], Path]
    landed: int  # items added by the first import
    options: dict[str, Any] = field(default_factory=dict)


CASES = {
    "native": Case("jsonl", _native, 3),
    "csv": Case("csv", lambda _t: fixture("sportclubs.csv"), 3, MAPPING),
    "xlsx": Case(
        "xlsx", lambda t: xlsx_from_csv(fixture("sportclubs.csv"), t / "clubs.xlsx"), 3, MAPPING
    ),
    "openactive": Case("openactive", lambda _t: fixture("rpde-zoetermeer"), 2),
    "hsds-json": Case("hsds", lambda _t: fixture("sociale-kaart.json"), 2),
    # The official CSV datapackage, its one location moved from latitude 100 into the Netherlands.
    "hsds-csv": Case("hsds", hsds_csv_placed_in_zoetermeer, 1),
    "jobposting": Case("jobposting", lambda _t: fixture("vacatures.html"), 2),
    "geojson": Case("geojson", lambda _t: fixture("sportparken.geojson"), 2),
    "overpass": Case("overpass", lambda _t: fixture("overpass.json"), 2),
    "duo-mbo": Case("duo-mbo", lambda _t: fixture("duo-mbo-opleidingsaanbod.csv"), 5),
}


def test_every_adapter_has_a_contract_case() -> None:
    assert {case.format for case in CASES.values()} == set(ADAPTERS)


@pytest.fixture(params=sorted(CASES))
def case(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Case, Path]:
    chosen = CASES[request.param]
    return chosen, chosen.make(tmp_path)


def test_the_location_picks_the_adapter(case: tuple[Case, Path]) -> None:
    chosen, location = case
    assert format_for_path(str(location)) == chosen.format


def test_records_are_numbered_and_map_to_items_deleted_or_row_errors(
    case: tuple[Case, Path],
) -> None:
    chosen, location = case
    adapter = make_adapter(str(location), options=chosen.options)
    rows = []
    for record in adapter.read():
        rows.append(record.row)
        try:
            mapped = adapter.to_item(record)
        except RowError as exc:
            assert str(exc), "a RowError must say why"
            continue
        if not isinstance(mapped, Deleted):
            assert mapped.get("id") not in (None, ""), mapped
            assert mapped.get("kind") in {"club", "volunteer", "course", "workplace"}, mapped
    assert rows and all(r >= 1 for r in rows)
    assert rows == sorted(rows) and len(set(rows)) == len(rows)


def test_good_records_land_and_a_second_import_changes_nothing(
    case: tuple[Case, Path], engine: Engine, settings: Settings
) -> None:
    chosen, location = case
    load_demo_postcodes(engine)
    first = do_import(engine, settings, location, options=chosen.options)
    assert first.status == "success", first.error
    assert first.added == chosen.landed, first.rejections
    before = snapshot(engine)
    second = do_import(engine, settings, location, options=chosen.options)
    assert (second.added, second.updated, second.retired) == (0, 0, 0)
    assert second.unchanged == first.added + first.updated
    assert second.rejected == first.rejected
    assert snapshot(engine) == before


def test_an_unreadable_location_fails_and_changes_nothing(
    case: tuple[Case, Path], engine: Engine, settings: Settings, tmp_path: Path
) -> None:
    chosen, location = case
    load_demo_postcodes(engine)
    do_import(engine, settings, location, options=chosen.options)
    before = snapshot(engine)
    missing = tmp_path / "gone" / (location.name if location.suffix else "feed")
    adapter_class = ADAPTERS[chosen.format]
    adapter = adapter_class(str(missing), options=chosen.options)
    from importers.registry import build_context
    from importers.runner import run_import

    result = run_import(
        engine, adapter=adapter, source="test", context=build_context(engine, settings=settings)
    )
    assert result.status == "failed"
    assert result.error and (
        "not found" in result.error or "no " in result.error or "cannot" in result.error
    )
    assert snapshot(engine) == before  # nothing retired either
