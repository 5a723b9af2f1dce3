"""The catalogue as Open Referral HSDS 3: organisations with services (JSON) and the CSV datapackage.

One service per item, at one location. What HSDS has no field for (kind, talents, places left,
audience, phase, Dutch level) travels as attributes of Opstap's own taxonomy, so another Opstap
reads the export back onto the same items; any HSDS reader can ignore them.
"""

from __future__ import annotations

import csv
import hashlib
import json
import uuid
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from matching.models import Opportunity
from matching.publish.common import ICAL_DAYS, SourceLicence

NAMESPACE = uuid.UUID("6f1d0a52-7f0e-4d1c-9a63-0c5e3b7a2d10")
_NAMESPACE_BYTES = NAMESPACE.bytes
TAXONOMY = "opstap"  # the attributes' taxonomy name, which Opstap's HSDS importer reads
LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English", "ar": "العربية", "ti": "ትግርኛ", "fa": "فارسی",
                  "uk": "Українська", "tr": "Türkçe", "so": "Soomaali", "de": "Deutsch", "fr": "Français"}  # fmt: skip


def hsds_id(kind: str, key: object) -> str:
    """A stable UUID for an HSDS object of one Opstap row (the same export twice gives the same ids).

    Exactly uuid.uuid5(NAMESPACE, f"{kind}:{key}"), formatted straight from the SHA-1 digest: an export
    makes some twenty ids an item, and the uuid module's object costs more than the hash.
    """
    digest = hashlib.sha1(_NAMESPACE_BYTES + f"{kind}:{key}".encode()).hexdigest()
    variant = "89ab"[int(digest[16], 16) & 3]
    return f"{digest[:8]}-{digest[8:12]}-5{digest[13:16]}-{variant}{digest[17:20]}-{digest[20:32]}"


@lru_cache(maxsize=64)
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


def organizations(opps: Iterable[Opportunity]) -> Iterator[dict[str, Any]]:
    """Organisations (one per provider name) with their services; `opps` must come grouped by provider."""
    current: dict[str, Any] | None = None
    for opp in opps:
        name = opp.provider_name or opp.title
        if current is None or current["name"] != name:
            if current is not None:
                yield current
            current = {
                "id": hsds_id("organization", name),
                "name": name,
                "description": name,
                "services": [],
            }
        service = service_document(opp)
        service["organization_id"] = current["id"]
        current["services"].append(service)
    if current is not None:
        yield current


def export_order(session: Session, *, source: str | None = None) -> Iterator[Opportunity]:
    """Every item grouped by provider (as organisations are written), streamed."""
    query = select(Opportunity)
    if source:
        query = query.where(col(Opportunity.source) == source)
    order = (
        func.coalesce(func.nullif(col(Opportunity.provider_name), ""), col(Opportunity.title)),
        col(Opportunity.id),
    )
    yield from session.exec(query.order_by(*order).execution_options(yield_per=1000))


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


def _table_rows(
    org: dict[str, Any], terms: dict[str, dict[str, Any]]
) -> Iterator[tuple[str, dict[str, Any]]]:
    yield "organizations", org
    for service in org["services"]:
        yield "services", service
        for language in service["languages"]:
            yield "languages", language
        for option in service.get("cost_options", []):
            yield "cost_options", option
        for attribute in service["attributes"]:
            yield "attributes", attribute
            terms[attribute["taxonomy_term"]["id"]] = attribute["taxonomy_term"]
        for sal in service["service_at_locations"]:
            yield "service_at_location", sal
            yield "locations", sal["location"]
            for address in sal["location"]["addresses"]:
                yield "addresses", address
            for schedule in sal["schedules"]:
                yield "schedules", schedule


def write_export(
    folder: Path,
    opps: Iterable[Opportunity],
    *,
    publisher: str,
    licence: str,
    sources: list[SourceLicence],
) -> dict[str, int]:
    """Write organizations.json (an HSDS list page) and the CSV datapackage into `folder`; counts per table.

    Streams: one organisation at a time goes to the JSON file and the CSV tables, so memory stays
    flat however large the catalogue (`opps` grouped by provider, as `export_order` gives them).
    """
    folder.mkdir(parents=True, exist_ok=True)
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
    counts = dict.fromkeys(TABLES, 0)
    terms: dict[str, dict[str, Any]] = {}
    with ExitStack() as stack:
        handles = {
            name: stack.enter_context(
                (folder / f"{name}.csv").open("w", encoding="utf-8", newline="")
            )
            for name in TABLES
        }
        writers = {name: csv.writer(handles[name]) for name in TABLES}
        for name, writer in writers.items():
            writer.writerow(TABLES[name])
        page = stack.enter_context((folder / "organizations.json").open("w", encoding="utf-8"))
        page.write('{"contents": [')
        for number, org in enumerate(organizations(opps)):
            page.write(("," if number else "") + "\n" + json.dumps(org, ensure_ascii=False))
            for table, row in _table_rows(org, terms):
                if table != "taxonomy_terms":
                    writers[table].writerow(
                        ["" if row.get(k) is None else row[k] for k in TABLES[table]]
                    )
                    counts[table] += 1
        for term in terms.values():
            writers["taxonomy_terms"].writerow([term.get(k, "") for k in TABLES["taxonomy_terms"]])
        counts["taxonomy_terms"] = len(terms)
        total = counts["organizations"]
        tail = {
            "total_items": total, "total_pages": 1, "page_number": 1, "size": total, "first_page": True,
            "last_page": True, "empty": total == 0, **attribution,
        }  # fmt: skip
        page.write("\n]," + json.dumps(tail, ensure_ascii=False)[1:] + "\n")
    resources = [
        {"name": RESOURCE_NAMES[name], "path": f"{name}.csv", "profile": "tabular-data-resource",
         "schema": {"fields": [{"name": c, "type": "string"} for c in columns]}}
        for name, columns in TABLES.items()
    ]  # fmt: skip
    package = {
        "name": "opstap_catalogue", "title": f"{publisher}: catalogue (Open Referral HSDS 3)",
        "profile": "tabular-data-package", "version": "3.0.0", "homepage": "https://docs.openreferral.org",
        "resources": resources, **attribution,
    }  # fmt: skip
    (folder / "datapackage.json").write_text(
        json.dumps(package, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return counts
