"""`opstap geo load FILE`: the offline postcode table."""

from __future__ import annotations

from pathlib import Path

import click
from sqlmodel import Session

from matching.geo import PostcodeFileError, load_postcodes, read_geonames
from matching.migrate import upgrade
from web.cli.common import Context, console, fail, pass_context


@click.group("geo")
def geo_group() -> None:
    """Postcode geocoding commands."""


@geo_group.command("load")
@click.argument("file", type=click.Path(path_type=Path))
@pass_context
def load_command(ctx: Context, file: Path) -> None:
    """Load a GeoNames postal-code file (the NL.txt format) into the postcode table."""
    try:
        rows = read_geonames(file)
    except PostcodeFileError as exc:
        fail(f"{exc}; the postcode table is unchanged")
        return
    upgrade(ctx.engine)
    with Session(ctx.engine) as session:
        count = load_postcodes(session, rows=rows)
        session.commit()
    console.print(f"loaded {count} postcodes from {len(rows)} rows of {file}")
