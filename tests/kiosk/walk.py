"""Walks the kiosk in a real browser the way a person taps through it, in any language."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect

Visit = Callable[[str], None]


def _nothing(_name: str) -> None:
    return None


def walk_kiosk(
    page: Page, base: str, lang: str, at: Visit = _nothing, *, ask_help: bool = False
) -> None:
    """From the language choice to the QR code (or the help request); `at(step)` runs on every screen."""
    page.goto(f"{base}/kiosk/reset")  # a new person: whatever the last one left is gone
    at("01-languages")
    page.locator(f"a.language[hreflang={lang}]").click()
    start = page.locator(f"a.button.big[href='/{lang}/kiosk/talents']")
    expect(start).to_be_visible()
    at("02-welcome")
    start.click()
    sport = page.locator(f"a.tile[href='/{lang}/kiosk/talents/sport']")
    expect(sport).to_be_visible()
    at("03-talents")
    sport.click()
    expect(page.locator("input[type=checkbox][value=football]")).to_be_attached()
    at("04-sport")
    page.locator("input[type=checkbox][value=football]").check()
    page.locator("input[type=checkbox][value=running]").check()
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".chips li")).to_have_count(2)
    at("05-talents-picked")
    page.locator(f"a.button.big[href='/{lang}/kiosk/wishes']").click()
    expect(page.locator("input[type=checkbox][value=meeting_people]")).to_be_attached()
    at("06-wishes")
    page.locator("input[type=checkbox][value=meeting_people]").check()
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#postcode")).to_be_visible()
    at("07-place")
    page.locator("#postcode").fill("2711")
    page.locator("input[type=radio][value=bike]").check()
    page.locator("main form button[type=submit]").click()
    expect(page.locator("input[type=radio][value=A1]")).to_be_attached()
    at("08-dutch")
    page.locator("input[type=radio][value=A1]").check()
    page.locator("main form button[type=submit]").click()
    ladder = page.locator("ol.ladder > li")
    expect(ladder.first).to_be_visible()
    at("09-suggestions")
    title = ladder.first.locator("h2 a").inner_text()
    ladder.first.locator("h2 a").click()
    expect(page.locator("main h1")).to_have_text(title)
    at("10-detail")
    if ask_help:
        page.locator("main form.actions button[formaction]").click()
        expect(page.locator("#phone")).to_be_visible()
        at("11-help")
        page.locator("#phone").fill("06 12345678")
        page.locator("input[name=consent]").check()
        page.locator("main form button[type=submit]").click()
        expect(page.locator("main a[href='/kiosk/reset']")).to_be_visible()
        at("12-help-sent")
        return
    page.locator("main form.actions button:not([formaction])").click()
    qr = page.locator("figure.qr img")
    expect(qr).to_be_visible()
    for _ in range(
        50
    ):  # the QR code image has loaded (polled here: the CSP forbids eval in the page)
        if page.evaluate("document.querySelector('figure.qr img').naturalWidth") > 0:
            break
        page.wait_for_timeout(100)
    assert page.evaluate("document.querySelector('figure.qr img').naturalWidth") > 0
    at("11-take")
