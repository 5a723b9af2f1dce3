"""GeoJSON and OpenStreetMap Overpass JSON: clubs and sports places; RD New files converted, never misplaced."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from importers.base import Adapter, Deleted, RawRecord, RowError, SourceUnreadable
from importers.fetch import read_json
from importers.geocode import postcode_key
from importers.jsonld import as_dict
from importers.rd import crs_kind, looks_like_rd, rd_to_wgs84

# OSM sport values whose English word the taxonomy knows under another name.
OSM_SPORTS = {
    "soccer": "football", "athletics": "running", "fitness": "fitness", "martial_arts": "martial arts",
    "table_tennis": "table tennis", "field_hockey": "hockey", "american_football": "american football",
}  # fmt: skip


def _brief(value: Any) -> str:
    """A short, safe rendering of a value for a message."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _first_point(geometry: Any) -> tuple[float, float] | None:
    """(x, y) of a Point, or the mean of the outer ring / all points of another geometry."""
    if not isinstance(geometry, dict):
        return None
    coordinates = geometry.get("coordinates")
    kind = geometry.get("type")
    if kind == "Point" and isinstance(coordinates, list) and len(coordinates) >= 2:
        x, y = coordinates[0], coordinates[1]
        if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in (x, y)):
            raise RowError(f"geometry: coordinates must be two numbers, got {_brief(coordinates)}")
        if not all(math.isfinite(v) and abs(v) < 1e9 for v in (x, y)):
            raise RowError(f"geometry: coordinates {_brief(coordinates)} are not on Earth")
        return float(x), float(y)
    points: list[list[float]] = []

    def collect(value: Any) -> None:
        if (
            isinstance(value, list)
            and len(value) >= 2
            and all(isinstance(v, (int, float)) for v in value[:2])
        ):
            points.append(value)
        elif isinstance(value, list):
            for entry in value:
                collect(entry)

    if kind == "Polygon" and isinstance(coordinates, list) and coordinates:
        collect(coordinates[0])
    else:
        collect(coordinates)
    if not points:
        return None
    return sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)


def tags_to_item(tags: dict[str, Any], *, kind: str) -> dict[str, Any]:
    """Catalogue fields from OSM-style tags or GeoJSON properties."""
    item: dict[str, Any] = {"kind": kind}
    title = tags.get("name") or tags.get("naam") or tags.get("title") or tags.get("official_name")
    if title:
        item["title"] = str(title).strip()
    description = tags.get("description") or tags.get("omschrijving")
    if description:
        item["description"] = str(description).strip()
    provider = tags.get("operator") or tags.get("provider") or tags.get("organisatie") or title
    if provider:
        item["provider"] = str(provider).strip()[:300]
    street = " ".join(
        str(tags[k]).strip() for k in ("addr:street", "addr:housenumber") if tags.get(k)
    )
    street = street or str(tags.get("address") or tags.get("adres") or "").strip()
    if street:
        item["address"] = street[:300]
    postcode = postcode_key(str(tags.get("addr:postcode") or tags.get("postcode") or ""))
    if postcode:
        item["postcode"] = postcode
    city = tags.get("addr:city") or tags.get("city") or tags.get("plaats")
    if city:
        item["city"] = str(city).strip()[:120]
    sports = [s.strip() for s in str(tags.get("sport") or "").split(";") if s.strip()]
    item["talents"] = [OSM_SPORTS.get(s, s.replace("_", " ")) for s in sports]
    contact = (
        tags.get("contact:email")
        or tags.get("email")
        or tags.get("phone")
        or tags.get("contact:phone")
    )
    contact = contact or tags.get("website") or tags.get("contact:website")
    if contact:
        item["contact"] = str(contact)[:300]
    return item


class GeoJsonAdapter(Adapter):
    """A GeoJSON FeatureCollection in WGS84, or in RD New (EPSG:28992) when its `crs` says so."""

    format = "geojson"
    extensions = (".geojson",)

    def __init__(self, location: str, **kwargs: Any) -> None:
        super().__init__(location, **kwargs)
        self.rd = False

    def read(self) -> Iterator[RawRecord]:
        """Every feature; the file is refused when its coordinates are in an unknown or undeclared system."""
        document = read_json(self.location)
        if not isinstance(document, dict) or document.get("type") not in (
            "FeatureCollection",
            "Feature",
        ):
            raise SourceUnreadable(f"{self.location} is not a GeoJSON FeatureCollection")
        features = (
            document.get("features") if document["type"] == "FeatureCollection" else [document]
        )
        if not isinstance(features, list):
            raise SourceUnreadable(f"{self.location}: 'features' is not a list")
        crs = document.get("crs")
        name = self.options.get("crs") or (
            as_dict(crs.get("properties")).get("name") if isinstance(crs, dict) else None
        )
        if name is not None and not isinstance(name, str):
            raise SourceUnreadable(f"{self.location}: crs.properties.name must be text")
        system = crs_kind(name)
        if system is None:
            raise SourceUnreadable(
                f"{self.location} is in coordinate system {name!r}; Opstap reads WGS84 and RD New (EPSG:28992) only"
            )
        self.rd = system == "rd"
        if not self.rd:
            # GeoJSON without a crs is WGS84 by definition; metres there mean an undeclared RD file.
            for feature in features[:50]:
                try:
                    point = (
                        _first_point(feature.get("geometry")) if isinstance(feature, dict) else None
                    )
                except RowError:
                    continue  # that feature is rejected on its own row
                if point and (abs(point[0]) > 180 or abs(point[1]) > 90):
                    hint = (
                        ' (they look like RD New metres: add "crs": EPSG:28992 to the file)'
                        if looks_like_rd(*point)
                        else ""
                    )
                    raise SourceUnreadable(
                        f"{self.location}: coordinates {point[0]:.0f}, {point[1]:.0f} are not WGS84 degrees{hint}; "
                        "nothing was imported"
                    )
        for number, feature in enumerate(features, 1):
            yield RawRecord(number, feature)

    def to_item(self, record: RawRecord) -> dict[str, Any] | Deleted:
        """One feature: its properties, and its point (or the middle of its shape)."""
        feature = record.data
        if not isinstance(feature, dict):
            raise RowError("not a GeoJSON feature object")
        properties = as_dict(feature.get("properties"))
        item = tags_to_item(properties, kind=self.options.get("kind") or "club")
        identifier = feature.get("id") or properties.get("id") or properties.get("@id")
        if identifier is None:
            raise RowError("id: the feature has no id (feature.id or properties.id)")
        item["id"] = str(identifier)
        point = _first_point(feature.get("geometry"))
        if point is None:
            if not item.get("postcode"):
                raise RowError("geometry: missing, and no postcode to place the item by")
            return item
        x, y = point
        if self.rd:
            if not looks_like_rd(x, y):
                raise RowError(f"geometry: {x:.0f}, {y:.0f} is outside the RD New area")
            item["lat"], item["lon"] = (round(v, 6) for v in rd_to_wgs84(x, y))
        else:
            item["lat"], item["lon"] = y, x  # GeoJSON order is longitude, latitude
        return item


class OverpassAdapter(Adapter):
    """OpenStreetMap Overpass API JSON (`[out:json]`): nodes, and ways/relations with `out center`."""

    format = "overpass"
    extensions = ()

    def read(self) -> Iterator[RawRecord]:
        """Every element with tags."""
        document = read_json(self.location)
        if not isinstance(document, dict) or not isinstance(document.get("elements"), list):
            raise SourceUnreadable(f"{self.location} is not Overpass JSON (no 'elements' list)")
        number = 0
        for element in document["elements"]:
            number += 1
            if isinstance(element, dict) and element.get("tags"):
                yield RawRecord(number, element)

    def to_item(self, record: RawRecord) -> dict[str, Any] | Deleted:
        """One OSM element: its tags, and its position (or centre)."""
        element: dict[str, Any] = record.data
        item = tags_to_item(element.get("tags") or {}, kind=self.options.get("kind") or "club")
        item["id"] = f"{element.get('type', 'node')}/{element.get('id')}"
        position = element if "lat" in element else element.get("center") or {}
        if not isinstance(position, dict):
            raise RowError(f"center: must be an object with lat and lon, got {_brief(position)}")
        if "lat" in position and "lon" in position:
            for name in ("lat", "lon"):
                value = position[name]
                if isinstance(value, bool) or not isinstance(value, int | float):
                    raise RowError(f"{name}: must be a number, got {_brief(value)}")
            item["lat"], item["lon"] = float(position["lat"]), float(position["lon"])
        elif not item.get("postcode"):
            raise RowError(
                f"{item['id']} has no position: run the Overpass query with `out center;`"
            )
        return item
