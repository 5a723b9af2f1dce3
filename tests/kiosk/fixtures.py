"""Kiosk test data: the Zoetermeer demo catalogue and postcodes, loaded through the demo command's loader."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from sqlalchemy.engine import Engine

from matching.settings import Settings
from web.cli.common import Context
from web.cli.serve import load_demo
from web.match import CACHE

LANGUAGES = ("nl", "en", "ar", "ti", "fa", "uk", "tr", "so")


@pytest.fixture
def demo(settings: Settings, engine: Engine) -> Iterator[None]:
    """The demo postcodes and catalogue in the test database; the match index starts fresh."""
    CACHE.clear()
    load_demo(Context(settings, engine))
    yield
    CACHE.clear()


def session_data(app: Flask, cookie_value: str) -> dict[str, Any]:
    """Decode a Flask session cookie the way the app reads it."""
    serializer = app.session_interface.get_signing_serializer(app)  # type: ignore[attr-defined]
    data: dict[str, Any] = serializer.loads(cookie_value)
    return data
