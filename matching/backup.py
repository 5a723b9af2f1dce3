"""Backups of the whole database: SQLite through its online backup API, PostgreSQL through pg_dump/pg_restore.

Both are safe while the app runs: SQLite's backup API copies a consistent snapshot page by page, and
pg_dump reads one transaction's snapshot. A restore replaces everything and then marks the catalogue
changed, so every web process reloads its match index.
"""

from __future__ import annotations

import glob
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from matching.catalogue import bump_version, catalogue_version
from matching.models import CatalogueState, Opportunity, utcnow

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"


class BackupError(RuntimeError):
    """A backup or restore that cannot be done, with the reason."""


def _pg_tool(name: str) -> str:
    found = shutil.which(name) or next(
        iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))[::-1]), None
    )
    if not found:
        raise BackupError(
            f"{name} was not found: install the PostgreSQL client programs (Debian: postgresql-client)"
        )
    return found


def _pg_url(engine: Engine) -> tuple[str, dict[str, str]]:
    """A libpq connection string (no password in it) and the environment that carries the password."""
    url = engine.url
    env = {**os.environ}
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    plain = url.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def _sqlite_path(engine: Engine) -> Path:
    database = engine.url.database
    if not database or database == ":memory:":
        raise BackupError("an in-memory SQLite database cannot be backed up")
    return Path(database)


def backup(engine: Engine, target: Path) -> None:
    """Write a consistent copy of the whole database to `target` (a SQLite file or a pg_dump archive)."""
    if target.exists() and target.is_dir():
        raise BackupError(f"{target} is a folder; give a file name")
    partial = target.with_name(target.name + ".partial")
    if engine.dialect.name == "sqlite":
        source = sqlite3.connect(_sqlite_path(engine))
        copy = sqlite3.connect(partial)
        try:
            source.backup(copy)
        finally:
            copy.close()
            source.close()
    elif engine.dialect.name == "postgresql":
        url, env = _pg_url(engine)
        done = subprocess.run(
            [_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", "--file", str(partial), url],
            env=env, capture_output=True, text=True, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            partial.unlink(missing_ok=True)
            raise BackupError(f"pg_dump failed: {done.stderr.strip()[-1000:]}")
    else:
        raise BackupError(f"backups of {engine.dialect.name} databases are not supported")
    os.replace(partial, target)  # a backup file is whole or absent


def restore(engine: Engine, source: Path) -> None:
    """Replace the whole database with a backup made by `backup` on the same kind of database."""
    if not source.is_file():
        raise BackupError(f"{source} does not exist or is not a file")
    before = _version(engine)
    head = source.read_bytes()[:16] if source.stat().st_size else b""
    if engine.dialect.name == "sqlite":
        if not head.startswith(SQLITE_MAGIC):
            raise BackupError(
                f"{source} is not a SQLite backup (a PostgreSQL backup restores onto PostgreSQL)"
            )
        backup_db = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        live = sqlite3.connect(_sqlite_path(engine), timeout=30)
        try:
            _check_sqlite_backup(backup_db, source)
            backup_db.backup(live)  # page by page, under the live database's write lock
        finally:
            live.close()
            backup_db.close()
        engine.dispose()  # pooled connections may hold the old schema
    elif engine.dialect.name == "postgresql":
        if not head.startswith(PG_MAGIC):
            raise BackupError(
                f"{source} is not a pg_dump archive (a SQLite backup restores onto SQLite)"
            )
        url, env = _pg_url(engine)
        done = subprocess.run(
            [_pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges",
             "--single-transaction", "--exit-on-error", "--dbname", url, str(source)],
            env=env, capture_output=True, text=True, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            raise BackupError(
                f"pg_restore failed, the database is as it was: {done.stderr.strip()[-1000:]}"
            )
        engine.dispose()
    else:
        raise BackupError(f"restoring {engine.dialect.name} databases is not supported")
    with Session(engine) as session:
        # Past both the restored and the replaced version: every web process sees a new catalogue
        # version (never one it already had) and reloads its index.
        # Every item counts as changed: a web process never patches its old index onto restored rows.
        session.execute(update(Opportunity).values(updated_at=utcnow()))
        version = bump_version(session)
        if version <= before:
            state = session.get(CatalogueState, 1)
            assert state is not None
            state.version = before + 1
        session.commit()


def _version(engine: Engine) -> int:
    try:
        with Session(engine) as session:
            return catalogue_version(session)
    except SQLAlchemyError:  # an empty database: nothing to be past
        return 0


def _check_sqlite_backup(connection: sqlite3.Connection, source: Path) -> None:
    try:
        names = {
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{source} cannot be read as a SQLite database: {exc}") from exc
    if "alembic_version" not in names or "opportunity" not in names:
        raise BackupError(
            f"{source} is a SQLite file but not an Opstap backup (no Opstap tables in it)"
        )
