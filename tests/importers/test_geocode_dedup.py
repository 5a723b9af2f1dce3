"""Geocoding (offline table, online only where configured, cached) and deduplication across sources."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from importers.dedup import name_key, same_name
from matching.models import GeocodeCache, Opportunity, SourceRecord
from matching.settings import Settings
from tests.factories import native_line
from tests.importers.helpers import do_import, fixture, load_demo_postcodes


def _write(path: Path, lines: list[dict[str, object]]) -> Path:
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    return path


class FakeGeocoder:
    """Answers from a dict and counts the questions; never the network."""

    def __init__(self, answers: dict[str, tuple[float, float]]) -> None:
        self.answers = answers
        self.asked: list[str] = []

    def __call__(self, query: str) -> tuple[float, float] | None:
        self.asked.append(query)
        return next((place for key, place in self.answers.items() if key in query), None)


def test_offline_only_an_unplaceable_item_is_rejected_never_put_at_zero(
    engine: Engine, settings: Settings, tmp_path: Path
) -> None:
    load_demo_postcodes(engine)
    path = _write(tmp_path / "c.jsonl", [
        native_line(id="pc6", lat=None, lon=None, postcode="2712 XY"),
        native_line(id="addr", lat=None, lon=None, postcode=None, address="Markt 1", city="Zoetermeer"),
    ])  # fmt: skip
    result = do_import(engine, settings, path)
    assert result.added == 1
    assert (
        "could not be placed" in result.rejections[0].reason
        and "OPSTAP_GEOCODER" in result.rejections[0].reason
    )
    with Session(engine) as session:
        assert session.exec(select(Opportunity).where(Opportunity.lat == 0)).first() is None


def test_the_online_geocoder_is_asked_once_and_its_answers_are_cached(
    engine: Engine, settings: Settings, tmp_path: Path
) -> None:
    load_demo_postcodes(engine)
    fake = FakeGeocoder({"Markt 1": (52.0601, 4.4940)})
    path = _write(tmp_path / "c.jsonl", [
        native_line(id="table", lat=None, lon=None, postcode="2711"),
        native_line(id="addr", lat=None, lon=None, postcode=None, address="Markt 1", city="Zoetermeer"),
        native_line(id="nowhere", lat=None, lon=None, postcode=None, address="Nergensweg 9", city="Nergens"),
    ])  # fmt: skip
    first = do_import(engine, settings, path, online=fake)
    assert first.added == 2 and "could not be placed" in first.rejections[0].reason
    assert fake.asked == [
        "Markt 1, Zoetermeer, Nederland",
        "Nergensweg 9, Nergens, Nederland",
    ]  # not the table hit
    with Session(engine) as session:
        cached = {c.query: (c.lat, c.lon) for c in session.exec(select(GeocodeCache))}
        placed = session.exec(select(Opportunity).where(Opportunity.source_id == "addr")).one()
    assert cached == {
        "Markt 1, Zoetermeer, Nederland": (52.0601, 4.494),
        "Nergensweg 9, Nergens, Nederland": (None, None),
    }
    assert (placed.lat, placed.lon) == (52.0601, 4.494)
    second_fake = FakeGeocoder({})
    path.write_text(path.read_text(encoding="utf-8").replace("Test club", "Club"), encoding="utf-8")
    do_import(engine, settings, path, online=second_fake)
    assert second_fake.asked == []  # answered from the GeocodeCache table, also "not found"


def test_names_are_compared_after_normalisation() -> None:
    assert name_key("V.V. De Zoetermeerse Boys") == "zoetermeerse boys"
    assert same_name(name_key("Zoetermeerse Zwemclub"), name_key("zoetermeerse  zwemclub!"))
    assert same_name(name_key("Taalcafé De Boog"), name_key("Taalcafe de Boog"))
    assert not same_name(name_key("Schaakclub De Pion"), name_key("Schaakclub Het Paard"))


def test_the_same_club_from_two_sources_is_one_item_with_both_sources(
    engine: Engine, settings: Settings
) -> None:
    load_demo_postcodes(engine)
    municipal = do_import(engine, settings, fixture("sportclubs.csv"), source="gemeente",
                          options={"mapping": str(fixture("sportclubs.toml"))})  # fmt: skip
    assert municipal.added == 3
    feed = do_import(engine, settings, fixture("rpde-zoetermeer"), source="openactive")
    assert (feed.added, feed.merged) == (
        2,
        1,
    )  # the swimming club is merged; the padel court is new
    with Session(engine) as session:
        swims = session.exec(
            select(Opportunity).where(col(Opportunity.title).contains("Zwemclub"))
        ).all()
        assert len(swims) == 1
        swim = swims[0]
        records = session.exec(
            select(SourceRecord).where(SourceRecord.opportunity_id == swim.id)
        ).all()
        assert sorted((r.source, r.source_id) for r in records) == [
            ("gemeente", "ZC-001"),
            ("openactive", "zm-swim-women"),
        ]
        assert (
            swim.places_left == 3
        )  # the booking feed knows the capacity better than the yearly list
        assert swim.source == "gemeente"  # the item keeps its first source's facts otherwise
    # Importing both again changes nothing.
    again = do_import(engine, settings, fixture("rpde-zoetermeer"), source="openactive")
    assert (again.added, again.updated, again.unchanged) == (0, 0, 2)


def test_a_merged_item_is_retired_only_when_no_source_lists_it(
    engine: Engine, settings: Settings, tmp_path: Path
) -> None:
    load_demo_postcodes(engine)
    mapping = {"mapping": str(fixture("sportclubs.toml"))}
    do_import(engine, settings, fixture("sportclubs.csv"), source="gemeente", options=mapping)
    do_import(engine, settings, fixture("rpde-zoetermeer"), source="openactive")
    only_header = tmp_path / "leeg.csv"
    only_header.write_text(
        fixture("sportclubs.csv").read_text(encoding="utf-8-sig").splitlines()[0] + "\n",
        encoding="utf-8",
    )
    emptied = do_import(engine, settings, only_header, source="gemeente", options=mapping)
    assert emptied.retired == 3

    def status(title: str) -> str:
        with Session(engine) as session:
            return session.exec(select(Opportunity.status).where(Opportunity.title == title)).one()

    assert status("Zoetermeerse Zwemclub") == "active"  # the feed still lists it
    assert status("Schaakclub De Pion") == "withdrawn"
    feed_dir = tmp_path / "feed"
    feed_dir.mkdir()
    (feed_dir / "page.json").write_text('{"next": "page.json", "items": []}', encoding="utf-8")
    gone = do_import(engine, settings, feed_dir, source="openactive")
    assert gone.retired == 2 and status("Zoetermeerse Zwemclub") == "withdrawn"
