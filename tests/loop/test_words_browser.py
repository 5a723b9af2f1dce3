"""In headless Chromium: the coordinator maps a word people typed; the next match understands it."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect
from sqlalchemy.engine import Engine
from sqlmodel import Session

from matching.taxonomy import default_taxonomy
from tests.factories import add_opportunity
from tests.importers.helpers import load_demo_postcodes
from tests.loop.conftest import PASSWORD, build_world

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "coordinator"
PROFILE = {"talents": ["fietsdokter"], "location": {"postcode": "2711"}}


def _match(base: str, lang: str) -> dict[str, object]:
    body = json.dumps({"profile": PROFILE, "lang": lang}).encode()
    request = urllib.request.Request(
        f"{base}/api/v1/match", data=body, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (the local test server)
        document: dict[str, object] = json.loads(response.read())
    return document


def test_coordinator_maps_a_word_and_the_next_match_suggests_that_talent(
    browser: Browser, live_server: str, session: Session, engine: Engine
) -> None:
    world = build_world(session)
    load_demo_postcodes(engine)
    repair = add_opportunity(
        session, title="Fietsenwerkplaats De Spaak", talents=["bicycle_repair"], kind="volunteer"
    )
    session.commit()
    # Two people typed the same word at the kiosk's partner app, in Arabic; Opstap did not know it.
    for _ in range(2):
        assert _match(live_server, "ar")["not_understood"] == ["fietsdokter"]

    page = browser.new_context().new_page()
    page.goto(f"{live_server}/en/account/sign-in")
    page.get_by_label("E-mail address").fill(world.coordinator)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Words", exact=True).click()
    expect(page.get_by_role("heading", name="Words people use")).to_be_visible()
    row = page.locator("table.words tr", has_text="fietsdokter")
    expect(row).to_contain_text("2")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "words.png"), full_page=True)
    row.get_by_label("Meaning of “fietsdokter”", exact=True).select_option(label="Bike repair")
    row.get_by_role("button", name="Save the meaning of “fietsdokter”").click()
    expect(page.get_by_role("status")).to_contain_text("“fietsdokter” now means Bike repair.")
    expect(page.locator("table.words")).not_to_contain_text("fietsdokter")
    page.screenshot(path=str(ARTIFACTS / "words-mapped.png"), full_page=True)

    after = _match(live_server, "ar")
    assert after["not_understood"] == []
    first = after["suggestions"][0]  # type: ignore[index]
    assert (
        first["opportunity"]["id"] == repair.id
        and "bicycle_repair" in first["opportunity"]["talents"]
    )
    arabic = default_taxonomy().label("bicycle_repair", "ar")
    assert any(r["code"] == "talent" and arabic in r["text"] for r in first["reasons"]), first[
        "reasons"
    ]
