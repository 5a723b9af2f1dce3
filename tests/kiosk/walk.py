"""Walks the kiosk in a real browser the way a person taps through it, in any language.

Only taps (or clicks, in a context without touch): no fill, type, press or keyboard call anywhere —
a library kiosk has no keyboard, so everything is entered with the app's own keypads.
"""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Locator, Page, expect

from web.kiosk.name_scripts import geez_consonant_of

Visit = Callable[[str], None]


def _nothing(_name: str) -> None:
    return None


def hit(locator: Locator) -> None:
    """Tap on a touch screen; click where the browser context has no touch (the same element)."""
    if _has_touch(locator.page):
        locator.tap()
    else:
        locator.click()


def _has_touch(page: Page) -> bool:
    return bool(page.evaluate("navigator.maxTouchPoints > 0"))


def tap_keys(page: Page, field: str, text: str) -> None:
    """Tap the keys of `field`'s keypad for each character (a space is the Space key)."""
    for char in text:
        hit(page.locator(f"#keypad-{field} button.key[value='{field}:{char}']"))


def tap_name(page: Page, text: str) -> None:
    """Tap a first name on the name keyboard's current script; a Ge'ez syllable is its consonant, then its order."""
    pad = page.locator("#keypad-first_name")
    for char in text:
        consonant = geez_consonant_of(char)
        if consonant:
            hit(pad.locator(f"button.key[value='first_name:PICK:{consonant}']"))
            expect(pad.locator("[data-orders]")).to_be_visible()
        hit(pad.locator(f"button.key[value='first_name:{char}']"))


def walk_kiosk(
    page: Page,
    base: str,
    lang: str,
    at: Visit = _nothing,
    *,
    ask_help: bool = False,
    by_name: bool = False,
) -> None:
    """From the language choice to the QR code (or the help request); `at(step)` runs on every screen."""
    page.goto(f"{base}/kiosk/reset")  # a new person: whatever the last one left is gone
    at("01-languages")
    hit(page.locator(f"a.language[hreflang={lang}]"))
    start = page.locator(f"a.button.big[href='/{lang}/kiosk/talents']")
    expect(start).to_be_visible()
    at("02-welcome")
    hit(start)
    sport = page.locator(f"a.tile[href='/{lang}/kiosk/talents/sport']")
    expect(sport).to_be_visible()
    at("03-talents")
    hit(sport)
    expect(page.locator("input[type=checkbox][value=football]")).to_be_attached()
    at("04-sport")
    hit(page.locator("label.tile:has(input[value=football])"))
    hit(page.locator("label.tile:has(input[value=running])"))
    expect(page.locator("input[value=running]")).to_be_checked()
    hit(page.locator("main form button[type=submit].primary"))
    expect(page.locator(".chips li")).to_have_count(2)
    at("05-talents-picked")
    hit(page.locator(f"a.button.big[href='/{lang}/kiosk/wishes']"))
    expect(page.locator("input[type=checkbox][value=meeting_people]")).to_be_attached()
    at("06-wishes")
    hit(page.locator("label.tile:has(input[value=meeting_people])"))
    hit(page.locator("main form button[type=submit].primary"))
    expect(page.locator("#keypad-postcode")).to_be_visible()
    tap_keys(page, "postcode", "2711")
    expect(page.locator("#postcode-display")).to_have_text("2711")
    at("07-place")
    hit(page.locator("button[form=postcode-form][name=go]"))
    travel = page.locator("button[name=travel][value=bike]")
    expect(travel).to_be_visible()
    if by_name:
        # Back, and this time the neighbourhood by its name.
        hit(page.locator("main a.back"))
        hit(page.locator(f"a[href='/{lang}/kiosk/place/areas']"))
        expect(page.locator("button.area").first).to_be_visible()
        at("07b-areas")
        hit(page.locator("button.area").nth(1))
        expect(travel).to_be_visible()
    at("08-travel")
    hit(travel)
    level = page.locator("button[name=level][value=A1]")
    expect(level).to_be_visible()
    at("09-dutch")
    hit(level)
    age = page.locator("button[name=age][value='27-49']")
    expect(age).to_be_visible()
    at("10-age")
    hit(age)
    ladder = page.locator("ol.ladder > li")
    expect(ladder.first).to_be_visible()
    at("11-suggestions")
    title = ladder.first.locator("h2 a").inner_text()
    hit(ladder.first.locator("h2 a"))
    expect(page.locator("main h1")).to_have_text(title)
    at("12-detail")
    if ask_help:
        hit(page.locator("main form.actions button[formaction]"))
        expect(page.locator("#keypad-phone")).to_be_visible()
        tap_keys(page, "phone", "079 0619024")
        expect(page.locator("#phone-display")).to_have_text("079 0619024")
        hit(page.locator("label.toggle-row:has(input[name=consent])"))
        expect(page.locator("input[name=consent]")).to_be_checked()
        at("13-help")
        hit(page.locator("main form button[name=send]"))
        expect(page.locator("main a[href='/kiosk/reset']")).to_be_visible()
        at("14-help-sent")
        return
    hit(page.locator("main form.actions button.primary:not([formaction])"))
    qr = page.locator("figure.qr img")
    expect(qr).to_be_visible()
    for _ in range(50):  # the QR code image has loaded (polled: the CSP forbids eval in the page)
        if page.evaluate("document.querySelector('figure.qr img').naturalWidth") > 0:
            break
        page.wait_for_timeout(100)
    assert page.evaluate("document.querySelector('figure.qr img').naturalWidth") > 0
    at("13-take")
