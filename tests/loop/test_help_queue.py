"""Help requests from the kiosk reach the coaches of that municipality, and only them."""

from __future__ import annotations

import re

from flask.testing import FlaskClient
from sqlmodel import Session, select

from matching.help_requests import HelpRequest, create_help_request
from tests.loop.conftest import World, sign_in
from web.kiosk.name_scripts import geez_consonant_of


def test_queue_shows_the_municipality_and_take_and_close(
    client: FlaskClient, session: Session, world: World
) -> None:
    sign_in(client, world.coach_a)
    page = client.get("/en/coach/help").get_data(as_text=True)
    assert "Hiwet" in page and "0611112222" in page and "Hardlopen bij Atletiek" in page
    assert "<dt>First name</dt>" in page and "<dt>Phone</dt>" in page
    other = client.application.test_client()
    sign_in(other, world.coach_b)
    assert "Hiwet" not in other.get("/en/coach/help").get_data(as_text=True)
    assert other.post(f"/en/coach/help/{world.help_a}/take").status_code == 404
    assert client.post(f"/en/coach/help/{world.help_a}/take").status_code == 302
    session.expire_all()
    request = session.get(HelpRequest, world.help_a)
    assert (
        request is not None
        and request.status == "taken"
        and request.taken_by_user_id == world.coach_a_id
    )
    assert client.post(f"/en/coach/help/{world.help_a}/take").status_code == 409  # not twice
    assert client.post(f"/en/coach/help/{world.help_a}/close").status_code == 302
    session.expire_all()
    closed = session.get(HelpRequest, world.help_a)
    assert closed is not None and closed.status == "closed"
    assert closed.shared == {} and closed.opportunity_ids == [
        world.opp_a
    ]  # contact gone, the count stays


def test_a_name_tapped_in_ge_ez_or_arabic_reaches_the_coach_as_tapped(
    client: FlaskClient, session: Session, world: World
) -> None:
    kiosk = client.application.test_client()
    for lang, name in (("ti", "ሳባ ተስፋይ"), ("ar", "محمد-علي")):
        # Tapped without JavaScript: each key posts; the Ge'ez ones a consonant first, then the order.
        form = {"first_name": "", "phone": "0612345678"}
        for char in name:
            keys = [f"first_name:{char}"]
            if lang == "ti" and char not in " -":
                keys.insert(0, f"first_name:PICK:{geez_consonant_of(char)}")
            for key in keys:
                page = kiosk.post(f"/{lang}/kiosk/help", data={**form, "key": key})
                form["first_name"] = re.search(  # type: ignore[union-attr]
                    r'name="first_name" value="([^"]*)"', page.get_data(as_text=True)
                ).group(1)
        assert form["first_name"] == name
        sent = kiosk.post(f"/{lang}/kiosk/help", data={**form, "consent": "yes"})
        assert sent.status_code == 302
    stored = [r.shared.get("first_name") for r in session.exec(select(HelpRequest))]
    assert {"ሳባ ተስፋይ", "محمد-علي"} <= set(stored)
    sign_in(client, world.coach_a)
    page = client.get("/en/coach/help").get_data(as_text=True)
    # Isolated with its own direction, so an Arabic name does not reorder the line around it.
    assert "<dd><bdi>ሳባ ተስፋይ</bdi></dd>" in page and "<dd><bdi>محمد-علي</bdi></dd>" in page
    assert '<bdi dir="ltr">0612345678</bdi>' in page


def test_the_coordinator_sees_an_uncovered_name_isolated_in_its_own_direction(
    client: FlaskClient, session: Session, world: World
) -> None:
    create_help_request(
        session,
        lang="fa",
        opportunity_ids=[],
        municipality="Nergenshuizen",
        shared={"first_name": "پریا", "email": "p@example.net"},
    )
    session.commit()
    sign_in(client, world.coordinator)
    page = client.get("/en/coordinator/help-requests").get_data(as_text=True)
    assert "<dd><bdi>پریا</bdi></dd>" in page and '<bdi dir="ltr">p@example.net</bdi>' in page
