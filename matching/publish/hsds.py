"""The catalogue as Open Referral HSDS 3: organisations with services (JSON) and the CSV datapackage.

One service per item, at one location. What HSDS has no field for (kind, talents, places left,
audience, phase, Dutch level) travels as attributes of Opstap's own taxonomy, so another Opstap
reads the export back onto the same items; any HSDS reader can ignore them.
"""

from __future__ import annotations

import csv
import json
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from matching.models import Opportunity
from matching.publish.common import ICAL_DAYS, SourceLicence

NAMESPACE = uuid.UUID("6f1d0a52-7f0e-4d1c-9a63-0c5e3b7a2d10")
TAXONOMY = "opstap"  # the attributes' taxonomy name, which Opstap's HSDS importer reads
LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English", "ar": "العربية", "ti": "ትግርኛ", "fa": "فارسی",
                  "uk": "Українська", "tr": "Türkçe", "so": "Soomaali", "de": "Deutsch", "fr": "Français"}  # fmt: skip


def hsds_id(kind: str, key: object) -> str:
    """A stable UUID for an HSDS object of one Opstap row (the same export twice gives the same ids)."""
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


def _term(name: str) -> dict[str, Any]:
    return {
        "id": hsds_id("term", name),
        "code": name,
        "name": name,
        "description": f"Opstap: {name}",
        "taxonomy": TAXONOMY,
    }


def _attributes(opp: Opportunity, service_id: str) -> list[dict[str, Any]]:
    values: list[tuple[str, str]] = [
        ("kind", opp.kind), ("phase", str(opp.phase)), ("dutch_level_min", opp.dutch_level_min),
        ("audience", opp.audience), ("places_left", "" if opp.places_left is None else str(opp.places_left)),
    ]  # fmt: skip
    values += [("talent", code) for code in opp.talents]
    values += [("integration_value", value) for value in opp.integration_value]
    return [
        {
            "id": hsds_id("attribute", f"{opp.id}:{name}:{value}"),
            "link_id": service_id,
            "link_type": name,
            "link_entity": "service",
            "value": value,
            "taxonomy_term_id": _term(name)["id"],
            "taxonomy_term": _term(name),
        }
        for name, value in values
    ]


def service_document(opp: Opportunity) -> dict[str, Any]:
    """One item as an HSDS service with its service_at_location (location, address, schedules)."""
    service_id, location_id, sal_id = (
        hsds_id("service", opp.id),
        hsds_id("location", opp.id),
        hsds_id("sal", opp.id),
    )
    schedules = [
        {
            "id": hsds_id("schedule", f"{opp.id}:{n}"),
            "service_at_location_id": sal_id,
            "freq": "WEEKLY",
            "byday": ICAL_DAYS[s["day"]],
            "opens_at": s["start"],
            "closes_at": s["end"],
            "timezone": 1.0,  # HSDS wants an offset in hours; Europe/Amsterdam in winter
        }
        for n, s in enumerate(opp.schedule)
        if s.get("day") in ICAL_DAYS
    ]
    address = {
        "id": hsds_id("address", opp.id),
        "location_id": location_id,
        "address_1": opp.address or "",
        "city": opp.city or "",
        "state_province": "",
        "postal_code": opp.postcode or "",
        "country": "NL",
        "address_type": "physical",
    }
    location = {
        "id": location_id,
        "location_type": "physical",
        "name": opp.provider_name or opp.title,
        "latitude": opp.lat,
        "longitude": opp.lon,
        "addresses": [address],
    }
    service: dict[str, Any] = {
        "id": service_id,
        "name": opp.title,
        "description": opp.description,
        "status": "active" if opp.status == "active" else "inactive",
        "languages": [
            {
                "id": hsds_id("language", f"{opp.id}:{code}"),
                "service_id": service_id,
                "code": code,
                "name": LANGUAGE_NAMES.get(code, code),
            }
            for code in ["nl", *opp.languages]
        ],  # fmt: skip
        "service_at_locations": [
            {
                "id": sal_id,
                "service_id": service_id,
                "location_id": location_id,
                "location": location,
                "schedules": schedules,
            }
        ],  # fmt: skip
        "attributes": _attributes(opp, service_id),
    }
    if opp.age_min is not None:
        service["minimum_age"] = opp.age_min
    if opp.age_max is not None:
        service["maximum_age"] = opp.age_max
    if opp.cost_eur_year is not None:
        service["cost_options"] = [
            {"id": hsds_id("cost", opp.id), "service_id": service_id, "currency": "EUR", "amount": opp.cost_eur_year,
             "option": "per jaar", "amount_description": "euro per year"}
        ]  # fmt: skip
    if opp.contact and "@" in opp.contact:
        service["email"] = opp.contact
    elif opp.contact and opp.contact.startswith("http"):
        service["url"] = opp.contact
    if opp.last_confirmed:
        service["last_modified"] = f"{opp.last_confirmed.isoformat()}T00:00:00Z"
    return service


def organizations(opps: Iterable[Opportunity]) -> list[dict[str, Any]]:
    """Organisations (one per provider name) with their services, in catalogue order."""
    found: dict[str, dict[str, Any]] = {}
    for opp in opps:
        name = opp.provider_name or opp.title
        organization = found.get(name)
        if organization is None:
            organization = found[name] = {
                "id": hsds_id("organization", name), "name": name, "description": name, "services": [],
            }  # fmt: skip
        service = service_document(opp)
        service["organization_id"] = organization["id"]
        organization["services"].append(service)
    return list(found.values())


TABLES: dict[str, list[str]] = {
    "organizations": ["id", "name", "description"],
    "services": ["id", "organization_id", "name", "description", "url", "email", "status", "minimum_age", "maximum_age", "last_modified"],
    "locations": ["id", "location_type", "name", "latitude", "longitude"],
    "addresses": ["id", "location_id", "address_1", "city", "state_province", "postal_code", "country", "address_type"],
    "service_at_location": ["id", "service_id", "location_id"],
    "schedules": ["id", "service_at_location_id", "freq", "byday", "opens_at", "closes_at", "timezone"],
    "languages": ["id", "service_id", "name", "code"],
    "cost_options": ["id", "service_id", "option", "currency", "amount", "amount_description"],
    "attributes": ["id", "link_id", "taxonomy_term_id", "link_type", "link_entity", "value"],
    "taxonomy_terms": ["id", "code", "name", "description", "taxonomy"],
}  # fmt: skip
RESOURCE_NAMES = {
    "organizations": "organization", "services": "service", "locations": "location", "addresses": "address",
    "service_at_location": "service_at_location", "schedules": "schedule", "languages": "language",
    "cost_options": "cost_option", "attributes": "attribute", "taxonomy_terms": "taxonomy_term",
}  # fmt: skip


def _rows(orgs: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    terms: dict[str, dict[str, Any]] = {}
    for org in orgs:
        tables["organizations"].append(org)
        for service in org["services"]:
            tables["services"].append(service)
            tables["languages"] += service["languages"]
            tables["cost_options"] += service.get("cost_options", [])
            for attribute in service["attributes"]:
                tables["attributes"].append(attribute)
                terms[attribute["taxonomy_term"]["id"]] = attribute["taxonomy_term"]
            for sal in service["service_at_locations"]:
                tables["service_at_location"].append(sal)
                tables["locations"].append(sal["location"])
                tables["addresses"] += sal["location"]["addresses"]
                tables["schedules"] += sal["schedules"]
    tables["taxonomy_terms"] = list(terms.values())
    return tables


def write_export(
    folder: Path,
    opps: Iterable[Opportunity],
    *,
    publisher: str,
    licence: str,
    sources: list[SourceLicence],
) -> dict[str, int]:
    """Write organizations.json (an HSDS list page) and the CSV datapackage into `folder`; counts per table."""
    folder.mkdir(parents=True, exist_ok=True)
    orgs = organizations(opps)
    attribution = {
        "publisher": publisher,
        "licenses": [{"path": licence, "title": f"Catalogue published by {publisher}"}],
        "sources": [
            {
                "title": s.name,
                "path": s.licence or "",
                "licence": s.licence,
                "attribution": s.attribution,
            }
            for s in sources
        ],
    }
    page = {"total_items": len(orgs), "total_pages": 1, "page_number": 1, "size": len(orgs), "first_page": True,
            "last_page": True, "empty": not orgs, "contents": orgs, **attribution}  # fmt: skip
    (folder / "organizations.json").write_text(
        json.dumps(page, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    tables = _rows(orgs)
    resources = []
    for name, columns in TABLES.items():
        with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
            writer.writeheader()
            for row in tables[name]:
                writer.writerow({k: ("" if row.get(k) is None else row.get(k)) for k in columns})
        resources.append(
            {"name": RESOURCE_NAMES[name], "path": f"{name}.csv", "profile": "tabular-data-resource",
             "schema": {"fields": [{"name": c, "type": "string"} for c in columns]}}
        )  # fmt: skip
    package = {
        "name": "opstap_catalogue", "title": f"{publisher}: catalogue (Open Referral HSDS 3)",
        "profile": "tabular-data-package", "version": "3.0.0", "homepage": "https://docs.openreferral.org",
        "resources": resources, **attribution,
    }  # fmt: skip
    (folder / "datapackage.json").write_text(
        json.dumps(package, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return {name: len(rows) for name, rows in tables.items()}
