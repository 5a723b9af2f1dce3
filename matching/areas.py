"""Neighbourhood and village names per PC4 area, for the kiosk's "where do you live" tap list.

A municipality (or CBS's "buurt, wijk en gemeente per postcode") gives a CSV of postcode → name;
`opstap geo names FILE` loads it. Without it, the GeoNames place names of the postcode table serve.
"""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import delete
from sqlmodel import Field, Session, SQLModel, col, select

from matching.models import Postcode

# Header names accepted for each column (case and spaces ignored), so a CBS or municipal export
# can be used after renaming at most one column.
POSTCODE_HEADERS = ("postcode", "pc4", "pc6", "postcode4", "postcode6")
NAME_HEADERS = (
    "name",
    "naam",
    "neighbourhood",
    "buurt",
    "buurtnaam",
    "wijk",
    "wijknaam",
    "village",
    "woonplaats",
    "dorp",
)
MUNICIPALITY_HEADERS = ("municipality", "gemeente", "gemeentenaam")
MAX_NAME = 120


class AreaName(SQLModel, table=True):
    """The name people use for a PC4 area: a neighbourhood, a district or a village."""

    pc4: str = Field(primary_key=True, max_length=4)
    name: str = Field(max_length=MAX_NAME)
    municipality: str = Field(default="", max_length=200, index=True)


class AreaFileError(ValueError):
    """The names file cannot be used at all (unreadable, no header, no postcode or name column)."""


@dataclass
class AreaFile:
    """What a names file holds: one name per PC4, and the rows refused with their reasons."""

    names: dict[str, tuple[str, str]] = field(default_factory=dict)  # pc4 -> (name, municipality)
    rejected: list[tuple[int, str]] = field(default_factory=list)
    rows: int = 0


def _column(header: list[str], accepted: tuple[str, ...]) -> int | None:
    keys = [h.strip().lower().replace(" ", "").replace("_", "") for h in header]
    for name in accepted:
        if name in keys:
            return keys.index(name)
    return None


def parse_area_names(text: str) -> AreaFile:
    """Read a names CSV (comma, semicolon or tab); PC6 rows vote for their PC4's name."""
    if not text.strip():
        raise AreaFileError("the file is empty")
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), dialect)
    header = next(reader, [])
    pc_col, name_col = _column(header, POSTCODE_HEADERS), _column(header, NAME_HEADERS)
    town_col = _column(header, MUNICIPALITY_HEADERS)
    if pc_col is None or name_col is None:
        raise AreaFileError(
            f"the first line must name the columns: a postcode column ({', '.join(POSTCODE_HEADERS)}) "
            f"and a name column ({', '.join(NAME_HEADERS)}); found {', '.join(header) or 'nothing'}"
        )
    votes: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    result = AreaFile()
    for number, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        result.rows += 1
        width = max(pc_col, name_col) + 1
        if len(row) < width:
            result.rejected.append((number, f"only {len(row)} columns, expected at least {width}"))
            continue
        postcode = row[pc_col].replace(" ", "").upper()
        name = " ".join(row[name_col].split())
        town = (
            " ".join(row[town_col].split()) if town_col is not None and town_col < len(row) else ""
        )
        if not (len(postcode) in (4, 6) and postcode[:4].isdigit() and postcode[0] != "0"
                and (len(postcode) == 4 or postcode[4:].isalpha())):  # fmt: skip
            result.rejected.append(
                (
                    number,
                    f"postcode {row[pc_col]!r} is not a Dutch postcode such as 2711 or 2711 AB",
                )
            )
            continue
        if not name:
            result.rejected.append((number, "the name is empty"))
            continue
        if len(name) > MAX_NAME:
            result.rejected.append((number, f"the name is longer than {MAX_NAME} characters"))
            continue
        votes[postcode[:4]][(name, town)] += 1
    for pc4, counter in votes.items():
        # A PC4 cut by a neighbourhood border takes the name most of its addresses have.
        (name, town), _count = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        result.names[pc4] = (name, town)
    return result


def read_area_names(path: Path) -> AreaFile:
    """Parse a names file from disk; AreaFileError when it cannot be read."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise AreaFileError(f"cannot read {path}: {exc.strerror or exc}") from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")  # CBS and Excel exports on Windows
    return parse_area_names(text)


def load_area_names(session: Session, *, names: dict[str, tuple[str, str]]) -> int:
    """Replace the names table with these names (the file is the whole list); caller commits."""
    session.execute(delete(AreaName))
    for pc4, (name, town) in sorted(names.items()):
        if not town:
            known = session.get(Postcode, pc4)
            town = known.municipality if known is not None else ""
        session.add(AreaName(pc4=pc4, name=name, municipality=town))
    session.flush()
    return len(names)


@dataclass(frozen=True)
class Area:
    """One tap in the list: a name people know, and the PC4 that stands for it."""

    name: str
    pc4: str


def _central(pc4s: list[str], coords: dict[str, tuple[float, float]]) -> str:
    """The PC4 nearest the middle of a name's PC4s (its first when none has coordinates)."""
    placed = [p for p in pc4s if p in coords]
    if not placed:
        return sorted(pc4s)[0]
    lat = sum(coords[p][0] for p in placed) / len(placed)
    lon = sum(coords[p][1] for p in placed) / len(placed)
    return min(sorted(placed), key=lambda p: (coords[p][0] - lat) ** 2 + (coords[p][1] - lon) ** 2)


def area_choices(session: Session, *, municipality: str = "", limit: int = 120) -> list[Area]:
    """Names to tap for the kiosk's municipality: the loaded names, else GeoNames place names."""
    query = select(Postcode).where(col(Postcode.code).like("____"))
    if municipality:
        query = query.where(Postcode.municipality == municipality)
    postcodes = list(session.exec(query))
    coords = {p.code: (p.lat, p.lon) for p in postcodes}
    named = select(AreaName)
    if municipality:
        named = named.where(AreaName.municipality == municipality)
    groups: dict[str, list[str]] = defaultdict(list)
    for row in session.exec(named):
        groups[row.name].append(row.pc4)
    if not groups:
        for p in postcodes:
            if p.place:
                groups[p.place].append(p.code)
    areas = [Area(name, _central(pc4s, coords)) for name, pc4s in groups.items()]
    return sorted(areas, key=lambda a: a.name.casefold())[:limit]


def area_name_of(session: Session, *, pc4: str) -> str:
    """The name people use for a PC4 area ('' when none is known)."""
    row = session.get(AreaName, pc4)
    if row is not None:
        return row.name
    postcode = session.get(Postcode, pc4)
    return postcode.place if postcode is not None else ""
