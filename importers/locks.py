"""A cross-process lock per source: a file lock next to a SQLite database, an advisory lock on PostgreSQL."""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import tempfile
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine


def lock_key(source: str) -> int:
    """A stable signed 64-bit key for PostgreSQL's advisory locks."""
    digest = hashlib.sha1(f"opstap-import:{source}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def lock_folder(engine: Engine) -> Path:
    """Where the lock files of a SQLite database live: beside the database file."""
    database = engine.url.database
    if database and database != ":memory:":
        return Path(database).resolve().parent / ".opstap-locks"
    name = hashlib.sha1(str(engine.url).encode()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"opstap-locks-{name}"


class SourceLock:
    """Held while one source runs, so no two processes (scheduler, CLI) run the same source at once."""

    def __init__(self, engine: Engine, source: str) -> None:
        self.engine = engine
        self.source = source
        self._file: IO[Any] | None = None
        self._connection: Connection | None = None

    def acquire(self) -> bool:
        """Take the lock without waiting; False when another process holds it."""
        if self.engine.dialect.name == "postgresql":
            connection = self.engine.connect()
            got = bool(
                connection.execute(
                    text("SELECT pg_try_advisory_lock(:k)"), {"k": lock_key(self.source)}
                ).scalar()
            )
            connection.commit()
            if not got:
                connection.close()
                return False
            self._connection = connection
            return True
        folder = lock_folder(self.engine)
        folder.mkdir(parents=True, exist_ok=True)
        safe = (
            re.sub(r"[^A-Za-z0-9_.-]", "_", self.source)[:80]
            + "-"
            + hashlib.sha1(self.source.encode()).hexdigest()[:8]
        )
        handle = (folder / f"{safe}.lock").open("a+")
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            return False
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        self._file = handle
        return True

    def release(self) -> None:
        """Let go of the lock (also closes the PostgreSQL session that held it)."""
        if self._connection is not None:
            try:
                self._connection.execute(
                    text("SELECT pg_advisory_unlock(:k)"), {"k": lock_key(self.source)}
                )
                self._connection.commit()
            finally:
                self._connection.close()
                self._connection = None
        if self._file is not None:
            fcntl.flock(self._file.fileno(), fcntl.LOCK_UN)
            self._file.close()
            self._file = None

    def __enter__(self) -> SourceLock:
        return self

    def __exit__(self, *_exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.release()
