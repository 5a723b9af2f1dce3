"""Bulk writes for import runs: many rows per statement, converted the way SQLAlchemy would."""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

from sqlalchemy import Table
from sqlmodel import Session

CHUNK = 900  # ids per IN (...) list; well under SQLite's variable limit


def chunks(values: list[Any], size: int = CHUNK) -> list[list[Any]]:
    return [values[i : i + size] for i in range(0, len(values), size)]


def _constant(value: Any) -> Callable[[Any], Any]:
    return lambda _ignored: value


def _lists(processor: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A JSON column's converter that encodes each distinct list once (talents, schedules repeat)."""
    empty = processor([])
    seen: dict[str, Any] = {}

    def convert(value: Any) -> Any:
        if value == []:
            return empty
        key = repr(value)
        found = seen.get(key)
        if found is None:
            found = processor(value)
            if len(seen) < 20_000:
                seen[key] = found
        return found

    return convert


def fast_insert(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """INSERT many rows through the driver's executemany, with SQLAlchemy's own type conversions.

    The ORM and Core insert paths spend most of a bulk import preparing parameters row by row;
    this prepares each column's converter once.
    """
    if not rows:
        return
    connection = session.connection()
    dialect = connection.dialect
    columns = [c for c in table.columns if c.name in rows[0]]
    processors = [c.type._cached_bind_processor(dialect) for c in columns]
    quote = dialect.identifier_preparer.quote
    mark = "?" if dialect.paramstyle in {"qmark", "numeric"} else "%s"
    sql = (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(c.name) for c in columns)}) "
        f"VALUES ({', '.join([mark] * len(columns))})"
    )
    names = [c.name for c in columns]
    first = rows[0]
    converting: list[tuple[int, Callable[[Any], Any]]] = []
    for index, (name, processor) in enumerate(zip(names, processors, strict=True)):
        if processor is None:
            continue
        if all(row[name] is first[name] for row in rows):
            converting.append((index, _constant(processor(first[name]))))  # the run's timestamp
        elif isinstance(first[name], list):
            converting.append((index, _lists(processor)))
        else:
            converting.append((index, processor))
    pick = operator.itemgetter(*names)
    params: list[tuple[Any, ...]] = []
    for row in rows:
        values = list(pick(row))
        for index, convert in converting:
            values[index] = convert(values[index])
        params.append(tuple(values))
    connection.exec_driver_sql(sql, params)
