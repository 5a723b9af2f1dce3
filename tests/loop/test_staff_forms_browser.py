"""Staff forms in headless Chromium, in Arabic and Dutch: the error summary, the pickers, the to-do list."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlmodel import Session

from matching.people import PersonIn
from tests.factories import add_postcode
from tests.loop.conftest import PASSWORD, build_world
from web.form_errors import bounds

pytestmark = pytest.mark.browser
# Set OPSTAP_SCREENSHOTS=DIR to keep the screenshots for a person to look at.
SHOTS = os.environ.get("OPSTAP_SCREENSHOTS")


def _shot(page: Page, name: str, tmp_path: Path) -> None:
    folder = Path(SHOTS) if SHOTS else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def _sign_in(page: Page, base: str, email: str, lang: str) -> None:
    page.goto(f"{base}/{lang}/account/sign-in")
    page.locator("#email").fill(email)
    page.locator("#password").fill(PASSWORD)
    page.locator("form.stack button[type=submit]").click()


def test_person_form_errors_in_arabic_link_to_their_fields(
    browser: Browser, live_server: str, session: Session, tmp_path: Path
) -> None:
    world = build_world(session)
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    _sign_in(page, live_server, world.coach_a, "ar")
    page.goto(f"{live_server}/ar/coach/people/new")
    page.locator("#first_name").fill("")
    page.locator("#age").fill("عشرون")
    page.locator("#email").fill("ليس-بريدا")
    page.locator("form.stack button[type=submit]").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    # The limits come from the profile schema, so the message follows them.
    limits = bounds(PersonIn, "age")
    expect(summary.locator("a[href='#age']")).to_have_text(
        f"أدخل العمر رقمًا صحيحًا من {limits['min']} إلى {limits['max']}، أو اتركه فارغًا."
    )
    expect(page.locator("#age-error")).to_be_visible()
    expect(page.locator("#age")).to_have_value("عشرون")  # what was typed is kept
    _shot(page, "ar-person-form-errors", tmp_path)
    summary.locator("a[href='#age']").click()
    expect(page.locator("#age")).to_be_focused()


def test_coach_home_listing_form_and_letter_in_dutch_and_arabic(
    browser: Browser, live_server: str, session: Session, tmp_path: Path
) -> None:
    world = build_world(session)
    add_postcode(session, "2711", 52.0617, 4.4925)
    for lang in ("nl", "ar"):
        locale = {"nl": "nl-NL", "ar": "ar"}[lang]
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale=locale)
        coach = context.new_page()
        _sign_in(coach, live_server, world.coach_a, lang)
        expect(coach.locator(".todo-list .todo").first).to_be_visible()
        _shot(coach, f"{lang}-coach-home", tmp_path)
        coach.goto(f"{live_server}/{lang}/coach/people/{world.person_a}")
        _shot(coach, f"{lang}-coach-person", tmp_path)
        coach.goto(f"{live_server}/{lang}/coach/people/{world.person_a}/edit")
        _shot(coach, f"{lang}-coach-person-form", tmp_path)
        coach.goto(f"{live_server}/{lang}/coach/people/{world.person_a}")
        coach.locator("#letter_lang").select_option(lang)
        coach.locator("#code-h ~ form button[type=submit]").click()
        expect(coach.locator(".letter .code strong").first).to_be_visible()
        _shot(coach, f"{lang}-letter", tmp_path)
        club = browser.new_context(
            viewport={"width": 1280, "height": 900}, locale=locale
        ).new_page()
        _sign_in(club, live_server, world.provider_user_a, lang)
        club.goto(f"{live_server}/{lang}/provider/listings/new")
        club.locator("#title").fill("Atletiek")
        club.locator("#postcode").fill("2711")
        club.locator("#schedule-0-day").select_option("tue")
        club.locator("#schedule-0-start").fill("19:00")
        club.locator("#schedule-0-end").fill("18:00")
        club.locator("form.stack button[type=submit]").last.click()
        expect(club.locator("#schedule-0-end-error")).to_be_visible()
        _shot(club, f"{lang}-listing-form-errors", tmp_path)
        coordinator = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        _sign_in(coordinator, live_server, world.coordinator, lang)
        coordinator.goto(f"{live_server}/{lang}/coordinator/accounts")
        _shot(coordinator, f"{lang}-accounts", tmp_path)
