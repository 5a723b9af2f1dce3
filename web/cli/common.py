"""What every command shares: settings and the database engine, built once and only when needed."""

from __future__ import annotations

import sys
from functools import cached_property

import click
from rich.console import Console
from sqlalchemy.engine import Engine

from matching.db import make_engine
from matching.settings import Settings, SettingsError, load_settings

console = Console(stderr=True, soft_wrap=True)


class Context:
    """Lazily built settings and engine for a command (tests may hand in their own)."""

    def __init__(self, settings: Settings | None = None, engine: Engine | None = None) -> None:
        if settings is not None:
            self.__dict__["settings"] = settings
        if engine is not None:
            self.__dict__["engine"] = engine

    @cached_property
    def settings(self) -> Settings:
        """Settings from the environment; a bad setting ends the command with its message."""
        try:
            return load_settings()
        except SettingsError as exc:
            raise click.ClickException(str(exc)) from exc

    @cached_property
    def engine(self) -> Engine:
        """The engine for DATABASE_URL (or the embedded SQLite file)."""
        return make_engine(self.settings.resolved_database_url())


def fail(message: str, code: int = 1) -> None:
    """Print an error for a person and exit with `code`."""
    console.print(f"[bold red]error:[/] {message}", highlight=False)
    sys.exit(code)


pass_context = click.make_pass_decorator(Context)
