"""Offline geography: great-circle distance, the postcode table, the service area."""

from __future__ import annotations

import csv
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete
from sqlmodel import Session, select

from matching.models import Postcode
from matching.schema import normalise_postcode

EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def bbox_around(lat: float, lon: float, radius_km: float) -> tuple[float, float, float, float]:
    """A (south, west, north, east) box that contains every point within radius_km."""
    dlat = radius_km / 111.0
    dlon = radius_km / (111.0 * max(0.01, math.cos(math.radians(lat))))
    return lat - dlat, lon - dlon, lat + dlat, lon + dlon


def in_box(lat: float, lon: float, box: tuple[float, float, float, float]) -> bool:
    """True when (lat, lon) lies inside the (south, west, north, east) box."""
    south, west, north, east = box
    return south <= lat <= north and west <= lon <= east


def outside_area_reason(
    lat: float, lon: float, box: tuple[float, float, float, float]
) -> str | None:
    """Why a point is outside the service area (mentioning swapped coordinates), or None."""
    if in_box(lat, lon, box):
        return None
    reason = f"place {lat:.5f},{lon:.5f} is outside the service area"
    if in_box(lon, lat, box):
        reason += " (latitude and longitude look swapped)"
    return reason


@dataclass(frozen=True)
class PostcodeRow:
    """One row of a GeoNames postal-code file."""

    code: str
    place: str
    municipality: str
    lat: float
    lon: float


class PostcodeFileError(ValueError):
    """A postal-code file that cannot be read; nothing was loaded."""


def read_geonames(path: Path) -> list[PostcodeRow]:
    """Read a GeoNames postal-code file (NL.txt format: 12 tab-separated columns, no header)."""
    rows: list[PostcodeRow] = []
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise PostcodeFileError(f"cannot open {path}: {exc.strerror or exc}") from exc
    with handle:
        try:
            for number, cols in enumerate(
                csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE), 1
            ):
                if not cols or not any(cols):
                    continue
                if len(cols) < 11:
                    raise PostcodeFileError(
                        f"{path}, line {number}: expected the 12 GeoNames columns, found {len(cols)}"
                    )
                try:
                    code = normalise_postcode(cols[1])
                    lat, lon = float(cols[9]), float(cols[10])
                except ValueError as exc:
                    raise PostcodeFileError(f"{path}, line {number}: {exc}") from exc
                municipality = cols[5].removeprefix("Gemeente ").strip()
                rows.append(PostcodeRow(code, cols[2].strip(), municipality, lat, lon))
        except UnicodeDecodeError as exc:
            raise PostcodeFileError(f"{path} is not UTF-8 text: {exc}") from exc
    if not rows:
        raise PostcodeFileError(f"{path} holds no postcode rows")
    return rows


def aggregate_postcodes(rows: Iterable[PostcodeRow]) -> list[Postcode]:
    """One Postcode per code; a code on several rows takes the mean of their coordinates."""
    grouped: dict[str, list[PostcodeRow]] = defaultdict(list)
    for row in rows:
        grouped[row.code].append(row)
    result = []
    for code, group in sorted(grouped.items()):
        result.append(
            Postcode(
                code=code,
                lat=round(sum(r.lat for r in group) / len(group), 6),
                lon=round(sum(r.lon for r in group) / len(group), 6),
                place=" / ".join(dict.fromkeys(r.place for r in group))[:200],
                municipality=" / ".join(dict.fromkeys(r.municipality for r in group))[:200],
                row_count=len(group),
            )
        )
    return result


def load_postcodes(session: Session, *, rows: Iterable[PostcodeRow]) -> int:
    """Replace the listed codes in the table with these rows; returns how many codes were stored."""
    postcodes = aggregate_postcodes(rows)
    codes = [p.code for p in postcodes]
    for start in range(0, len(codes), 500):
        session.execute(delete(Postcode).where(Postcode.code.in_(codes[start : start + 500])))  # type: ignore[attr-defined]
    session.add_all(postcodes)
    session.flush()
    return len(postcodes)


def lookup_postcode(session: Session, *, postcode: str) -> tuple[float, float] | None:
    """Coordinates of a PC6 or PC4 postcode; a PC6 not in the table falls back to its PC4."""
    try:
        code = normalise_postcode(postcode)
    except ValueError:
        return None
    for candidate in dict.fromkeys([code, code[:4]]):
        row = session.exec(select(Postcode).where(Postcode.code == candidate)).first()
        if row is not None:
            return row.lat, row.lon
    return None


def postcode_table(session: Session) -> dict[str, tuple[float, float]]:
    """The whole postcode table as a dict, for bulk geocoding during imports."""
    return {p.code: (p.lat, p.lon) for p in session.exec(select(Postcode))}
