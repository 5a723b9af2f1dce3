"""Kiosk test helpers: the UI languages and reading the session cookie (the `demo` fixture is in conftest)."""

from __future__ import annotations

from typing import Any

from flask import Flask

LANGUAGES = ("nl", "en", "ar", "ti", "fa", "uk", "tr", "so")


def session_data(app: Flask, cookie_value: str) -> dict[str, Any]:
    """Decode a Flask session cookie the way the app reads it."""
    serializer = app.session_interface.get_signing_serializer(app)  # type: ignore[attr-defined]
    data: dict[str, Any] = serializer.loads(cookie_value)
    return data
