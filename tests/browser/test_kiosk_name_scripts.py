"""The name keyboard on a 1080×1920 touch screen: a name tapped in Arabic script and in Ge'ez arrives as tapped.

Taps only, like test_kiosk_touch.py (its source check covers this file too): a kiosk has no keyboard.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect
from sqlmodel import Session, select

from matching.help_requests import HelpRequest
from tests.browser.test_kiosk_a11y import WCAG_22_AA
from tests.browser.test_kiosk_touch import ARTIFACTS, CHAR_LEFTS, MEASURE, PORTRAIT
from tests.kiosk.walk import hit, tap_keys, tap_name

pytestmark = pytest.mark.browser

# Every visible key of the name keyboard, and anything on the page, inside the screen's width.
OVERFLOW = """
(() => {
  const width = document.documentElement.clientWidth, out = [];
  const pad = document.querySelector('#keypad-first_name').getBoundingClientRect();
  for (const key of document.querySelectorAll('#keypad-first_name button')) {
    const box = key.getBoundingClientRect();
    if (box.width === 0 || key.closest('[hidden]')) continue;
    if (box.left < pad.left - 1 || box.right > pad.right + 1 || box.right > width)
      out.push(`${key.textContent.trim()} ${box.left}-${box.right}`);
  }
  return {out, scroll: document.documentElement.scrollWidth, width};
})()
"""


def _keyboard_fits(page: Page, shot: str) -> None:
    """No control under 64 px, no text under 24 px, no key outside the keypad or the screen, no axe
    (WCAG 2.2 AA) violation; a picture."""
    found = page.evaluate(MEASURE)
    assert found["small"] == [] and found["tiny"] == [], (shot, found["small"], found["tiny"])
    overflow = page.evaluate(OVERFLOW)
    assert overflow["out"] == [] and overflow["scroll"] <= overflow["width"], (shot, overflow)
    axe = Axe().run(page, options=WCAG_22_AA)
    assert axe.violations_count == 0, (shot, axe.generate_report())
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    keypad = page.locator("#keypad-first_name")
    keypad.evaluate("pad => pad.scrollIntoView({block: 'start'})")  # clear of the sticky bars
    keypad.screenshot(path=str(ARTIFACTS / f"name-{shot}.png"))


@pytest.mark.parametrize(
    ("lang", "name", "script"), [("ar", "محمد-علي", "arabic"), ("ti", "ሳባ-ተስፋይ", "geez")]
)
def test_a_name_tapped_in_its_own_script_arrives_as_tapped(
    browser: Browser,
    live_server: str,
    demo: None,
    session: Session,
    lang: str,
    name: str,
    script: str,
) -> None:
    context = browser.new_context(viewport=PORTRAIT, has_touch=True)
    page = context.new_page()
    page.goto(f"{live_server}/kiosk/reset")
    page.goto(f"{live_server}/{lang}/kiosk/help")
    tap_keys(page, "phone", "0612345678")
    hit(page.locator("button[data-show=first_name]"))
    pad = page.locator("#keypad-first_name")
    # The kiosk's language chose the script; the other scripts' keys are hidden.
    expect(pad.locator(f"[data-script-tab={script}]")).to_have_attribute("aria-pressed", "true")
    expect(pad.locator(f".script-keys[data-script={script}]")).to_be_visible()
    expect(pad.locator(".script-keys[data-script=latin]")).to_be_hidden()
    _keyboard_fits(page, script)
    # A tab switches at once, in the page; switching back keeps what was tapped.
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    hit(pad.locator("[data-script-tab=latin]"))
    expect(pad.locator(".script-keys[data-script=latin]")).to_be_visible()
    expect(pad.locator(f".script-keys[data-script={script}]")).to_be_hidden()
    expect(pad.locator("input[name=first_name_script]")).to_have_value("latin")
    _keyboard_fits(page, f"latin-{lang}")
    hit(pad.locator(f"[data-script-tab={script}]"))
    if script == "geez":  # the second step, with a labialised row too (ከ: ኰ ኲ ኳ ኴ ኵ)
        hit(pad.locator("button.key[value='first_name:PICK:ከ']"))
        expect(pad.locator("[data-orders] button.key")).to_have_count(12)
        _keyboard_fits(page, "geez-orders")
        hit(pad.locator("button.key[value='first_name:ኳ']"))
        expect(pad.locator("[data-orders]")).to_be_hidden()
        hit(pad.locator("button.key-delete"))  # one tap takes off the whole syllable
        expect(pad.locator(".keypad-value")).to_have_text("")
    half = name.index("-") + 1
    tap_name(page, name[:half])
    if script == "arabic":
        # Shown right to left as it grows: the first letter tapped rightmost, the hyphen just tapped
        # leftmost (a left-to-right field would put it at the right, after the name).
        for shown in ("#first_name-display bdi", "[data-value-of=first_name]"):
            lefts = page.evaluate(CHAR_LEFTS, shown)
            assert len(lefts) == half and lefts == sorted(lefts, reverse=True), (shown, lefts)
    tap_name(page, name[half:])
    expect(pad.locator(".keypad-value")).to_have_text(name)
    expect(page.locator("[data-value-of=first_name]")).to_have_text(name)
    assert requests == [], requests  # every tap handled in the page, no round trip
    page.screenshot(path=str(ARTIFACTS / f"name-{lang}-page.png"))
    hit(page.locator("label.toggle-row:has(input[name=consent])"))
    hit(page.locator("main form button[name=send]"))
    expect(page.locator("main a[href='/kiosk/reset']")).to_be_visible()
    context.close()
    session.expire_all()
    stored = session.exec(select(HelpRequest)).all()
    assert [r.shared for r in stored] == [{"first_name": name, "phone": "0612345678"}]
    assert stored[0].lang == lang
