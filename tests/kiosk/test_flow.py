"""The kiosk steps through the Flask client: answers kept as codes only, every step skippable."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session

import web.match
from matching.geo import haversine_km
from matching.models import Opportunity, Postcode
from tests.factories import add_postcode
from tests.kiosk.fixtures import session_data
from web.i18n import LANGUAGE_NAMES

KIOSK_PAGES = (
    "/",
    "/talents",
    "/talents/sport",
    "/wishes",
    "/place",
    "/place/areas",
    "/travel",
    "/dutch",
    "/age",
    "/suggestions",
    "/take",
    "/help",
)


def _cookie(client: FlaskClient) -> str:
    cookie = client.get_cookie("session")
    assert cookie is not None
    return cookie.value


def test_the_first_screen_names_each_language_in_its_own_script(client: FlaskClient) -> None:
    page = client.get("/kiosk/").get_data(as_text=True)
    for code, name in LANGUAGE_NAMES.items():
        assert f'href="/{code}/kiosk/" lang="{code}"' in page and name in page
    # "Continue in this language" is said in each language itself.
    assert "Ga verder in deze taal" in page and "ብዚ ቋንቋ ቀጽል" in page and "تابع بهذه اللغة" in page


def _suggested(page: str) -> list[int]:
    """The opportunity ids the suggestions page links to, in order (markup-independent)."""
    return list(dict.fromkeys(int(i) for i in re.findall(r'/kiosk/suggestions/(\d+)"', page)))


def _assert_fit(
    session: Session, ids: list[int], postcode: str, reach_km: float, dutch: str, talents: set[str]
) -> None:
    """Every suggestion is open, within reach and at most one Dutch level above; the first fits a talent."""
    assert ids, "no suggestions"
    home = session.get(Postcode, postcode)
    assert home is not None
    levels = ["none", "A1", "A2", "B1", "B2", "C1", "C2"]
    for n, opp_id in enumerate(ids):
        opp = session.get(Opportunity, opp_id)
        assert opp is not None
        where = f"suggestion {n + 1} ({opp.title})"
        assert opp.status == "active" and opp.places_left != 0, where
        assert haversine_km(home.lat, home.lon, opp.lat, opp.lon) <= reach_km + 1e-6, where
        assert levels.index(opp.dutch_level_min) <= levels.index(dutch) + 1, where
    first = session.get(Opportunity, ids[0])
    assert first is not None and talents & set(first.talents), (first.title, first.talents)


def test_a_whole_flow_keeps_only_codes_in_the_session(
    app: Flask, client: FlaskClient, session: Session, demo: None
) -> None:
    assert (
        client.post(
            "/nl/kiosk/talents/sport", data={"code": ["football", "running", "not-a-code"]}
        ).status_code
        == 302
    )
    talents = client.get("/nl/kiosk/talents").get_data(as_text=True)
    assert "Voetbal" in talents and "Hardlopen" in talents
    assert (
        client.post("/nl/kiosk/wishes", data={"code": ["meeting_people", "football"]}).status_code
        == 302
    )
    place = client.post("/nl/kiosk/place", data={"postcode": "2711AB"})
    assert place.status_code == 302 and place.headers["Location"].endswith("/nl/kiosk/travel")
    travel = client.post("/nl/kiosk/travel", data={"travel": "bike"})
    assert travel.headers["Location"].endswith("/nl/kiosk/dutch")
    assert (
        client.post("/nl/kiosk/dutch", data={"level": "A1"})
        .headers["Location"]
        .endswith("/nl/kiosk/age")
    )
    assert (
        client.post("/nl/kiosk/age", data={"age": "27-49"})
        .headers["Location"]
        .endswith("/nl/kiosk/suggestions")
    )
    state = session_data(app, _cookie(client))["kiosk"]
    # Unknown codes and a talent posted as a wish are dropped; the PC6 is kept only as its PC4 area.
    assert state == {
        "talents": ["football", "running"], "wishes": ["meeting_people"], "postcode": "2711",
        "travel": "bike", "dutch": "A1", "age": "27-49", "chosen": [],
    }  # fmt: skip
    page = client.get("/nl/kiosk/suggestions").get_data(as_text=True)
    titles = re.findall(r'<h2 class="offer-title"><a href="/nl/kiosk/suggestions/(\d+)">', page)
    assert 1 <= len(titles) <= 6
    _assert_fit(session, _suggested(page), "2711", 7.0, "A1", {"football", "running"})
    assert 'class="reasons"' in page and "min fietsen" in page
    detail = client.get(f"/nl/kiosk/suggestions/{titles[0]}")
    assert detail.status_code == 200 and 'class="reasons"' in detail.get_data(as_text=True)
    assert "min lopen" in detail.get_data(as_text=True)


def test_walking_without_dutch_gets_nearby_steps_that_need_no_dutch(
    client: FlaskClient, session: Session, demo: None
) -> None:
    assert client.post("/en/kiosk/talents/food", data={"code": ["cooking"]}).status_code == 302
    client.post("/en/kiosk/place", data={"postcode": "2712", "travel": "walk"})
    client.post("/en/kiosk/dutch", data={"level": "none"})
    page = client.get("/en/kiosk/suggestions").get_data(as_text=True)
    _assert_fit(
        session,
        _suggested(page),
        "2712",
        2.0,
        "none",
        {"cooking", "world_cuisine", "kitchen_help", "baking"},
    )


def test_every_step_can_be_skipped(client: FlaskClient, demo: None) -> None:
    assert client.get("/en/kiosk/wishes").status_code == 200
    assert client.post("/en/kiosk/place", data={}).headers["Location"].endswith("/en/kiosk/travel")
    assert client.post("/en/kiosk/travel", data={}).headers["Location"].endswith("/en/kiosk/dutch")
    assert client.post("/en/kiosk/dutch", data={}).headers["Location"].endswith("/en/kiosk/age")
    assert (
        client.post("/en/kiosk/age", data={}).headers["Location"].endswith("/en/kiosk/suggestions")
    )
    page = client.get("/en/kiosk/suggestions").get_data(as_text=True)
    assert "distances are from the middle of the town" in page
    assert (
        len(re.findall(r'<h2 class="offer-title"><a href="/en/kiosk/suggestions/\d+">', page)) >= 1
    )


def test_a_step_can_be_changed_and_a_talent_removed(
    app: Flask, client: FlaskClient, demo: None
) -> None:
    client.post("/en/kiosk/talents/sport", data={"code": ["football", "swimming"]})
    client.post("/en/kiosk/talents/music_dance", data={"code": ["singing"]})
    client.post("/en/kiosk/talents/sport", data={"code": ["swimming"]})  # football unticked
    client.post("/en/kiosk/picked/remove", data={"code": "singing"})
    assert session_data(app, _cookie(client))["kiosk"]["talents"] == ["swimming"]
    client.post("/en/kiosk/place", data={"area": "2712", "travel": "walk"})
    client.post("/en/kiosk/place", data={"area": "2713"})
    state = session_data(app, _cookie(client))["kiosk"]
    assert state["postcode"] == "2713" and state["travel"] == "walk"


def test_an_unknown_postcode_is_said_plainly_and_changes_nothing(
    app: Flask, client: FlaskClient, demo: None
) -> None:
    client.post("/nl/kiosk/place", data={"postcode": "2711"})
    response = client.post("/nl/kiosk/place", data={"postcode": "9999"})
    page = response.get_data(as_text=True)
    assert (
        response.status_code == 422
        and "We kennen de postcode 9999 niet" in page
        and 'value="9999"' in page
    )
    assert session_data(app, _cookie(client))["kiosk"]["postcode"] == "2711"
    assert client.post("/nl/kiosk/place", data={"postcode": "banana"}).status_code == 422


def test_the_part_of_town_list_holds_the_municipalitys_names(
    app: Flask, client: FlaskClient, demo: None
) -> None:
    page = client.get("/nl/kiosk/place/areas").get_data(as_text=True)
    areas = re.findall(r'name="area" value="(\d{4})"[^>]*><span lang="nl">([^<]+)</span>', page)
    names = [name for _pc4, name in areas]
    # One tap per name (Rokkeveen covers 2722 and 2723), in alphabetical order.
    assert (
        "Rokkeveen" in names
        and "Dorp" in names
        and names == sorted(names)
        and len(set(names)) == len(names)
    )
    pc4 = dict((name, code) for code, name in areas)["Rokkeveen"]
    assert pc4 in ("2722", "2723")
    response = client.post("/nl/kiosk/place/areas", data={"area": pc4})
    assert response.headers["Location"].endswith("/nl/kiosk/travel")
    assert session_data(app, _cookie(client))["kiosk"]["postcode"] == pc4
    assert "Rokkeveen" in client.get("/nl/kiosk/place").get_data(as_text=True)
    # A PC4 that is not on the list is not taken.
    client.post("/nl/kiosk/place/areas", data={"area": "1011"})
    assert session_data(app, _cookie(client))["kiosk"]["postcode"] == pc4


def test_the_postcode_keypad_works_without_javascript(
    app: Flask, client: FlaskClient, demo: None
) -> None:
    value = ""
    for key in [
        "0",
        "2",
        "7",
        "1",
        "1",
        "9",
        "A",
        "B",
        "C",
    ]:  # a leading 0, a 5th digit, a 3rd letter: ignored
        page = client.post("/nl/kiosk/place", data={"postcode": value, "key": f"postcode:{key}"})
        assert page.status_code == 200
        value = re.search(r'name="postcode" value="([^"]*)"', page.get_data(as_text=True)).group(1)  # type: ignore[union-attr]
    assert value == "2711AB"
    page = client.post("/nl/kiosk/place", data={"postcode": value, "key": "postcode:DEL"}).get_data(
        as_text=True
    )
    assert 'name="postcode" value="2711A"' in page and "2711 A</bdi>" in page
    assert client.post("/nl/kiosk/place", data={"postcode": "2711AB", "go": "1"}).status_code == 302
    assert session_data(app, _cookie(client))["kiosk"]["postcode"] == "2711"


def test_every_kiosk_page_is_never_stored_and_resets_without_javascript(
    client: FlaskClient, demo: None
) -> None:
    for lang in ("nl", "ar"):
        for path in KIOSK_PAGES:
            response = client.get(f"/{lang}/kiosk{path}")
            assert response.status_code == 200, path
            assert response.headers["Cache-Control"] == "no-store", path
            page = response.get_data(as_text=True)
            # 90 s idle + 15 s countdown, then the reset, even without JavaScript.
            assert (
                '<noscript><meta http-equiv="refresh" content="105;url=/kiosk/reset"></noscript>'
                in page
            ), path
            assert 'data-idle="90"' in page and 'data-countdown="15"' in page
    assert client.get("/kiosk/").headers["Cache-Control"] == "no-store"
    assert 'dir="rtl"' in client.get("/ar/kiosk/talents").get_data(as_text=True)


def test_reset_forgets_everything_and_clears_the_site(client: FlaskClient, demo: None) -> None:
    client.post("/en/kiosk/talents/sport", data={"code": ["football"]})
    assert "Football" in client.get("/en/kiosk/talents").get_data(as_text=True)
    response = client.get("/kiosk/reset")
    assert response.status_code == 200
    assert response.headers["Clear-Site-Data"] == '"cache", "cookies", "storage"'
    assert response.headers["Cache-Control"] == "no-store"
    assert "session=;" in response.headers.get("Set-Cookie", "")
    assert client.get_cookie("session") is None
    assert "Remove Football" not in client.get("/en/kiosk/talents").get_data(as_text=True)


def test_unknown_groups_and_suggestions_are_404(client: FlaskClient, demo: None) -> None:
    assert client.get("/en/kiosk/talents/wishes").status_code == 404
    assert client.get("/en/kiosk/talents/football").status_code == 404
    assert client.get("/en/kiosk/suggestions/999999").status_code == 404
    assert client.get("/xx/kiosk/").status_code == 404


def test_the_coach_code_button_points_to_the_personal_code_page(client: FlaskClient) -> None:
    page = client.get("/ti/kiosk/").get_data(as_text=True)
    assert 'href="/ti/kiosk/code"' in page and "ካብ ኣሰልጣኒይ ኮድ ኣለኒ" in page


def test_a_form_left_open_past_a_reset_is_answered_kindly(app: Flask, demo: None) -> None:
    app.config["WTF_CSRF_ENABLED"] = True
    client = app.test_client()
    response = client.post("/en/kiosk/wishes", data={"code": ["work"]})
    assert response.status_code == 302 and response.headers["Location"].endswith("/en/kiosk/wishes")
    assert "This page was open too long" in client.get("/en/kiosk/wishes").get_data(as_text=True)
    assert (
        client.post("/en/kiosk/take", data={"id": "1"})
        .headers["Location"]
        .endswith("/en/kiosk/take")
    )
    assert (
        client.post("/en/kiosk/picked/remove", data={"code": "x"})
        .headers["Location"]
        .endswith("/en/kiosk/")
    )


def test_a_person_who_taps_every_picture_still_gets_suggestions(
    client: FlaskClient, demo: None
) -> None:
    from matching.taxonomy import default_taxonomy

    for group in {e.group for e in default_taxonomy().talents() if e.group != "wishes"}:
        codes = [e.code for e in default_taxonomy().talents() if e.group == group]
        client.post(f"/en/kiosk/talents/{group}", data={"code": codes})
    client.post("/en/kiosk/place", data={"postcode": "2711"})
    page = client.get("/en/kiosk/suggestions").get_data(as_text=True)
    assert "Something went wrong" not in page
    assert (
        len(re.findall(r'<h2 class="offer-title"><a href="/en/kiosk/suggestions/\d+">', page)) >= 1
    )


def test_the_engine_gets_the_profile_of_the_answers(
    client: FlaskClient, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[dict[str, object], str, int]] = []

    def fake_match(profile: dict[str, object], *, lang: str, limit: int) -> dict[str, object]:
        seen.append((profile, lang, limit))
        return {"suggestions": [], "not_understood": []}

    monkeypatch.setattr(web.match, "run_match", fake_match)
    add_postcode(session, "2711", 52.0617, 4.4925)
    client.post("/ti/kiosk/talents/sport", data={"code": ["running"]})
    client.post("/ti/kiosk/wishes", data={"code": ["learning_dutch"]})
    client.post("/ti/kiosk/place", data={"postcode": "2711", "travel": "walk"})
    client.post("/ti/kiosk/dutch", data={"level": "none"})
    client.post("/ti/kiosk/age", data={"age": "u18"})
    client.get("/ti/kiosk/suggestions")
    assert seen == [
        (
            {
                "talents": ["running"], "wishes": ["learning_dutch"], "dutch_level": "none",
                "location": {"postcode": "2711"}, "travel": "walk", "age": 16, "languages": ["ti"],
            },
            "ti",
            6,
        )
    ]  # fmt: skip


def test_talent_groups_come_fun_first(client: FlaskClient) -> None:
    page = client.get("/en/kiosk/talents").get_data(as_text=True)
    groups = re.findall(r'href="/en/kiosk/talents/(\w+)"', page)
    assert groups[:3] == ["sport", "music_dance", "food"] and groups[-1] == "driving_logistics"
    assert "wishes" not in groups and len(groups) == 17


def test_an_entry_a_coordinator_added_is_a_picture_on_the_kiosk_in_every_language(
    app: Flask, client: FlaskClient, session: Session, demo: None
) -> None:
    """The kiosk shows the taxonomy in force: a sport a coordinator adds appears on the sport page."""
    from matching.taxonomy_store import current_taxonomy, save_entry
    from web.db import get_engine

    with app.app_context():
        labels = {"nl": "Kabaddi", "en": "Kabaddi", "ar": "الكبادي", "ti": "ካባዲ", "fa": "کبدی",
                  "uk": "Кабаді", "tr": "Kabaddi", "so": "Kabaadi"}  # fmt: skip
        taxonomy = current_taxonomy(get_engine(), session)
        save_entry(session, taxonomy=taxonomy, code="kabaddi", group="sport", labels=labels)
        session.commit()
    page = client.get("/ar/kiosk/talents/sport").get_data(as_text=True)
    assert 'value="kabaddi"' in page and "الكبادي" in page
    client.post("/ti/kiosk/talents/sport", data={"code": ["kabaddi", "football"]})
    assert session_data(app, _cookie(client))["kiosk"]["talents"] == ["kabaddi", "football"]
    assert "ካባዲ" in client.get("/ti/kiosk/talents").get_data(as_text=True)  # shown as picked
    client.post("/ti/kiosk/place", data={"area": "2712", "travel": "bike"})
    suggestions = client.get("/ti/kiosk/suggestions")
    assert suggestions.status_code == 200 and "offer-title" in suggestions.get_data(as_text=True)
