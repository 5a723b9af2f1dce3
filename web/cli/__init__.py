"""The `opstap` command: one group, each command family in its own module."""

from __future__ import annotations

import click

from web.cli.backup import backup_command, restore_command
from web.cli.catalogue import export_command, import_command
from web.cli.common import Context
from web.cli.db import db_group
from web.cli.geo import geo_group
from web.cli.mail import mail_group
from web.cli.match import match_command
from web.cli.serve import demo_command, serve_command
from web.cli.sources import scheduler_command, sources_command
from web.cli.translate import translate_group
from web.cli.users import user_group


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.pass_context
def main(ctx: click.Context) -> None:
    """Opstap: the next small step for newcomers — clubs, volunteer work, courses, workplaces."""
    if ctx.obj is None:
        ctx.obj = Context()


for command in (
    demo_command,
    serve_command,
    db_group,
    import_command,
    export_command,
    geo_group,
    match_command,
    user_group,
    translate_group,
    mail_group,
):
    main.add_command(command)
for command in (sources_command, scheduler_command, backup_command, restore_command):
    main.add_command(command)
