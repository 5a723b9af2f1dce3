"""The kiosk in headless Chromium: the whole flow in every language, nothing fetched from elsewhere."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Request, expect

from tests.conftest import ROOT
from tests.kiosk.fixtures import LANGUAGES
from tests.kiosk.walk import walk_kiosk

pytestmark = pytest.mark.browser
ARTIFACTS = ROOT / "test-artifacts" / "kiosk"


def _screenshots(page: Page, folder: Path):  # type: ignore[no-untyped-def]
    folder.mkdir(parents=True, exist_ok=True)

    def at(step: str) -> None:
        page.screenshot(path=str(folder / f"{step}.png"))

    return at


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_whole_flow_in_each_language(
    page: Page, live_server: str, demo: None, lang: str
) -> None:
    requests: list[Request] = []
    page.on("request", lambda request: requests.append(request))
    page.set_viewport_size({"width": 1080, "height": 1920})
    walk_kiosk(page, live_server, lang, _screenshots(page, ARTIFACTS / lang))
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if lang in ("ar", "fa") else "ltr")
    expect(page.locator("[data-print]")).to_be_visible()  # printing needs JavaScript; it is there
    page.emulate_media(media="print")
    page.screenshot(path=str(ARTIFACTS / lang / "14-print.png"))
    expect(page.locator(".kiosk-header")).to_be_hidden()
    expect(page.locator(".slip-items li").first).to_be_visible()
    outside = [r.url for r in requests if not r.url.startswith((live_server + "/", "data:"))]
    assert outside == [], outside


def test_with_javascript_the_steps_load_without_a_full_reload(
    page: Page, live_server: str, demo: None
) -> None:
    documents: list[str] = []
    page.on("request", lambda r: documents.append(r.url) if r.resource_type == "document" else None)
    page.goto(f"{live_server}/nl/kiosk/")
    page.evaluate("window.kioskMarker = 42")
    documents.clear()
    walk_kiosk_from_welcome = [
        ("a.button.big[href='/nl/kiosk/talents']", "a.tile[href='/nl/kiosk/talents/sport']"),
        ("a.tile[href='/nl/kiosk/talents/sport']", "input[value=football]"),
    ]
    for click, expected in walk_kiosk_from_welcome:
        page.locator(click).click()
        expect(page.locator(expected)).to_be_attached()
    page.locator("label.tile:has(input[value=football])").click()
    page.locator("main form button[type=submit].primary").click()
    expect(page.locator(".chips li")).to_have_count(1)
    assert page.url.endswith("/nl/kiosk/talents")
    assert page.evaluate("window.kioskMarker") == 42 and documents == []
    page.go_back()  # Back still works: the previous step comes back
    expect(page.locator("input[type=checkbox][value=football]")).to_be_checked()


def test_the_flow_works_without_javascript(browser: Browser, live_server: str, demo: None) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    walk_kiosk(page, live_server, "ti")
    expect(page.locator("[data-print]")).to_be_hidden()
    refresh = page.locator("noscript")
    assert refresh.count() >= 1
    walk_kiosk(page, live_server, "ar", ask_help=True)
    context.close()


# Every control a finger can hit, measured on screen; a checkbox counts by its label (the tile or row).
SMALL_TARGETS = """
(() => {
  const small = [];
  for (const el of document.querySelectorAll('a[href], button, select, input:not([type=hidden]), summary')) {
    const target = (el.matches('input[type=checkbox], input[type=radio]') && el.closest('label')) || el;
    const box = target.getBoundingClientRect();
    const style = getComputedStyle(target);
    if (box.width === 0 || box.right < 0 || style.visibility === 'hidden' || target.closest('[hidden]')) continue;
    if (box.width < 64 || box.height < 64) small.push(`${target.outerHTML.slice(0, 80)} ${box.width}x${box.height}`);
  }
  return small;
})()
"""


def test_every_touch_target_is_at_least_64_px(page: Page, live_server: str, demo: None) -> None:
    small: dict[str, list[str]] = {}

    def measure(step: str) -> None:
        found = page.evaluate(SMALL_TARGETS)
        if found:
            small[step] = found

    page.set_viewport_size({"width": 1080, "height": 1920})
    walk_kiosk(page, live_server, "ar", measure, by_name=True)
    walk_kiosk(page, live_server, "ar", measure, ask_help=True)
    assert small == {}
