"""Shared fixtures: settings, a clean database per test (SQLite or PostgreSQL), app, client, CLI runner."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel
from werkzeug.serving import make_server

import matching.tables  # noqa: F401  (every table on the metadata)
from matching.db import make_engine
from matching.migrate import upgrade
from matching.settings import Settings, load_settings
from web import create_app
from web.cli import main as cli_main
from web.cli.common import Context

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = ROOT.parent / "shared" / "data"
# CI runs the suite twice: on SQLite (no DATABASE_URL) and on PostgreSQL (DATABASE_URL set).
TEST_DATABASE_URL = os.environ.get("DATABASE_URL", "")
ON_POSTGRES = TEST_DATABASE_URL.startswith("postgresql")


def shared_file(*parts: str) -> Path:
    """A file of ../shared/data; the test is skipped, saying why, only where that folder is absent."""
    path = SHARED_DATA.joinpath(*parts)
    if not SHARED_DATA.exists():
        pytest.skip(f"{SHARED_DATA} is absent (CI always has it)")
    assert path.exists(), f"{path} is missing from ../shared/data"
    return path


@pytest.fixture(scope="session")
def _postgres_engine() -> Iterator[Engine | None]:
    if not ON_POSTGRES:
        yield None
        return
    engine = make_engine(TEST_DATABASE_URL)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    upgrade(engine)
    yield engine
    engine.dispose()


def _truncate_all(engine: Engine) -> None:
    names = ", ".join(f'"{t.name}"' for t in SQLModel.metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


@pytest.fixture
def engine(_postgres_engine: Engine | None, tmp_path: Path) -> Iterator[Engine]:
    """A database with the full schema and no rows, private to this test."""
    if _postgres_engine is not None:
        from matching.match_service import CACHE

        _truncate_all(_postgres_engine)
        CACHE.clear()  # the same engine object serves every test: forget the previous test's index
        yield _postgres_engine
        return
    # A file (not :memory:) so a live server thread and the CLI see the same data.
    engine = make_engine(f"sqlite:///{tmp_path / 'opstap-test.db'}")
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Test settings: nothing read from the developer's environment."""
    return load_settings(
        {}, env="testing", instance_path=str(tmp_path), database_url=TEST_DATABASE_URL
    )


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session on the test database."""
    with Session(engine, expire_on_commit=False) as session:
        yield session


@pytest.fixture
def app(settings: Settings, engine: Engine) -> Flask:
    """The app on the test database; CSRF off here (the security tests turn it on)."""
    return create_app(settings, OPSTAP_ENGINE=engine, TESTING=True, WTF_CSRF_ENABLED=False)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client."""
    return app.test_client()


class Runner:
    """Runs `opstap …` in-process against the test database."""

    def __init__(self, settings: Settings, engine: Engine) -> None:
        self.settings, self.engine = settings, engine

    def __call__(self, *args: str) -> Result:
        """Invoke the command; output and exit code are on the result."""
        runner = CliRunner()
        return runner.invoke(
            cli_main, list(args), obj=Context(self.settings, self.engine), catch_exceptions=False
        )


@pytest.fixture
def runner(settings: Settings, engine: Engine) -> Runner:
    """The `opstap` command line, bound to the test database."""
    return Runner(settings, engine)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, object]) -> dict[str, object]:
    """Use Debian's Chromium; never a downloaded browser."""
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CHROMIUM", "/usr/bin/chromium"),
    }


@pytest.fixture
def live_server(app: Flask) -> Iterator[str]:
    """The app served on a free local port in a thread; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def base_url() -> None:
    """Tests build URLs from `live_server`; this replaces pytest-base-url's fixture (deprecated form)."""
    return None


@pytest.fixture
def demo(settings: Settings, engine: Engine) -> Iterator[None]:
    """The Zoetermeer demo postcodes and catalogue in the test database; the match index starts fresh."""
    from matching.match_service import CACHE
    from web.cli.serve import load_demo

    CACHE.clear()
    load_demo(Context(settings, engine))
    yield
    CACHE.clear()
