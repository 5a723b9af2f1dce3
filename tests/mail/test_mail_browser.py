"""The loop with mail, in headless Chromium: every step that tells someone is read from a real SMTP server."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy.engine import Engine
from sqlmodel import Session

from matching.models import Opportunity
from matching.settings import Settings
from tests.loop.conftest import PASSWORD, build_world
from tests.mail.conftest import SmtpServer, body, deliver, links

pytestmark = pytest.mark.browser
NEW_PASSWORD = "een-heel-lang-wachtwoord"


def _sign_in(page: Page, base: str, email: str, password: str = PASSWORD) -> None:
    page.goto(f"{base}/en/account/sign-in")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def _live(url: str, base: str) -> str:
    return url.replace("http://opstap.test", base)


def test_the_loop_with_mail(
    browser: Browser,
    live_server: str,
    engine: Engine,
    settings: Settings,
    session: Session,
    smtp: SmtpServer,
) -> None:
    world = build_world(session)
    deliver(engine, settings)
    smtp.inbox.messages.clear()

    # The coordinator invites a coach by mail.
    coordinator = browser.new_context().new_page()
    _sign_in(coordinator, live_server, world.coordinator)
    coordinator.get_by_label("E-mail address").fill("noor@example.org")
    coordinator.locator("#name").fill("Noor")
    coordinator.get_by_label("Role").select_option("coach")
    coordinator.get_by_label("Organisation (coaches)").select_option(str(world.org_a))
    coordinator.get_by_label("Language of their mails").select_option("en")
    coordinator.get_by_role("button", name="Add and send an invitation").click()
    expect(coordinator.get_by_text("on its way by mail to noor@example.org")).to_be_visible()
    deliver(engine, settings)
    [invite] = smtp.inbox.to("noor@example.org")

    # The coach follows the link, chooses a password, signs in, adds a person and proposes.
    coach = browser.new_context().new_page()
    coach.goto(_live(links(invite)[0], live_server))
    coach.locator("#password").fill(NEW_PASSWORD)
    coach.locator("#password2").fill(NEW_PASSWORD)
    coach.locator("main button[type=submit]").click()
    _sign_in(coach, live_server, "noor@example.org", NEW_PASSWORD)
    coach.get_by_role("link", name="Add a person").click()
    coach.get_by_label("First name").fill("Samir")
    coach.locator("#dutch_level").select_option("A2")
    coach.get_by_label(re.compile("The person agrees")).check()
    coach.get_by_role("button", name="Save").click()
    expect(coach.get_by_role("heading", name=re.compile("Samir"))).to_be_visible()
    person_url = coach.url
    coach.get_by_label("Search the catalogue").fill("Hardlopen")
    coach.get_by_role("button", name="Search", exact=True).click()
    coach.get_by_role("button", name="Propose Hardlopen bij Atletiek").click()
    expect(coach.get_by_text("Proposed. The person can accept")).to_be_visible()
    coach.get_by_label("Language of the letter").select_option("ar")
    coach.get_by_role("button", name="Make a new code and print the letter").click()
    expect(coach.locator("[lang=ar]").first).to_be_visible()
    code = coach.locator(".code strong").first.inner_text()

    # The person accepts at the kiosk with the code.
    kiosk = browser.new_context().new_page()
    kiosk.goto(f"{live_server}/en/kiosk/code")
    kiosk.locator("input[name=code]").fill(code)
    kiosk.locator("form").filter(has=kiosk.locator("input[name=code]")).locator(
        "button[type=submit]"
    ).first.click()
    card = kiosk.locator(".card", has_text="Hardlopen bij Atletiek")
    card.get_by_role("button", name="Yes, I want this").click()
    expect(kiosk.locator(".card", has_text="Hardlopen bij Atletiek")).to_contain_text(
        "You said yes"
    )

    # The coach got a mail; the provider got a mail, accepts and marks started.
    deliver(engine, settings)
    [accepted] = [m for m in smtp.inbox.to("noor@example.org") if "Samir" in str(m["Subject"])]
    assert "Samir accepted a proposal" == str(accepted["Subject"])
    coach.goto(_live(links(accepted)[0], live_server))
    expect(coach.get_by_role("heading", name=re.compile("Samir"))).to_be_visible()
    [intro] = [m for m in smtp.inbox.to(world.provider_user_a) if "Samir" in str(m["Subject"])]
    club = browser.new_context().new_page()
    _sign_in(club, live_server, world.provider_user_a)
    assert links(intro) == ["http://opstap.test/nl/provider/introductions"]  # the club reads Dutch
    club.goto(_live(links(intro)[0], live_server))
    expect(club.locator(".card", has_text="Samir")).to_contain_text("Voornaam")
    club.goto(f"{live_server}/en/provider/introductions")
    card = club.locator(".card", has_text="Samir")
    card.get_by_role("button", name="Accept").click()
    club.locator(".card", has_text="Samir").get_by_role("button", name="Mark started").click()
    expect(club.locator(".card", has_text="Samir")).to_contain_text("Started")
    deliver(engine, settings)
    subjects = [str(m["Subject"]) for m in smtp.inbox.to("noor@example.org")]
    assert "Atletiek Zoetermeer accepted the introduction of Samir" in subjects
    assert "Samir started at Atletiek Zoetermeer" in subjects

    # A full item goes on the waiting list; the coach is told when a place opens.
    full = session.get(Opportunity, world.opp_a2)
    assert full is not None
    full.places_left = 0
    session.add(full)
    session.commit()
    coach.goto(person_url)
    coach.get_by_label("Search the catalogue").fill("Jeugdtrainer")
    coach.get_by_role("button", name="Search", exact=True).click()
    coach.get_by_role("button", name="Put Jeugdtrainer Atletiek on the waiting list").click()
    expect(coach.get_by_text("On the waiting list. You get a mail")).to_be_visible()
    club.goto(f"{live_server}/en/provider/")
    listing = club.locator(f"#listing-{world.opp_a2}")
    expect(listing).to_contain_text("1 person waits for a place")
    listing.get_by_role("button", name="One place more for Jeugdtrainer Atletiek").click()
    deliver(engine, settings)
    [opened] = [m for m in smtp.inbox.to("noor@example.org") if "place opened" in str(m["Subject"])]
    assert "Jeugdtrainer Atletiek" in body(opened) and "Samir" in str(opened["Subject"])
    coach.goto(f"{live_server}/en/coach/")
    expect(coach.locator(".todo-list")).to_contain_text("A place opened for Samir")
    coach.screenshot(path=str(settings.instance_path) + "/coach-notices.png", full_page=True)
