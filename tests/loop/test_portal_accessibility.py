"""The portals and the code page pass axe-core's WCAG 2.2 A/AA rules in headless Chromium."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page
from sqlmodel import Session

from tests.loop.conftest import PASSWORD, build_world
from tests.kiosk.walk import tap_keys

pytestmark = pytest.mark.browser
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]}}


def _audit(page: Page, url: str) -> str | None:
    page.goto(url)
    results = Axe().run(page, options=AXE_OPTIONS)
    return None if results.violations_count == 0 else f"{url}\n{results.generate_report()}"


def _signed_in(browser: Browser, base: str, email: str) -> Page:
    page = browser.new_context().new_page()
    page.goto(f"{base}/en/account/sign-in")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    return page


def test_portal_pages_have_no_axe_violations(
    browser: Browser, live_server: str, session: Session
) -> None:
    world = build_world(session)
    base = live_server
    anonymous = browser.new_context().new_page()
    problems = [
        _audit(anonymous, f"{base}/en/account/sign-in"),
        _audit(anonymous, f"{base}/en/provider/signup"),
        _audit(anonymous, f"{base}/ar/kiosk/code"),
    ]
    coach = _signed_in(browser, base, world.coach_a)
    for path in (
        "/en/coach/",
        f"/en/coach/people/{world.person_a}",
        "/en/coach/people/new",
        f"/en/coach/people/{world.person_a}/edit",
        "/en/coach/help",
    ):
        problems.append(_audit(coach, base + path))
    club = _signed_in(browser, base, world.provider_user_a)
    for path in ("/en/provider/", "/en/provider/introductions", "/en/provider/listings/new"):
        problems.append(_audit(club, base + path))
    boss = _signed_in(browser, base, world.coordinator)
    for path in ("/en/coordinator/accounts", "/en/coordinator/providers"):
        problems.append(_audit(boss, base + path))
    anonymous.goto(f"{base}/en/kiosk/code")
    tap_keys(anonymous, "code", world.code_a.replace("-", ""))  # the kiosk's own keypad
    anonymous.get_by_role("button", name="Show my proposals").click()
    results = Axe().run(anonymous, options=AXE_OPTIONS)
    problems.append(None if results.violations_count == 0 else results.generate_report())
    assert [p for p in problems if p] == []
