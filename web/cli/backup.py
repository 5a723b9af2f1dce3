"""`opstap backup FILE` and `opstap restore FILE`."""

from __future__ import annotations

from pathlib import Path

import click

from matching.backup import BackupError, backup, restore
from web.cli.common import Context, console, fail, pass_context


@click.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@pass_context
def backup_command(ctx: Context, file: Path) -> None:
    """Write a consistent copy of the whole database to FILE (safe while the app runs)."""
    try:
        backup(ctx.engine, file)
    except BackupError as exc:
        fail(str(exc))
    console.print(f"backup written: {file} ({file.stat().st_size / 1e6:.1f} MB)")


@click.command("restore")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask before replacing the database.")
@pass_context
def restore_command(ctx: Context, file: Path, yes: bool) -> None:
    """Replace the whole database with FILE, a backup of the same kind of database."""
    target = ctx.engine.url.render_as_string(hide_password=True)
    if not yes and not click.confirm(f"Replace everything in {target} with {file}?"):
        fail("nothing restored")
    try:
        restore(ctx.engine, file)
    except BackupError as exc:
        fail(str(exc))
    console.print(f"restored {file} into {target}")
