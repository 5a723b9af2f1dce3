"""Rate-limit counters in the database, so every web process (on every machine) counts the same attempts.

A storage for the `limits` library (used by Flask-Limiter) under the scheme `database://`: one row per
limit key with its hits and the end of its window, changed with one atomic upsert per hit.
"""

from __future__ import annotations

import random
import time
from typing import Any

from limits.storage import Storage
from sqlalchemy import Table, case, delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Field, SQLModel


class RateLimitCounter(SQLModel, table=True):
    """Hits of one rate-limit key in its current fixed window."""

    key: str = Field(primary_key=True, max_length=255)
    hits: int = 0
    expires_at: float = Field(index=True)  # Unix time the window ends


TABLE: Table = RateLimitCounter.__table__  # type: ignore[attr-defined]


class DatabaseStorage(Storage):
    """`database://`: Flask-Limiter's counters in the app's own database (pass `engine=` in the options)."""

    STORAGE_SCHEME = ["database"]

    def __init__(
        self, uri: str | None = None, wrap_exceptions: bool = False, **options: Any
    ) -> None:
        engine = options.pop("engine", None)
        if not isinstance(engine, Engine):
            raise ValueError(
                "the database:// rate-limit storage needs the app's engine in its options"
            )
        self.engine = engine
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)

    @property
    def base_exceptions(self) -> type[Exception] | tuple[type[Exception], ...]:
        """Errors the database may raise."""
        return SQLAlchemyError

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        """Count `amount` hits; a key whose window ended starts a new one. One atomic statement."""
        now = time.time()
        insert = pg_insert if self.engine.dialect.name == "postgresql" else sqlite_insert
        ended = TABLE.c.expires_at <= now
        statement = (
            insert(TABLE)
            .values(key=key, hits=amount, expires_at=now + expiry)
            .on_conflict_do_update(
                index_elements=[TABLE.c.key],
                set_={
                    "hits": case((ended, amount), else_=TABLE.c.hits + amount),
                    "expires_at": case((ended, now + expiry), else_=TABLE.c.expires_at),
                },
            )
            .returning(TABLE.c.hits)
        )
        with self.engine.begin() as conn:
            hits = int(conn.execute(statement).scalar_one())
            if random.random() < 0.01:  # now and then, forget windows that ended long ago
                conn.execute(delete(TABLE).where(TABLE.c.expires_at < now - 3600))
        return hits

    def get(self, key: str) -> int:
        """Hits of the key in its current window (0 when it ended)."""
        with self.engine.connect() as conn:
            row = conn.execute(
                select(TABLE.c.hits, TABLE.c.expires_at).where(TABLE.c.key == key)
            ).first()
        return int(row[0]) if row is not None and row[1] > time.time() else 0

    def get_expiry(self, key: str) -> float:
        """When the key's window ends (now when it has none)."""
        with self.engine.connect() as conn:
            expires = conn.execute(select(TABLE.c.expires_at).where(TABLE.c.key == key)).scalar()
        return float(expires) if expires is not None else time.time()

    def check(self) -> bool:
        """True when the database answers."""
        try:
            with self.engine.connect() as conn:
                conn.execute(select(1))
            return True
        except SQLAlchemyError:
            return False

    def reset(self) -> int | None:
        """Forget every counter."""
        with self.engine.begin() as conn:
            return int(conn.execute(delete(TABLE)).rowcount)

    def clear(self, key: str) -> None:
        """Forget one key's counter."""
        with self.engine.begin() as conn:
            conn.execute(delete(TABLE).where(TABLE.c.key == key))
