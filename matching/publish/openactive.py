"""The OpenActive RPDE feed of club items as SessionSeries (modified-id ordering; withdrawn = deleted)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import and_, or_
from sqlmodel import Session, col, select

from matching.models import Opportunity, Postcode
from matching.publish.common import activity_concepts, geo, postal_address, weekly_schedules
from matching.taxonomy import Taxonomy

PAGE_SIZE = 500
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
GENDER = {"everyone": "NoRestriction", "women": "FemaleOnly", "men": "MaleOnly"}
CONTEXT = "https://openactive.io/"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
DAY_NUMBERS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}


def modified_of(opp: Opportunity) -> int:
    """RPDE `modified`: microseconds since 1970 of the item's last change (exact, so paging never skips)."""
    updated = opp.updated_at if opp.updated_at.tzinfo else opp.updated_at.replace(tzinfo=UTC)
    return (updated - EPOCH) // timedelta(microseconds=1)


def _activities(opp: Opportunity, taxonomy: Taxonomy) -> list[dict[str, Any]]:
    concepts = activity_concepts()
    found: list[dict[str, Any]] = []
    for code in opp.talents:
        concept = concepts.get(code)
        if concept is not None and all(c["@id"] != concept["id"] for c in found):
            found.append(
                {"@type": "Concept", "@id": concept["id"], "prefLabel": concept["prefLabel"],
                 "inScheme": "https://openactive.io/activity-list"}
            )  # fmt: skip
    return found


def publishable(opp: Opportunity) -> bool:
    """OpenActive needs an active item, a physical activity from its Activity List and a known price."""
    concepts = activity_concepts()
    return (
        opp.status == "active"
        and opp.cost_eur_year is not None
        and any(c in concepts for c in opp.talents)
    )


def next_session(opp: Opportunity, now: datetime) -> dict[str, Any] | None:
    """The next weekly session after `now` as a ScheduledSession (where places left are told)."""
    starts = []
    local_now = now.astimezone(AMSTERDAM)
    for session in opp.schedule:
        day = DAY_NUMBERS.get(session.get("day", ""))
        if day is None:
            continue
        for ahead in range(8):
            date = (local_now + timedelta(days=ahead)).date()
            if date.weekday() != day:
                continue
            hour, minute = (int(x) for x in session["start"].split(":"))
            end_hour, end_minute = (int(x) for x in session["end"].split(":"))
            start = datetime(date.year, date.month, date.day, hour, minute, tzinfo=AMSTERDAM)
            end = datetime(date.year, date.month, date.day, end_hour, end_minute, tzinfo=AMSTERDAM)
            if start > local_now:
                starts.append((start, end))
                break
    if not starts:
        return None
    start, end = min(starts)
    minutes = int((end - start).total_seconds() // 60)
    return {
        "@type": "ScheduledSession",
        "startDate": start.isoformat(),
        "endDate": end.isoformat(),
        "duration": f"PT{minutes // 60}H{minutes % 60}M" if minutes % 60 else f"PT{minutes // 60}H",
    }


def session_series(
    opp: Opportunity,
    *,
    taxonomy: Taxonomy,
    item_url: str,
    page_url: str,
    organizer_url: str,
    publisher: str,
    region: str | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """One club item as an OpenActive SessionSeries."""
    address = postal_address(opp)
    address["addressRegion"] = region or opp.city or "Nederland"
    place: dict[str, Any] = {
        "@type": "Place",
        "name": opp.provider_name or opp.title,
        "address": address,
        "geo": geo(opp),
    }
    organizer: dict[str, Any] = {
        "@type": "Organization",
        "@id": organizer_url,
        "name": opp.provider_name or publisher,
    }
    if opp.contact and "@" in opp.contact:
        organizer["email"] = opp.contact
    elif opp.contact and opp.contact.startswith("http"):
        organizer["url"] = opp.contact
    elif opp.contact:
        organizer["telephone"] = opp.contact
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "SessionSeries",
        "@id": item_url,
        "identifier": str(opp.id),
        "name": opp.title,
        "url": page_url,
        "organizer": organizer,
        "location": place,
        "genderRestriction": f"https://openactive.io/{GENDER.get(opp.audience, 'NoRestriction')}",
    }
    if opp.description:
        data["description"] = opp.description
    activities = _activities(opp, taxonomy)
    if activities:
        data["activity"] = activities
    schedules = weekly_schedules(opp)
    if schedules:
        for schedule in schedules:
            schedule["scheduledEventType"] = "ScheduledSession"
            schedule["idTemplate"] = item_url + "/sessions/{startDate}"
        data["eventSchedule"] = schedules
    if opp.age_min is not None or opp.age_max is not None:
        age: dict[str, Any] = {"@type": "QuantitativeValue"}
        if opp.age_min is not None:
            age["minValue"] = opp.age_min
        if opp.age_max is not None:
            age["maxValue"] = opp.age_max
        data["ageRange"] = age
    if opp.cost_eur_year is not None:
        # Opstap keeps a yearly amount; OpenActive prices a session, so a weekly series is priced per week.
        weekly = bool(schedules)
        price = opp.cost_eur_year / 52 if weekly else opp.cost_eur_year
        offer: dict[str, Any] = {
            "@type": "Offer",
            "@id": f"{item_url}#offer",
            "identifier": f"{opp.id}-offer",
            "name": "Per session" if weekly else "Membership",
            "price": round(price, 6),
            "priceCurrency": "EUR",
        }
        data["offers"] = [offer]
        if opp.cost_eur_year == 0:
            data["isAccessibleForFree"] = True
    if opp.places_left is not None:
        # OpenActive tells places left per session: the next one carries them.
        upcoming = next_session(opp, now or datetime.now(UTC))
        if upcoming is not None:
            upcoming["@id"] = f"{item_url}/sessions/{upcoming['startDate']}"
            upcoming["remainingAttendeeCapacity"] = opp.places_left
            data["subEvent"] = [upcoming]
    return data


def rpde_page(
    session: Session,
    *,
    after_modified: int | None,
    after_id: int | None,
    taxonomy: Taxonomy,
    urls: Callable[[Opportunity], tuple[str, str, str]],
    publisher: str,
    limit: int = PAGE_SIZE,
) -> tuple[list[dict[str, Any]], tuple[int, int] | None]:
    """One page of RPDE items after (modified, id), and the (modified, id) of its last item."""
    query = select(Opportunity).where(col(Opportunity.kind) == "club")
    if after_modified is not None:
        since = EPOCH + timedelta(microseconds=after_modified)
        query = query.where(
            or_(
                col(Opportunity.updated_at) > since,
                and_(col(Opportunity.updated_at) == since, col(Opportunity.id) > (after_id or 0)),
            )
        )
    rows = session.exec(
        query.order_by(col(Opportunity.updated_at), col(Opportunity.id)).limit(limit)
    ).all()
    pc4s = {opp.postcode[:4] for opp in rows if opp.postcode}
    regions = {
        p.code: p.municipality or p.place
        for p in session.exec(select(Postcode).where(col(Postcode.code).in_(pc4s)))
    } if pc4s else {}  # fmt: skip
    items = []
    for opp in rows:
        modified = modified_of(opp)
        item: dict[str, Any] = {
            "state": "updated",
            "kind": "SessionSeries",
            "id": str(opp.id),
            "modified": modified,
        }
        if not publishable(opp):  # withdrawn, or nothing OpenActive can carry: consumers drop it
            item["state"] = "deleted"
        else:
            item_url, page_url, organizer_url = urls(opp)
            item["data"] = session_series(
                opp, taxonomy=taxonomy, item_url=item_url, page_url=page_url, organizer_url=organizer_url,
                publisher=publisher, region=regions.get((opp.postcode or "")[:4]),
            )  # fmt: skip
        items.append(item)
    last = (modified_of(rows[-1]), rows[-1].id or 0) if rows else None
    return items, last
