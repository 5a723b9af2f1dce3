"""The adapters by format name, and how a location (file, folder, URL) picks one."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session

from importers.base import Adapter, SourceUnreadable
from importers.duo import DuoMboAdapter, looks_like_duo
from importers.fetch import decode_text, is_url
from importers.geocode import CachedOnline, OnlineLookup, combined_geocoder, geopy_lookup
from importers.geojson import GeoJsonAdapter, OverpassAdapter
from importers.hsds import HsdsAdapter, looks_like_hsds
from importers.jobposting import JobPostingAdapter
from importers.native import NativeAdapter
from importers.normalise import ItemContext
from importers.openactive import OpenActiveAdapter
from importers.tabular import CsvAdapter, ExcelAdapter
from matching.geo import postcode_table
from matching.json_text import loads
from matching.settings import Settings
from matching.taxonomy import Taxonomy
from matching.taxonomy_store import current_taxonomy, taxonomy_version

ADAPTERS: dict[str, type[Adapter]] = {
    adapter.format: adapter
    for adapter in (
        NativeAdapter, CsvAdapter, ExcelAdapter, OpenActiveAdapter, HsdsAdapter, JobPostingAdapter,
        GeoJsonAdapter, OverpassAdapter, DuoMboAdapter,
    )
}  # fmt: skip
SNIFF_BYTES = 256 * 1024


def sniff_json(document: Any) -> str | None:
    """The format of a parsed JSON document, from its shape."""
    if isinstance(document, dict):
        if isinstance(document.get("items"), list) and (
            "next" in document or "license" in document
        ):
            return "openactive"
        if document.get("type") in {"FeatureCollection", "Feature"}:
            return "geojson"
        if isinstance(document.get("elements"), list):
            return "overpass"
        if isinstance(document.get("resources"), list):
            return "hsds"
        if looks_like_hsds(document):
            return "hsds"
    for entry in document if isinstance(document, list) else [document]:
        if isinstance(entry, dict) and (
            "JobPosting" in str(entry.get("@type")) or "@graph" in entry
        ):
            return "jobposting"
    return None


def format_for_path(location: str) -> str:
    """The adapter format a location implies (extension, folder contents, or a .json file's shape)."""
    path = Path(location)
    if not is_url(location) and path.is_dir():
        return _folder_format(path)
    suffix = Path(location.split("?", 1)[0]).suffix.lower()
    if suffix == ".csv" and not is_url(location) and _header_is_duo(path):
        return DuoMboAdapter.format
    for name, adapter in ADAPTERS.items():
        if suffix in adapter.extensions:
            return name
    if suffix == ".json" and not is_url(location):
        try:
            document = loads(decode_text(path.read_bytes(), location))
        except (OSError, ValueError, SourceUnreadable):
            document = None
        found = sniff_json(document)
        if found:
            return found
        if document is not None:
            raise SourceUnreadable(
                f"cannot tell what kind of JSON {location!r} is (expected an OpenActive RPDE page, HSDS, GeoJSON, "
                "Overpass or JobPosting JSON-LD); give the format"
            )
    if not is_url(location) and not path.exists():
        raise SourceUnreadable(f"file not found: {location}")
    known = ", ".join(sorted({ext for a in ADAPTERS.values() for ext in a.extensions} | {".json"}))
    raise SourceUnreadable(
        f"cannot tell the format of {location!r} from its name (known: {known}); give the format "
        f"({', '.join(sorted(ADAPTERS))})"
    )


def _folder_format(folder: Path) -> str:
    """A folder is an HSDS datapackage, a folder of HSDS JSON documents, or a folder of RPDE pages."""
    if (folder / "datapackage.json").exists():
        return "hsds"
    for page in sorted(p for p in folder.iterdir() if p.suffix.lower() == ".json" and p.is_file()):
        try:
            found = sniff_json(loads(decode_text(page.read_bytes(), str(page))))
        except (OSError, ValueError, SourceUnreadable):
            continue
        if found in {"openactive", "hsds"}:
            return found
    return "openactive"  # its reader says which page is not a feed page


def _header_is_duo(path: Path) -> bool:
    """True when a CSV's first line carries DUO's MBO Opleidingsaanbod columns."""
    try:
        with path.open("rb") as handle:
            first = handle.readline(SNIFF_BYTES)
    except OSError:
        return False
    return looks_like_duo(first.decode("utf-8", errors="replace"))


def make_adapter(
    location: str, *, format: str | None = None, options: Mapping[str, Any] | None = None
) -> Adapter:
    """An adapter for this location, by explicit format or by guessing from the location."""
    name = format or format_for_path(location)
    try:
        adapter_class = ADAPTERS[name]
    except KeyError:
        raise SourceUnreadable(
            f"unknown format {name!r}; known: {', '.join(sorted(ADAPTERS))}"
        ) from None
    return adapter_class(location, options=options)


def context_fingerprint(
    table: dict[str, tuple[float, float]], taxonomy: Taxonomy, online: str
) -> str:
    """Changes whenever the postcode table, the taxonomy or the geocoder changes."""
    digest = hashlib.sha1()
    for code, (lat, lon) in sorted(table.items()):
        digest.update(f"{code}:{lat}:{lon};".encode())
    for code in sorted(taxonomy.entries):
        digest.update(code.encode())
    digest.update(online.encode())
    return digest.hexdigest()[:16]


def build_context(
    engine: Engine,
    *,
    settings: Settings,
    taxonomy: Taxonomy | None = None,
    online: OnlineLookup | None = None,
) -> ItemContext:
    """The import context: taxonomy, postcode table (+ the online geocoder where set) and service area.

    `online` replaces the geopy geocoder (tests hand in a fake); nothing here touches the network
    unless OPSTAP_GEOCODER is set.
    """
    with Session(engine) as session:
        table = postcode_table(session)
        edits = taxonomy_version(session)
    if online is None and settings.geocoder:
        online = geopy_lookup(
            settings.geocoder,
            user_agent=settings.geocoder_user_agent,
            url=settings.geocoder_url,
            timeout=settings.geocoder_timeout,
        )
    cached = CachedOnline(engine, online) if online is not None else None
    taxonomy = taxonomy or current_taxonomy(
        engine
    )  # the coordinator's words map imported talents too
    return ItemContext(
        taxonomy=taxonomy,
        geocode=combined_geocoder(table, cached),
        service_bbox=settings.service_bbox(),
        fingerprint=context_fingerprint(
            table, taxonomy, ("online" if cached else "") + f"|taxonomy {edits}"
        ),
    )
