"""`opstap geo load FILE` and `opstap geo names FILE`: the offline postcode table and area names."""

from __future__ import annotations

from pathlib import Path

import click
from sqlmodel import Session

from matching.areas import AreaFileError, load_area_names, read_area_names
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


@geo_group.command("names")
@click.argument("file", type=click.Path(path_type=Path))
@pass_context
def names_command(ctx: Context, file: Path) -> None:
    """Load neighbourhood or village names per postcode (CSV: postcode,name[,municipality])."""
    try:
        found = read_area_names(file)
    except AreaFileError as exc:
        fail(f"{file}: {exc}; the names table is unchanged")
        return
    for row, reason in found.rejected[:20]:
        console.print(f"row {row}: {reason}")
    if len(found.rejected) > 20:
        console.print(f"… and {len(found.rejected) - 20} more rejected rows")
    if not found.names:
        fail(f"{file}: no usable rows; the names table is unchanged")
        return
    upgrade(ctx.engine)
    with Session(ctx.engine) as session:
        count = load_area_names(session, names=found.names)
        session.commit()
    names = len({name for name, _town in found.names.values()})
    console.print(
        f"loaded {names} names for {count} PC4 areas from {found.rows} rows of {file}"
        f" ({len(found.rejected)} rejected)"
    )
