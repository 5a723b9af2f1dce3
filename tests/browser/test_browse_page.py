"""The browse page in real headless Chromium."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session

from tests.factories import add_opportunity, add_postcode

pytestmark = pytest.mark.browser


def test_browse_page_filters_by_kind_and_postcode(
    page: Page, live_server: str, session: Session
) -> None:
    add_postcode(session, "2711", 52.0617, 4.4925)
    add_opportunity(session, title="Hardlopen bij Atletiekvereniging", kind="club")
    add_opportunity(session, title="Voedselbank helpers", kind="volunteer")
    add_opportunity(session, title="Schaakclub Groningen", kind="club", lat=53.2, lon=6.56)
    page.goto(f"{live_server}/nl/")
    expect(page.get_by_role("heading", name="Hardlopen bij Atletiekvereniging")).to_be_visible()
    page.get_by_label("Postcode").fill("2711")
    page.get_by_role("button").last.click()
    expect(page.get_by_role("heading", name="Schaakclub Groningen")).to_have_count(0)
    expect(page.get_by_role("heading", name="Voedselbank helpers")).to_be_visible()
    page.locator("#kind").select_option("club")
    page.get_by_role("button").last.click()
    expect(page.get_by_role("heading", name="Voedselbank helpers")).to_have_count(0)
    expect(page.get_by_role("heading", name="Hardlopen bij Atletiekvereniging")).to_be_visible()
    page.get_by_role("link", name="Hardlopen bij Atletiekvereniging").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hardlopen bij Atletiekvereniging")
