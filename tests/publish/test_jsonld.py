"""schema.org JSON-LD on every public detail page, by kind, parsed from the served HTML."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from matching.models import Opportunity


class _JsonLd(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._inside = tag == "script" and ("type", "application/ld+json") in attrs

    def handle_data(self, data: str) -> None:
        if self._inside:
            self.blocks.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._inside = False


def json_ld(client: FlaskClient, opp: Opportunity) -> dict[str, Any]:
    response = client.get(f"/nl/opportunities/{opp.id}")
    assert response.status_code == 200
    parser = _JsonLd()
    parser.feed(response.get_data(as_text=True))
    assert len(parser.blocks) == 1, "one JSON-LD block per page"
    document: dict[str, Any] = json.loads(parser.blocks[0])
    return document


def _first(engine: Engine, kind: str, **where: Any) -> Opportunity:
    with Session(engine) as session:
        rows = session.exec(
            select(Opportunity).where(Opportunity.kind == kind, Opportunity.status == "active")
        ).all()
    return next(o for o in rows if all(getattr(o, k) == v for k, v in where.items()))


def _has(document: dict[str, Any], *keys: str) -> None:
    missing = [k for k in keys if document.get(k) in (None, "", [])]
    assert not missing, (missing, document)


def _address(place: dict[str, Any], opp: Opportunity) -> None:
    assert (
        place["address"]["postalCode"] == opp.postcode
        and place["address"]["addressCountry"] == "NL"
    )
    assert (place["geo"]["latitude"], place["geo"]["longitude"]) == (opp.lat, opp.lon)


def test_volunteer_role_is_a_volunteer_job_posting(
    client: FlaskClient, demo: None, engine: Engine
) -> None:
    opp = _first(engine, "volunteer")
    doc = json_ld(client, opp)
    assert doc["@context"] == "https://schema.org" and doc["@type"] == "JobPosting"
    _has(
        doc,
        "title",
        "description",
        "datePosted",
        "hiringOrganization",
        "jobLocation",
        "employmentType",
    )
    assert doc["employmentType"] == "VOLUNTEER" and doc["title"] == opp.title
    assert doc["hiringOrganization"]["name"] == opp.provider_name
    _address(doc["jobLocation"], opp)


def test_workplace_is_a_job_posting_that_is_not_volunteering(
    client: FlaskClient, demo: None, engine: Engine
) -> None:
    opp = _first(engine, "workplace")
    doc = json_ld(client, opp)
    assert doc["@type"] == "JobPosting" and doc["employmentType"] in {
        "FULL_TIME",
        "PART_TIME",
        "INTERN",
    }
    _has(doc, "title", "description", "datePosted", "hiringOrganization", "jobLocation")
    _address(doc["jobLocation"], opp)


def test_course_has_a_course_instance(client: FlaskClient, demo: None, engine: Engine) -> None:
    opp = _first(engine, "course")
    doc = json_ld(client, opp)
    assert doc["@type"] == "Course"
    _has(doc, "name", "description", "provider", "hasCourseInstance")
    instance = doc["hasCourseInstance"][0]
    assert instance["@type"] == "CourseInstance" and instance["courseMode"] == "onsite"
    _address(instance["location"], opp)
    if opp.schedule:
        assert instance["courseSchedule"][0]["byDay"][0].startswith("https://schema.org/")


@pytest.mark.parametrize("talent", ["football", "swimming"])
def test_sports_club_is_a_sports_activity_location_with_its_event(
    client: FlaskClient, demo: None, engine: Engine, talent: str
) -> None:
    with Session(engine) as session:
        opp = next(
            o
            for o in session.exec(select(Opportunity).where(Opportunity.kind == "club"))
            if talent in o.talents
        )
    doc = json_ld(client, opp)
    venue, event = doc["@graph"]
    assert venue["@type"] == "SportsActivityLocation"
    _has(venue, "name", "address", "geo")
    _address(venue, opp)
    assert event["@type"] == "Event"
    _has(event, "name", "location", "organizer", "eventSchedule", "eventAttendanceMode")
    assert len(event["eventSchedule"]) == len(opp.schedule)
    if opp.places_left is not None:
        assert event["remainingAttendeeCapacity"] == opp.places_left


def test_text_cannot_end_the_script_element(client: FlaskClient, session: Session) -> None:
    from tests.factories import add_opportunity

    opp = add_opportunity(session, title="Club </script><script>alert(1)</script>", description="x")
    session.commit()
    doc = json_ld(client, opp)
    assert doc["@graph"][1]["name"] == opp.title
