"""CSV and Excel through a column mapping: Dutch exports (; BOM, Windows-1252, decimal commas, spaces)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from importers.base import RowError, SourceUnreadable
from importers.mapping import (
    MappingError,
    load_mapping,
    parse_mapping,
    parse_number,
    parse_schedule,
)
from matching.models import Opportunity
from matching.settings import Settings
from tests.conftest import Runner
from tests.importers.helpers import do_import, fixture, load_demo_postcodes, snapshot, xlsx_from_csv

MAPPING = {"mapping": str(fixture("sportclubs.toml"))}


def _opps(engine: Engine) -> dict[str, Opportunity]:
    with Session(engine) as session:
        return {o.source_id: o for o in session.exec(select(Opportunity))}


def test_a_dutch_csv_export_lands_with_every_field_mapped(
    engine: Engine, settings: Settings
) -> None:
    load_demo_postcodes(engine)
    result = do_import(engine, settings, fixture("sportclubs.csv"), options=MAPPING)
    assert result.status == "success"
    assert (result.added, result.rejected) == (3, 2)
    reasons = {r.row: r.reason for r in result.rejections}
    # Rows are numbered as a spreadsheet shows them: the header is row 1.
    assert reasons[5].startswith("places_left: 'twee' is not a number")
    assert reasons[6].startswith("id: 'Clubnummer' is empty")
    opps = _opps(engine)
    swim = opps["ZC-001"]
    assert (
        swim.title == "Zoetermeerse Zwemclub"
    )  # trailing spaces in the cell and the header are gone
    assert swim.address == "Van Aalstlaan 2"  # template combining two columns
    assert swim.cost_eur_year == 185.5  # decimal comma
    assert swim.talents == ["swimming"]  # Dutch word through the taxonomy
    assert swim.languages == ["en", "ar"] and swim.free_trial and swim.subsidy
    assert swim.schedule == [
        {"day": "tue", "start": "19:00", "end": "20:00"},
        {"day": "wed", "start": "18:30", "end": "19:30"},
    ]
    assert swim.integration_value == ["dutch_practice", "network"]  # constants
    assert (swim.lat, swim.lon) == (52.0511, 4.4999)  # PC6 2712AA fell back to PC4 2712
    chess = opps["ZC-002"]
    assert chess.places_left is None and chess.cost_eur_year == 0  # empty cell = unknown; 0 = free
    assert opps["ZC-003"].cost_eur_year == 1250.0 and opps["ZC-003"].talents == [
        "cricket",
        "running",
    ]


def test_windows_1252_and_comma_separated_files_read_the_same(
    engine: Engine, settings: Settings, tmp_path: Path
) -> None:
    load_demo_postcodes(engine)
    text = (
        fixture("sportclubs.csv")
        .read_text(encoding="utf-8-sig")
        .replace("Zoetermeerse Zwemclub", "Zwemclub Café Zoetermeer")
    )
    ansi = tmp_path / "clubs-ansi.csv"
    ansi.write_bytes(text.encode("cp1252"))
    result = do_import(engine, settings, ansi, options=MAPPING)
    assert result.added == 3
    assert _opps(engine)["ZC-001"].title == "Zwemclub Café Zoetermeer"


def test_excel_workbook_lands_like_the_csv(
    engine: Engine, settings: Settings, tmp_path: Path
) -> None:
    load_demo_postcodes(engine)
    workbook = xlsx_from_csv(fixture("sportclubs.csv"), tmp_path / "clubs.xlsx")
    result = do_import(engine, settings, workbook, source="xlsx", options=MAPPING)
    assert (result.added, result.rejected) == (3, 2)
    csv_result = do_import(
        engine, settings, fixture("sportclubs.csv"), source="csv", options=MAPPING, dedup=False
    )
    assert csv_result.added == 3
    rows = snapshot(engine)
    from_xlsx = sorted(r[1:] for r in rows if r[0] == "xlsx" and len(r) > 4)
    from_csv = sorted(r[1:] for r in rows if r[0] == "csv" and len(r) > 4)
    assert from_xlsx == from_csv


def test_a_column_the_file_lacks_fails_the_run_and_names_it(
    engine: Engine, settings: Settings, tmp_path: Path
) -> None:
    load_demo_postcodes(engine)
    do_import(engine, settings, fixture("sportclubs.csv"), options=MAPPING)
    before = snapshot(engine)
    other = tmp_path / "other.csv"
    other.write_text("Nummer;Naam\n1;Iets\n", encoding="utf-8")
    result = do_import(engine, settings, other, options=MAPPING)
    assert result.status == "failed"
    assert "'Clubnummer'" in (result.error or "") and "it has: 'Nummer', 'Naam'" in (
        result.error or ""
    )
    assert snapshot(engine) == before


@pytest.mark.parametrize(
    ("document", "fragment"),
    [
        ({"fields": {"title": "Naam"}}, "map a column (or a template) to id"),
        ({"fields": {"id": "Nr", "colour": "Kleur"}}, "'colour' is not a catalogue field"),
        ({"fields": {"id": "Nr"}, "decimal": ";"}, "decimal must be"),
        ({}, "no [fields] table"),
        ({"fields": {"id": {"split": ","}}}, "needs a column, a template or a value"),
    ],
)
def test_a_bad_mapping_is_refused_with_its_reason(
    document: dict[str, object], fragment: str
) -> None:
    with pytest.raises(MappingError) as info:
        parse_mapping(document, origin="m.toml")
    assert fragment in str(info.value)


def test_mapping_files_in_toml_and_json(tmp_path: Path) -> None:
    (tmp_path / "m.json").write_text(
        '{"kind": "volunteer", "fields": {"id": "Nr", "title": "{Naam} ({Plaats})"}}',
        encoding="utf-8",
    )
    mapping = load_mapping(tmp_path / "m.json")
    assert mapping.apply({"Nr": "7", "Naam": "Hulp", "Plaats": "Zoetermeer"}) == {
        "id": "7", "title": "Hulp (Zoetermeer)", "kind": "volunteer",
    }  # fmt: skip
    (tmp_path / "bad.toml").write_text("fields = [", encoding="utf-8")
    with pytest.raises(SourceUnreadable, match="cannot be parsed"):
        load_mapping(tmp_path / "bad.toml")


def test_value_maps_defaults_and_the_command_line_kind() -> None:
    mapping = parse_mapping(
        {
            "fields": {
                "id": "Nr",
                "kind": {
                    "column": "Soort",
                    "map": {"Vrijwilligerswerk": "volunteer", "Sport": "club"},
                },
                "audience": {"column": "Voor", "map": {"vrouwen": "women", "iedereen": "everyone"}},
                "places_left": {"column": "Plekken", "default": 0},
            }
        },
        origin="m",
    )
    row = {"Nr": "1", "Soort": "Vrijwilligerswerk", "Voor": "Vrouwen", "Plekken": ""}
    assert mapping.apply(row) == {
        "id": "1",
        "kind": "volunteer",
        "audience": "women",
        "places_left": 0,
    }
    assert (
        mapping.apply({"Nr": "2", "Soort": "", "Voor": "", "Plekken": "3"}, kind="course")["kind"]
        == "course"
    )


@pytest.mark.parametrize(
    ("text", "decimal", "expected"),
    [
        ("185,50", ",", 185.5),
        ("1.250,00", ",", 1250.0),
        ("€ 12", ",", 12.0),
        ("1,250.50", ".", 1250.5),
        (" 7 ", ",", 7.0),
    ],
)
def test_numbers_as_dutch_exports_write_them(text: str, decimal: str, expected: float) -> None:
    assert parse_number(text, decimal=decimal, field="cost_eur_year") == expected


def test_schedules_in_dutch_words() -> None:
    assert parse_schedule("ma 9:00-12:00 | zaterdag 10.00–11.30") == [
        {"day": "mon", "start": "9:00", "end": "12:00"},
        {"day": "sat", "start": "10:00", "end": "11:30"},
    ]
    with pytest.raises(RowError, match="write it like"):
        parse_schedule("elke dinsdag")


def test_cli_imports_a_csv_with_mapping_kind_and_source(runner: Runner, engine: Engine) -> None:
    load_demo_postcodes(engine)
    args = ["import", str(fixture("sportclubs.csv")), "--mapping", str(fixture("sportclubs.toml"))]
    result = runner(*args, "--kind", "volunteer", "--source", "gemeente")
    assert result.exit_code == 0, result.output
    assert (
        "gemeente: added 3" in result.output
        and "row 5: places_left: 'twee' is not a number" in result.output
    )
    kinds = {o.kind for o in _opps(engine).values()}
    assert kinds == {"volunteer"}  # --kind overrides the mapping's default kind
