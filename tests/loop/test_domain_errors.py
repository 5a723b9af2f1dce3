"""One handler for domain errors: a refusal goes back to the page with its message, nothing is kept;
provider pages and the provider API change listings through the same catalogue functions."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, select

from matching.accounts import AccountError, Organisation
from matching.catalogue import ListingError, places_after
from matching.errors import DomainError
from matching.models import Opportunity
from tests.loop.conftest import World, sign_in


def _plain(app: Flask, error: Exception) -> str:
    """The words the page shows for a domain error (web/form_errors.plain_error), HTML-escaped."""
    from markupsafe import escape

    from web.form_errors import plain_error

    with app.test_request_context("/en/"):
        from flask import g

        g.lang = "en"
        return str(escape(plain_error(error)))


def test_a_refusal_returns_to_the_page_with_its_message(
    app: Flask, client: FlaskClient, session: Session, world: World
) -> None:
    sign_in(client, world.coordinator)
    before = len(session.exec(select(Organisation)).all())
    answer = client.post("/en/coordinator/organisations", data={"name": "  "})
    assert answer.status_code == 302 and answer.headers["Location"].endswith(
        "/en/coordinator/accounts"
    )
    page = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert _plain(app, AccountError("name: an organisation needs a name")) in page
    assert len(session.exec(select(Organisation)).all()) == before


def test_without_a_page_to_return_to_the_refusal_is_a_422_page_or_json(app: Flask) -> None:
    @app.get("/test-domain-error")
    def _refuse() -> str:
        raise DomainError("colour: must be blue")

    @app.get("/api/v1/test-domain-error")
    def _refuse_api() -> str:
        raise DomainError("colour: must be blue")

    client = app.test_client()
    page = client.get("/test-domain-error")
    # People read a plain message in their language; the domain's own words go to API clients.
    assert page.status_code == 422 and "colour:" not in page.get_data(as_text=True)
    assert "Dat lukte niet" in page.get_data(as_text=True)  # no language in the URL: Dutch
    api = client.get("/api/v1/test-domain-error")
    assert api.status_code == 422 and api.get_json()["error"]["message"] == "colour: must be blue"


def test_places_steps_and_typed_numbers() -> None:
    assert [places_after(3, step=s) for s in ("up", "down", "full", "unknown")] == [4, 2, 0, None]
    assert places_after(None, step="down") == 0
    assert places_after(2, step="", typed=" 7 ") == 7
    for typed in ("-1", "veel", "", "1000001"):
        try:
            places_after(2, step="", typed=typed)
        except ListingError as exc:
            assert str(exc).startswith("places_left:")
        else:
            raise AssertionError(typed)


def test_the_provider_page_and_the_api_confirm_the_same_way(
    app: Flask, client: FlaskClient, session: Session, world: World
) -> None:
    sign_in(client, world.provider_user_a)
    client.post(
        f"/en/provider/listings/{world.opp_a}/places", data={"step": "", "places_left": "4"}
    )
    session.expire_all()
    opp = session.get(Opportunity, world.opp_a)
    assert opp is not None and opp.places_left == 4 and opp.last_confirmed is not None
    refused = client.post(
        f"/en/provider/listings/{world.opp_a}/places", data={"step": "", "places_left": "999999"}
    )
    assert refused.status_code == 302
    page = client.get(refused.headers["Location"]).get_data(as_text=True)
    assert (
        "Places left can be at most 100,000." in page
    )  # the limit itself, not "That did not work"
    session.expire_all()
    assert session.get(Opportunity, world.opp_a).places_left == 4  # type: ignore[union-attr]
