"""schema.org JSON-LD for an item's public page: JobPosting, Course with CourseInstance, SportsActivityLocation + Event."""

from __future__ import annotations

from typing import Any

from matching.models import Opportunity
from matching.publish.common import geo, postal_address, weekly_schedules
from matching.taxonomy import Taxonomy


def _place(opp: Opportunity, type_: str = "Place") -> dict[str, Any]:
    return {
        "@type": type_,
        "name": opp.provider_name or opp.title,
        "address": postal_address(opp),
        "geo": geo(opp),
    }


def _organisation(opp: Opportunity) -> dict[str, Any]:
    organisation: dict[str, Any] = {"@type": "Organization", "name": opp.provider_name or opp.title}
    if opp.contact and opp.contact.startswith("http"):
        organisation["url"] = opp.contact
    return organisation


def _offers(opp: Opportunity) -> list[dict[str, Any]]:
    if opp.cost_eur_year is None:
        return []
    return [
        {
            "@type": "Offer",
            "price": opp.cost_eur_year,
            "priceCurrency": "EUR",
            "description": "per year",
        }
    ]


def structured_data(opp: Opportunity, *, url: str, taxonomy: Taxonomy) -> dict[str, Any]:
    """The JSON-LD document for one item's page, by kind."""
    base: dict[str, Any] = {"@context": "https://schema.org", "url": url, "identifier": str(opp.id)}
    description = opp.description or opp.title
    if opp.kind in {"volunteer", "workplace"}:
        if opp.kind == "volunteer":
            employment = "VOLUNTEER"
        elif not opp.paid:
            employment = "INTERN"  # a learning workplace without pay
        else:
            employment = "FULL_TIME" if (opp.hours_week or 0) >= 32 else "PART_TIME"
        document = {
            **base, "@type": "JobPosting", "title": opp.title, "description": description,
            "datePosted": opp.first_seen.date().isoformat(), "employmentType": employment,
            "hiringOrganization": _organisation(opp), "jobLocation": _place(opp),
            "occupationalCategory": ", ".join(taxonomy.label(t, "nl") for t in opp.talents) or None,
        }  # fmt: skip
        if opp.hours_week:
            document["workHours"] = f"{opp.hours_week:g} hours per week"
        if opp.status != "active":
            document["validThrough"] = opp.updated_at.date().isoformat()
        return {k: v for k, v in document.items() if v is not None}
    if opp.kind == "course":
        instance: dict[str, Any] = {
            "@type": "CourseInstance",
            "courseMode": "onsite",
            "location": _place(opp),
        }
        schedules = weekly_schedules(opp)
        if schedules:
            instance["courseSchedule"] = schedules
        offers = _offers(opp)
        if offers:
            instance["offers"] = offers
        return {
            **base, "@type": "Course", "name": opp.title, "description": description,
            "provider": _organisation(opp), "hasCourseInstance": [instance], "inLanguage": "nl",
        }  # fmt: skip
    sport = any(taxonomy.entries[t].group == "sport" for t in opp.talents if t in taxonomy.entries)
    venue = _place(opp, "SportsActivityLocation" if sport else "Place")
    event: dict[str, Any] = {
        "@type": "Event", "name": opp.title, "description": description, "location": venue,
        "organizer": _organisation(opp), "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "eventStatus": "https://schema.org/EventScheduled" if opp.status == "active" else "https://schema.org/EventCancelled",
    }  # fmt: skip
    schedules = weekly_schedules(opp)
    if schedules:
        event["eventSchedule"] = schedules
    if opp.places_left is not None:
        event["remainingAttendeeCapacity"] = opp.places_left
    if opp.age_min is not None or opp.age_max is not None:
        event["typicalAgeRange"] = f"{opp.age_min or 0}-{opp.age_max or ''}"
    if _offers(opp):
        event["offers"] = _offers(opp)
    return {
        "@context": "https://schema.org",
        "@graph": [{**venue, "url": url}, {**event, "url": url, "identifier": str(opp.id)}],
    }
