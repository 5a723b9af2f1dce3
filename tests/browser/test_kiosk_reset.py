"""The kiosk forgets a person: idle countdown, reset, no cookies, no storage, nothing under Back."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from matching.settings import Settings, load_settings
from tests.conftest import ROOT, TEST_DATABASE_URL

pytestmark = pytest.mark.browser
ARTIFACTS = ROOT / "test-artifacts" / "kiosk"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """A kiosk that waits 3 s before its (2 s) countdown: long enough to tap, short enough to wait for."""
    return load_settings(
        {},
        env="testing",
        instance_path=str(tmp_path),
        database_url=TEST_DATABASE_URL,
        kiosk_idle_seconds=3,
    )


def _pick_football(page: Page, live_server: str) -> None:
    page.goto(f"{live_server}/en/kiosk/talents/sport")
    page.locator("input[value=football]").check()
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("button", name="Remove Football")).to_be_visible()


def test_after_the_idle_countdown_nothing_of_the_person_is_left(
    page: Page, live_server: str, demo: None
) -> None:
    _pick_football(page, live_server)
    page.evaluate(
        "localStorage.setItem('left-behind', 'x'); sessionStorage.setItem('left-behind', 'y')"
    )
    assert page.context.cookies() != []
    countdown = page.locator("#idle")
    expect(countdown).to_be_visible(timeout=10_000)
    expect(countdown).to_contain_text("The screen starts again in")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "countdown.png"))
    page.wait_for_url(f"{live_server}/kiosk/reset", timeout=10_000)
    expect(page.locator("a.language")).to_have_count(8)
    assert page.context.cookies() == []
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
    page.go_back()
    expect(page.locator("main h1")).to_be_visible()
    assert "/en/kiosk/talents" in page.url
    # The page under Back is fetched anew (no-store) for a session that no longer exists.
    expect(page.locator(".chips")).to_have_count(0)
    expect(page.get_by_role("button", name="Remove Football")).to_have_count(0)
    expect(page.locator("input:checked")).to_have_count(0)


def test_a_touch_during_the_countdown_keeps_the_answers(
    page: Page, live_server: str, demo: None
) -> None:
    _pick_football(page, live_server)
    countdown = page.locator("#idle")
    expect(countdown).to_be_visible(timeout=10_000)
    page.locator(".idle-stay").click()
    expect(countdown).to_be_hidden()
    assert "/kiosk/reset" not in page.url
    expect(page.get_by_role("button", name="Remove Football")).to_be_visible()


def test_start_again_forgets_at_once(page: Page, live_server: str, demo: None) -> None:
    _pick_football(page, live_server)
    page.locator("a.restart").click()
    page.wait_for_url(f"{live_server}/kiosk/reset")
    assert page.context.cookies() == []
    page.goto(f"{live_server}/en/kiosk/talents")
    expect(page.locator(".chips")).to_have_count(0)


def test_without_javascript_the_page_refresh_resets(
    browser: Browser, live_server: str, demo: None
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    _pick_football(page, live_server)
    assert context.cookies() != []
    page.wait_for_url(f"{live_server}/kiosk/reset", timeout=15_000)  # 3 s idle + 2 s countdown
    expect(page.locator("a.language")).to_have_count(8)
    assert context.cookies() == []
    context.close()
