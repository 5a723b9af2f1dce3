"""Open Referral HSDS 3: service directories as JSON objects, list pages, or the CSV datapackage."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from importers.base import Adapter, Deleted, RawRecord, RowError, SourceUnreadable
from importers.fetch import decode_text, read_bytes, read_json
from importers.geocode import postcode_key
from importers.jsonld import as_dict, day_code

WITHDRAWN = {"inactive", "defunct", "temporarily closed"}


def _rows(text: str) -> list[dict[str, str]]:
    return [
        {k: (v or "").strip() for k, v in row.items() if k}
        for row in csv.DictReader(io.StringIO(text, newline=""))
    ]


def _by(rows: list[dict[str, Any]], key: str) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        if row.get(key):
            grouped[str(row[key])].append(row)
    return grouped


def read_datapackage(location: str) -> list[tuple[int, dict[str, Any]]]:
    """Service-at-location records (with service, organisation, location, addresses…) from the CSV tables."""
    path = Path(location)
    package_path = path / "datapackage.json" if path.is_dir() else path
    package = read_json(str(package_path))
    if not isinstance(package, dict) or not isinstance(package.get("resources"), list):
        raise SourceUnreadable(f"{package_path} is not a datapackage (no 'resources' list)")
    tables: dict[str, list[dict[str, str]]] = {}
    for resource in package["resources"]:
        name, relative = resource.get("name"), resource.get("path")
        if not name or not relative:
            continue
        csv_path = package_path.parent / str(relative)
        if not csv_path.exists():
            if name in {"service", "organization", "location"}:
                raise SourceUnreadable(f"{package_path}: table {name} ({csv_path.name}) is missing")
            continue
        tables[name] = _rows(decode_text(read_bytes(str(csv_path)), str(csv_path)))
    organizations = {o["id"]: o for o in tables.get("organization", [])}
    locations: dict[str, dict[str, Any]] = {
        loc["id"]: dict(loc) for loc in tables.get("location", [])
    }
    addresses = _by(tables.get("address", []), "location_id")
    for location_id, loc in locations.items():
        loc["addresses"] = addresses.get(location_id, [])
    schedules_by_sal = _by(tables.get("schedule", []), "service_at_location_id")
    schedules_by_service = _by(tables.get("schedule", []), "service_id")
    languages = _by(tables.get("language", []), "service_id")
    costs = _by(tables.get("cost_option", []), "service_id")
    phones = _by(tables.get("phone", []), "service_id")
    terms = {t["id"]: t for t in tables.get("taxonomy_term", []) if t.get("id")}
    attributes = _by(
        [
            {**a, "taxonomy_term": terms.get(a.get("taxonomy_term_id", ""), {})}
            for a in tables.get("attribute", [])
        ],
        "link_id",
    )
    services: dict[str, dict[str, Any]] = {}
    for service in tables.get("service", []):
        full: dict[str, Any] = dict(service)
        full["organization"] = organizations.get(service.get("organization_id", ""), {})
        full["languages"] = languages.get(service["id"], [])
        full["cost_options"] = costs.get(service["id"], [])
        full["phones"] = phones.get(service["id"], [])
        full["schedules"] = schedules_by_service.get(service["id"], [])
        full["attributes"] = attributes.get(service["id"], [])
        services[service["id"]] = full
    records: list[tuple[int, dict[str, Any]]] = []
    linked: set[str] = set()
    for number, sal in enumerate(tables.get("service_at_location", []), 2):
        found = services.get(sal.get("service_id", ""))
        if found is None:
            records.append(
                (
                    number,
                    {
                        "id": sal.get("id"),
                        "error": f"service_id {sal.get('service_id')!r} is not in services.csv",
                    },
                )
            )
            continue
        linked.add(found["id"])
        record = {
            "id": sal.get("id") or found["id"],
            "service": found,
            "location": locations.get(sal.get("location_id", ""), {}),
            "schedules": schedules_by_sal.get(sal.get("id", ""), []),
        }
        records.append((number, record))
    offset = len(records) + 2
    for number, (service_id, service) in enumerate(services.items(), offset):
        if service_id not in linked:
            records.append(
                (number, {"id": service_id, "service": service, "location": {}, "schedules": []})
            )
    return records


def records_from_json(document: Any, where: str) -> list[dict[str, Any]]:
    """Service-at-location records from a service, an organisation, a service_at_location or a list page."""
    if isinstance(document, dict) and isinstance(document.get("contents"), list):
        records = []
        for entry in document["contents"]:
            records.extend(records_from_json(entry, where))
        return records
    if isinstance(document, list):
        return [r for entry in document for r in records_from_json(entry, where)]
    if not isinstance(document, dict):
        raise SourceUnreadable(f"{where} is not an HSDS object")
    if "services" not in document and {"tax_status", "legal_status", "year_incorporated"} & set(
        document
    ):
        return []  # an organisation listed without its services: nothing to place
    if "services" in document and "name" in document:  # an organisation with its services
        organization = {k: v for k, v in document.items() if k != "services"}
        return [
            r for service in document["services"] if isinstance(service, dict)
            for r in records_from_json({**service, "organization": service.get("organization") or organization}, where)
        ]  # fmt: skip
    if "service" in document and "location" in document:  # a service_at_location
        return [{"id": document.get("id"), "service": document["service"], "location": document["location"] or {},
                 "schedules": document.get("schedules") or []}]  # fmt: skip
    if (
        "service_at_locations" in document
        or "organization" in document
        or "cost_options" in document
    ):
        placements = [s for s in document.get("service_at_locations") or [] if isinstance(s, dict)]
        if not placements:
            return [
                {"id": document.get("id"), "service": document, "location": {}, "schedules": []}
            ]
        return [
            {"id": s.get("id") or document.get("id"), "service": document, "location": s.get("location") or {},
             "schedules": s.get("schedules") or []}
            for s in placements
        ]  # fmt: skip
    raise SourceUnreadable(
        f"{where} is not an HSDS service, organisation, service_at_location or list page "
        f"(it has: {', '.join(list(document)[:8])})"
    )


def read_json_folder(folder: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Records from every HSDS document in a folder, each service at a location once.

    A folder of API answers (as HSDS publishes its examples) holds the same service in several
    files and documents that are no services (the API root, taxonomy lists): those are passed
    over, and a service listed without its location is dropped where another file places it.
    """
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".json" and p.is_file())
    records: dict[str, dict[str, Any]] = {}
    used = 0
    for file in files:
        document = read_json(str(file))
        if not looks_like_hsds(document) or _lists_taxonomies(document):
            continue
        used += 1
        for record in records_from_json(document, str(file)):
            key = str(record.get("id") or as_dict(record.get("service")).get("id") or len(records))
            records.setdefault(key, record)
    if not used:
        raise SourceUnreadable(
            f"{folder} has no datapackage.json, and none of its {len(files)} .json file(s) is an HSDS "
            "service, organisation, service_at_location or list page"
        )
    placed = {as_dict(r.get("service")).get("id") for r in records.values() if r.get("location")}
    kept = [
        r
        for r in records.values()
        if r.get("location") or as_dict(r.get("service")).get("id") not in placed
    ]
    yield from enumerate(kept, 1)


def _lists_taxonomies(document: Any) -> bool:
    """True for a list page of taxonomies or taxonomy terms (they hold no service)."""
    entries = [e for e in document.get("contents") or [] if isinstance(e, dict)]
    return bool(entries) and all(
        {"uri", "version"} <= set(e) or "term_uri" in e or "taxonomy_detail" in e for e in entries
    )


def _sessions(schedules: list[dict[str, Any]]) -> list[dict[str, str]]:
    sessions = []
    for schedule in schedules:
        if str(schedule.get("freq") or "WEEKLY").upper() != "WEEKLY":
            continue
        opens, closes = (
            str(schedule.get("opens_at") or "")[:5],
            str(schedule.get("closes_at") or "")[:5],
        )
        if not opens or not closes or closes <= opens:
            continue
        for day in str(schedule.get("byday") or "").split(","):
            code = day_code(day.strip()[-2:])
            session = {"day": code, "start": opens, "end": closes} if code else None
            if session and session not in sessions:
                sessions.append(session)
    return sessions


def _number(value: Any) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


class HsdsAdapter(Adapter):
    """HSDS 3 JSON (service, organisation, service_at_location, list pages) or a CSV datapackage."""

    format = "hsds"
    extensions = ()

    def read(self) -> Iterator[RawRecord]:
        """One record per service at a location (a service without one is rejected)."""
        path = Path(self.location)
        if path.is_dir() and not (path / "datapackage.json").exists():
            for number, record in read_json_folder(path):
                yield RawRecord(number, record)
            return
        if path.is_dir() or path.name == "datapackage.json":
            for number, record in read_datapackage(self.location):
                yield RawRecord(number, record)
            return
        for number, record in enumerate(
            records_from_json(read_json(self.location), self.location), 1
        ):
            yield RawRecord(number, record)

    def to_item(self, record: RawRecord) -> dict[str, Any] | Deleted:
        """Map a service at a location to a catalogue item."""
        data: dict[str, Any] = record.data
        if "error" in data:
            raise RowError(data["error"])
        service: dict[str, Any] = data["service"]
        location: dict[str, Any] = data["location"]
        if not location:
            raise RowError(
                "service_at_location: the service has no location, so it cannot be placed"
            )
        if str(location.get("location_type") or "physical") == "virtual":
            raise RowError("location: virtual only, there is no place to go to")
        organization = as_dict(service.get("organization"))
        opstap = opstap_attributes(service)
        item: dict[str, Any] = {
            "id": data.get("id") or service.get("id"),
            "kind": self.options.get("kind") or (opstap.get("kind") or ["club"])[0],
            "title": str(service.get("name") or "").strip(),
            "description": str(service.get("description") or "").strip(),
            "provider": str(organization.get("name") or "").strip(),
        }
        addresses = [a for a in location.get("addresses") or [] if isinstance(a, dict)]
        physical = next(
            (a for a in addresses if a.get("address_type") == "physical"),
            addresses[0] if addresses else {},
        )
        if physical:
            postcode = postcode_key(str(physical.get("postal_code") or ""))
            parts = [physical.get("address_1"), physical.get("address_2")]
            if not postcode and physical.get("postal_code"):
                parts.append(physical["postal_code"])
            street = ", ".join(str(p).strip() for p in parts if p and str(p).strip())
            if street:
                item["address"] = street[:300]
            if postcode:
                item["postcode"] = postcode
            if physical.get("city"):
                item["city"] = str(physical["city"]).strip()[:120]
        lat, lon = _number(location.get("latitude")), _number(location.get("longitude"))
        if lat is not None and lon is not None:
            item["lat"], item["lon"] = lat, lon
        elif "address" not in item and "postcode" not in item:
            raise RowError("location: no coordinates and no address, so the item cannot be placed")
        item["schedule"] = _sessions(data.get("schedules") or service.get("schedules") or [])
        codes = [
            str(lang.get("code") or "").strip().lower()
            for lang in service.get("languages") or []
            if isinstance(lang, dict)
        ]
        item["languages"] = [c for c in codes if c and c != "nl"]
        low, high = _number(service.get("minimum_age")), _number(service.get("maximum_age"))
        if low is not None:
            item["age_min"] = int(low)
        if high is not None and high <= 120:
            item["age_max"] = int(high)
        cost = self._cost(service.get("cost_options") or [])
        if cost is not None:
            item["cost_eur_year"] = cost
        phones = [p for p in service.get("phones") or [] if isinstance(p, dict)]
        contact = (
            service.get("email")
            or (str(phones[0].get("number") or "").strip('"') if phones else "")
            or service.get("url")
        )
        if contact:
            item["contact"] = str(contact)[:300]
        if str(service.get("status") or "").lower() in WITHDRAWN:
            item["status"] = "withdrawn"
        modified = str(service.get("last_modified") or "")[:10]
        if len(modified) == 10:
            item["last_confirmed"] = modified
        self._apply_opstap(item, opstap)
        return item

    @staticmethod
    def _apply_opstap(item: dict[str, Any], opstap: dict[str, list[str]]) -> None:
        """What another Opstap's export says in its own attributes (HSDS has no field for it)."""
        for name in ("phase", "places_left"):
            values = [v for v in opstap.get(name, []) if v.strip().lstrip("-").isdigit()]
            if values:
                item[name] = int(values[0])
        for name in ("dutch_level_min", "audience"):
            if opstap.get(name):
                item[name] = opstap[name][0]
        if opstap.get("talent"):
            item["talents"] = opstap["talent"]
        if opstap.get("integration_value"):
            item["integration_value"] = opstap["integration_value"]

    @staticmethod
    def _cost(options: list[Any]) -> float | None:
        """0 when an option is free; the lowest euro amount; unknown for other currencies."""
        amounts = [
            (_number(o.get("amount")), str(o.get("currency") or "EUR").upper())
            for o in options
            if isinstance(o, dict)
        ]
        amounts = [(a, c) for a, c in amounts if a is not None]
        if any(a == 0 for a, _ in amounts):
            return 0.0
        euros = [a for a, c in amounts if c == "EUR" and a is not None]
        return min(euros) if euros else None


def opstap_attributes(service: dict[str, Any]) -> dict[str, list[str]]:
    """Values of the service's attributes in Opstap's own taxonomy, by name (kind, talent, places_left …)."""
    found: dict[str, list[str]] = {}
    for attribute in service.get("attributes") or []:
        if not isinstance(attribute, dict):
            continue
        term = as_dict(attribute.get("taxonomy_term"))
        if term.get("taxonomy") != "opstap":
            continue
        name = str(term.get("code") or term.get("name") or attribute.get("link_type") or "")
        found.setdefault(name, []).append(str(attribute.get("value") or ""))
    return found


def looks_like_hsds(document: Any) -> bool:
    """True for an HSDS service, organisation, service_at_location or list page."""
    if (
        isinstance(document, dict)
        and isinstance(document.get("contents"), list)
        and "total_items" in document
    ):
        return True
    return isinstance(document, dict) and (
        "service_at_locations" in document or ("services" in document and "name" in document)
        or ("service" in document and "location" in document) or "cost_options" in document
    )  # fmt: skip
