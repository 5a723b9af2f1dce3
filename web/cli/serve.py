"""`opstap serve` and `opstap demo`."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import click
from sqlmodel import Session

from matching.areas import load_area_names, read_area_names
from matching.geo import load_postcodes, read_geonames
from matching.migrate import upgrade
from web.cli.catalogue import import_file, print_result
from web.cli.common import Context, console, fail, pass_context

DEMO_SOURCE = "demo-zoetermeer"


def demo_files() -> tuple[Path, Path]:
    """The installed demo catalogue and its postcode centroids."""
    base = Path(str(resources.files("seeds") / "demo"))
    return base / "zoetermeer.jsonl", base / "postcodes.txt"


def demo_area_names() -> Path:
    """The demo's PC4 → neighbourhood names (illustrative), for the kiosk's tap list."""
    return Path(str(resources.files("seeds") / "demo")) / "neighbourhoods.csv"


def load_demo(ctx: Context) -> None:
    """Create the database if needed and load the demo postcodes and catalogue (idempotent)."""
    upgrade(ctx.engine)
    catalogue, postcodes = demo_files()
    with Session(ctx.engine) as session:
        load_postcodes(session, rows=read_geonames(postcodes))
        load_area_names(session, names=read_area_names(demo_area_names()).names)
        session.commit()
    result = import_file(ctx, str(catalogue), source=DEMO_SOURCE)
    print_result(result)
    if result.status == "failed":
        fail(f"the demo catalogue did not load: {result.error}")


def run_server(ctx: Context, host: str, port: int) -> None:
    """Serve the app with Werkzeug's threaded server (use gunicorn in production)."""
    from web import create_app

    app = create_app(ctx.settings, OPSTAP_ENGINE=ctx.engine)
    console.print(f"Opstap is running on http://{host}:{port}  (Ctrl+C stops it)")
    app.run(host=host, port=port, threaded=True, use_reloader=False)


@click.command("demo")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--no-serve", is_flag=True, help="Only set up the database and load the demo data.")
@pass_context
def demo_command(ctx: Context, host: str, port: int, no_serve: bool) -> None:
    """Set up the embedded database with the Zoetermeer demo catalogue and serve the app."""
    load_demo(ctx)
    if not no_serve:
        run_server(ctx, host, port)


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@pass_context
def serve_command(ctx: Context, host: str, port: int) -> None:
    """Serve the web app (development server; see the README for gunicorn)."""
    upgrade(ctx.engine)
    run_server(ctx, host, port)
