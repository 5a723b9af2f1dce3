"""Offers a person can read: translated fields through import, export and API; kiosk headings; bidi."""

from __future__ import annotations

import json
import re
from pathlib import Path

from flask.testing import FlaskClient
from sqlmodel import Session, select

from matching.models import Opportunity
from tests.conftest import Runner
from tests.factories import add_postcode, native_line
from web.kiosk.offers import ltr_runs

AR_TITLE = "نادي الجري للمبتدئين"
AR_TEXT = "نتدرب معًا كل يوم ثلاثاء."


def _import(runner: Runner, tmp_path: Path, *lines: dict[str, object]) -> None:
    path = tmp_path / "items.jsonl"
    path.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n", encoding="utf-8")
    result = runner("import", str(path), "--source", "test")
    assert result.exit_code == 0, result.output


def test_translations_go_through_import_export_and_the_api(
    runner: Runner, client: FlaskClient, session: Session, tmp_path: Path
) -> None:
    add_postcode(session, "2711", 52.0617, 4.4925)
    translations = {"ar": {"title": AR_TITLE, "description": AR_TEXT}, "so": {"title": "Kooxda orodka"}}
    _import(runner, tmp_path, native_line(id="run-1", talents=["running"], translations=translations))
    opp = session.exec(select(Opportunity).where(Opportunity.source_id == "run-1")).one()
    assert opp.translations == {
        "ar": {"title": AR_TITLE, "description": AR_TEXT},
        "so": {"title": "Kooxda orodka", "description": ""},
    }
    api = client.get(f"/api/v1/opportunities/{opp.id}").get_json()
    assert api["translations"]["ar"]["title"] == AR_TITLE
    schema = client.get("/api/v1/openapi.json").get_json()
    assert "translations" in json.dumps(schema)
    out = tmp_path / "export.jsonl"
    assert runner("export", "-o", str(out)).exit_code == 0
    [line] = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert line["translations"]["ar"]["title"] == AR_TITLE
    # The export re-imports onto the same item, unchanged.
    _import(runner, tmp_path, line)
    session.expire_all()
    assert session.exec(select(Opportunity)).one().translations == opp.translations


def test_a_bad_translation_is_rejected_naming_the_field(
    runner: Runner, session: Session, tmp_path: Path
) -> None:
    add_postcode(session, "2711", 52.0617, 4.4925)
    path = tmp_path / "bad.jsonl"
    lines = [
        native_line(id="ok"),
        native_line(id="lang", translations={"xx": {"title": "?"}}),
        native_line(id="field", translations={"ar": {"name": "?"}}),
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    result = runner("import", str(path), "--source", "test")
    assert "row 2" in result.output and "translations" in result.output and "'xx'" in result.output
    assert "row 3" in result.output and "translations.ar.name" in result.output
    assert [o.source_id for o in session.exec(select(Opportunity))] == ["ok"]


def test_kiosk_headings_are_in_the_readers_language(client: FlaskClient, demo: None, session: Session) -> None:
    client.post("/ar/kiosk/talents/sport", data={"code": ["football"]})
    client.post("/ar/kiosk/place", data={"postcode": "2711"})
    page = client.get("/ar/kiosk/suggestions").get_data(as_text=True)
    headings = re.findall(r'<h2 class="offer-title"><a href="[^"]+">([^<]+)</a>', page)
    assert headings and all(re.search(r"[\u0600-\u06FF]", h) for h in headings), headings
    assert "نادي كرة القدم" in headings  # "Football club": the activity the person picked
    # The Dutch title and provider stay below, marked as Dutch.
    assert '<span lang="nl">Voetbal senioren, zondagteam</span>' in page
    # In Dutch the heading says the same in Dutch (activity in lower case inside the phrase).
    client.post("/nl/kiosk/talents/sport", data={"code": ["football"]})
    assert "Club voor voetbal" in client.get("/nl/kiosk/suggestions").get_data(as_text=True)


def test_a_provided_translation_leads_and_an_untranslated_description_is_marked_dutch(
    client: FlaskClient, demo: None, session: Session
) -> None:
    opp = session.exec(select(Opportunity).where(Opportunity.title == "Voetbal senioren, zondagteam")).one()
    page = client.get(f"/ar/kiosk/suggestions/{opp.id}").get_data(as_text=True)
    assert f'<p class="description" lang="nl" dir="ltr">{opp.description}</p>' in page
    opp.translations = {"ar": {"title": "فريق كرة القدم يوم الأحد", "description": AR_TEXT}}
    session.add(opp)
    session.commit()
    page = client.get(f"/ar/kiosk/suggestions/{opp.id}").get_data(as_text=True)
    assert '<h1 class="offer-title">فريق كرة القدم يوم الأحد</h1>' in page
    assert f'<p class="description" lang="ar">{AR_TEXT}</p>' in page
    # Somali has no translation: the heading is made from kind and activity, in Somali.
    assert "Naadiga kubadda cagta" in client.get(f"/so/kiosk/suggestions/{opp.id}").get_data(as_text=True)


def test_numbers_codes_and_addresses_are_isolated_left_to_right() -> None:
    text = "اتصل 079-0619024 أو info@club.example.org، الثلاثاء 19:00–20:30، € 120، 2711 AB، ABC-DEF-GHJ"
    html = str(ltr_runs(text))
    runs = re.findall(r'<bdi dir="ltr">([^<]+)</bdi>', html)
    assert runs == ["079-0619024", "info@club.example.org", "19:00–20:30", "€ 120", "2711 AB", "ABC-DEF-GHJ"]
    assert "&lt;" in str(ltr_runs("<script>"))  # escaped, never raw
