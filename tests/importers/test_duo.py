"""DUO's "MBO Opleidingsaanbod" CSV (duo-mbo adapter).

No sample of DUO's real file can be fetched here. The fixture `duo-mbo-opleidingsaanbod.csv` was
WRITTEN FOR THIS TEST from DUO's published column list (issue 13): institutions, locations and
websites are made up (`*.example`), the crebo codes are the current Entree ones as published. It is
written the way DUO files often come: `;` separators, a UTF-8 BOM, CRLF line ends, extra columns
(BRIN_NUMMER, GEMEENTENAAM, BEGINDATUM) and the columns in another order than the list.
"""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from importers.base import RowError, SourceUnreadable
from importers.duo import DuoMboAdapter, talent_words
from importers.registry import format_for_path
from matching.models import ImportRun, Opportunity
from matching.settings import Settings
from tests.conftest import Runner
from tests.importers.helpers import do_import, fixture, load_demo_postcodes

DUO_CSV = fixture("duo-mbo-opleidingsaanbod.csv")


def _items(engine: Engine) -> dict[str, Opportunity]:
    with Session(engine) as session:
        return {o.source_id: o for o in session.exec(select(Opportunity))}


def test_entree_courses_land_at_their_locations_with_talents(
    engine: Engine, settings: Settings
) -> None:
    load_demo_postcodes(engine)
    result = do_import(engine, settings, DUO_CSV, source="duo")
    assert result.status == "success", result.error
    # 7 Entree rows: logistics BOL+BBL fold into one item; the row in postcode 9999 cannot be placed.
    assert result.added == 5
    assert [r.row for r in result.rejections] == [8]
    assert "postcode" in result.rejections[0].reason
    assert result.skipped == {"level 2": 1, "level 3": 1, "level 4": 1}
    assert "skipped 3 (level 2: 1, level 3: 1, level 4: 1)" in result.summary()
    items = _items(engine)
    logistics = items["25254@12345678/L01"]
    assert logistics.kind == "course" and logistics.phase == 4
    assert logistics.provider_name == "Voorbeeld-ROC Zoetermeer"
    assert (logistics.address, logistics.postcode, logistics.city) == (
        "Boerhaavelaan 40",
        "2713HX",
        "Zoetermeer",
    )
    assert (logistics.lat, logistics.lon) == (52.0549, 4.4848)  # PC4 2713 of the postcode table
    assert logistics.talents == ["warehouse"]
    assert logistics.title == "Assistent logistiek (BBL / BOL)"
    assert "school-based" in logistics.description and "work-based" in logistics.description
    assert "work_experience" in logistics.integration_value  # BBL: working at a company
    assert logistics.dutch_level_min == "A2"
    assert logistics.contact == "https://voorbeeld-roc.example/logistiek"
    horeca = items["25252@12345678/L02"]
    assert horeca.title.startswith("Entree Horeca & Bakkerij")  # the institution's own name
    assert set(horeca.talents) >= {"waiting_tables", "production_work", "baking"}
    assert horeca.address == "Amerikaweg 2 A"
    assert items["25258@12345678/L01"].talents == ["shop_customer", "shop_assistant"]
    assert set(items["25251@87654321/V07"].talents) == {"care"}
    assert set(items["25253@87654321/V07"].talents) == {"electrical", "metalwork_welding"}
    with Session(engine) as session:
        run = session.exec(select(ImportRun)).one()
        assert (run.added, run.rejected, run.skipped) == (5, 1, 3)


ENTREE_PROFILES = [
    ("Assistent bouwen, wonen en onderhoud", {"construction", "renovation"}),
    ("Assistent dienstverlening en zorg", {"care"}),
    (
        "Assistent horeca, voeding of voedingsindustrie",
        {"waiting_tables", "food", "production_work"},
    ),
    ("Assistent installatie- en constructietechniek", {"electrical", "metalwork_welding"}),
    ("Assistent logistiek", {"warehouse"}),
    ("Assistent mobiliteitsbranche", {"car_mechanics"}),
    ("Assistent plant, dier en (groene) ruimte", {"gardening", "animals", "garden_nature"}),
    ("Assistent procestechniek", {"production_work"}),
    ("Assistent verkoop/retail", {"shop_customer", "shop_assistant"}),
]


@pytest.mark.parametrize(("name", "codes"), ENTREE_PROFILES)
def test_every_entree_profile_maps_to_talents(name: str, codes: set[str]) -> None:
    from matching.taxonomy import default_taxonomy

    found, _unknown = default_taxonomy().resolve_many(talent_words(name))
    assert set(found) == codes


def _rewrite(source: Path, target: Path, *, delimiter: str, bom: bool, shuffle: bool) -> Path:
    rows = list(csv.reader(io.StringIO(source.read_text(encoding="utf-8-sig")), delimiter=";"))
    order = list(range(len(rows[0])))
    if shuffle:
        random.Random(13).shuffle(order)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    for row in rows:
        writer.writerow([row[i] for i in order] + ["extra"])  # an extra, unnamed-by-DUO column too
    text = out.getvalue().replace(rows[0][order[0]], rows[0][order[0]], 1)
    target.write_text(
        ("\ufeff" if bom else "") + text.replace(",extra\r\n", ",EXTRA_KOLOM\r\n", 1),
        encoding="utf-8",
    )
    return target


def test_reordered_columns_other_separators_and_no_bom_give_the_same_items(
    engine: Engine, settings: Settings, tmp_path: Path
) -> None:
    load_demo_postcodes(engine)
    do_import(engine, settings, DUO_CSV, source="duo")
    before = {k: (o.title, o.talents, o.lat, o.lon) for k, o in _items(engine).items()}
    shuffled = _rewrite(DUO_CSV, tmp_path / "aanbod.csv", delimiter=",", bom=False, shuffle=True)
    assert format_for_path(str(shuffled)) == "duo-mbo"  # recognised by its header, not its name
    again = do_import(engine, settings, shuffled, source="duo")
    assert (again.added, again.updated, again.unchanged) == (0, 0, 5)
    assert {k: (o.title, o.talents, o.lat, o.lon) for k, o in _items(engine).items()} == before


def test_levels_asked_are_kept(engine: Engine, settings: Settings) -> None:
    load_demo_postcodes(engine)
    result = do_import(
        engine, settings, DUO_CSV, source="duo", fmt="duo-mbo", options={"levels": [1, 2]}
    )
    assert result.added == 6 and result.skipped == {"level 3": 1, "level 4": 1}
    level2 = _items(engine)["25337@12345678/L01"]
    assert level2.dutch_level_min == "B1" and level2.talents == ["warehouse"]


def test_a_file_without_duo_columns_is_refused_naming_them(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("NAAM;PLAATS\nClub;Zoetermeer\n", encoding="utf-8")
    with pytest.raises(SourceUnreadable, match="OPLEIDINGSEENHEID_NAAM or EIGENNAAM"):
        list(DuoMboAdapter(str(path)).read())
    with pytest.raises(SourceUnreadable, match="levels"):
        DuoMboAdapter(str(path), options={"levels": [7]})


def test_opstap_import_of_a_duo_csv(runner: Runner, engine: Engine) -> None:
    load_demo_postcodes(engine)
    result = runner("import", str(DUO_CSV), "--format", "duo-mbo", "--source", "duo")
    assert result.exit_code == 0, result.output
    assert "added 5" in result.output and "skipped 3" in result.output
    assert "row 8:" in result.output


def test_the_coordinator_sees_the_skipped_count(
    engine: Engine, settings: Settings, client: FlaskClient
) -> None:
    from tests.loop.conftest import build_world, sign_in

    load_demo_postcodes(engine)
    do_import(engine, settings, DUO_CSV, source="duo")
    with Session(engine) as session:
        world = build_world(session)
    sign_in(client, world.coordinator)
    page = client.get("/en/coordinator/imports").get_data(as_text=True)
    assert '<th scope="col">Skipped</th>' in page and "<td>3</td>" in page
    run_id = (
        client.get("/en/coordinator/imports")
        .get_data(as_text=True)
        .split("/imports/runs/")[1]
        .split('"')[0]
    )
    assert "3 left out on purpose" in client.get(f"/en/coordinator/imports/runs/{run_id}").get_data(
        as_text=True
    )


def test_a_duo_url_is_read_like_the_file(engine: Engine, settings: Settings) -> None:
    import functools
    import http.server
    import threading

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(DUO_CSV.parent))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        load_demo_postcodes(engine)
        url = f"http://127.0.0.1:{server.server_port}/{DUO_CSV.name}"
        result = do_import(engine, settings, url, source="duo", fmt="duo-mbo")
    finally:
        server.shutdown()
        thread.join(timeout=5)
    assert result.status == "success", result.error
    assert (result.added, result.rejected, sum(result.skipped.values())) == (5, 1, 3)


def test_a_level_that_is_no_level_is_rejected_in_words_and_rows_stay_in_order(
    tmp_path: Path,
) -> None:
    lines = DUO_CSV.read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].split(";")
    level = header.index("MBONIVEAU")
    cells = lines[3].split(";")
    cells[level] = "veel"
    lines[3] = ";".join(cells)
    path = tmp_path / "aanbod.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    adapter = DuoMboAdapter(str(path))
    records = list(adapter.read())
    assert [r.row for r in records] == sorted(r.row for r in records)
    bad = next(r for r in records if r.row == 4)
    with pytest.raises(RowError, match="MBONIVEAU: 'veel' is not an mbo level"):
        adapter.to_item(bad)
