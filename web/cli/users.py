"""`opstap user add` and `opstap user list`: accounts from the command line (the first coordinator)."""

from __future__ import annotations

import click
from sqlmodel import Session

from matching.accounts import (
    ROLES,
    AccountError,
    create_organisation,
    create_user,
    list_users,
    organisation_named,
)
from matching.catalogue import provider_id_for
from matching.models import Provider
from web.cli.common import Context, console, fail, pass_context


@click.group("user")
def user_group() -> None:
    """Accounts: coordinators, coaches and provider users."""


@user_group.command("add")
@click.option(
    "--role", type=click.Choice(ROLES), required=True, help="coordinator, coach or provider"
)
@click.option("--email", required=True, help="E-mail address, used to sign in.")
@click.option("--name", default="", help="The person's name.")
@click.option("--organisation", default=None, help="Coaches: their organisation (made when new).")
@click.option("--municipality", default="", help="With a new --organisation: its municipality.")
@click.option(
    "--provider",
    default=None,
    help="Provider users: their provider's name (made, verified, when new).",
)
@click.password_option("--password", help="At least 10 characters; asked for when not given.")
@pass_context
def add_command(
    ctx: Context,
    role: str,
    email: str,
    name: str,
    organisation: str | None,
    municipality: str,
    provider: str | None,
    password: str,
) -> None:
    """Add an account that can sign in at once."""
    with Session(ctx.engine, expire_on_commit=False) as session:
        try:
            org_id = provider_id = None
            if role == "coach":
                if not organisation:
                    fail("a coach needs --organisation NAME")
                org = organisation_named(session, name=organisation or "")
                org = org or create_organisation(
                    session, name=organisation or "", municipality=municipality
                )
                org_id = org.id
            if role == "provider":
                if not provider:
                    fail("a provider user needs --provider NAME")
                provider_id = provider_id_for(session, name=provider or "")
                row = session.get(Provider, provider_id)
                assert row is not None
                row.verified = True  # made on the command line by someone who runs the service
            user = create_user(
                session,
                email=email,
                role=role,
                name=name,
                password=password,
                organisation_id=org_id,
                provider_id=provider_id,
            )
        except AccountError as exc:
            fail(str(exc))
            return
        session.commit()
        console.print(f"added {user.role} {user.email} (id {user.id})", highlight=False)


@user_group.command("list")
@pass_context
def list_command(ctx: Context) -> None:
    """List every account with its role and status."""
    with Session(ctx.engine) as session:
        for user in list_users(session):
            click.echo(f"{user.id}\t{user.role}\t{user.status}\t{user.email}")
