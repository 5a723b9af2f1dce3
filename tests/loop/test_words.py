"""Words the coordinator keeps: not-understood words counted (word, language, month), mapped in the taxonomy."""

from __future__ import annotations

import json
from datetime import date

from flask.testing import FlaskClient
from sqlalchemy import inspect
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from matching.db import make_engine
from matching.taxonomy import default_taxonomy
from matching.taxonomy_store import TaxonomySynonym, current_taxonomy, export_additions
from matching.word_counts import UnknownWord, frequent_words, record_words
from tests.factories import add_opportunity
from tests.importers.helpers import load_demo_postcodes
from tests.loop.conftest import World, sign_in

PROFILE = {"talents": ["fietsdokter"], "location": {"postcode": "2711"}}


def _match(client: FlaskClient, profile: dict[str, object], lang: str = "ar") -> dict[str, object]:
    response = client.post("/api/v1/match", json={"profile": profile, "lang": lang})
    assert response.status_code == 200, response.get_data(as_text=True)
    document: dict[str, object] = response.get_json()
    return document


def test_only_word_language_and_month_are_kept(engine: Engine, session: Session) -> None:
    columns = {c["name"] for c in inspect(engine).get_columns("unknownword")}
    assert columns == {"id", "word", "lang", "month", "count"}
    record_words(session, words=["Fietsdokter", "fietsdokter ", "06-12345678", "ahmed@example.org", "2711AB"], lang="nl",
                 today=date(2026, 12, 5))  # fmt: skip
    session.commit()
    rows = session.exec(select(UnknownWord)).all()
    assert [(r.word, r.lang, r.month, r.count) for r in rows] == [
        ("fietsdokter", "nl", "2026-12", 1)
    ]


def test_a_word_seen_once_is_never_shown_and_the_most_frequent_comes_first(
    session: Session,
) -> None:
    for month, words in (
        (date(2026, 11, 1), ["tweewieler", "brommer", "Yusuf"]),
        (date(2026, 12, 1), ["brommer", "tweewieler"]),
    ):
        record_words(session, words=words, lang="nl", today=month)
    record_words(session, words=["brommer"], lang="nl", today=date(2026, 12, 2))
    session.commit()
    shown = frequent_words(session, taxonomy=default_taxonomy())
    assert [(w.word, w.lang, w.count) for w in shown] == [
        ("brommer", "nl", 3),
        ("tweewieler", "nl", 2),
    ]


def test_the_api_counts_not_understood_words_in_the_request_language(
    client: FlaskClient, engine: Engine, session: Session
) -> None:
    load_demo_postcodes(engine)
    _match(client, PROFILE, "ar")
    _match(client, {**PROFILE, "talents": ["fietsdokter", "football"]}, "ar")
    rows = session.exec(select(UnknownWord)).all()
    assert [(r.word, r.lang, r.count) for r in rows] == [("fietsdokter", "ar", 2)]


def test_mapping_a_word_takes_effect_in_the_next_match(
    client: FlaskClient, world: World, engine: Engine, session: Session
) -> None:
    load_demo_postcodes(engine)
    repair = add_opportunity(
        session, title="Fietsenwerkplaats De Spaak", talents=["bicycle_repair"], kind="volunteer"
    )
    session.commit()
    before = _match(client, PROFILE)
    assert before["not_understood"] == ["fietsdokter"]
    _match(client, PROFILE)
    sign_in(client, world.coordinator)
    page = client.get("/en/coordinator/words").get_data(as_text=True)
    assert '<td lang="ar" dir="auto">fietsdokter</td>' in page and "<td>2</td>" in page
    response = client.post(
        "/en/coordinator/words/map",
        data={"word": "fietsdokter", "lang": "ar", "code": "bicycle_repair"},
    )
    assert response.status_code == 302
    after = _match(client, PROFILE)
    assert after["not_understood"] == []
    first = after["suggestions"][0]  # type: ignore[index]
    assert first["opportunity"]["id"] == repair.id
    label = default_taxonomy().label("bicycle_repair", "ar")
    assert any(label in r["text"] for r in first["reasons"]), first["reasons"]
    page = client.get("/en/coordinator/words").get_data(as_text=True)
    assert (
        '<td lang="ar" dir="auto">fietsdokter</td>' not in page
    )  # understood now, so off the list


def test_every_process_sees_the_change(engine: Engine, session: Session, tmp_path: object) -> None:
    other = make_engine(
        engine.url.render_as_string(hide_password=False)
    )  # another process's engine and caches
    try:
        assert current_taxonomy(other).resolve("brommer").code is None
        from matching.taxonomy_store import add_synonym

        add_synonym(
            session, taxonomy=current_taxonomy(engine), code="driving", lang="nl", word="brommer"
        )
        session.commit()
        assert current_taxonomy(other).resolve("brommer").code == "driving"
    finally:
        other.dispose()


def test_entries_are_added_and_renamed_in_eight_languages_and_shared_as_json(
    client: FlaskClient, world: World, engine: Engine, session: Session, tmp_path: object
) -> None:
    sign_in(client, world.coordinator)
    labels = {"label_nl": "Heftruck rijden", "label_en": "Forklift driving", "label_ar": "قيادة الرافعة الشوكية",
              "label_ti": "ምዝዋር ፎርክሊፍት", "label_fa": "رانندگی لیفتراک", "label_uk": "Керування навантажувачем",
              "label_tr": "Forklift kullanma", "label_so": "Wadista forklift"}  # fmt: skip
    missing = client.post(
        "/en/coordinator/taxonomy/entries",
        data={"code": "heftruck", "group": "driving_logistics", **{**labels, "label_so": ""}},
    )
    assert missing.status_code == 422 and "so" in missing.get_data(as_text=True)
    added = client.post(
        "/en/coordinator/taxonomy/entries",
        data={"code": "heftruck", "group": "driving_logistics", **labels},
    )
    assert added.status_code == 302
    renamed = client.post(
        "/en/coordinator/taxonomy/entries/football",
        data={"label_nl": "Voetballen", "word": "balletje trappen", "word_lang": "nl"},
    )
    assert renamed.status_code == 302
    taxonomy = current_taxonomy(engine)
    assert (
        taxonomy.entries["heftruck"].label("ti") == "ምዝዋር ፎርክሊፍት"
        and taxonomy.entries["heftruck"].group == "driving_logistics"
    )
    assert (
        taxonomy.label("football", "nl") == "Voetballen"
        and taxonomy.label("football", "en") == "Football"
    )
    assert taxonomy.resolve("balletje trappen").code == "football"
    assert (
        default_taxonomy().label("football", "nl") != "Voetballen"
    )  # the shipped taxonomy stays the default
    exported = client.get("/en/coordinator/taxonomy/export.json")
    document = json.loads(exported.get_data(as_text=True))
    assert document == export_additions(session)
    # Another municipality's Opstap takes the file.
    from matching.migrate import upgrade

    elsewhere = make_engine(f"sqlite:///{tmp_path}/elsewhere.db")  # type: ignore[str-bytes-safe]
    upgrade(elsewhere)
    from matching.taxonomy_store import import_additions

    with Session(elsewhere) as other:
        assert import_additions(
            other, document=document, taxonomy=current_taxonomy(elsewhere, other)
        ) == (2, 1)
        other.commit()
    theirs = current_taxonomy(elsewhere)
    assert theirs.resolve("balletje trappen").code == "football" and "heftruck" in theirs.entries
    elsewhere.dispose()


def test_a_bad_import_changes_nothing(client: FlaskClient, world: World, session: Session) -> None:
    import io

    sign_in(client, world.coordinator)
    bad = {"format": "opstap-taxonomy-additions", "version": 1, "entries": [],
           "synonyms": [{"code": "football", "lang": "nl", "word": "trapbal"}, {"code": "no_such", "lang": "nl", "word": "x"}]}  # fmt: skip
    response = client.post(
        "/en/coordinator/taxonomy/import", data={"file": (io.BytesIO(json.dumps(bad).encode()), "t.json")},
        content_type="multipart/form-data", follow_redirects=True,
    )  # fmt: skip
    assert "Nothing was imported" in response.get_data(
        as_text=True
    ) and "synonyms[2].code" in response.get_data(as_text=True)
    assert session.exec(select(TaxonomySynonym)).all() == []


def test_only_coordinators_keep_the_words(client: FlaskClient, world: World) -> None:
    sign_in(client, world.coach_a)
    assert client.get("/en/coordinator/words").status_code == 403
    assert (
        client.post(
            "/en/coordinator/words/map", data={"word": "x", "lang": "nl", "code": "football"}
        ).status_code
        == 403
    )
    assert client.get("/en/coordinator/taxonomy/export.json").status_code == 403


def test_imports_map_talents_with_the_coordinators_words(
    engine: Engine, session: Session, settings: object
) -> None:
    from matching.models import Opportunity
    from matching.taxonomy_store import add_synonym
    from tests.importers.helpers import do_import

    load_demo_postcodes(engine)
    add_synonym(
        session,
        taxonomy=current_taxonomy(engine),
        code="bicycle_repair",
        lang="nl",
        word="fietsdokter",
    )
    session.commit()
    path = tmp_file = __import__("pathlib").Path(str(settings.instance_path)) / "repair.jsonl"  # type: ignore[attr-defined]
    tmp_file.write_text(json.dumps({"id": "r1", "kind": "volunteer", "title": "Fietsdokter gezocht", "postcode": "2711",
                                    "talents": ["fietsdokter"]}) + "\n", encoding="utf-8")  # fmt: skip
    result = do_import(engine, settings, path, source="repair")  # type: ignore[arg-type]
    assert result.added == 1, result.rejections
    assert session.exec(select(Opportunity)).one().talents == ["bicycle_repair"]
