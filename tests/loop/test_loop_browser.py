"""The whole loop in headless Chromium: coach proposes, newcomer accepts with the code, provider starts it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlmodel import Session

from tests.loop.conftest import PASSWORD, build_world
from tests.kiosk.walk import tap_keys

pytestmark = pytest.mark.browser


def _sign_in(page: Page, base: str, email: str) -> None:
    page.goto(f"{base}/en/account/sign-in")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_coach_proposes_newcomer_accepts_provider_starts(
    browser: Browser, live_server: str, session: Session
) -> None:
    world = build_world(session)
    coach = browser.new_context().new_page()
    _sign_in(coach, live_server, world.coach_a)
    expect(coach.get_by_role("heading", name=re.compile("People"))).to_be_visible()
    coach.get_by_role("link", name="Amina", exact=True).click()
    coach.get_by_label("Search the catalogue").fill("Jeugdtrainer")
    coach.get_by_role("button", name="Search", exact=True).click()
    coach.get_by_role("button", name="Propose Jeugdtrainer Atletiek").click()
    expect(coach.get_by_text("Proposed. The person can accept")).to_be_visible()
    coach.get_by_role("button", name="Make a new code and print the letter").click()
    code = coach.locator(".code strong").inner_text()
    assert re.fullmatch(r"[0-9A-Z]{3}-[0-9A-Z]{3}-[0-9A-Z]{3}", code)
    expect(coach.locator("figure.qr svg")).to_be_visible()

    kiosk = browser.new_context().new_page()
    kiosk.goto(f"{live_server}/en/kiosk/code")
    tap_keys(kiosk, "code", code.replace("-", ""))  # the kiosk has no keyboard: its own keypad
    kiosk.get_by_role("button", name="Show my proposals").click()
    card = kiosk.locator(".card", has_text="Jeugdtrainer Atletiek")
    expect(card).to_be_visible()
    card.get_by_role("button", name="Yes, I want this").click()
    expect(kiosk.locator(".card", has_text="Jeugdtrainer Atletiek")).to_contain_text("You said yes")

    club = browser.new_context().new_page()
    _sign_in(club, live_server, world.provider_user_a)
    club.get_by_role("link", name="Introductions").first.click()
    intro = club.locator(".card", has_text="Jeugdtrainer Atletiek")
    expect(intro).to_contain_text("Amina")
    intro.get_by_role("button", name="Accept").click()
    club.locator(".card", has_text="Jeugdtrainer Atletiek").get_by_role(
        "button", name="Mark started"
    ).click()
    expect(club.locator(".card", has_text="Jeugdtrainer Atletiek")).to_contain_text("Started")

    coach.goto(f"{live_server}/en/coach/people/{world.person_a}")
    row = coach.locator("tr", has_text="Jeugdtrainer Atletiek")
    expect(row.locator("td.state")).to_have_text(re.compile("Started"))
