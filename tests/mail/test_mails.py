"""Every mail Opstap sends, received by a real SMTP server: recipient, language, working links, privacy."""

from __future__ import annotations

from datetime import date, timedelta

from flask.testing import FlaskClient
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from matching.accounts import User, get_user_by_email
from matching.mail.outbox import OutboxMessage
from matching.models import ImportRun, Opportunity
from matching.people import Proposal
from matching.settings import Settings
from tests.loop.conftest import World, sign_in
from tests.mail.conftest import SmtpServer, body, deliver, links

# Side A's newcomer: only the first name may appear in a mail.
AMINA_PRIVATE = ("0612345678", "amina@example.net", "2711")


def _path(url: str) -> str:
    assert url.startswith("http://opstap.test/"), url
    return url.removeprefix("http://opstap.test")


def _set_lang(session: Session, email: str, lang: str) -> None:
    user = get_user_by_email(session, email=email)
    assert user is not None
    user.lang = lang
    session.add(user)
    session.commit()


def _assert_private(smtp: SmtpServer) -> None:
    for message in smtp.inbox.messages:
        text = body(message) + body(message, "html") + str(message["Subject"])
        for value in AMINA_PRIVATE:
            assert value not in text.replace(" ", ""), (message["Subject"], value)


def test_the_world_mails_the_provider_and_coach_in_their_languages(
    engine: Engine, settings: Settings, session: Session, smtp: SmtpServer, world: World
) -> None:
    # build_world: Amina accepted at the kiosk and was introduced to the club.
    _set_lang(session, world.coach_a, "ar")
    _set_lang(session, world.provider_user_a, "tr")
    report = deliver(engine, settings)
    assert report.sent >= 2 and report.failed == 0
    [to_coach] = [m for m in smtp.inbox.to(world.coach_a) if "Amina" in str(m["Subject"])]
    assert to_coach["Content-Language"] == "ar"
    assert "قبلت" in str(to_coach["Subject"]) and "Amina" in body(to_coach)
    assert 'dir="rtl"' in body(to_coach, "html")
    [intro] = smtp.inbox.to(world.provider_user_a)
    assert intro["Content-Language"] == "tr" and "Amina" in str(intro["Subject"])
    assert links(intro) == ["http://opstap.test/tr/provider/introductions"]
    _assert_private(smtp)
    # Sent rows keep no parameters (first names, one-time links) once the server took them.
    session.expire_all()
    assert all(m.params == {} for m in session.exec(select(OutboxMessage)))


def test_provider_answers_and_start_reach_the_coach(
    client: FlaskClient,
    engine: Engine,
    settings: Settings,
    session: Session,
    smtp: SmtpServer,
    world: World,
) -> None:
    deliver(engine, settings)
    smtp.inbox.messages.clear()
    sign_in(client, world.provider_user_a)
    assert client.post(f"/en/provider/introductions/{world.proposal_a}/accept").status_code == 302
    assert client.post(f"/en/provider/introductions/{world.proposal_a}/started").status_code == 302
    deliver(engine, settings)
    subjects = sorted(str(m["Subject"]) for m in smtp.inbox.to(world.coach_a))
    assert subjects == [
        "Amina begon bij Atletiek Zoetermeer",
        "Atletiek Zoetermeer heeft de kennismaking met Amina geaccepteerd",
    ]
    [one] = [m for m in smtp.inbox.to(world.coach_a) if "begon" in str(m["Subject"])]
    coach = client.application.test_client()
    sign_in(coach, world.coach_a)
    assert coach.get(_path(links(one)[0])).status_code == 200  # the link opens the person's page
    _assert_private(smtp)


def test_invitation_and_reset_links_arrive_by_mail_and_work(
    client: FlaskClient,
    engine: Engine,
    settings: Settings,
    session: Session,
    smtp: SmtpServer,
    world: World,
) -> None:
    deliver(engine, settings)
    sign_in(client, world.coordinator)
    page = client.post(
        "/en/coordinator/accounts",
        data={"email": "nieuw@example.org", "name": "Fatima", "role": "coach",
              "organisation_id": str(world.org_a), "lang": "fa"},
    )  # fmt: skip
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "on its way by mail" in text and "/account/link/" not in text
    deliver(engine, settings)
    [invite] = smtp.inbox.to("nieuw@example.org")
    assert invite["Content-Language"] == "fa" and "Fatima" in body(invite)
    [link] = links(invite)
    assert link.startswith("http://opstap.test/fa/account/link/")
    anonymous = client.application.test_client()
    assert anonymous.get(_path(link)).status_code == 200
    done = anonymous.post(
        _path(link), data={"password": "een-lang-wachtwoord", "password2": "een-lang-wachtwoord"}
    )
    assert done.status_code == 302
    assert anonymous.get(_path(link)).status_code == 404  # once only
    # A reset link, to an existing coach, in the language they last used (Dutch by default).
    coach = session.exec(select(User).where(User.email == world.coach_a)).one()
    client.post(f"/en/coordinator/accounts/{coach.id}/reset")
    deliver(engine, settings)
    [reset] = [m for m in smtp.inbox.to(world.coach_a) if "/account/link/" in body(m)]
    assert reset["Content-Language"] == "nl" and "wachtwoord" in str(reset["Subject"])
    assert anonymous.get(_path(links(reset)[0])).status_code == 200


def test_a_help_request_nobody_covers_reaches_the_coordinators(
    client: FlaskClient,
    engine: Engine,
    settings: Settings,
    session: Session,
    smtp: SmtpServer,
    world: World,
) -> None:
    deliver(engine, settings)
    smtp.inbox.messages.clear()
    # The kiosk stands in Zoetermeer: covered by organisation A, so its coaches hear of it.
    form = {"first_name": "Hiwet", "phone": "06 11112222", "email": "", "consent": "yes"}
    assert client.post("/ti/kiosk/help", data=form).status_code == 302
    deliver(engine, settings)
    [to_coach] = smtp.inbox.to(world.coach_a)
    assert "Zoetermeer" in body(to_coach) and "\u2068Hiwet\u2069" in body(to_coach)
    assert "0611112222" not in body(to_coach).replace(" ", "")
    assert smtp.inbox.to(world.coordinator) == [] and smtp.inbox.to(world.coach_b) == []
    # A kiosk in a municipality no organisation covers: the coordinators are warned.
    client.application.config["OPSTAP_SETTINGS"] = settings.__class__(
        **{**settings.__dict__, "kiosk_municipality": "Pijnacker-Nootdorp"}
    )
    assert client.post("/en/kiosk/help", data={**form, "first_name": "Yonas"}).status_code == 302
    deliver(engine, settings)
    [warning] = smtp.inbox.to(world.coordinator)
    assert "Pijnacker-Nootdorp" in body(warning) and "\u2068Yonas\u2069" in body(warning)
    assert "\u2068Yonas\u2069" in body(
        warning, "html"
    )  # isolated: a name in Ge'ez or Arabic keeps its place
    assert str(warning["Subject"]).startswith("Waarschuwing")
    coordinator = client.application.test_client()
    sign_in(coordinator, world.coordinator)
    page = coordinator.get(_path(links(warning)[0])).get_data(as_text=True)
    assert "Pijnacker-Nootdorp" in page and "Yonas" in page
    assert "reaches no coach" in coordinator.get("/en/coordinator/accounts").get_data(as_text=True)
    # The coordinator adds the municipality to organisation A: the request reaches its coaches.
    coordinator.post(f"/en/coordinator/organisations/{world.org_a}/areas",
                     data={"municipalities": "Zoetermeer\nPijnacker-Nootdorp"})  # fmt: skip
    assert "Yonas" not in coordinator.get("/en/coordinator/help-requests").get_data(as_text=True)
    coach = client.application.test_client()
    sign_in(coach, world.coach_a)
    assert "Yonas" in coach.get("/en/coach/help").get_data(as_text=True)


def test_a_waiting_list_place_opens_for_the_first_in_line(
    client: FlaskClient,
    engine: Engine,
    settings: Settings,
    session: Session,
    smtp: SmtpServer,
    world: World,
) -> None:
    opp = session.get(Opportunity, world.opp_a2)
    assert opp is not None
    opp.places_left = 0
    session.add(opp)
    session.commit()
    coach = client.application.test_client()
    sign_in(coach, world.coach_a)
    person_page = coach.get(f"/en/coach/people/{world.person_a}?q=Jeugdtrainer").get_data(
        as_text=True
    )
    assert "Propose as waiting list" in person_page
    coach.post(f"/en/coach/people/{world.person_a}/propose",
               data={"opportunity_id": str(world.opp_a2), "waiting_list": "1", "share": ["first_name"]})  # fmt: skip
    session.expire_all()
    waiting = session.exec(select(Proposal).where(Proposal.opportunity_id == world.opp_a2)).one()
    assert waiting.state == "waiting"
    provider = client.application.test_client()
    sign_in(provider, world.provider_user_a)
    assert "1 person waits for a place" in provider.get("/en/provider/").get_data(as_text=True)
    deliver(engine, settings)
    smtp.inbox.messages.clear()
    provider.post(f"/en/provider/listings/{world.opp_a2}/places", data={"step": "up"})
    session.expire_all()
    assert session.get(Proposal, waiting.id).state == "proposed"  # type: ignore[union-attr]
    deliver(engine, settings)
    [told] = smtp.inbox.to(world.coach_a)
    assert "Amina" in str(told["Subject"]) and "Jeugdtrainer Atletiek" in body(told)
    assert "Amina" in coach.get("/en/coach/").get_data(as_text=True)  # and on the to-do
    _assert_private(smtp)


def test_the_monthly_reminder_carries_a_signed_link_that_confirms(
    client: FlaskClient,
    engine: Engine,
    settings: Settings,
    session: Session,
    smtp: SmtpServer,
    world: World,
    runner,
) -> None:  # type: ignore[no-untyped-def]
    deliver(engine, settings)
    smtp.inbox.messages.clear()
    old = session.get(Opportunity, world.opp_a)
    assert old is not None
    old.last_confirmed = date.today() - timedelta(days=151)
    session.add(old)
    session.commit()
    result = runner("mail", "send")
    assert "reminders queued 1" in result.output and "sent 1" in result.output
    [reminder] = smtp.inbox.to(world.provider_user_a)
    assert "Hardlopen bij Atletiek" in body(reminder)
    [confirm] = [u for u in links(reminder) if "/provider/confirm/" in u]
    anonymous = client.application.test_client()
    assert "Hardlopen bij Atletiek" in anonymous.get(_path(confirm)).get_data(as_text=True)
    assert anonymous.post(_path(confirm)).status_code == 200
    session.expire_all()
    assert session.get(Opportunity, world.opp_a).last_confirmed == date.today()  # type: ignore[union-attr]
    forged = _path(confirm)[:-3] + "xyz"
    assert anonymous.get(forged).status_code == 404
    # The same day and within the month: no second reminder.
    old.last_confirmed = date.today() - timedelta(days=151)
    session.add(old)
    session.commit()
    assert "reminders queued 0" in runner("mail", "send").output


def test_sign_up_verification_and_a_declined_sign_up(
    client: FlaskClient,
    engine: Engine,
    settings: Settings,
    session: Session,
    smtp: SmtpServer,
    world: World,
) -> None:
    deliver(engine, settings)
    smtp.inbox.messages.clear()
    form = {"provider_name": "Atletiek Zoetermeer", "name": "Ravi", "email": "ravi@example.org",
            "phone": "079 123 45 67", "job_role": "secretaris", "kvk_number": "1234 5678",
            "password": "een-lang-wachtwoord"}  # fmt: skip
    assert client.post("/uk/provider/signup", data=form).status_code == 200
    deliver(engine, settings)
    [to_coordinator] = smtp.inbox.to(world.coordinator)
    assert "Atletiek Zoetermeer" in str(to_coordinator["Subject"])
    coordinator = client.application.test_client()
    sign_in(coordinator, world.coordinator)
    page = coordinator.get("/en/coordinator/providers").get_data(as_text=True)
    assert "already managed" in page and "club-a@example.org" in page and "12345678" in page
    ravi = session.exec(select(User).where(User.email == "ravi@example.org")).one()
    refused = coordinator.post(
        f"/en/coordinator/providers/users/{ravi.id}/refuse", data={"reason": ""}
    )
    assert refused.status_code == 302
    session.expire_all()
    assert session.get(User, ravi.id).status == "pending"  # type: ignore[union-attr]
    coordinator.post(f"/en/coordinator/providers/users/{ravi.id}/refuse",
                     data={"reason": "Het bestuur kent u niet."})  # fmt: skip
    deliver(engine, settings)
    [declined] = smtp.inbox.to("ravi@example.org")
    assert declined["Content-Language"] == "uk" and "Het bestuur kent u niet." in body(declined)


def test_a_failed_import_run_mails_the_coordinators(
    engine: Engine,
    settings: Settings,
    session: Session,
    smtp: SmtpServer,
    world: World,
    runner,
    tmp_path,
) -> None:  # type: ignore[no-untyped-def]
    deliver(engine, settings)
    smtp.inbox.messages.clear()
    # A bad line is only a rejected row; a source that cannot be read fails the whole run.
    result = runner("import", str(tmp_path / "kapot.jsonl"))
    assert result.exit_code != 0
    deliver(engine, settings)
    session.expire_all()
    run = session.exec(select(ImportRun).order_by(ImportRun.id.desc())).first()  # type: ignore[union-attr]
    assert run is not None and run.status == "failed"
    [told] = smtp.inbox.to(world.coordinator)
    assert str(told["Subject"]) == "Een import is mislukt: kapot"
    assert links(told) == [f"http://opstap.test/nl/coordinator/imports/runs/{run.id}"]


def test_a_person_who_declines_at_the_kiosk_is_reported_to_the_coach(
    client: FlaskClient,
    engine: Engine,
    settings: Settings,
    session: Session,
    smtp: SmtpServer,
    world: World,
) -> None:
    deliver(engine, settings)
    smtp.inbox.messages.clear()
    coach = client.application.test_client()
    sign_in(coach, world.coach_a)
    coach.post(
        f"/en/coach/people/{world.person_a}/propose", data={"opportunity_id": str(world.opp_a2)}
    )
    proposal = session.exec(select(Proposal).where(Proposal.opportunity_id == world.opp_a2)).one()
    kiosk = client.application.test_client()
    page = kiosk.post(
        "/en/kiosk/code",
        data={"code": world.code_a, "choice": "decline", "proposal_id": str(proposal.id)},
    )
    assert page.status_code == 200
    deliver(engine, settings)
    [told] = smtp.inbox.to(world.coach_a)
    # The coach last signed in on the English pages: the mail is in English.
    assert str(told["Subject"]) == "Amina declined a proposal" and told["Content-Language"] == "en"
    assert "Jeugdtrainer Atletiek" in body(told)
    assert smtp.inbox.to(world.provider_user_a) == []  # nothing reaches the provider
    _assert_private(smtp)


def test_a_forgotten_password_is_reset_by_a_mailed_link_that_tells_nobody_who_has_an_account(
    client: FlaskClient,
    engine: Engine,
    settings: Settings,
    session: Session,
    smtp: SmtpServer,
    world: World,
) -> None:
    deliver(engine, settings)
    smtp.inbox.messages.clear()
    _set_lang(session, world.coach_a, "en")
    sign_in_page = client.get("/en/account/sign-in").get_data(as_text=True)
    assert 'href="/en/account/forgot"' in sign_in_page
    wrong = client.post("/en/account/forgot", data={"email": "coach-a at example"})
    assert wrong.status_code == 422 and "Enter an e-mail address like" in wrong.get_data(
        as_text=True
    )
    known = client.post("/en/account/forgot", data={"email": world.coach_a.upper()})
    unknown = client.post("/en/account/forgot", data={"email": "nobody@example.org"})
    answer = known.get_data(as_text=True).replace(world.coach_a.upper(), "ADDRESS")
    assert answer == unknown.get_data(as_text=True).replace("nobody@example.org", "ADDRESS")
    assert "is on its way" in answer and "2 hours" in answer
    arabic = client.post("/ar/account/forgot", data={"email": "amal+1@example.org"})
    assert '<bdi dir="ltr">amal+1@example.org</bdi>' in arabic.get_data(
        as_text=True
    )  # not mirrored
    odd = client.post("/en/account/forgot", data={"email": "x<b>@example.org"}).get_data(
        as_text=True
    )
    assert "x&lt;b&gt;@example.org" in odd and "x<b>" not in odd
    deliver(engine, settings)
    assert [m["To"] for m in smtp.inbox.messages] == [world.coach_a]  # none to an unknown address
    [mail] = smtp.inbox.messages
    assert "The link works once and for 2 hours." in body(mail) and "72 hours" not in body(mail)
    [link] = links(mail)
    anonymous = client.application.test_client()
    new_password = "een-nieuw-lang-wachtwoord"
    done = anonymous.post(_path(link), data={"password": new_password, "password2": new_password})
    assert done.status_code == 302
    sign_in(anonymous, world.coach_a, new_password)
    assert anonymous.get("/en/coach/").status_code == 200
    # A switched-off account gets no link.
    coach = session.exec(select(User).where(User.email == world.coach_a)).one()
    coach.status = "disabled"
    session.add(coach)
    session.commit()
    smtp.inbox.messages.clear()
    assert client.post("/en/account/forgot", data={"email": world.coach_a}).status_code == 200
    deliver(engine, settings)
    assert smtp.inbox.messages == []
