"""`opstap db upgrade`."""

from __future__ import annotations

import click

from matching.migrate import upgrade
from web.cli.common import Context, console, fail, pass_context


@click.group("db")
def db_group() -> None:
    """Database schema commands."""


@db_group.command("upgrade")
@pass_context
def upgrade_command(ctx: Context) -> None:
    """Apply every migration to DATABASE_URL (creates the embedded database when needed)."""
    upgrade(ctx.engine)
    console.print(f"database is up to date: {ctx.engine.url.render_as_string(hide_password=True)}")


@db_group.command("copy")
@click.argument("target_url")
@pass_context
def copy_command(ctx: Context, target_url: str) -> None:
    """Copy the whole database (DATABASE_URL, e.g. the embedded SQLite) into an empty one at TARGET_URL."""
    from matching.db import make_engine
    from matching.db_copy import CopyError, copy_database

    target = make_engine(target_url)
    try:
        counts = copy_database(
            ctx.engine, target, progress=lambda name, n: console.print(f"  {name}: {n} rows")
        )
    except CopyError as exc:
        fail(str(exc))
    finally:
        target.dispose()
    console.print(
        f"copied {sum(counts.values())} rows in {len(counts)} tables to "
        f"{target.url.render_as_string(hide_password=True)}"
    )
