"""Provider portal: own listings, one-tap places left, still valid, withdraw — and the catalogue version moves."""

from __future__ import annotations

from datetime import date

from flask.testing import FlaskClient
from sqlmodel import Session, select

from matching.catalogue import catalogue_version
from matching.models import Opportunity
from tests.factories import add_postcode
from tests.loop.conftest import World, sign_in


def _opp(session: Session, opportunity_id: int) -> Opportunity:
    session.expire_all()
    opp = session.get(Opportunity, opportunity_id)
    assert opp is not None
    return opp


def test_create_edit_and_withdraw_a_listing(
    client: FlaskClient, session: Session, world: World
) -> None:
    add_postcode(session, "2711", 52.0617, 4.4925)
    sign_in(client, world.provider_user_a)
    form = {
        "kind": "club",
        "title": "Atletiek voor beginners",
        "postcode": "2711 AB",
        "talents": "hardlopen",
        "schedule-0-day": "tue",
        "schedule-0-start": "19:00",
        "schedule-0-end": "20:30",
        "schedule-1-day": "sat",
        "schedule-1-start": "10:00",
        "schedule-1-end": "11:00",
        "schedule-2-day": "",
        "places_left": "4",
        "cost_eur_year": "0",
        "value-network": "1",
        "buddy": "1",
    }
    version = catalogue_version(session)
    assert client.post("/en/provider/listings/new", data=form).status_code == 302
    opp = session.exec(
        select(Opportunity).where(Opportunity.title == "Atletiek voor beginners")
    ).one()
    assert opp.provider_id == world.provider_a and opp.provider_name == "Atletiek Zoetermeer"
    assert opp.talents == ["running"] and opp.schedule[1] == {
        "day": "sat",
        "start": "10:00",
        "end": "11:00",
    }
    assert opp.buddy and opp.integration_value == ["network"] and opp.last_confirmed == date.today()
    assert catalogue_version(session) > version
    bad = client.post(
        f"/en/provider/listings/{opp.id}/edit", data={**form, "postcode": "9999", "title": "Nieuw"}
    )
    assert bad.status_code == 422 and "We do not know this postcode" in bad.get_data(as_text=True)
    assert 'value="Nieuw"' in bad.get_data(as_text=True)  # what was typed is kept
    client.post(
        f"/en/provider/listings/{opp.id}/edit", data={**form, "title": "Atletiek voor iedereen"}
    )
    assert _opp(session, opp.id or 0).title == "Atletiek voor iedereen"
    client.post(f"/en/provider/listings/{opp.id}/withdraw")
    assert _opp(session, opp.id or 0).status == "withdrawn"
    client.post(f"/en/provider/listings/{opp.id}/withdraw", data={"restore": "1"})
    assert _opp(session, opp.id or 0).status == "active"


def test_places_left_in_one_tap_and_still_valid(
    client: FlaskClient, session: Session, world: World
) -> None:
    sign_in(client, world.provider_user_a)
    version = catalogue_version(session)
    client.post(f"/en/provider/listings/{world.opp_a}/places", data={"step": "up"})
    assert _opp(session, world.opp_a).places_left == 6
    assert catalogue_version(session) == version + 1
    client.post(f"/en/provider/listings/{world.opp_a}/places", data={"step": "full"})
    assert _opp(session, world.opp_a).places_left == 0
    client.post(f"/en/provider/listings/{world.opp_a}/places", data={"step": "down"})
    assert _opp(session, world.opp_a).places_left == 0
    client.post(
        f"/en/provider/listings/{world.opp_a}/places", data={"step": "set", "places_left": "12"}
    )
    assert _opp(session, world.opp_a).places_left == 12
    client.post(
        f"/en/provider/listings/{world.opp_a}/places", data={"step": "set", "places_left": "-3"}
    )
    assert _opp(session, world.opp_a).places_left == 12
    opp = _opp(session, world.opp_a)
    opp.last_confirmed = date(2020, 1, 1)
    session.add(opp)
    session.commit()
    assert client.post(f"/en/provider/listings/{world.opp_a}/confirm").status_code == 302
    assert _opp(session, world.opp_a).last_confirmed == date.today()
    page = client.get("/en/provider/").get_data(as_text=True)
    assert "Hardlopen bij Atletiek" in page and "Voetbal in Delft" not in page


def test_a_provider_cannot_touch_another_providers_listing(
    client: FlaskClient, session: Session, world: World
) -> None:
    sign_in(client, world.provider_user_b)
    assert (
        client.post(
            f"/en/provider/listings/{world.opp_a}/places", data={"step": "full"}
        ).status_code
        == 404
    )
    assert client.post(f"/en/provider/listings/{world.opp_a}/withdraw").status_code == 404
    opp = _opp(session, world.opp_a)
    assert opp.places_left == 5 and opp.status == "active"


def test_declining_an_introduction_stops_it(
    client: FlaskClient, session: Session, world: World
) -> None:
    from matching.people import Proposal

    sign_in(client, world.provider_user_a)
    client.post(f"/en/provider/introductions/{world.proposal_a}/decline")
    session.expire_all()
    proposal = session.get(Proposal, world.proposal_a)
    assert (
        proposal is not None
        and proposal.state == "stopped"
        and proposal.end_reason == "provider_declined"
    )
    assert client.post(f"/en/provider/introductions/{world.proposal_a}/accept").status_code == 302
    session.expire_all()
    assert session.get(Proposal, world.proposal_a).provider_answer == "declined"  # type: ignore[union-attr]
