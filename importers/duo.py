"""DUO's "MBO Opleidingsaanbod" CSV: every mbo programme offered, by institution and location (open data).

One course item per programme × teaching location; the institution is the provider. Rows of the
levels not asked (default: level 1, Entree) are skipped and counted, not rejected. BOL and BBL rows
of the same programme at the same location become one item that names both learning routes.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Mapping
from typing import Any

from importers.base import Adapter, RawRecord, RowError, SourceUnreadable
from importers.fetch import decode_text, read_bytes
from importers.tabular import sniff_delimiter

# Columns the adapter needs (by any of these names); every other column is ignored.
REQUIRED = {
    "name": ("OPLEIDINGSEENHEID_NAAM", "EIGENNAAM"),
    "institution": ("NAAM",),
    "postcode": ("POSTCODE",),
}
DUO_MARKERS = {
    "OPLEIDINGSEENHEIDCODE",
    "ERKENDEOPLEIDINGSCODE",
    "LEERTRAJECT",
    "ONDERWIJSLOCATIECODE",
}
DUO_DOWNLOAD_URL = "https://onderwijsdata.duo.nl/dataset/mbo_opleidingsaanbod"  # DUO open-data portal (CKAN); CC BY

# Dutch level asked of a starting student, by mbo level, when the programme is taught in Dutch.
# Entree asks no diploma; the language level most Entree students start from is about A2 (1F).
DUTCH_BY_LEVEL: Mapping[int, str] = {1: "A2", 2: "B1", 3: "B1", 4: "B2"}
# Words in programme names that say nothing about a talent ("Assistent logistiek" → logistiek).
STOP_WORDS = {
    "assistent", "medewerker", "entree", "en", "of", "de", "het", "een", "mbo", "niveau", "bol", "bbl",
    "opleiding", "basis", "allround", "vakkracht", "eerste", "tweede", "ruimte", "wonen",
}  # fmt: skip
ROUTES = {
    "BOL": "BOL (beroepsopleidende leerweg): school-based, mostly at school with work placements",
    "BBL": "BBL (beroepsbegeleidende leerweg): work-based, working at a company with one day a week at school",
}
LANGUAGE_CODES = {"nederlands": "nl", "engels": "en", "duits": "de", "frans": "fr"}


def _key(name: str) -> str:
    return re.sub(r"[^A-Z0-9]+", "_", name.strip().lstrip("\ufeff").upper()).strip("_")


def _level(value: str) -> int | None:
    """1-4 from "1", "Niveau 1", "MBO-1"; None for an empty cell or anything else."""
    found = re.fullmatch(r"\D*([1-4])\D*", value or "")
    return int(found.group(1)) if found else None


def talent_words(*names: str) -> list[str]:
    """The words of programme and qualification names that may name a talent, in order, without repeats."""
    words: list[str] = []
    for name in names:
        for part in re.split(r"[\s/,;()&+]+", name or ""):
            word = part.strip("-.:'\"").lower()
            if (
                len(word) >= 3
                and word not in STOP_WORDS
                and not word.isdigit()
                and word not in words
            ):
                words.append(word)
    return words


def looks_like_duo(header_line: str) -> bool:
    """True when a CSV header carries DUO's column names."""
    names = {_key(h) for h in re.split(r"[;,\t|]", header_line)}
    return len(names & DUO_MARKERS) >= 3


class DuoMboAdapter(Adapter):
    """DUO's MBO Opleidingsaanbod CSV (file or URL); option `levels` (default [1])."""

    format = "duo-mbo"
    extensions = ()

    def __init__(self, location: str, **kwargs: Any) -> None:
        super().__init__(location, **kwargs)
        levels = self.options.get("levels") or [1]
        try:
            self.levels = {int(level) for level in levels}
        except (TypeError, ValueError):
            self.levels = set()
        if not self.levels or not self.levels <= {1, 2, 3, 4}:
            raise SourceUnreadable(f"levels must be mbo levels 1-4, got {levels!r}")

    def _table(self) -> tuple[list[str], list[tuple[int, list[str]]]]:
        text = decode_text(read_bytes(self.location), self.location).lstrip("\ufeff")
        first_line = text.split("\n", 1)[0]
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(first_line))
        try:
            rows = [(number, [c.strip() for c in cells]) for number, cells in enumerate(reader, 1)]
        except csv.Error as exc:
            raise SourceUnreadable(f"{self.location}, line {reader.line_num}: {exc}") from exc
        if not rows:
            raise SourceUnreadable(f"{self.location} is empty: no header row")
        header = [_key(h) for h in rows[0][1]]
        for need, names in REQUIRED.items():
            if not any(n in header for n in names):
                raise SourceUnreadable(
                    f"{self.location} is not DUO's MBO Opleidingsaanbod: no column {' or '.join(names)} "
                    f"(for the {need}); the header has {', '.join(header[:25])}"
                )
        if "MBONIVEAU" not in header and "OPLEIDINGSEENHEID_NIVEAU" not in header:
            raise SourceUnreadable(
                f"{self.location}: no column MBONIVEAU or OPLEIDINGSEENHEID_NIVEAU"
            )
        return header, rows[1:]

    def read(self) -> Iterator[RawRecord]:
        """One record per programme × location (its BOL and BBL rows together); other levels are counted."""
        header, rows = self._table()
        groups: dict[tuple[str, str], dict[str, Any]] = {}
        for number, cells in rows:
            if not any(cells):
                continue
            row = dict(zip(header, cells, strict=False))
            level_text = (row.get("MBONIVEAU") or row.get("OPLEIDINGSEENHEID_NIVEAU") or "").strip()
            level = _level(level_text)
            if level is None and level_text:
                # Not a level we can read: the row is rejected in words rather than guessed at.
                groups[("", f"row {number}")] = {
                    "row": number,
                    "rows": [row],
                    "level": None,
                    "bad_level": level_text,
                }
                continue
            if level is not None and level not in self.levels:
                reason = f"level {level}"
                self.skipped[reason] = self.skipped.get(reason, 0) + 1
                continue
            programme = row.get("ERKENDEOPLEIDINGSCODE") or row.get("OPLEIDINGSEENHEIDCODE") or ""
            place = row.get("ONDERWIJSLOCATIECODE") or "{}{}".format(
                row.get("POSTCODE", "").replace(" ", ""), row.get("HUISNUMMER", "")
            )
            key = (programme, f"{row.get('KVK_NUMMER') or row.get('NAAM', '')}/{place}")
            group = groups.get(key)
            if group is None:
                group = groups[key] = {"row": number, "rows": [], "level": level}
            group["rows"].append(row)
        for group in sorted(groups.values(), key=lambda g: int(g["row"])):
            yield RawRecord(int(group["row"]), group)

    def to_item(self, record: RawRecord) -> dict[str, Any]:
        """A phase-4 course at the location, with talents from the names and the learning routes."""
        group: dict[str, Any] = record.data
        if "bad_level" in group:
            raise RowError(f"MBONIVEAU: {group['bad_level'][:40]!r} is not an mbo level (1 to 4)")
        rows: list[dict[str, str]] = group["rows"]
        first = rows[0]
        crebo = first.get("ERKENDEOPLEIDINGSCODE") or first.get("OPLEIDINGSEENHEIDCODE") or ""
        name = first.get("EIGENNAAM") or first.get("OPLEIDINGSEENHEID_NAAM") or ""
        if not crebo:
            raise RowError(
                "ERKENDEOPLEIDINGSCODE and OPLEIDINGSEENHEIDCODE: both empty, so the programme has no id"
            )
        if not name:
            raise RowError("OPLEIDINGSEENHEID_NAAM: empty")
        if not first.get("NAAM"):
            raise RowError("NAAM: the institution is empty")
        location = first.get("ONDERWIJSLOCATIECODE") or first.get("POSTCODE", "").replace(" ", "")
        institution = first.get("KVK_NUMMER") or first.get("NAAM", "")
        routes = sorted({r.get("LEERTRAJECT", "").strip().upper() for r in rows} & set(ROUTES))
        level = group["level"]
        language = LANGUAGE_CODES.get((first.get("VOERTAAL") or "nederlands").strip().lower(), "nl")
        street = " ".join(
            p
            for p in (
                first.get("STRAATNAAM"),
                first.get("HUISNUMMER"),
                first.get("HUISNUMMERTOEVOEGING"),
            )
            if p
        )
        official = first.get("OPLEIDINGSEENHEID_NAAM") or name
        lines = [f"mbo {level}: {official}" if level else official]
        if first.get("KWALIFICATIEDOSSIER"):
            lines.append(f"Kwalificatiedossier: {first['KWALIFICATIEDOSSIER']}")
        lines += [ROUTES[r] for r in routes]
        item: dict[str, Any] = {
            "id": f"{crebo}@{institution}/{location}",
            "kind": "course",
            "title": (f"{name} ({' / '.join(routes)})" if routes else name)[:300],
            "description": "\n".join(lines),
            "provider": first["NAAM"][:300],
            "address": street or None,
            "postcode": first.get("POSTCODE") or None,
            "city": first.get("PLAATSNAAM") or None,
            # Not DOMEIN: a domain ("Mobiliteit, transport, logistiek en maritiem") is too broad to be a talent.
            "talents": talent_words(name, official, first.get("KWALIFICATIEDOSSIER", "")),
            "phase": 4,
            "dutch_level_min": DUTCH_BY_LEVEL.get(level or 1, "A2") if language == "nl" else "none",
            "languages": [] if language == "nl" else [language],
            # A diploma is a reference; BBL is paid work at a company from day one.
            "integration_value": ["dutch_practice", "network", "reference"]
            + (["work_experience"] if "BBL" in routes else []),
        }
        if first.get("WEBSITE"):
            item["contact"] = first["WEBSITE"][:300]
        return item
