"""`opstap import` and `opstap export`: catalogue in and out."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.progress import Progress
from sqlmodel import Session

from importers.base import SourceUnreadable
from importers.registry import build_context, make_adapter
from importers.runner import RunResult, run_import
from importers.scheduler import run_source
from importers.sources import Source, SourcesError, find_source, load_sources, source_licences
from matching.catalogue import export_line, iter_opportunities
from matching.migrate import upgrade
from matching.publish.hsds import export_order, write_export
from web.cli.common import Context, console, pass_context


def import_file(
    ctx: Context,
    location: str,
    *,
    source: str | None = None,
    fmt: str | None = None,
    options: dict[str, object] | None = None,
) -> RunResult:
    """Import one file now, with a progress bar for a person and a summary line for logs."""
    source_name = source or Path(location.rstrip("/")).stem
    try:
        adapter = make_adapter(location, format=fmt, options=options)
    except SourceUnreadable as exc:
        return RunResult(source=source_name, status="failed", error=str(exc))
    upgrade(ctx.engine)
    context = build_context(ctx.engine, settings=ctx.settings)
    try:
        total = adapter.total_hint()
    except SourceUnreadable:
        total = None  # the run itself reports the problem
    with Progress(console=console, disable=not console.is_terminal, transient=True) as progress:
        task = progress.add_task(f"importing {source_name}", total=total)
        return run_import(
            ctx.engine,
            adapter=adapter,
            source=source_name,
            context=context,
            progress=lambda n: progress.advance(task, n),
        )


def print_result(result: RunResult, *, max_rejections: int = 20) -> None:
    """The run's summary and its first rejected rows."""
    console.print(result.summary(), highlight=False)
    for rejection in result.rejections[:max_rejections]:
        console.print(f"  row {rejection.row}: {rejection.reason}", highlight=False)
    if result.rejected > max_rejections:
        console.print(
            f"  … and {result.rejected - max_rejections} more rejected rows", highlight=False
        )


def import_source(ctx: Context, source: Source) -> RunResult:
    """Run one source of the sources file now, with a progress bar for a person."""
    upgrade(ctx.engine)
    with Progress(console=console, disable=not console.is_terminal, transient=True) as progress:
        task = progress.add_task(f"importing {source.name}", total=None)
        return run_source(
            ctx.engine,
            settings=ctx.settings,
            source=source,
            progress=lambda n: progress.advance(task, n),
            on_total=lambda n: progress.update(task, total=n),
        )


@click.command("import")
@click.argument("source_or_file")
@click.option("--source", help="Source name to record (default: the file's stem).")
@click.option(
    "--format",
    "fmt",
    help="Force the adapter format instead of guessing from the name or contents.",
)
@click.option(
    "--mapping",
    type=click.Path(dir_okay=False),
    help="Column mapping (TOML/JSON) for a CSV or Excel file.",
)
@click.option(
    "--kind",
    type=click.Choice(["club", "volunteer", "course", "workplace"]),
    help="Kind of every item.",
)
@click.option("--levels", help="duo-mbo: the mbo levels to keep, e.g. 1,2 (default 1, Entree).")
@pass_context
def import_command(
    ctx: Context,
    source_or_file: str,
    source: str | None,
    fmt: str | None,
    mapping: str | None,
    kind: str | None,
    levels: str | None,
) -> None:
    """Import a source of the sources file by NAME, or a FILE / folder / URL, into the catalogue."""
    try:
        configured = find_source(load_sources(ctx.settings.sources_file), source_or_file)
    except SourcesError as exc:
        configured = None
        if not Path(source_or_file).exists():
            console.print(f"[bold red]error:[/] {exc}", highlight=False)
            sys.exit(1)
    if configured is not None and not Path(source_or_file).exists():
        result = import_source(ctx, configured)
    else:
        options: dict[str, object] = {}
        if mapping:
            options["mapping"] = mapping
        if kind:
            options["kind"] = kind
        if levels:
            try:
                options["levels"] = [int(level) for level in levels.split(",") if level.strip()]
            except ValueError:
                console.print(
                    f"[bold red]error:[/] --levels: expected numbers such as 1,2, got {levels!r}"
                )
                sys.exit(2)
        result = import_file(ctx, source_or_file, source=source, fmt=fmt, options=options)
    print_result(result)
    if result.status in {"failed", "busy"}:
        sys.exit(1)


@click.command("export")
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),
    help="File to write (default: standard output); a folder for hsds.",
)
@click.option("--source", help="Only the items of this source.")
@click.option(
    "--format", "fmt", type=click.Choice(["jsonl", "hsds"]), default="jsonl", show_default=True,
    help="jsonl: native JSON Lines; hsds: Open Referral HSDS 3 JSON and CSV datapackage into the folder -o.",
)  # fmt: skip
@pass_context
def export_command(ctx: Context, output: Path | None, source: str | None, fmt: str) -> None:
    """Write the catalogue as native JSON Lines (re-imports onto the same items), or as HSDS 3."""
    upgrade(ctx.engine)
    if fmt == "hsds":
        export_hsds(ctx, output, source)
        return
    handle = output.open("w", encoding="utf-8") if output else sys.stdout
    count = 0
    try:
        with Session(ctx.engine) as session:
            for opp in iter_opportunities(session, source=source):
                handle.write(json.dumps(export_line(opp), ensure_ascii=False) + "\n")
                count += 1
    finally:
        if output:
            handle.close()
    console.print(f"exported {count} opportunities" + (f" to {output}" if output else ""))


def export_hsds(ctx: Context, folder: Path | None, source: str | None) -> None:
    """The HSDS export into a folder, with the publisher's and every source's licence."""
    if folder is None:
        console.print("[bold red]error:[/] --format hsds writes a folder: give it with -o DIR")
        sys.exit(2)
    if folder.exists() and not folder.is_dir():
        console.print(
            f"[bold red]error:[/] {folder} is a file; -o must name a folder for the HSDS export"
        )
        sys.exit(2)
    with Session(ctx.engine) as session:
        counts = write_export(
            folder,
            export_order(session, source=source),
            publisher=ctx.settings.publisher,
            licence=ctx.settings.feed_licence,
            sources=source_licences(ctx.settings.sources_file, session),
        )
    console.print(
        f"exported {counts['services']} services of {counts['organizations']} organisations as HSDS 3 "
        f"to {folder} (organizations.json and the CSV datapackage)"
    )
