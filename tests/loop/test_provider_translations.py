"""A provider gives its listing's title and description in other languages, on their own page."""

from __future__ import annotations

from flask.testing import FlaskClient
from sqlmodel import Session

from matching.catalogue import catalogue_version
from matching.models import Opportunity
from tests.factories import add_postcode
from tests.loop.conftest import World, sign_in

AR_TITLE = "الجري للمبتدئين"


def _opp(session: Session, opportunity_id: int) -> Opportunity:
    session.expire_all()
    opp = session.get(Opportunity, opportunity_id)
    assert opp is not None
    return opp


def test_translations_are_saved_shown_at_the_kiosk_and_kept_by_an_edit(
    client: FlaskClient, session: Session, world: World
) -> None:
    add_postcode(session, "2711", 52.0617, 4.4925)
    sign_in(client, world.provider_user_a)
    index = client.get("/en/provider/").get_data(as_text=True)
    assert f'href="/en/provider/listings/{world.opp_a}/translations"' in index
    version = catalogue_version(session)
    response = client.post(
        f"/en/provider/listings/{world.opp_a}/translations",
        data={"title_ar": f"  {AR_TITLE} ", "description_ar": "نركض معًا.", "title_so": "", "description_so": ""},
    )
    assert response.status_code == 302
    assert _opp(session, world.opp_a).translations == {"ar": {"title": AR_TITLE, "description": "نركض معًا."}}
    assert catalogue_version(session) > version
    page = client.get(f"/ar/kiosk/suggestions/{world.opp_a}").get_data(as_text=True)
    assert f'<h1 class="offer-title">{AR_TITLE}</h1>' in page
    # Editing the listing on the main form leaves the translations alone.
    form = {"kind": "club", "title": "Hardlopen bij Atletiek", "postcode": "2711", "talents": "running"}
    assert client.post(f"/en/provider/listings/{world.opp_a}/edit", data=form).status_code == 302
    assert _opp(session, world.opp_a).translations["ar"]["title"] == AR_TITLE


def test_a_too_long_translation_is_refused_and_nothing_is_lost(
    client: FlaskClient, session: Session, world: World
) -> None:
    sign_in(client, world.provider_user_a)
    long_title = "x" * 301
    response = client.post(
        f"/en/provider/listings/{world.opp_a}/translations",
        data={"title_ar": long_title, "title_ti": "ጉያ"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "too long" in page and 'aria-invalid="true"' in page
    assert long_title in page and "ጉያ" in page  # what was typed stays in the form
    assert _opp(session, world.opp_a).translations == {}


def test_another_provider_cannot_translate_a_listing(client: FlaskClient, world: World) -> None:
    sign_in(client, world.provider_user_b)
    assert client.get(f"/en/provider/listings/{world.opp_a}/translations").status_code == 404
    assert client.post(f"/en/provider/listings/{world.opp_a}/translations", data={"title_ar": "x"}).status_code == 404
