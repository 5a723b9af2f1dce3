"""The personal-code letter, stopping a proposal with a reason and a confirmation, suggestion cards."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from babel.dates import format_date
from babel.messages.pofile import read_po
from flask.testing import FlaskClient
from sqlmodel import Session, select

from matching.accounts import User
from matching.people import Person, Proposal
from matching.proposals import propose
from tests.factories import add_postcode
from tests.loop.conftest import World, sign_in

TRANSLATIONS = Path(__file__).resolve().parents[2] / "web" / "translations"
KIOSK_BUTTON = "I have a code from my coach"


def _translated(msgid: str, lang: str) -> str:
    with (TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        message = read_po(handle, locale=lang).get(msgid)
    assert message is not None and message.string, (lang, msgid)
    return str(message.string)


def _with_languages(session: Session, world: World, languages: list[str]) -> None:
    person = session.get(Person, world.person_a)
    assert person is not None
    person.languages = languages
    session.add(person)
    session.commit()


def _letters(page: str) -> list[str]:
    return re.findall(r'<article class="letter[^"]*"[^>]*>.*?</article>', page, re.S)


def test_the_kiosk_button_the_letter_names_exists_on_the_kiosk() -> None:
    welcome = (TRANSLATIONS.parent / "templates" / "kiosk" / "welcome.html").read_text(
        encoding="utf-8"
    )
    assert f"_('{KIOSK_BUTTON}')" in welcome


def test_the_letter_speaks_the_persons_language_with_a_dutch_copy(
    client: FlaskClient, session: Session, world: World
) -> None:
    _with_languages(session, world, ["ti", "ar"])  # the first language Opstap speaks is chosen
    coach = session.exec(select(User).where(User.email == world.coach_a)).one()
    person = session.get(Person, world.person_a)
    assert person is not None
    propose(session, person=person, opportunity_id=world.opp_a2, user=coach)
    session.commit()
    sign_in(client, world.coach_a)
    page = client.get(f"/en/coach/people/{world.person_a}").get_data(as_text=True)
    assert '<option value="ti" selected>' in page  # the letter form starts in the person's language
    response = client.post(f"/en/coach/people/{world.person_a}/code")
    html = response.get_data(as_text=True)
    letters = _letters(html)
    assert len(letters) == 2
    tigrinya, dutch = letters
    assert 'lang="ti" dir="ltr"' in tigrinya and 'lang="nl"' in dutch and "letter-copy" in dutch
    # the kiosk's own button words, in each language
    assert _translated(KIOSK_BUTTON, "ti") in tigrinya
    assert _translated(KIOSK_BUTTON, "nl") in dutch
    # the code, large and grouped as typed, the same in both copies, and it works at the kiosk
    codes = [
        re.search(r'<p class="code" dir="ltr"><strong>([^<]+)</strong>', letter)
        for letter in letters
    ]
    assert codes[0] and codes[1] and codes[0].group(1) == codes[1].group(1)
    code = codes[0].group(1)
    assert re.fullmatch(r"[0-9A-Z]{3}-[0-9A-Z]{3}-[0-9A-Z]{3}", code)
    css = (TRANSLATIONS.parent / "static" / "css" / "staff.css").read_text(encoding="utf-8")
    assert re.search(r"\.letter \.code \{[^}]*font-size: 2\.\d+rem", css)
    assert "Amina" in client.post("/en/kiosk/code", data={"code": code}).get_data(as_text=True)
    # what was proposed, who the coach is and how to reach them, and the date
    for letter in letters:
        assert "Jeugdtrainer Atletiek" in letter and "Atletiek Zoetermeer" in letter
        assert "coach-a@example.org" in letter and "VluchtelingenWerk Zoetermeer" in letter
    assert format_date(date.today(), "long", locale="ti") in tigrinya
    assert format_date(date.today(), "long", locale="nl") in dutch
    # only the QR code of the person's language: one code to scan
    assert tigrinya.count("<svg") == 1 and "<svg" not in dutch


def test_a_dutch_letter_has_no_second_copy_and_the_coach_may_choose_another_language(
    client: FlaskClient, session: Session, world: World
) -> None:
    _with_languages(session, world, ["ru"])  # no UI language: Dutch
    sign_in(client, world.coach_a)
    letters = _letters(
        client.post(f"/en/coach/people/{world.person_a}/code").get_data(as_text=True)
    )
    assert len(letters) == 1 and 'lang="nl"' in letters[0]
    letters = _letters(
        client.post(f"/en/coach/people/{world.person_a}/code", data={"letter_lang": "ar"}).get_data(
            as_text=True
        )
    )
    assert 'lang="ar" dir="rtl"' in letters[0] and _translated(KIOSK_BUTTON, "ar") in letters[0]


def _state(session: Session, proposal_id: int) -> Proposal:
    session.expire_all()
    proposal = session.get(Proposal, proposal_id)
    assert proposal is not None
    return proposal


def test_stopping_asks_for_a_reason_without_a_preselected_one_and_confirms(
    client: FlaskClient, session: Session, world: World
) -> None:
    sign_in(client, world.coach_a)
    person_page = client.get(f"/en/coach/people/{world.person_a}").get_data(as_text=True)
    assert "<select" not in person_page.split('id="proposals-h"')[1].split("</section>")[0]
    url = f"/en/coach/proposals/{world.proposal_a}/end"
    ask = client.post(url, data={"outcome": "stopped"})
    page = ask.get_data(as_text=True)
    assert ask.status_code == 200 and "Stop this proposal?" in page
    assert 'type="radio" name="reason"' in page and "checked" not in page.split("<fieldset")[1]
    assert "The person declined" in page and "Yes, stop it" in page and "No, go back" in page
    assert _state(session, world.proposal_a).state == "introduced"
    no_reason = client.post(url, data={"outcome": "stopped", "confirmed": "1"})
    page = no_reason.get_data(as_text=True)
    assert no_reason.status_code == 422 and 'href="#reason"' in page and "Choose a reason." in page
    assert _state(session, world.proposal_a).state == "introduced"
    done = client.post(url, data={"outcome": "stopped", "confirmed": "1", "reason": "lost_contact"})
    assert done.status_code == 302
    proposal = _state(session, world.proposal_a)
    assert proposal.state == "stopped" and proposal.end_reason == "lost_contact"


def test_suggestion_cards_carry_time_place_cost_places_and_a_link(
    client: FlaskClient, session: Session, world: World
) -> None:
    add_postcode(session, "2711", 52.0617, 4.4925)
    person = session.get(Person, world.person_a)
    assert person is not None
    person.talents = ["hardlopen", "bakken van injera"]
    session.add(person)
    session.commit()
    sign_in(client, world.coach_a)
    page = client.get(f"/en/coach/people/{world.person_a}").get_data(as_text=True)
    card = page.split('id="suggestions-h"')[1].split("</li>")[0]
    assert re.search(r'href="/en/opportunities/\d+"', card)
    for label in ("When", "Where", "Cost", "Places"):
        assert f"<dt>{label}</dt>" in card
    assert re.search(r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d\d:\d\d–\d\d:\d\d|Times: ask", card)
    assert re.search(r"Free|€|Cost unknown", card) and re.search(
        r"places? left|Full|Places: ask", card
    )
    words = page.split('id="words-h"')[1].split("</section>")[0]
    assert re.search(r"<td>hardlopen</td><td>Running</td>", words)
    assert "bakken van injera" in words and "not understood: “van injera”" in words
