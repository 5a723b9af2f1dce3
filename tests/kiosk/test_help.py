"""Ask for help: only what the person agrees to share is stored, with consent in plain words."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient
from sqlmodel import Session, select

from matching.help_requests import (
    HelpRequest,
    HelpRequestError,
    create_help_request,
    list_help_requests,
    set_help_request_status,
)


def _requests(session: Session) -> list[HelpRequest]:
    session.expire_all()
    return list(session.exec(select(HelpRequest)))


def test_asking_for_help_stores_only_what_was_shared(
    client: FlaskClient, session: Session, demo: None
) -> None:
    client.post("/ar/kiosk/place", data={"postcode": "2712", "travel": "bike"})
    page = client.get("/ar/kiosk/suggestions").get_data(as_text=True)
    ids = [int(i) for i in re.findall(r'name="id" value="(\d+)"', page)][:2]
    assert (
        client.post("/ar/kiosk/help/choose", data={"id": [str(i) for i in ids]}).status_code == 302
    )
    form = client.get("/ar/kiosk/help").get_data(as_text=True)
    assert 'id="keypad-phone"' in form and "VluchtelingenWerk" in form
    response = client.post(
        "/ar/kiosk/help", data={"first_name": " Amina ", "phone": "06 12345678", "email": ""}
    )
    assert response.status_code == 422 and "شغّل المفتاح" in response.get_data(as_text=True)
    assert _requests(session) == []
    response = client.post(
        "/ar/kiosk/help",
        data={"first_name": " Amina ", "phone": "06 12345678", "email": "", "consent": "yes"},
    )
    assert response.status_code == 302 and response.headers["Location"].endswith(
        "/ar/kiosk/help/sent"
    )
    [stored] = _requests(session)
    assert stored.shared == {"first_name": "Amina", "phone": "06 12345678"}
    assert stored.opportunity_ids == ids and stored.lang == "ar" and stored.status == "open"
    assert stored.municipality == "Zoetermeer" and stored.taken_by_user_id is None
    # Nothing of the person went into the session cookie.
    cookie = client.get_cookie("session")
    assert (
        cookie is None
        or "Amina" not in cookie.value
        and "0612345678" not in cookie.value.replace(" ", "")
    )


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"consent": "yes"}, "Write a phone number or an e-mail address"),
        ({"phone": "12", "consent": "yes"}, "This phone number looks wrong"),
        ({"email": "amina.example.net", "consent": "yes"}, "This e-mail address looks wrong"),
        (
            {"first_name": "x" * 61, "email": "a@b.nl", "consent": "yes"},
            "Your first name is too long",
        ),
    ],
)
def test_bad_help_forms_say_what_is_wrong_and_keep_what_was_typed(
    client: FlaskClient, session: Session, demo: None, form: dict[str, str], message: str
) -> None:
    response = client.post("/en/kiosk/help", data=form)
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and message in page
    for value in form.values():
        if value != "yes":
            assert f'value="{value}"' in page
    assert _requests(session) == []


def test_the_help_request_store(session: Session) -> None:
    with pytest.raises(HelpRequestError, match="cannot share address"):
        create_help_request(
            session, lang="nl", opportunity_ids=[1], shared={"phone": "0612345678", "address": "x"}
        )
    with pytest.raises(HelpRequestError, match="phone number or an e-mail"):
        create_help_request(session, lang="nl", opportunity_ids=[1], shared={"first_name": "Yonas"})
    first = create_help_request(
        session, lang="ti", opportunity_ids=[3, 3, 4], shared={"email": "y@example.net"}
    )
    second = create_help_request(
        session, lang="nl", opportunity_ids=[], shared={"phone": "0612345678"}
    )
    session.commit()
    assert first.opportunity_ids == [3, 4]
    assert [r.id for r in list_help_requests(session)] == [first.id, second.id]
    set_help_request_status(session, request_id=first.id or 0, status="taken", user_id=7)
    session.commit()
    assert [r.id for r in list_help_requests(session)] == [second.id]
    assert list_help_requests(session, status="taken")[0].taken_by_user_id == 7
    with pytest.raises(HelpRequestError, match="status must be one of"):
        set_help_request_status(session, request_id=first.id or 0, status="done")
    with pytest.raises(HelpRequestError, match="no help request"):
        set_help_request_status(session, request_id=424242, status="closed")
