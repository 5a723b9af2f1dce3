"""Fonts, icons and page weight: everything served by the app, small, and cached where it can be."""

from __future__ import annotations

import re

from flask.testing import FlaskClient

from matching.taxonomy import default_taxonomy
from tests.conftest import ROOT

STATIC = ROOT / "web" / "static"
PAGE_BUDGET = 60 * 1024  # HTML + CSS + JS of one kiosk page


def _page_weight(client: FlaskClient, path: str) -> int:
    response = client.get(path)
    assert response.status_code == 200, path
    html = response.get_data(as_text=True)
    total = len(response.data)
    for asset in re.findall(r'<(?:link rel="stylesheet" href|script src)="([^"]+)"', html):
        assert asset.startswith("/static/"), f"{path} loads {asset} from elsewhere"
        total += len(client.get(asset).data)
    return total


def test_each_kiosk_page_with_its_css_and_js_stays_under_60_kb(
    client: FlaskClient, demo: None
) -> None:
    client.post("/ar/kiosk/talents/sport", data={"code": ["football", "running"]})
    client.post("/ar/kiosk/place", data={"postcode": "2711", "travel": "bike"})
    suggestions = client.get("/ar/kiosk/suggestions").get_data(as_text=True)
    first = re.search(r"/ar/kiosk/suggestions/(\d+)", suggestions)
    assert first
    paths = ["/kiosk/", "/ar/kiosk/", "/ar/kiosk/talents", "/ar/kiosk/talents/sport", "/ar/kiosk/wishes",
             "/ar/kiosk/place", "/ar/kiosk/place/areas", "/ar/kiosk/travel", "/ar/kiosk/dutch", "/ar/kiosk/age",
             "/ar/kiosk/suggestions", f"/ar/kiosk/suggestions/{first.group(1)}", "/ar/kiosk/take",
             "/ar/kiosk/help", "/ar/kiosk/help/sent", "/ar/kiosk/code"]  # fmt: skip
    weights = {path: _page_weight(client, path) for path in paths}
    print("kiosk page weights (HTML+CSS+JS, bytes):", weights)  # shown with `pytest -s`
    assert max(weights.values()) < PAGE_BUDGET, weights


def test_fonts_are_subset_and_cached_for_long(client: FlaskClient) -> None:
    css = client.get("/static/css/fonts.css").get_data(as_text=True)
    fonts = re.findall(r"url\(\.\./fonts/([^)]+\.woff2)\)", css)
    families = set(re.findall(r"font-family:'([^']+)'", css))
    assert families == {"Noto Sans Arabic", "Noto Sans Ethiopic"} and len(fonts) == 4
    for name in fonts:
        response = client.get(f"/static/fonts/{name}")
        assert response.status_code == 200 and response.mimetype == "font/woff2"
        assert len(response.data) < 80 * 1024, f"{name} is not subset"
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert (STATIC / "fonts" / "OFL-noto-sans-ethiopic.txt").exists()
    assert "Noto Sans Ethiopic" in client.get("/static/css/opstap.css").get_data(as_text=True)


def test_every_taxonomy_icon_is_served_by_the_app(client: FlaskClient) -> None:
    icons = {entry.icon for entry in default_taxonomy().entries.values() if entry.icon}
    missing = sorted(name for name in icons if not (STATIC / "icons" / f"{name}.svg").exists())
    assert missing == [], "run `npm ci && python scripts/build_assets.py`"
    response = client.get("/static/icons/ball-football.svg")
    assert response.status_code == 200 and response.headers["Cache-Control"].startswith(
        "public, max-age="
    )
    licences = (STATIC / "LICENSES.md").read_text(encoding="utf-8")
    assert "@tabler/icons" in licences and "OFL" in licences and "MIT" in licences
