"""`opstap geo names FILE`: neighbourhood and village names per PC4 for the kiosk's tap list."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session, select

from matching.areas import AreaName, area_choices, area_name_of, parse_area_names
from tests.conftest import Runner
from tests.factories import add_postcode


def _areas(session: Session) -> dict[str, str]:
    session.expire_all()
    return {row.pc4: row.name for row in session.exec(select(AreaName))}


def test_a_names_file_loads_with_bad_rows_named_and_good_rows_kept(
    runner: Runner, session: Session, tmp_path: Path
) -> None:
    add_postcode(session, "2711", 52.0617, 4.4925)
    path = tmp_path / "wijken.csv"
    # Semicolons and Dutch headers, as a CBS or Excel export has them; PC6 rows vote for their PC4.
    path.write_text(
        "Postcode;Buurtnaam;Gemeente\n2711AB;Dorp;Zoetermeer\n2711 AC;Dorp;Zoetermeer\n2711AD;Palenstein;Zoetermeer\n"
        "0123;Nergens;X\n2712;;Zoetermeer\n2713;Meerzicht;Zoetermeer\n",
        encoding="utf-8",
    )
    result = runner("geo", "names", str(path))
    assert result.exit_code == 0, result.output
    assert "row 5: postcode '0123'" in result.output and "row 6: the name is empty" in result.output
    assert "loaded 2 names for 2 PC4 areas from 6 rows" in result.output
    assert _areas(session) == {"2711": "Dorp", "2713": "Meerzicht"}
    assert area_name_of(session, pc4="2711") == "Dorp"


def test_an_unusable_file_changes_nothing(runner: Runner, session: Session, tmp_path: Path) -> None:
    good = tmp_path / "good.csv"
    good.write_text("postcode,name\n2711,Dorp\n", encoding="utf-8")
    assert runner("geo", "names", str(good)).exit_code == 0
    bad = tmp_path / "bad.csv"
    bad.write_text("pc,wijk_code\n2711,WK0637\n", encoding="utf-8")
    result = runner("geo", "names", str(bad))
    assert result.exit_code == 1 and "a postcode column" in result.output and "unchanged" in result.output
    assert runner("geo", "names", str(tmp_path / "missing.csv")).exit_code == 1
    assert _areas(session) == {"2711": "Dorp"}


def test_one_tap_per_name_at_its_central_pc4_and_geonames_places_as_fallback(session: Session) -> None:
    for code, lat in (("2711", 52.00), ("2712", 52.01), ("2713", 52.02), ("2714", 52.10)):
        add_postcode(session, code, lat, 4.49)
    # Without a names table the GeoNames place names serve (add_postcode leaves the place empty).
    from matching.models import Postcode

    for row in session.exec(select(Postcode)):
        row.place, row.municipality = ("Zoetermeer" if row.code != "2714" else "Benthuizen"), "Zoetermeer"
        session.add(row)
    session.commit()
    fallback = area_choices(session, municipality="Zoetermeer")
    assert [(a.name, a.pc4) for a in fallback] == [("Benthuizen", "2714"), ("Zoetermeer", "2712")]
    found = parse_area_names("postcode,name\n2711,Noord\n2712,Noord\n2713,Noord\n2714,Zuid\n")
    from matching.areas import load_area_names

    load_area_names(session, names=found.names)
    session.commit()
    choices = area_choices(session, municipality="Zoetermeer")
    assert [(a.name, a.pc4) for a in choices] == [("Noord", "2712"), ("Zuid", "2714")]
