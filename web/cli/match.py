"""`opstap match PROFILE.json [--lang xx] [--limit N] [--json]`: suggestions for a profile."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from matching.engine import ProfileError
from matching.json_text import JsonTextError, loads
from matching.match_service import match_document
from matching.migrate import upgrade
from matching.profile_schema import MAX_MATCH_LIMIT
from matching.vocab import UI_LANGUAGES
from web.cli.common import Context, fail, pass_context

out = Console(soft_wrap=True, highlight=False)


def _read_profile(path: Path) -> dict[str, Any]:
    try:
        text = sys.stdin.read() if str(path) == "-" else path.read_text(encoding="utf-8")
    except OSError as exc:
        fail(f"cannot read {path}: {exc.strerror or exc}", 2)
    try:
        data = loads(text)
    except JsonTextError as exc:
        fail(f"{path} is {exc}", 2)
    if isinstance(data, dict) and isinstance(data.get("profile"), dict):
        data = data["profile"]  # an API request body works as well
    if not isinstance(data, dict):
        fail(f"{path}: profile: must be a JSON object", 2)
    profile: dict[str, Any] = data
    return profile


def print_document(document: dict[str, Any]) -> None:
    """The suggestions for a person reading a terminal."""
    suggestions = document["suggestions"]
    if not suggestions:
        out.print("No suggestions within reach.")
    for n, s in enumerate(suggestions, 1):
        opp = s["opportunity"]
        out.print(
            f"[bold]{n}. {opp['title']}[/] — {opp['provider']} ({opp['kind']}, phase {s['phase']}, "
            f"{s['distance_km']:.1f} km, score {s['score']:.2f})"
        )
        for note in s["reasons"]:
            out.print(f"   + {note['text']}")
        for note in s["cautions"]:
            out.print(f"   ! {note['text']}")
    if document["not_understood"]:
        out.print("Not understood: " + ", ".join(document["not_understood"]))


@click.command("match")
@click.argument("profile_file", metavar="PROFILE.json", type=click.Path(path_type=Path))
@click.option(
    "--lang",
    default="nl",
    type=click.Choice(UI_LANGUAGES),
    show_default=True,
    help="Language of reasons and cautions.",
)
@click.option(
    "--limit",
    default=10,
    type=click.IntRange(1, MAX_MATCH_LIMIT),
    show_default=True,
    help="How many suggestions.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the API's JSON document.")
@pass_context
def match_command(ctx: Context, profile_file: Path, lang: str, limit: int, as_json: bool) -> None:
    """Suggest the next small steps for the profile in PROFILE.json ('-' reads standard input)."""
    profile = _read_profile(profile_file)
    upgrade(ctx.engine)
    try:
        document = match_document(
            ctx.engine,
            profile,
            lang=lang,
            limit=limit,
            stale_days=ctx.settings.stale_days,
            service_area=ctx.settings.service_bbox(),
        )
    except ProfileError as exc:
        fail(f"invalid profile: {exc.field}: {exc.message}", 2)
    if as_json:
        click.echo(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        print_document(document)
