"""Ties the database session to the request: one session per request, closed at teardown."""

from __future__ import annotations

from flask import Flask, current_app, g
from sqlalchemy.engine import Engine
from sqlmodel import Session

from matching.db import make_engine
from matching.settings import Settings

ENGINE_KEY = "opstap.engine"


def init_app(app: Flask, settings: Settings) -> None:
    """Create the engine once for the app and close each request's session afterwards."""
    app.extensions[ENGINE_KEY] = app.config.get("OPSTAP_ENGINE") or make_engine(
        settings.resolved_database_url()
    )
    app.teardown_appcontext(close_session)


def get_engine() -> Engine:
    """The app's engine."""
    engine: Engine = current_app.extensions[ENGINE_KEY]
    return engine


def get_session() -> Session:
    """This request's session; views commit what they change."""
    if "db_session" not in g:
        g.db_session = Session(get_engine(), expire_on_commit=False)
    session: Session = g.db_session
    return session


def close_session(_exc: BaseException | None = None) -> None:
    """Roll back anything uncommitted and close the request's session."""
    session = g.pop("db_session", None)
    if session is not None:
        session.rollback()
        session.close()
