"""The kiosk on a 1080×1920 touch screen: the whole flow with taps only, sizes measured, bidi checked.

No `fill`, `type`, `press` or keyboard call anywhere here or in tests/kiosk/walk.py (a test checks
that): a library kiosk has no keyboard, so every entry is made with the app's own keypads.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from playwright.sync_api import Browser, BrowserContext, Page, expect
from sqlmodel import Session, col, select

import matching.accounts as accounts
from matching.accounts import create_organisation, create_user
from matching.models import Opportunity
from matching.people import PersonIn, create_person, issue_code
from matching.proposals import propose
from tests.conftest import ROOT
from tests.kiosk.walk import hit, tap_keys, walk_kiosk

pytestmark = pytest.mark.browser
ARTIFACTS = ROOT / "test-artifacts" / "kiosk-touch"
PORTRAIT = {"width": 1080, "height": 1920}
SECRET = "dev-only-change-me"  # the test settings' secret key, which keys personal codes

# Every visible text smaller than 24 px, and every control (a checkbox by its label) under 64 px.
MEASURE = """
(() => {
  const small = [], tiny = [];
  let minControl = Infinity, minFont = Infinity;
  for (const el of document.querySelectorAll('a[href], button, select, input:not([type=hidden]), summary')) {
    const target = (el.matches('input[type=checkbox], input[type=radio]') && el.closest('label')) || el;
    const box = target.getBoundingClientRect();
    const style = getComputedStyle(target);
    if (box.width === 0 || box.right < 0 || style.visibility === 'hidden' || target.closest('[hidden]')) continue;
    minControl = Math.min(minControl, box.width, box.height);
    if (box.width < 64 || box.height < 64) small.push(`${target.outerHTML.slice(0, 90)} ${box.width}x${box.height}`);
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!node.textContent.trim() || !el || el.closest('[hidden], .visually-hidden, .skip-link, script, style')) continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    minFont = Math.min(minFont, size);
    if (size < 24) tiny.push(`${size}px ${node.textContent.trim().slice(0, 40)}`);
  }
  // The height the step's own content takes (everything in main but the actions bar at the bottom).
  let top = Infinity, bottom = -Infinity;
  for (const el of document.querySelectorAll('main *')) {
    if (el.closest('.actions, [hidden]')) continue;
    const box = el.getBoundingClientRect();
    if (box.height === 0 || box.width === 0) continue;
    top = Math.min(top, box.top + window.scrollY); bottom = Math.max(bottom, box.bottom + window.scrollY);
  }
  return {small, tiny, minControl, minFont, body: parseFloat(getComputedStyle(document.body).fontSize),
          content: bottom - top};
})()
"""

# The left edge of each character of the first element matching the selector, in text order.
CHAR_LEFTS = """
(selector) => {
  const el = document.querySelector(selector);
  const node = el.firstChild;
  const lefts = [];
  for (let i = 0; i < node.textContent.length; i++) {
    const range = document.createRange();
    range.setStart(node, i); range.setEnd(node, i + 1);
    const box = range.getBoundingClientRect();
    if (box.width > 0) lefts.push(box.left);
  }
  return lefts;
}
"""


@pytest.fixture
def touch(browser: Browser) -> Iterator[BrowserContext]:
    """A portrait 1080×1920 touch screen."""
    context = browser.new_context(viewport=PORTRAIT, has_touch=True)
    yield context
    context.close()


@pytest.fixture
def person_code(session: Session, demo: None, monkeypatch: pytest.MonkeyPatch) -> str:
    """A coached person with a proposal on a demo club, and the personal code on their letter."""
    monkeypatch.setattr(
        accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    )
    org = create_organisation(
        session, name="VluchtelingenWerk Zoetermeer", municipality="Zoetermeer"
    )
    coach = create_user(
        session, email="coach@example.org", role="coach", password="x" * 12, organisation_id=org.id
    )
    open_club = (Opportunity.kind == "club") & (Opportunity.status == "active")
    has_room = col(Opportunity.places_left).is_(None) | (col(Opportunity.places_left) > 0)
    club = session.exec(
        select(Opportunity).where(open_club, has_room).order_by(col(Opportunity.id))
    ).first()
    assert club is not None and club.id is not None
    person = create_person(
        session,
        data=PersonIn(first_name="Amina", phone="0612345678", talents=["running"], postcode="2711"),
        organisation_id=org.id or 0,
        user=coach,
    )
    session.flush()
    propose(session, person=person, opportunity_id=club.id, user=coach)
    code = issue_code(session, person=person, key=SECRET, user=coach)
    session.commit()
    return code


def _shots(page: Page, folder: Path, sizes: dict[str, dict[str, object]] | None = None):  # type: ignore[no-untyped-def]
    folder.mkdir(parents=True, exist_ok=True)

    def at(step: str) -> None:
        for _ in range(50):  # every picture has loaded (polled: the CSP forbids eval in the page)
            if page.evaluate("Array.from(document.images).every(i => i.complete)"):
                break
            page.wait_for_timeout(100)
        page.screenshot(path=str(folder / f"{step}.png"))
        if sizes is not None:
            sizes[step] = page.evaluate(MEASURE)

    return at


def _code_walk(page: Page, base: str, lang: str, code: str, at) -> None:  # type: ignore[no-untyped-def]
    """The personal code by keypad, then yes to the proposal with one field shared."""
    page.goto(f"{base}/{lang}/kiosk/")
    hit(page.locator(f"a[href='/{lang}/kiosk/code']"))
    expect(page.locator("#keypad-code")).to_be_visible()
    chars = code.replace("-", "")
    tap_keys(
        page, "code", chars[:-1] + ("2" if chars[-1] != "2" else "3")
    )  # a typo in the last one
    expect(page.locator("[data-code-typo]")).to_be_visible()
    hit(page.locator("#keypad-code button.key-delete"))
    tap_keys(page, "code", chars[-1])
    expect(page.locator("[data-code-typo]")).to_be_hidden()
    expect(page.locator("#code-display")).to_have_text(code)
    at("15-code")
    hit(page.locator("button[name=choice][value=show]"))
    toggle_row = page.locator("label.toggle-row:has(input[name=share][value=phone])")
    expect(toggle_row).to_be_visible()
    at("16-proposals")
    before = page.locator("input[name=share][value=phone]").is_checked()
    hit(toggle_row)
    assert page.locator("input[name=share][value=phone]").is_checked() != before
    hit(page.locator("button[name=choice][value=accept]"))
    expect(page.locator(".answered")).to_be_visible()
    at("17-accepted")


@pytest.mark.parametrize("lang", ["nl", "ar", "ti", "so"])
def test_the_whole_flow_with_taps_only_on_a_portrait_touch_screen(
    touch: BrowserContext, live_server: str, person_code: str, lang: str
) -> None:
    page = touch.new_page()
    sizes: dict[str, dict[str, object]] = {}
    at = _shots(page, ARTIFACTS / lang, sizes)
    walk_kiosk(page, live_server, lang, at, by_name=True)
    # Take-away: every heading in the reader's script, the Dutch name below it.
    headings = page.locator(".slip-items h2").all_inner_texts()
    assert headings
    if lang == "ar":
        assert all(re.search(r"[\u0600-\u06FF]", h) for h in headings), headings
    walk_kiosk(page, live_server, lang, at, ask_help=True)
    _code_walk(page, live_server, lang, person_code, at)
    problems = {
        step: {k: v for k, v in found.items() if k in ("small", "tiny") and v}
        for step, found in sizes.items()
    }
    assert {s: p for s, p in problems.items() if p} == {}
    assert all(found["body"] >= 24 for found in sizes.values())
    # No step where the content fills less than half the portrait screen.
    thin = {
        step: found["content"]
        for step, found in sizes.items()
        if float(found["content"]) < PORTRAIT["height"] / 2
    }
    assert thin == {}
    print(  # the figures, shown with `pytest -s`
        f"{lang}: {len(sizes)} screens; smallest control {min(float(f['minControl']) for f in sizes.values()):.0f} px, "
        f"smallest text {min(float(f['minFont']) for f in sizes.values()):.1f} px, "
        f"least content {min(float(f['content']) for f in sizes.values()):.0f} of {PORTRAIT['height']} px"
    )


def test_in_arabic_every_suggestion_card_heading_is_arabic(
    touch: BrowserContext, live_server: str, demo: None
) -> None:
    page = touch.new_page()
    walk_kiosk(page, live_server, "ar")
    page.goto(f"{live_server}/ar/kiosk/suggestions")
    headings = page.locator("ol.ladder h2").all_inner_texts()
    assert len(headings) >= 3
    assert all(re.search(r"[\u0600-\u06FF]", h) for h in headings), headings
    dutch = page.locator("ol.ladder .dutch-name span[lang=nl]").first
    expect(dutch).to_be_visible()


@pytest.mark.parametrize("lang", ["ar", "fa"])
def test_a_phone_number_keeps_its_digit_order_in_right_to_left_text(
    touch: BrowserContext, live_server: str, demo: None, session: Session, lang: str
) -> None:
    # A demo listing whose contact is a phone number: its digits must read left to right.
    club = session.exec(select(Opportunity).where(Opportunity.contact == "079-0957761")).first()
    assert club is not None
    page = touch.new_page()
    walk_kiosk(page, live_server, lang)
    page.goto(f"{live_server}/{lang}/kiosk/suggestions/{club.id}")
    hit(page.locator("main form.actions button.primary:not([formaction])"))
    contact = page.locator(".slip-contact bdi[dir=ltr]")
    expect(contact).to_have_text("079-0957761")
    lefts = page.evaluate(CHAR_LEFTS, ".slip-contact bdi")
    assert len(lefts) == len("079-0957761") and lefts == sorted(lefts), lefts
    page.emulate_media(media="print")  # the printed slip too
    lefts = page.evaluate(CHAR_LEFTS, ".slip-contact bdi")
    assert lefts == sorted(lefts), lefts
    page.screenshot(path=str(ARTIFACTS / f"slip-print-{lang}.png"))
    page.emulate_media(media="screen")
    # The check can fail: without the isolation the number runs backwards after Arabic letters.
    page.evaluate(
        "(() => { const b = document.querySelector('.slip-contact bdi');"
        " b.replaceWith(document.createTextNode(b.textContent)); })()"
    )
    node_lefts = page.evaluate(
        """(() => { const p = document.querySelector('.slip-contact'); const t = p.lastChild;
        const s = t.textContent.indexOf('079'); const out = [];
        for (let i = s; i < s + 11; i++) { const r = document.createRange(); r.setStart(t, i); r.setEnd(t, i + 1);
          out.push(r.getBoundingClientRect().left); } return out; })()"""
    )
    assert node_lefts != sorted(node_lefts)


def test_the_help_phone_number_shows_in_its_own_order(
    touch: BrowserContext, live_server: str, demo: None
) -> None:
    page = touch.new_page()
    walk_kiosk(page, live_server, "ar")
    hit(page.locator("main .actions a[href='/ar/kiosk/help']"))
    tap_keys(page, "phone", "079 0619024")
    lefts = page.evaluate(CHAR_LEFTS, "#phone-display bdi")
    assert len(lefts) == 11 and lefts == sorted(lefts)


@pytest.mark.parametrize("lang", ["ar", "ti"])
@pytest.mark.parametrize(
    "viewport", [PORTRAIT, {"width": 1920, "height": 1080}], ids=["portrait", "landscape"]
)
def test_screenshots_in_portrait_and_landscape(
    browser: Browser, live_server: str, demo: None, lang: str, viewport: dict[str, int]
) -> None:
    context = browser.new_context(viewport=viewport, has_touch=True)  # type: ignore[arg-type]
    page = context.new_page()
    name = "portrait" if viewport["height"] > viewport["width"] else "landscape"
    walk_kiosk(page, live_server, lang, _shots(page, ARTIFACTS / f"{lang}-{name}"), by_name=True)
    context.close()


def test_the_touch_walk_never_types() -> None:
    """Taps only: the walk and this file call no fill, type, press or keyboard."""
    here = Path(__file__)
    for path in (
        ROOT / "tests" / "kiosk" / "walk.py",
        here,
        here.with_name("test_kiosk_name_scripts.py"),
    ):
        code = "\n".join(
            line
            for line in path.read_text(encoding="utf-8").splitlines()
            if not line.lstrip().startswith(("#", '"""'))
        )
        found = re.findall(r"\.(fill|type|press|press_sequentially|keyboard)\b\(?", code)
        assert found == [], f"{path.name}: {found}"
