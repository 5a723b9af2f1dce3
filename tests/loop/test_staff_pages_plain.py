"""Every staff page, and every staff form sent bad values, in all eight UI languages: no developer-speak.

A page fails when its visible text (or an aria-label) shows an ISO date, a validator's raw message, a
field path such as "schedule.0.day", a snake_case code (person_declined, first_name), or — where the
language makes it detectable — a raw English code (a role, state, status, audit action, day code such
as "mon") or an ISO 639 language code. Technical detail shown on purpose to a coordinator (an import's
own error text, marked class="technical" and lang="en") is left out of the check.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, select

from matching.models import Provider
from matching.people import Person
from matching.vocab import UI_LANGUAGES
from tests.factories import add_postcode, native_line
from tests.loop.conftest import World, build_world, sign_in

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
VALIDATOR = re.compile(
    r"Input should be|value_error|Value error|String should|valid integer|valid number"
    r"|is not an ISO 639|unknown field|Field required|must be one of",
    re.IGNORECASE,
)
FIELD_PATH = re.compile(r"\b[a-z_]+\.\d+(\.[a-z_]+)?\b")
SNAKE_CODE = re.compile(r"\b[a-z]+_[a-z_]+\b")
# English codes kept in the database; in these languages they can only be leaks.
ENGLISH_CODES = re.compile(
    r"\b(coordinator|coach|provider|pending|active|disabled|running|success|failed|busy|interrupted"
    r"|proposed|accepted|introduced|started|stopped|finished|create|update|view|export|erase|share"
    r"|propose|accept|decline|mon|tue|wed|thu|fri|sat|sun|club|volunteer|course|workplace|walk"
    r"|bike|transit|none|morning|afternoon|evening)\b"
)
# In Dutch most English codes are no words at all.
DUTCH_CODES = re.compile(
    r"\b(coordinator|pending|disabled|running|success|failed|busy|interrupted|proposed|accepted"
    r"|introduced|started|stopped|finished|propose|accept|decline|mon|tue|wed|thu|fri|sat|sun"
    r"|volunteer|workplace|walk|bike|transit|none|morning|afternoon|evening)\b"
)
ISO_LANGUAGE = re.compile(r"\b(nl|en|ar|ti|fa|uk|tr|so|prs|ru|am)\b")
NON_LATIN = ("ar", "ti", "fa", "uk")
EMAIL_OR_URL = re.compile(r"\S+@\S+|https?://\S+")
# The taxonomy form asks the coordinator for a new entry's code and shows one as an example.
ALLOWED = {"forklift_driving"}


VOID = ("br", "input", "img", "meta", "link", "hr", "source", "wbr", "area", "col")


class _Text(HTMLParser):
    """Visible text and aria-labels by language (a lang attribute switches it), without scripts,
    styles and marked technical detail."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.parts: list[tuple[str, str]] = []
        self._depth = 0
        self._langs: list[tuple[int, str]] = [(0, lang)]
        self._skip_from: int | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in VOID:
            if self._skip_from is None and values.get("aria-label"):
                self.parts.append((self._langs[-1][1], values["aria-label"] or ""))
            return
        self._depth += 1
        if self._skip_from is not None:
            return
        if tag in ("script", "style") or "technical" in (values.get("class") or "").split():
            self._skip_from = self._depth
            return
        if values.get("lang"):
            self._langs.append((self._depth, str(values["lang"])))
        if values.get("aria-label"):
            self.parts.append((self._langs[-1][1], values["aria-label"] or ""))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if self._skip_from is not None and self._depth <= self._skip_from:
            self._skip_from = None
        if len(self._langs) > 1 and self._langs[-1][0] >= self._depth:
            self._langs.pop()
        self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._skip_from is None:
            self.parts.append((self._langs[-1][1], data))


def visible_text(html: str, lang: str = "en") -> dict[str, str]:
    """What a person reads on the page, per language (e-mail addresses and links taken out: data)."""
    parser = _Text(lang)
    parser.feed(html)
    by_lang: dict[str, list[str]] = {}
    for part_lang, text in parser.parts:
        by_lang.setdefault(part_lang, []).append(text)
    return {k: EMAIL_OR_URL.sub(" ", " ".join(v)) for k, v in by_lang.items()}


def problems(html: str, lang: str) -> list[str]:
    """Every kind of developer-speak found on the page (each part checked in its own language)."""
    found = []
    for part_lang, text in visible_text(html, lang).items():
        found += _problems_in(text, part_lang)
    return found


def _problems_in(text: str, lang: str) -> list[str]:
    found = []
    for name, pattern in (
        ("ISO date", ISO_DATE),
        ("validator text", VALIDATOR),
        ("field path", FIELD_PATH),
        ("snake_case code", SNAKE_CODE),
    ):
        found += [
            f"{name}: {m.group(0)!r}" for m in pattern.finditer(text) if m.group(0) not in ALLOWED
        ]
    if lang not in ("en", "nl"):
        found += [f"English code: {m.group(0)!r}" for m in ENGLISH_CODES.finditer(text)]
    if lang == "nl":
        found += [f"English code: {m.group(0)!r}" for m in DUTCH_CODES.finditer(text)]
    if lang in NON_LATIN:
        found += [f"ISO language code: {m.group(0)!r}" for m in ISO_LANGUAGE.finditer(text)]
    return found


@pytest.fixture
def staff_world(session: Session, runner, tmp_path: Path) -> World:  # type: ignore[no-untyped-def]
    """The two-sided world, plus what makes every page show its codes: languages, an import run."""
    world = build_world(session)
    add_postcode(session, "2711", 52.0617, 4.4925)
    person = session.get(Person, world.person_a)
    assert person is not None
    person.languages, person.availability = ["ar", "ti"], ["mon-evening", "sat-morning"]
    person.talents, person.wishes = ["hardlopen", "bakken van injera"], ["werk"]
    session.add(person)
    # Catalogue data in English words ("Test club", "Nieuwe Club") would read as leaked codes.
    for provider in session.exec(select(Provider)):
        provider.name = provider.name.replace("Club", "Vereniging")
        session.add(provider)
    session.commit()
    bad = tmp_path / "clubs.jsonl"
    lines = [
        native_line(title="Zwemmen in Zoetermeer"),
        native_line(
            title="Dansen", kind="disco", schedule=[{"day": "di", "start": "19:00", "end": "20:30"}]
        ),
    ]
    bad.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    result = runner("import", str(bad))
    assert result.exit_code in (0, 1), result.output
    return world


def _pages(world: World) -> dict[str, list[tuple[str, str, dict[str, object]]]]:
    """(method, path, form) per role; each bad form once, each page once."""
    person = f"/coach/people/{world.person_a}"
    bad_person = {
        "first_name": "",
        "email": "geen-adres",
        "postcode": "ABCD",
        "max_distance_km": "ver",
        "age": "twintig",
        "phase": "9",
        "gender": "q",
        "languages": ["arabisch"],
        "avail-mon-evening": "1",
        "dutch_level": "",
    }
    bad_listing = {
        "kind": "disco",
        "title": "",
        "postcode": "99",
        "schedule-0-day": "di",
        "schedule-0-start": "19",
        "schedule-0-end": "18:00",
        "schedule-1-day": "",
        "schedule-1-start": "25:99",
        "schedule-1-end": "",
        "places_left": "veel",
        "cost_eur_year": "gratis",
        "age_min": "40",
        "age_max": "12",
        "languages": ["engels"],
        "dutch_level_min": "Z9",
        "audience": "kids",
    }
    return {
        "coach": [
            ("GET", "/coach/", {}),
            ("GET", "/coach/?q=am&state=action", {}),
            ("GET", "/coach/help", {}),
            ("GET", "/coach/people/new", {}),
            ("POST", "/coach/people/new", bad_person),
            ("GET", person, {}),
            ("GET", person + "/edit", {}),
            ("POST", person + "/edit", bad_person),
            ("POST", person + "/code", {}),
            ("POST", f"/coach/proposals/{world.proposal_a}/end", {"outcome": "stopped"}),
            (
                "POST",
                f"/coach/proposals/{world.proposal_a}/end",
                {"outcome": "stopped", "confirmed": "1", "reason": "bored"},
            ),
            ("POST", f"/coach/people/{world.person_a}/propose", {"opportunity_id": world.opp_a}),
            ("POST", person + "/share", {"organisation_id": world.org_a, "consent": "1"}),
        ],
        "provider": [
            ("GET", "/provider/", {}),
            ("GET", "/provider/introductions", {}),
            ("GET", "/provider/listings/new", {}),
            ("POST", "/provider/listings/new", bad_listing),
            ("GET", f"/provider/listings/{world.opp_a}/edit", {}),
            (
                "POST",
                f"/provider/listings/{world.opp_a}/places",
                {"step": "set", "places_left": "x"},
            ),
            ("POST", f"/provider/introductions/{world.proposal_b}/accept", {}),
        ],
        "coordinator": [
            ("GET", "/coordinator/accounts", {}),
            ("POST", "/coordinator/accounts", {"email": "geen", "role": ""}),
            ("POST", "/coordinator/accounts", {"email": "coach-a@example.org", "role": "coach"}),
            ("POST", "/coordinator/organisations", {"name": ""}),
            ("GET", "/coordinator/providers", {}),
            ("GET", "/coordinator/imports", {}),
            ("GET", "/coordinator/imports/runs/1", {}),
            ("GET", "/coordinator/figures", {}),
            ("GET", "/coordinator/words", {}),
            (
                "POST",
                "/coordinator/words/map",
                {"word": "injera", "lang": "nl", "code": "nonsense"},
            ),
            ("GET", "/coordinator/taxonomy", {}),
            ("POST", "/coordinator/taxonomy/entries", {"code": "football"}),
            ("GET", "/coordinator/taxonomy/entries/football", {}),
        ],
        "anonymous": [
            ("GET", "/provider/signup", {}),
            ("POST", "/provider/signup", {"provider_name": "", "email": "x", "password": "kort"}),
            ("POST", "/account/link/not-a-token", {"password": "a", "password2": "a"}),
        ],
    }


def _clients(app: Flask, world: World) -> dict[str, FlaskClient]:
    clients = {"anonymous": app.test_client()}
    for role, email in (
        ("coach", world.coach_a),
        ("provider", world.provider_user_a),
        ("coordinator", world.coordinator),
    ):
        clients[role] = app.test_client()
        sign_in(clients[role], email)
    return clients


def _read(client: FlaskClient, method: str, url: str, form: dict[str, object]) -> tuple[int, str]:
    response = client.open(url, method=method, data=form if method == "POST" else None)
    if response.status_code == 302:  # a flashed message lands on the next page
        response = client.get(response.headers["Location"])
    return response.status_code, response.get_data(as_text=True)


def test_no_staff_page_speaks_developer_in_any_language(app: Flask, staff_world: World) -> None:
    clients = _clients(app, staff_world)
    failures = []
    for lang in UI_LANGUAGES:
        for role, pages in _pages(staff_world).items():
            for method, path, form in pages:
                status, html = _read(clients[role], method, f"/{lang}{path}", form)
                assert status < 500, (lang, method, path, status)
                found = problems(html, lang)
                if found:
                    failures.append(f"{lang} {method} {path}: {sorted(set(found))[:6]}")
    assert not failures, "\n".join(failures)


def test_bad_forms_answer_with_a_summary_and_a_message_at_each_field(
    app: Flask, staff_world: World
) -> None:
    clients = _clients(app, staff_world)
    pages = _pages(staff_world)
    check: list[tuple[str, str, dict[str, object], list[str]]] = [
        (
            "coach",
            "/coach/people/new",
            pages["coach"][4][2],
            ["first_name", "email", "postcode", "age"],
        ),
        ("provider", "/provider/listings/new", pages["provider"][3][2], ["title", "places_left"]),
        ("coordinator", "/coordinator/accounts", {"email": "geen", "role": ""}, ["email", "role"]),
    ]
    for lang in ("nl", "ar"):
        for role, path, form, fields in check:
            status, html = _read(clients[role], "POST", f"/{lang}{path}", form)
            assert status == 422, (lang, path, status)
            summary = html.split('class="error-summary"')[1].split("</div>")[0]
            for field in fields:
                assert f'href="#{field}"' in summary, (lang, path, field)
                assert f'id="{field}-error"' in html, (lang, path, field)
                assert re.search(rf'id="{field}"[^>]*aria-invalid="true"', html), (
                    lang,
                    path,
                    field,
                )


def test_what_was_typed_is_kept_on_a_bad_form(app: Flask, staff_world: World) -> None:
    client = _clients(app, staff_world)["coach"]
    form = {"first_name": "Hiwet", "age": "twintig", "talents": "koken, bakken van injera"}
    status, html = _read(client, "POST", "/nl/coach/people/new", form)
    assert status == 422
    assert 'value="Hiwet"' in html and 'value="twintig"' in html and "bakken van injera" in html
    # a new person's Dutch level is chosen, never assumed
    assert re.search(r'<option value=""\s*selected>', html)
    assert "dutch_level-error" in html


@pytest.mark.parametrize(
    ("html", "lang", "expected"),
    [
        ("<p>Voorgesteld op 2026-12-05</p>", "nl", "ISO date"),
        ("<p>schedule.0.day: Input should be 'mon'</p>", "nl", "validator text"),
        ("<p>schedule.0.day</p>", "en", "field path"),
        ("<td>person_declined</td>", "en", "snake_case code"),
        ("<td>coordinator</td>", "ar", "English code"),
        ("<th>mon</th>", "uk", "English code"),
        ("<dd>ar, ti</dd>", "fa", "ISO language code"),
        ("<td>pending</td>", "nl", "English code"),
        ('<p lang="nl">stopped</p>', "ar", "English code"),
        ('<button aria-label="accepted">x</button>', "ti", "English code"),
    ],
)
def test_the_checker_sees_each_kind_of_leak(html: str, lang: str, expected: str) -> None:
    assert any(p.startswith(expected) for p in problems(html, lang))


def test_the_checker_leaves_marked_technical_detail_and_data_alone() -> None:
    html = (
        '<code class="technical" lang="en">kind: Input should be club</code>'
        "<p>coach-a@example.org</p><p>مقترح</p>"
    )
    assert problems(html, "ar") == []
