"""OpenActive RPDE feeds: session series, sessions, facility uses and slots, courses and events."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from importers.base import Adapter, Deleted, RawRecord, RowError
from importers.jsonld import (
    as_dict,
    as_list,
    local_sessions,
    name_of,
    opening_hours,
    parse_datetime,
    place_fields,
    weekly_schedule,
)
from importers.rpde import feed_pages
from matching.publish.common import activity_concepts

# Item types that are an opportunity on their own; sessions and slots belong to one of these.
PARENT_TYPES = {
    "SessionSeries", "FacilityUse", "IndividualFacilityUse", "CourseInstance", "Event", "EventSeries",
    "HeadlineEvent", "OnDemandEvent", "Course",
}  # fmt: skip
CHILD_TYPES = {"ScheduledSession", "Slot"}
AUDIENCE = {"NoRestriction": "everyone", "FemaleOnly": "women", "MaleOnly": "men"}
WITHDRAWN_STATUS = {"EventCancelled", "EventPostponed"}


def _tail(value: Any) -> str:
    """'https://openactive.io/FemaleOnly' -> 'FemaleOnly'."""
    return str(value or "").rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _type(data: dict[str, Any], kind: str) -> str:
    return str(data.get("@type") or data.get("type") or kind.split(".")[0].split("/")[-1])


class OpenActiveAdapter(Adapter):
    """An RPDE feed (URL, page file or folder of pages); sessions and slots fold into their series."""

    format = "openactive"
    extensions = ()

    def read(self) -> Iterator[RawRecord]:
        """Read every page first (RPDE: a later page updates an earlier item), then group by opportunity."""
        latest: dict[str, tuple[int, dict[str, Any]]] = {}
        number = 0
        for _where, items in feed_pages(self.location):
            for item in items:
                number += 1
                key = str(item.get("id"))
                latest.pop(key, None)  # keep feed order of the latest state
                latest[key] = (number, item)
        parents: dict[str, dict[str, Any]] = {}
        records: list[dict[str, Any]] = []
        orphans: list[tuple[int, dict[str, Any]]] = []
        for row, item in latest.values():
            data = item.get("data") if isinstance(item.get("data"), dict) else None
            kind = str(item.get("kind") or "")
            if item.get("state") == "deleted" or data is None:
                # A deleted session or slot says nothing about its series; a deleted series retires.
                if kind.split(".")[0].split("/")[-1] not in CHILD_TYPES:
                    records.append({"row": row, "deleted": str(item.get("id"))})
                continue
            item_type = _type(data, kind)
            if item_type in CHILD_TYPES:
                parent = (
                    data.get("superEvent")
                    if item_type == "ScheduledSession"
                    else data.get("facilityUse")
                )
                if isinstance(parent, dict):
                    # A session that carries its series: the series is the opportunity.
                    key = str(parent.get("@id") or parent.get("identifier") or item.get("id"))
                    if key not in parents:
                        record: dict[str, Any] = {
                            "row": row,
                            "id": str(parent.get("identifier") or key),
                            "data": parent,
                            "children": [],
                        }
                        parents[key] = record
                        records.append(record)
                    parents[key]["children"].append(data)
                else:
                    orphans.append(
                        (
                            row,
                            {"row": row, "id": str(item.get("id")), "data": data, "parent": parent},
                        )
                    )
                continue
            record = {"row": row, "id": str(item.get("id")), "data": data, "children": []}
            records.append(record)
            for key in self._ids_of(data):
                parents.setdefault(key, record)
        for _row, orphan in orphans:
            parent_record = parents.get(str(orphan["parent"]))
            if parent_record is not None and "children" in parent_record:
                parent_record["children"].append(orphan["data"])
            else:
                records.append(orphan)
        for record in sorted(records, key=lambda r: int(r["row"])):
            yield RawRecord(int(record["row"]), record)

    @staticmethod
    def _ids_of(data: dict[str, Any]) -> list[str]:
        ids = [str(data["@id"])] if data.get("@id") else []
        ids += [
            str(u["@id"])
            for u in as_list(data.get("individualFacilityUse"))
            if isinstance(u, dict) and u.get("@id")
        ]
        return ids

    def to_item(self, record: RawRecord) -> dict[str, Any] | Deleted:
        """One opportunity from a series/facility/course/event and the sessions or slots under it."""
        raw: dict[str, Any] = record.data
        if "deleted" in raw:
            return Deleted(raw["deleted"])
        data: dict[str, Any] = raw["data"]
        item_type = _type(data, "")
        if "parent" in raw:
            raise RowError(
                f"{item_type} belongs to {raw['parent']}, which this source does not include: "
                "import the series or facility feed together with it (a folder of pages)"
            )
        if item_type == "Place":
            raise RowError("a Place describes a venue, not an opportunity; nothing to import")
        if item_type not in PARENT_TYPES:
            raise RowError(f"@type: {item_type!r} is not an OpenActive opportunity type")
        # A series inherits what it does not say from its EventSeries; a course instance from its course.
        merged = {}
        for inherited in (data.get("superEvent"), data.get("instanceOfCourse")):
            if isinstance(inherited, dict):
                merged.update(
                    {k: v for k, v in inherited.items() if k not in ("@type", "@id", "identifier")}
                )
        merged.update({k: v for k, v in data.items() if v not in (None, "", [])})
        children: list[dict[str, Any]] = list(raw.get("children") or [])
        children += [e for e in as_list(data.get("subEvent")) if isinstance(e, dict)]
        if item_type == "OnDemandEvent" or "Online" in _tail(merged.get("eventAttendanceMode")):
            raise RowError("online-only (virtual or on-demand): there is no place to go to")
        location = merged.get("location")
        if not isinstance(location, dict):
            raise RowError("location: missing, so the item cannot be placed")
        title = name_of(merged) or name_of(merged.get("facilityType"))
        if not title:
            raise RowError("name: missing")
        item: dict[str, Any] = {
            "id": raw["id"],
            "kind": self.options.get("kind") or "club",
            "title": title[:300],
            "description": str(merged.get("description") or "").strip(),
            "provider": name_of(merged.get("organizer")) or name_of(merged.get("provider")) or "",
            **place_fields(location),
        }
        # A concept of the Activity List that Opstap's taxonomy knows by its @id is taken as that entry.
        known = {concept["id"]: code for code, concept in activity_concepts().items()}
        talents = [
            known.get(str(c.get("@id") or c.get("id") or "")) or c.get("prefLabel")
            for c in as_list(merged.get("activity")) + as_list(merged.get("facilityType"))
            if isinstance(c, dict)
        ]
        item["talents"] = [str(t).replace("™", "").strip() for t in talents if t]
        item["schedule"] = self._schedule(merged, children)
        places = self._places_left(merged, children)
        if places is not None:
            item["places_left"] = max(0, places)
        age = as_dict(merged.get("ageRange"))
        if isinstance(age.get("minValue"), (int, float)):
            item["age_min"] = int(age["minValue"])
        if isinstance(age.get("maxValue"), (int, float)) and age["maxValue"] <= 120:
            item["age_max"] = int(age["maxValue"])
        gender = _tail(merged.get("genderRestriction"))
        if gender:
            item["audience"] = AUDIENCE.get(gender, "everyone")
        cost = self._cost(
            merged, weekly=bool(item["schedule"]) and item_type in {"SessionSeries", "FacilityUse"}
        )
        if cost is not None:
            item["cost_eur_year"] = cost
        if merged.get("beta:isFirstSessionAccessibleForFree") is True:
            item["free_trial"] = True
        organizer = as_dict(merged.get("organizer"))
        contact = (
            organizer.get("email")
            or organizer.get("telephone")
            or merged.get("url")
            or organizer.get("url")
        )
        if contact:
            item["contact"] = str(contact)[:300]
        if _tail(merged.get("eventStatus")) in WITHDRAWN_STATUS:
            item["status"] = "withdrawn"
        return item

    @staticmethod
    def _schedule(data: dict[str, Any], children: list[dict[str, Any]]) -> list[dict[str, str]]:
        sessions = weekly_schedule(data.get("eventSchedule"))
        if not sessions:
            sessions = opening_hours(data.get("hoursAvailable"))
        if not sessions:
            timezone = next(
                (
                    s.get("scheduleTimezone")
                    for s in as_list(data.get("eventSchedule"))
                    if isinstance(s, dict)
                ),
                None,
            )
            dated = children or (
                [data] if data.get("startDate") and "T" in str(data.get("startDate")) else []
            )
            sessions = local_sessions(dated, timezone)
        return sessions

    @staticmethod
    def _places_left(data: dict[str, Any], children: list[dict[str, Any]]) -> int | None:
        """Remaining places of the next session (or slot); the last one when all are past."""

        def remaining(entry: dict[str, Any]) -> int | None:
            for key in ("remainingAttendeeCapacity", "remainingUses"):
                if isinstance(entry.get(key), int) and not isinstance(entry.get(key), bool):
                    return int(entry[key])
            return None

        dated = [
            (start, remaining(child))
            for child in children
            if (start := parse_datetime(child.get("startDate"))) is not None
            and remaining(child) is not None
        ]
        if dated:
            dated.sort(key=lambda pair: pair[0])
            now = datetime.now(UTC)
            upcoming = [pair for pair in dated if pair[0] >= now]
            return (upcoming[0] if upcoming else dated[-1])[1]
        return remaining(data)

    @staticmethod
    def _cost(data: dict[str, Any], *, weekly: bool) -> float | None:
        """0 when free; a EUR price (times 52 for a weekly session); unknown for other currencies."""
        if data.get("isAccessibleForFree") is True:
            return 0.0
        prices = []
        for offer in as_list(data.get("offers")):
            if not isinstance(offer, dict) or not isinstance(offer.get("price"), (int, float)):
                continue
            prices.append((float(offer["price"]), str(offer.get("priceCurrency") or "EUR").upper()))
        if not prices:
            return None
        if any(price == 0 for price, _ in prices):
            return 0.0
        euros = [price for price, currency in prices if currency == "EUR"]
        if not euros:
            return None  # a foreign price: not free, but no honest yearly amount in euros
        return round(min(euros) * (52 if weekly else 1), 2)
