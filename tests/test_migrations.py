"""Migrations build exactly the schema of the models, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlmodel import Session, SQLModel, select

import matching.tables  # noqa: F401
from matching.db import make_engine
from matching.migrate import alembic_config, upgrade
from matching.models import Opportunity
from tests.conftest import ON_POSTGRES, TEST_DATABASE_URL
from tests.factories import add_opportunity


def _diff(engine) -> list[object]:  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        return [
            d for d in compare_metadata(context, SQLModel.metadata) if "apscheduler" not in str(d)
        ]


def test_migrations_match_the_models(tmp_path: Path) -> None:
    url = TEST_DATABASE_URL if ON_POSTGRES else f"sqlite:///{tmp_path / 'm.db'}"
    engine = make_engine(url)
    upgrade(engine)
    upgrade(engine)  # a second upgrade is a no-op
    assert "opportunity" in inspect(engine).get_table_names()
    assert _diff(engine) == []
    engine.dispose()


def _downgrade(engine, revision: str) -> None:  # type: ignore[no-untyped-def]
    config = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.connect() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)
        connection.commit()


def _app_tables(engine) -> set[str]:  # type: ignore[no-untyped-def]
    return {
        t
        for t in inspect(engine).get_table_names()
        if t != "alembic_version" and "apscheduler" not in t
    }


def test_every_migration_downgrades_and_upgrades_again(tmp_path: Path) -> None:
    """From the head down to each revision and back up: the schema returns exactly, rows survive."""
    url = TEST_DATABASE_URL if ON_POSTGRES else f"sqlite:///{tmp_path / 'd.db'}"
    engine = make_engine(url)
    upgrade(engine)
    with Session(engine) as session:
        add_opportunity(session, title="Schaken in de bibliotheek")
    script = ScriptDirectory.from_config(alembic_config(url))
    revisions = [r.revision for r in script.walk_revisions()]  # newest first
    assert len(revisions) >= 6
    try:
        for revision in revisions[1:]:
            _downgrade(engine, revision)
            with engine.connect() as conn:
                current = MigrationContext.configure(conn).get_current_heads()
            assert revision in current, (revision, current)
            upgrade(engine)
            assert _diff(engine) == [], f"upgrading again from {revision}"
        _downgrade(engine, "base")
        assert _app_tables(engine) == set(), "downgrade to base leaves tables behind"
        upgrade(engine)
        assert _diff(engine) == []
        with Session(engine) as session:
            assert session.exec(select(Opportunity)).all() == []  # base dropped the catalogue
            add_opportunity(session, title="Schaken in de bibliotheek")
        _downgrade(engine, "0001")  # the catalogue's own revision: its rows must survive
        upgrade(engine)
        with Session(engine) as session:
            assert [o.title for o in session.exec(select(Opportunity))] == [
                "Schaken in de bibliotheek"
            ]
    finally:
        upgrade(engine)  # leave a shared PostgreSQL test database at the head, whatever happened
        engine.dispose()
