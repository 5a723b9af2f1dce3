"""Alembic environment: Opstap's SQLModel metadata, batch mode on SQLite, APScheduler's table left alone."""

from __future__ import annotations

from alembic import context
from sqlalchemy import text
from sqlmodel import SQLModel

import matching.tables  # noqa: F401  (registers every table on SQLModel.metadata)
from matching.db import make_engine

config = context.config
target_metadata = SQLModel.metadata


def include_name(name: str | None, type_: str, _parent_names: object) -> bool:
    """Keep APScheduler's own job table out of autogenerate."""
    return not (type_ == "table" and name is not None and name.startswith("apscheduler"))


def run_migrations_online() -> None:
    """Run migrations on the configured connection or URL."""
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url") or "")
    with engine.connect() as conn:
        _run(conn)
    engine.dispose()


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        # With foreign keys on, a batch table rebuild fires ON DELETE CASCADE and deletes child rows.
        connection.execute(text("PRAGMA foreign_keys=OFF"))
        connection.commit()
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=sqlite,
        include_name=include_name,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    if sqlite:
        connection.execute(text("PRAGMA foreign_keys=ON"))
        connection.commit()


run_migrations_online()
