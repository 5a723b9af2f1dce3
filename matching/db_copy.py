"""Move a whole installation from one database to another (SQLite to PostgreSQL): every table, row for row."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Integer, func, insert, select, text
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

import matching.tables  # noqa: F401  (every table on the metadata)
from matching.migrate import upgrade

BATCH = 2000


class CopyError(RuntimeError):
    """The copy cannot start (e.g. the target already holds data); nothing was written."""


def copy_database(
    source: Engine, target: Engine, *, progress: Callable[[str, int], None] | None = None
) -> dict[str, int]:
    """Copy every Opstap table from `source` into an empty, migrated `target`, in one transaction; rows per table."""
    upgrade(source)  # both at the same schema version
    upgrade(target)
    tables = list(SQLModel.metadata.sorted_tables)  # parents before children
    with target.connect() as conn:
        busy = [
            t.name for t in tables if conn.execute(select(func.count()).select_from(t)).scalar_one()
        ]
    if busy:
        raise CopyError(
            f"the target database already has rows in {', '.join(busy)}: copy only into an empty one"
        )
    counts: dict[str, int] = {}
    with source.connect() as src, target.begin() as dst:
        for table in tables:
            total = 0
            result = src.execution_options(yield_per=BATCH).execute(select(table))
            for rows in result.mappings().partitions(BATCH):
                dst.execute(insert(table), [dict(r) for r in rows])
                total += len(rows)
            counts[table.name] = total
            if progress is not None:
                progress(table.name, total)
        if target.dialect.name == "postgresql":
            # Rows came with their ids: move each id sequence past them, or the next insert collides.
            for table in tables:
                pk = list(table.primary_key.columns)
                if (
                    len(pk) == 1
                    and isinstance(pk[0].type, Integer)
                    and pk[0].autoincrement in (True, "auto")
                ):
                    dst.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{table.name}', '{pk[0].name}'), "
                            f"COALESCE((SELECT max({pk[0].name}) FROM {table.name}), 0) + 1, false)"
                        )
                    )
    return counts
