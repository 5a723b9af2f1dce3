"""Help requests from the kiosk reach the coaches of that municipality, and only them."""

from __future__ import annotations

from flask.testing import FlaskClient
from sqlmodel import Session

from matching.help_requests import HelpRequest
from tests.loop.conftest import World, sign_in


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
