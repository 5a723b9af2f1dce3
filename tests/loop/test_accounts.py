"""Accounts: argon2 hashes, the first coordinator on the command line, one-time links, provider verification."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from flask.testing import FlaskClient
from sqlmodel import Session, select

from matching.accounts import (
    AccountError,
    AccountToken,
    User,
    authenticate,
    create_user,
    get_user_by_email,
    issue_token,
    use_token,
)
from matching.models import Provider
from tests.conftest import Runner
from tests.loop.conftest import PASSWORD, World, sign_in


def test_passwords_are_argon2_hashes_and_short_ones_are_refused(session: Session) -> None:
    user = create_user(session, email=" Anna@Example.org ", role="coordinator", password=PASSWORD)
    assert user.email == "anna@example.org"
    assert (
        user.password_hash
        and user.password_hash.startswith("$argon2id$")
        and PASSWORD not in user.password_hash
    )
    assert authenticate(session, email="ANNA@example.org", password=PASSWORD) is user
    assert authenticate(session, email="anna@example.org", password="wrong password") is None
    with pytest.raises(AccountError, match="password"):
        create_user(session, email="b@example.org", role="coordinator", password="short")
    with pytest.raises(AccountError, match="email"):
        create_user(session, email="anna@example.org", role="coordinator", password=PASSWORD)
    with pytest.raises(AccountError, match="organisation"):
        create_user(session, email="c@example.org", role="coach", password=PASSWORD)


def test_first_coordinator_on_the_command_line(
    runner: Runner, session: Session, client: FlaskClient
) -> None:
    result = runner(
        "user",
        "add",
        "--role",
        "coordinator",
        "--email",
        "boss@example.org",
        "--password",
        PASSWORD,
    )
    assert result.exit_code == 0, result.output
    sign_in(client, "boss@example.org")
    assert client.get("/en/coordinator/accounts").status_code == 200
    coach = runner(
        "user",
        "add",
        "--role",
        "coach",
        "--email",
        "c@example.org",
        "--organisation",
        "VluchtelingenWerk Zoetermeer",
        "--municipality",
        "Zoetermeer",
        "--password",
        PASSWORD,
    )
    assert coach.exit_code == 0, coach.output
    club = runner(
        "user",
        "add",
        "--role",
        "provider",
        "--email",
        "p@example.org",
        "--provider",
        "Schaakclub",
        "--password",
        PASSWORD,
    )
    assert club.exit_code == 0, club.output
    session.expire_all()
    provider = session.exec(select(Provider).where(Provider.name == "Schaakclub")).one()
    assert provider.verified
    bad = runner(
        "user", "add", "--role", "coach", "--email", "d@example.org", "--password", PASSWORD
    )
    assert bad.exit_code == 1 and "--organisation" in bad.output
    twice = runner(
        "user",
        "add",
        "--role",
        "coordinator",
        "--email",
        "boss@example.org",
        "--password",
        PASSWORD,
    )
    assert twice.exit_code == 1 and "already exists" in twice.output
    listing = runner("user", "list")
    assert "boss@example.org" in listing.output and "coach" in listing.output


def test_invitation_link_from_a_coordinator_works_once(
    client: FlaskClient, session: Session, world: World
) -> None:
    sign_in(client, world.coordinator)
    response = client.post(
        "/en/coordinator/accounts",
        data={"email": "new-coach@example.org", "role": "coach", "organisation_id": world.org_a},
    )
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    link = re.search(
        r'value="(http://localhost/en/account/link/[^"]+)"', response.get_data(as_text=True)
    )
    assert link
    path = link.group(1).removeprefix("http://localhost")
    newcomer = client.application.test_client()
    assert (
        newcomer.post(
            path, data={"password": PASSWORD, "password2": "different password"}
        ).status_code
        == 422
    )
    assert (
        newcomer.post(path, data={"password": PASSWORD, "password2": PASSWORD}).status_code == 302
    )
    sign_in(newcomer, "new-coach@example.org")
    assert newcomer.get("/en/coach/").status_code == 200
    assert client.application.test_client().get(path).status_code == 404  # spent


def test_reset_link_changes_the_password_and_ends_old_sessions(
    client: FlaskClient, session: Session, world: World
) -> None:
    coach = client.application.test_client()
    sign_in(coach, world.coach_a)
    user = get_user_by_email(session, email=world.coach_a)
    assert user is not None
    token = issue_token(session, user=user, purpose="reset")
    use_token(session, token=token, password="a brand new password")
    session.commit()
    assert coach.get("/en/coach/").status_code == 302  # the old session is over
    sign_in(coach, world.coach_a, "a brand new password")
    with pytest.raises(AccountError):
        use_token(session, token=token, password="another new password")


def test_expired_links_do_not_work(session: Session, world: World) -> None:
    user = get_user_by_email(session, email=world.coach_a)
    assert user is not None
    token = issue_token(session, user=user, purpose="reset")
    row = session.exec(select(AccountToken).where(AccountToken.user_id == user.id)).one()
    row.expires_at = row.expires_at - timedelta(days=4)
    session.commit()
    with pytest.raises(AccountError, match="not valid"):
        use_token(session, token=token, password="a brand new password")


def test_disabled_accounts_cannot_sign_in(
    client: FlaskClient, session: Session, world: World
) -> None:
    sign_in(client, world.coordinator)
    coach = session.exec(select(User).where(User.email == world.coach_a)).one()
    other = client.application.test_client()
    sign_in(other, world.coach_a)
    client.post(f"/en/coordinator/accounts/{coach.id}/disable")
    assert other.get("/en/coach/").status_code == 302
    refused = other.post("/en/account/sign-in", data={"email": world.coach_a, "password": PASSWORD})
    assert refused.status_code == 401


def test_provider_signs_up_waits_and_is_verified(
    client: FlaskClient, session: Session, world: World
) -> None:
    form = {
        "provider_name": "Cricket Oosterheem",
        "name": "Ravi",
        "email": "ravi@example.org",
        "phone": "079 123 45 67",
        "password": PASSWORD,
    }
    response = client.post("/en/provider/signup", data=form)
    assert response.status_code == 200 and "coordinator will check" in response.get_data(
        as_text=True
    )
    pending = client.post(
        "/en/account/sign-in", data={"email": "ravi@example.org", "password": PASSWORD}
    )
    assert pending.status_code == 401 and "waiting for a coordinator" in pending.get_data(
        as_text=True
    )
    coordinator = client.application.test_client()
    sign_in(coordinator, world.coordinator)
    assert "Cricket Oosterheem" in coordinator.get("/en/coordinator/providers").get_data(
        as_text=True
    )
    user = session.exec(select(User).where(User.email == "ravi@example.org")).one()
    coordinator.post(f"/en/coordinator/providers/users/{user.id}/verify")
    session.expire_all()
    assert (
        session.exec(select(Provider).where(Provider.name == "Cricket Oosterheem")).one().verified
    )
    sign_in(client, "ravi@example.org")
    assert client.get("/en/provider/").status_code == 200


def test_sign_in_sends_people_only_to_local_pages(client: FlaskClient, world: World) -> None:
    response = client.post(
        "/en/account/sign-in?next=https://evil.example/x",
        data={"email": world.coach_a, "password": PASSWORD},
    )
    assert response.headers["Location"] == "/en/coach/"
    client.post("/en/account/sign-out")
    response = client.post(
        f"/en/account/sign-in?next=/en/coach/people/{world.person_a}",
        data={"email": world.coach_a, "password": PASSWORD},
    )
    assert response.headers["Location"] == f"/en/coach/people/{world.person_a}"


def test_without_mail_the_forgot_page_sends_people_to_a_coordinator(client: FlaskClient) -> None:
    page = client.post("/en/account/forgot", data={"email": "someone@example.org"})
    assert page.status_code == 200
    assert "Ask a coordinator for a new sign-in link" in page.get_data(as_text=True)


def test_a_coach_adds_a_phone_number_and_the_letter_gives_it(
    client: FlaskClient, session: Session, world: World
) -> None:
    """Your details: wrong values are said at their field and change nothing; the phone reaches the letter."""
    sign_in(client, world.coach_a)
    home = client.get("/en/coach/").get_data(as_text=True)
    assert "Add your phone number" in home
    wrong = client.post("/en/account/details", data={"name": "  ", "phone": "call me"})
    text = wrong.get_data(as_text=True)
    assert wrong.status_code == 422
    assert "Give your name." in text and "This phone number looks wrong" in text
    coach = session.exec(select(User).where(User.email == world.coach_a)).one()
    session.refresh(coach)
    assert (coach.name, coach.phone) == ("", None)  # nothing was saved
    saved = client.post(
        "/en/account/details", data={"name": "Sanne  de Vries", "phone": "079 123 45 67"}
    )
    assert saved.status_code == 302
    session.refresh(coach)
    assert (coach.name, coach.phone) == ("Sanne de Vries", "079 123 45 67")
    assert "Add your phone number" not in client.get("/en/coach/").get_data(as_text=True)
    letter = client.post(
        f"/en/coach/people/{world.person_a}/code", data={"letter_lang": "ar"}
    ).get_data(as_text=True)
    assert 'الهاتف: <bdi dir="ltr">079 123 45 67</bdi>' in letter  # the Arabic letter
    assert 'Telefoon: <bdi dir="ltr">079 123 45 67</bdi>' in letter  # and its Dutch copy
