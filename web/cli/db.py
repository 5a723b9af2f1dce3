"""`opstap db upgrade`."""

from __future__ import annotations

import click

from matching.migrate import upgrade
from web.cli.common import Context, console, pass_context


@click.group("db")
def db_group() -> None:
    """Database schema commands."""


@db_group.command("upgrade")
@pass_context
def upgrade_command(ctx: Context) -> None:
    """Apply every migration to DATABASE_URL (creates the embedded database when needed)."""
    upgrade(ctx.engine)
    console.print(f"database is up to date: {ctx.engine.url.render_as_string(hide_password=True)}")
