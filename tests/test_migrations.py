"""Migrations build exactly the schema of the models, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect
from sqlmodel import SQLModel

import matching.tables  # noqa: F401
from matching.db import make_engine
from matching.migrate import upgrade
from tests.conftest import ON_POSTGRES, TEST_DATABASE_URL


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
