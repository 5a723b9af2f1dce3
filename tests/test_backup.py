"""`opstap backup FILE` / `opstap restore FILE`: a round trip on the test database (SQLite or PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from matching.catalogue import catalogue_version
from matching.models import Opportunity, SourceRecord
from tests.conftest import Runner
from tests.factories import add_opportunity


def _titles(engine: Engine) -> list[str]:
    with Session(engine) as session:
        return sorted(session.exec(select(Opportunity.title)).all())


def test_backup_and_restore_round_trip(engine: Engine, runner: Runner, tmp_path: Path) -> None:
    with Session(engine) as session:
        add_opportunity(session, title="Voetbal Oost")
        add_opportunity(session, title="Taalcafé", kind="volunteer")
    saved = _titles(engine)
    backup = tmp_path / "opstap.backup"
    result = runner("backup", str(backup))
    assert result.exit_code == 0, result.output
    assert backup.exists() and backup.stat().st_size > 0 and "backup written" in result.output
    # Change everything after the backup: a new item, a changed title, a deleted provider's items.
    with Session(engine) as session:
        add_opportunity(session, title="Na de back-up")
        first = session.exec(select(Opportunity).where(Opportunity.title == "Voetbal Oost")).one()
        first.title = "Gewijzigd"
        session.add(first)
        session.commit()
        version_before = catalogue_version(session)
    assert _titles(engine) != saved
    result = runner("restore", str(backup), "--yes")
    assert result.exit_code == 0, result.output
    assert _titles(engine) == saved
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(SourceRecord)).one() == 2
        # Marked changed, so every web process reloads its match index.
        assert catalogue_version(session) > version_before


def test_restore_refuses_a_file_that_is_not_a_backup(
    engine: Engine, runner: Runner, tmp_path: Path
) -> None:
    with Session(engine) as session:
        add_opportunity(session, title="Blijft staan")
    wrong = tmp_path / "notes.txt"
    wrong.write_text("not a backup", encoding="utf-8")
    result = runner("restore", str(wrong), "--yes")
    assert result.exit_code == 1 and "not a" in result.output
    missing = runner("restore", str(tmp_path / "absent.backup"), "--yes")
    assert missing.exit_code == 1 and "does not exist" in missing.output
    assert _titles(engine) == ["Blijft staan"]  # nothing lost
