"""The offline postcode table: loading GeoNames files, PC4 means, PC6 fallback, distance."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session, func, select

from matching.geo import haversine_km, lookup_postcode, outside_area_reason
from matching.models import Postcode
from matching.settings import NETHERLANDS_BBOX
from tests.conftest import Runner, shared_file


def test_geo_load_reads_the_real_geonames_file(runner: Runner, session: Session) -> None:
    path = shared_file("geonames-nl", "NL.txt")
    result = runner("geo", "load", str(path))
    assert result.exit_code == 0, result.output
    assert "loaded 4086 postcodes from 4334 rows" in result.output
    assert session.exec(select(func.count()).select_from(Postcode)).one() == 4086
    zoetermeer = session.get(Postcode, "2711")
    assert zoetermeer is not None and zoetermeer.municipality == "Zoetermeer"
    assert lookup_postcode(session, postcode="2711 AB") == (zoetermeer.lat, zoetermeer.lon)
    # Loading again replaces, never duplicates.
    runner("geo", "load", str(path))
    assert session.exec(select(func.count()).select_from(Postcode)).one() == 4086


def test_a_pc4_on_several_rows_takes_the_mean(
    runner: Runner, session: Session, tmp_path: Path
) -> None:
    path = tmp_path / "two.txt"
    path.write_text(
        "NL\t1234\tA\tZH\t11\tGemeente A\t1\t\t\t52.0\t4.0\t6\n"
        "NL\t1234\tB\tZH\t11\tGemeente A\t1\t\t\t52.2\t4.2\t6\n",
        encoding="utf-8",
    )
    assert runner("geo", "load", str(path)).exit_code == 0
    row = session.get(Postcode, "1234")
    assert row is not None and (row.lat, row.lon, row.row_count) == (52.1, 4.1, 2)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("NL\t1234\tonly three\n", "expected the 12 GeoNames columns"),
        ("NL\tabcd\tX\tZH\t1\tG\t1\t\t\t52\t4\t6\n", "postcode must look like"),
    ],
)
def test_a_bad_postcode_file_loads_nothing(
    runner: Runner, session: Session, tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "bad.txt"
    path.write_text(content, encoding="utf-8")
    result = runner("geo", "load", str(path))
    assert result.exit_code == 1 and message in result.output and "unchanged" in result.output
    assert session.exec(select(func.count()).select_from(Postcode)).one() == 0


@pytest.mark.parametrize(
    ("a", "b", "km"),
    [
        ((52.0617, 4.4925), (52.0617, 4.4925), 0.0),
        ((52.0617, 4.4925), (52.3676, 4.9041), 44.0),
        ((52.0, 4.0), (53.0, 4.0), 111.2),
    ],
)
def test_haversine(a: tuple[float, float], b: tuple[float, float], km: float) -> None:
    assert haversine_km(*a, *b) == pytest.approx(km, abs=0.5)


def test_outside_area_reason_catches_swapped_coordinates() -> None:
    assert outside_area_reason(52.06, 4.49, NETHERLANDS_BBOX) is None
    assert "swapped" in (outside_area_reason(4.49, 52.06, NETHERLANDS_BBOX) or "")
    assert "outside the service area" in (outside_area_reason(48.85, 2.35, NETHERLANDS_BBOX) or "")
