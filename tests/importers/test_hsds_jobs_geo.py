"""HSDS 3 (the published JSON objects and CSV datapackage), JobPosting JSON-LD, GeoJSON/RD New, Overpass."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from importers.base import RowError, SourceUnreadable
from importers.hsds import HsdsAdapter
from importers.rd import rd_to_wgs84
from importers.registry import make_adapter
from matching.geo import haversine_km
from matching.models import Opportunity
from matching.settings import Settings
from tests.conftest import shared_file
from tests.importers.helpers import (
    do_import,
    fixture,
    hsds_csv_placed_in_zoetermeer,
    load_demo_postcodes,
)


def _opps(engine: Engine) -> dict[str, Opportunity]:
    with Session(engine) as session:
        return {o.source_id: o for o in session.exec(select(Opportunity))}


COUNSELLING = {
    "title": "Community Counselling", "provider": "Example Organization Inc.", "languages": ["ur"], "age_min": 12,
    "age_max": 100, "schedule": [{"day": "thu", "start": "10:00", "end": "18:00"}, {"day": "fri", "start": "10:00", "end": "18:00"}],
}  # fmt: skip


@pytest.mark.parametrize(
    "name",
    [
        "service_full.json",
        "organization_full.json",
        "service_at_location_full.json",
        "csv",
        "csv/datapackage.json",
    ],
)
def test_hsds_examples_map_service_organisation_location_schedule_languages(name: str) -> None:
    adapter = HsdsAdapter(str(shared_file("hsds-examples", *name.split("/"))))
    items = [adapter.to_item(record) for record in adapter.read()]
    assert len(items) == 1
    item = items[0]
    assert isinstance(item, dict)
    for key, value in COUNSELLING.items():
        assert item[key] == value, key
    assert item["id"] == "e94c9f38-1e8f-4564-91d4-d53501ab1765"  # the service_at_location id
    assert (
        item["address"] == "1-30 Main Street, MyVillage, ABC 1234"
    )  # a foreign postcode stays in the address
    assert "cost_eur_year" not in item  # a price in pounds is not a yearly cost in euros


@pytest.mark.parametrize("name", ["service_full.json", "csv"])
def test_hsds_example_coordinates_are_rejected_not_misplaced(
    name: str, engine: Engine, settings: Settings
) -> None:
    result = do_import(engine, settings, shared_file("hsds-examples", name))
    assert (result.status, result.added, result.rejected) == ("success", 0, 1)
    assert result.rejections[0].reason.startswith(
        "lat: 100 is above the highest allowed, 90"
    )  # latitude 100, said in words (not pydantic's "Input should be …")


def test_the_official_hsds_csv_datapackage_lands_one_counselling_service(
    engine: Engine, settings: Settings, tmp_path: Path
) -> None:
    """The real datapackage (location moved into the Netherlands) yields exactly one item, in full."""
    result = do_import(engine, settings, hsds_csv_placed_in_zoetermeer(tmp_path))
    assert (result.status, result.added, result.rejected) == ("success", 1, 0)
    opp = _opps(engine)["e94c9f38-1e8f-4564-91d4-d53501ab1765"]  # the service_at_location id
    assert (opp.title, opp.provider_name, opp.languages) == (
        "Community Counselling",
        "Example Organization Inc.",
        ["ur"],
    )
    assert (opp.age_min, opp.age_max, opp.status) == (12, 100, "active")
    assert opp.schedule == COUNSELLING["schedule"]
    assert (round(opp.lat, 4), round(opp.lon, 4)) == (52.0617, 4.4925)
    assert opp.address == "1-30 Main Street, MyVillage, ABC 1234"
    assert opp.cost_eur_year is None  # a price in pounds is not a yearly cost in euros
    again = do_import(engine, settings, hsds_csv_placed_in_zoetermeer(tmp_path / "again"))
    assert (again.added, again.updated, again.unchanged) == (0, 0, 1)


@pytest.mark.parametrize(
    "name", ["service_list.json", "service_at_location_list.json", "organization_list.json"]
)
def test_hsds_list_pages_are_read(name: str) -> None:
    adapter = HsdsAdapter(str(shared_file("hsds-examples", name)))
    records = list(adapter.read())
    assert len(records) == (0 if name == "organization_list.json" else 1)


@pytest.mark.parametrize("name", ["taxonomy.json", "base.json", "location.json"])
def test_hsds_files_without_services_are_refused_clearly(name: str) -> None:
    with pytest.raises(SourceUnreadable, match="is not an HSDS service"):
        list(HsdsAdapter(str(shared_file("hsds-examples", name))).read())


def test_a_dutch_sociale_kaart_lands(engine: Engine, settings: Settings) -> None:
    load_demo_postcodes(engine)
    result = do_import(
        engine, settings, fixture("sociale-kaart.json"), options={"kind": "volunteer"}
    )
    assert (result.added, result.rejected) == (2, 1)
    assert "has no location" in result.rejections[0].reason
    cafe = _opps(engine)["sal-taalcafe-boog"]
    assert cafe.kind == "volunteer" and cafe.provider_name == "Stichting Buurtwerk Zoetermeer"
    assert cafe.languages == ["ar"] and cafe.cost_eur_year == 0 and cafe.age_min == 16
    assert cafe.schedule == [{"day": "wed", "start": "14:00", "end": "16:00"}]
    assert str(cafe.last_confirmed) == "2026-09-01"
    sewing = _opps(engine)["sal-naaiatelier"]
    assert (sewing.lat, sewing.lon) == (
        52.0617,
        4.4925,
    ) and sewing.cost_eur_year == 25  # placed by postcode 2711


def test_job_postings_become_volunteer_roles_or_workplaces(
    engine: Engine, settings: Settings
) -> None:
    load_demo_postcodes(engine)
    result = do_import(engine, settings, fixture("vacatures.html"))
    assert (result.added, result.rejected) == (2, 0)
    host, warehouse = _opps(engine)["vcz-2026-041"], _opps(engine)["bol-9"]
    assert (host.kind, host.paid, host.hours_week, host.cost_eur_year) == (
        "volunteer",
        False,
        4.0,
        0.0,
    )
    assert host.description == "Je ontvangt gasten en helpt in de keuken. Geen ervaring nodig."
    assert host.provider_name == "Buurtrestaurant Het Lichtpunt" and "cooking" in host.talents
    assert (host.lat, host.lon) == (52.0511, 4.4999)  # postcode 2712 AB via its PC4
    assert (warehouse.kind, warehouse.paid, warehouse.hours_week) == ("workplace", True, 32.0)
    assert warehouse.status == "withdrawn"  # validThrough has passed


def test_a_jsonld_file_and_a_page_without_postings(
    tmp_path: Path, engine: Engine, settings: Settings
) -> None:
    posting = {"@context": "https://schema.org", "@type": "JobPosting", "title": "Klusser", "employmentType": "VOLUNTEER",
               "hiringOrganization": {"name": "Repair Café"}, "jobLocation": {"geo": {"latitude": 52.06, "longitude": 4.49}}}  # fmt: skip
    (tmp_path / "klus.jsonld").write_text(json.dumps(posting), encoding="utf-8")
    result = do_import(engine, settings, tmp_path / "klus.jsonld")
    assert result.added == 1 and next(iter(_opps(engine).values())).kind == "volunteer"
    (tmp_path / "empty.html").write_text(
        "<html><body>Geen vacatures</body></html>", encoding="utf-8"
    )
    failed = do_import(engine, settings, tmp_path / "empty.html")
    assert failed.status == "failed" and "ld+json" in (failed.error or "")


def test_rd_new_points_convert_to_known_wgs84_positions() -> None:
    lat, lon = rd_to_wgs84(155000, 463000)  # the Amersfoort origin of RD
    assert (round(lat, 4), round(lon, 4)) == (52.1552, 5.3872)
    lat, lon = rd_to_wgs84(121687, 487484)  # Amsterdam, Dam: the published check point
    assert haversine_km(lat, lon, 52.37422, 4.89801) < 0.01


def test_an_rd_new_geojson_file_is_converted(engine: Engine, settings: Settings) -> None:
    result = do_import(engine, settings, fixture("sportparken-rd.geojson"))
    assert result.added == 2
    amersfoort = _opps(engine)["amersfoort"]
    assert haversine_km(amersfoort.lat, amersfoort.lon, 52.1552, 5.3872) < 0.01
    assert amersfoort.talents == ["running"]  # OSM 'athletics'


def test_undeclared_rd_or_unknown_systems_are_refused_never_misplaced(
    engine: Engine, settings: Settings, tmp_path: Path
) -> None:
    result = do_import(engine, settings, fixture("sportparken-rd-undeclared.geojson"))
    assert result.status == "failed" and "look like RD New metres" in (result.error or "")
    other = json.loads(fixture("sportparken-rd.geojson").read_text(encoding="utf-8"))
    other["crs"]["properties"]["name"] = "EPSG:3857"
    (tmp_path / "mercator.geojson").write_text(json.dumps(other), encoding="utf-8")
    refused = do_import(engine, settings, tmp_path / "mercator.geojson")
    assert refused.status == "failed" and "'EPSG:3857'" in (refused.error or "")
    assert _opps(engine) == {}


def test_geojson_and_overpass_in_wgs84(engine: Engine, settings: Settings) -> None:
    load_demo_postcodes(engine)
    geo = do_import(engine, settings, fixture("sportparken.geojson"), source="geo")
    assert (geo.added, geo.rejected) == (2, 1) and "has no id" in geo.rejections[0].reason
    opps = _opps(engine)
    assert (opps["sp-1"].lat, opps["sp-1"].lon) == (52.0549, 4.4848)  # [lon, lat] order understood
    assert opps["sp-2"].talents == ["football", "basketball"]
    osm = do_import(engine, settings, fixture("overpass.json"), source="osm")
    assert (osm.added, osm.rejected) == (2, 1) and "out center" in osm.rejections[0].reason
    opps = _opps(engine)
    assert opps["node/1001"].talents == ["boxing"] and opps["way/2002"].lat == 52.0511


def test_a_feature_in_rd_outside_the_rd_area_is_rejected(tmp_path: Path) -> None:
    document = json.loads(fixture("sportparken-rd.geojson").read_text(encoding="utf-8"))
    document["features"][0]["geometry"]["coordinates"] = [4.49, 52.06]
    (tmp_path / "mixed.geojson").write_text(json.dumps(document), encoding="utf-8")
    adapter = make_adapter(str(tmp_path / "mixed.geojson"))
    records = list(adapter.read())
    with pytest.raises(RowError, match="outside the RD New area"):
        adapter.to_item(records[0])


def test_the_hsds_examples_folder_is_read_as_hsds_each_service_once(
    engine: Engine, settings: Settings, tmp_path: Path
) -> None:
    """The published folder of HSDS API answers: guessed as HSDS (not an RPDE feed), the API root and
    taxonomy lists passed over, the one service placed once although five files hold it."""
    folder = shared_file("hsds-examples")
    assert make_adapter(str(folder)).format == "hsds"
    result = do_import(engine, settings, folder)
    assert (result.status, result.added, result.rejected) == ("success", 0, 1)
    assert result.rejections[0].reason.startswith("lat: 100 is above the highest allowed, 90")
    placed = tmp_path / "hsds-json"
    placed.mkdir()
    for path in folder.glob(
        "*.json"
    ):  # the same files, the impossible latitude moved to Zoetermeer
        text = path.read_text(encoding="utf-8").replace('"latitude": 100,', '"latitude": 52.0617,')
        (placed / path.name).write_text(
            text.replace('"longitude": 101', '"longitude": 4.4925'), "utf-8"
        )
    result = do_import(engine, settings, placed, source="hsds-json")
    assert (result.status, result.added, result.rejected) == ("success", 1, 0)
    assert {o.title for o in _opps(engine).values()} == {"Community Counselling"}


def test_a_folder_with_no_hsds_document_says_so(tmp_path: Path) -> None:
    (tmp_path / "base.json").write_text('{"version": "3.0", "openapi_url": "x", "services": []}')
    with pytest.raises(
        SourceUnreadable, match=r"none of its 1 \.json file\(s\) is an HSDS service"
    ):
        list(HsdsAdapter(str(tmp_path)).read())
