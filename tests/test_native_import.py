"""Native JSON Lines import: bad lines rejected with their number, idempotent, unreadable files change nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlmodel import Session, func, select

from importers.registry import build_context, make_adapter
from importers.runner import RunResult, run_import
from matching.catalogue import catalogue_version
from matching.models import ImportRejection, ImportRun, Opportunity
from matching.settings import Settings
from tests.conftest import Runner
from tests.factories import add_postcode, native_line


def write_lines(path: Path, lines: list[Any]) -> Path:
    """Write dicts as JSON lines, and strings as they are."""
    path.write_text(
        "\n".join(
            line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)
            for line in lines
        )
        + "\n",
        encoding="utf-8",
    )
    return path


def do_import(engine, settings: Settings, path: Path, source: str = "test") -> RunResult:  # type: ignore[no-untyped-def]
    context = build_context(engine, settings=settings)
    return run_import(engine, adapter=make_adapter(str(path)), source=source, context=context)


def snapshot(session: Session) -> list[tuple[Any, ...]]:
    """The catalogue as comparable tuples (ignoring timestamps)."""
    session.expire_all()
    rows = session.exec(select(Opportunity).order_by(Opportunity.source_id))
    return [
        (
            o.source,
            o.source_id,
            o.title,
            o.kind,
            o.lat,
            o.lon,
            o.places_left,
            o.status,
            tuple(o.talents),
            o.phase,
        )
        for o in rows
    ]


def test_good_lines_land_and_bad_lines_are_rejected_with_line_number_and_reason(
    engine, settings: Settings, session: Session, tmp_path: Path
) -> None:
    path = write_lines(
        tmp_path / "clubs.jsonl",
        [
            native_line(id="a"),
            "{not json",
            native_line(id="b", kind="party"),
            native_line(id="c", lat=4.49, lon=52.06),
            native_line(
                id="d", kind="volunteer", cost_eur_year=None, integration_value=["reference"]
            ),
            native_line(id="a", title="Second a"),
        ],
    )
    result = do_import(engine, settings, path)
    assert result.status == "success"
    assert (result.added, result.rejected) == (2, 4)
    reasons = {r.row: r.reason for r in result.rejections}
    assert reasons[2].startswith("not valid JSON")
    assert reasons[3].startswith("kind:")
    assert "latitude and longitude look swapped" in reasons[4]
    assert "appears twice" in reasons[6] and "row 1" in reasons[6]
    volunteer = session.exec(select(Opportunity).where(Opportunity.source_id == "d")).one()
    assert volunteer.cost_eur_year == 0 and volunteer.phase == 3  # defaults of PRODUCT §6
    stored = session.exec(select(ImportRejection).order_by(ImportRejection.row_number)).all()
    assert [r.row_number for r in stored] == [2, 3, 4, 6]


def test_importing_the_same_file_twice_changes_nothing(
    engine, settings: Settings, session: Session, tmp_path: Path
) -> None:
    path = write_lines(tmp_path / "c.jsonl", [native_line(id=f"x{i}") for i in range(5)])
    first = do_import(engine, settings, path)
    before, version = snapshot(session), catalogue_version(session)
    second = do_import(engine, settings, path)
    assert (first.added, second.added, second.updated, second.unchanged) == (5, 0, 0, 5)
    assert snapshot(session) == before
    assert catalogue_version(session) == version  # nothing changed, so no index reload either


def test_changed_line_updates_the_same_item(
    engine, settings: Settings, session: Session, tmp_path: Path
) -> None:
    line = native_line(id="x", places_left=5)
    path = write_lines(tmp_path / "c.jsonl", [line])
    do_import(engine, settings, path)
    first_id = session.exec(select(Opportunity.id)).one()
    write_lines(path, [{**line, "places_left": 0}])
    result = do_import(engine, settings, path)
    assert (result.updated, result.added) == (1, 0)
    session.expire_all()
    opp = session.exec(select(Opportunity)).one()
    assert (opp.id, opp.places_left) == (first_id, 0)


def test_items_no_longer_listed_are_retired_after_a_complete_run(
    engine, settings: Settings, session: Session, tmp_path: Path
) -> None:
    keep, gone = native_line(id="keep"), native_line(id="gone")
    path = write_lines(tmp_path / "c.jsonl", [keep, gone])
    do_import(engine, settings, path)
    write_lines(path, [keep])
    result = do_import(engine, settings, path)
    assert result.retired == 1
    session.expire_all()
    statuses = dict(session.exec(select(Opportunity.source_id, Opportunity.status)).all())
    assert statuses == {"keep": "active", "gone": "withdrawn"}
    # Listed again: back to active, on the same row.
    write_lines(path, [keep, gone])
    again = do_import(engine, settings, path)
    assert (again.updated, again.added) == (1, 0)


def test_unreadable_file_changes_nothing_and_says_why(
    engine, settings: Settings, session: Session, tmp_path: Path
) -> None:
    path = write_lines(tmp_path / "c.jsonl", [native_line(id="x")])
    do_import(engine, settings, path)
    before = snapshot(session)
    path.write_bytes(b'{"id": "x", "title": "caf\xe9"}\n')  # Windows-1252, not UTF-8
    result = do_import(engine, settings, path)
    assert result.status == "failed" and "not UTF-8" in (result.error or "")
    assert snapshot(session) == before  # and in particular: nothing retired
    missing = do_import(engine, settings, tmp_path / "nope.jsonl")
    assert missing.status == "failed" and "file not found" in (missing.error or "")
    runs = session.exec(select(ImportRun.status).order_by(ImportRun.id)).all()
    assert runs == ["success", "failed", "failed"]


def test_postcode_only_lines_are_geocoded_and_unknown_postcodes_rejected(
    engine, settings: Settings, session: Session, tmp_path: Path
) -> None:
    add_postcode(session, "2711", 52.0617, 4.4925)
    path = write_lines(
        tmp_path / "c.jsonl",
        [
            native_line(id="pc6", lat=None, lon=None, postcode="2711 XY"),
            native_line(id="far", lat=None, lon=None, postcode="9999 ZZ"),
        ],
    )
    result = do_import(engine, settings, path)
    assert result.added == 1
    assert "9999ZZ is not in the postcode table" in result.rejections[0].reason
    opp = session.exec(select(Opportunity)).one()
    assert (opp.lat, opp.lon) == (52.0617, 4.4925)  # PC6 fell back to its PC4


def test_cli_import_export_round_trip(runner: Runner, session: Session, tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "clubs.jsonl", [native_line(id=f"r{i}") for i in range(3)] + ["[]"]
    )
    result = runner("import", str(path))
    assert result.exit_code == 0, result.output
    assert "clubs: added 3" in result.output and "row 4: expected a JSON object" in result.output
    out = tmp_path / "export.jsonl"
    assert runner("export", "-o", str(out)).exit_code == 0
    exported = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(e["id"] for e in exported) == ["r0", "r1", "r2"]
    assert {e["source"] for e in exported} == {"clubs"}
    again = runner("import", str(out), "--source", "clubs")
    assert "added 0, updated 0, unchanged 3" in again.output
    assert session.exec(select(func.count()).select_from(Opportunity)).one() == 3


def test_cli_import_of_a_missing_file_fails_clearly(runner: Runner, tmp_path: Path) -> None:
    result = runner("import", str(tmp_path / "missing.jsonl"))
    assert result.exit_code == 1
    assert "file not found" in result.output
