"""axe (WCAG 2.2 AA) on every kiosk screen in Dutch, Arabic and Tigrinya, in headless Chromium."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.kiosk.walk import tap_keys, walk_kiosk

pytestmark = pytest.mark.browser
WCAG_22_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],  # passes and incomplete are not reported in detail: much faster
}


@pytest.mark.parametrize("lang", ["nl", "ar", "ti"])
def test_no_axe_violations_on_any_kiosk_screen(
    page: Page, live_server: str, demo: None, lang: str
) -> None:
    axe = Axe()
    found: dict[str, str] = {}
    checked: list[str] = []

    def audit(step: str) -> None:
        results = axe.run(page, options=WCAG_22_AA)
        checked.append(step)
        if results.violations_count:
            found[step] = results.generate_report()

    walk_kiosk(page, live_server, lang, audit, by_name=True)
    walk_kiosk(
        page, live_server, lang, lambda step: audit(step) if step >= "13" else None, ask_help=True
    )
    # The screens off the main path: a refused postcode, the personal code, the page a QR code opens.
    page.goto(f"{live_server}/{lang}/kiosk/place")
    for _ in range(4):  # the postcode given before is shown: delete it first
        page.locator("#keypad-postcode button.key-delete").click()
    tap_keys(page, "postcode", "9999")
    page.locator("button[form=postcode-form][name=go]").click()
    expect(page.locator(".problem")).to_be_visible()
    audit("place-refused")
    page.goto(f"{live_server}/{lang}/kiosk/code")
    tap_keys(page, "code", "23456789A")
    audit("code")
    page.goto(f"{live_server}/{lang}/kiosk/take")
    shared = page.locator("figure.qr img").get_attribute("src") or ""
    page.goto(live_server + shared.replace("/qr/", "/s/").removesuffix(".svg"))
    audit("shared")
    assert len(checked) == 19
    assert found == {}, "\n\n".join(f"== {step}\n{report}" for step, report in found.items())
    # The audit does see problems: an image without a text alternative is one.
    page.evaluate(
        "document.querySelector('main').append(Object.assign(document.createElement('img'), {src: '/x.png'}))"
    )
    assert axe.run(page, options=WCAG_22_AA).violations_count >= 1
