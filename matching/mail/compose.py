"""Composing a mail from an outbox row: subject, plain text and simple HTML in its language.

Flask-free: the caller hands in a gettext `Translations` object for the language and the base
URL for links. A mail says what happened and links to the page behind sign-in; of a newcomer it
names only the first name (PRODUCT §7).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from matching.mail.links import confirm_token
from matching.vocab import RTL_LANGUAGES

TEMPLATES = Path(__file__).parent / "templates"


class Gettext(Protocol):
    """What composing needs of a translations object (babel.support.Translations has it)."""

    def gettext(self, message: str) -> str: ...

    def ngettext(self, singular: str, plural: str, n: int) -> str: ...


class ComposeError(ValueError):
    """An outbox row that cannot be turned into a mail (unknown kind, missing parameter)."""


@dataclass(frozen=True)
class Composed:
    """A mail ready for SMTP."""

    subject: str
    text: str
    html: str


@dataclass
class _Parts:
    subject: str
    lines: list[str]
    link: str | None = None
    link_label: str | None = None
    items: list[tuple[str, str]] = field(default_factory=list)  # (label, link) pairs


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        keep_trailing_newline=True,
    )
    return env


_ENV = _environment()


def compose(
    *,
    kind: str,
    params: dict[str, Any],
    lang: str,
    translations: Gettext,
    base_url: str,
    secret_key: str,
) -> Composed:
    """The mail for one outbox row, in `lang`, with links under `base_url`."""
    builder = _BUILDERS.get(kind)
    if builder is None:
        raise ComposeError(f"unknown mail kind {kind!r}")
    base = base_url.rstrip("/")

    def url(path: str) -> str:
        return base + path.replace("{lang}", lang)

    try:
        parts = builder(translations.gettext, params, url, secret_key)
    except KeyError as exc:
        raise ComposeError(f"mail {kind!r} lacks the parameter {exc.args[0]!r}") from exc
    _ = translations.gettext
    context = {
        "parts": parts,
        "lang": lang,
        "dir": "rtl" if lang in RTL_LANGUAGES else "ltr",
        "greeting": _("Hello %(name)s,") % {"name": params["name"]}
        if params.get("name")
        else _("Hello,"),
        "footer": _(
            "You get this mail because you have an account at Opstap. Sign in to see the details."
        ),
        "signature": _("Opstap"),
    }
    _ENV.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
    text = _ENV.get_template("message.txt").render(context)
    html = _ENV.get_template("message.html").render(context)
    return Composed(subject=parts.subject, text=text, html=html)


Url = Callable[[str], str]
T = Callable[[str], str]


def _answer_word(_: T, answer: str) -> str:
    return _("accepted") if answer == "accepted" else _("declined")


def _invite(_: T, p: dict[str, Any], url: Url, _key: str) -> _Parts:
    return _Parts(
        _("Your Opstap account is ready"),
        [
            _("A coordinator made an account for you at Opstap."),
            _("Choose your password with the button below. The link works once and for 72 hours."),
        ],
        url(p["path"]),
        _("Choose a password"),
    )


def _reset(_: T, p: dict[str, Any], url: Url, _key: str) -> _Parts:
    lifetime = (
        _(
            "Choose your password with the button below. The link works once and for %(hours)s hours."
        )
        % {"hours": p["hours"]}
        if "hours" in p  # a link asked for on the sign-in page lives shorter than a coordinator's
        else _("Choose your password with the button below. The link works once and for 72 hours.")
    )
    return _Parts(
        _("A new password for Opstap"),
        [
            _("Someone asked for a new password for your Opstap account."),
            lifetime,
            _("Did you not ask for this? Then you can ignore this mail."),
        ],
        url(p["path"]),
        _("Choose a password"),
    )


def _person_answered(_: T, p: dict[str, Any], url: Url, _key: str) -> _Parts:
    values = {"first_name": p["first_name"], "title": p["title"]}
    if p["answer"] == "accepted":
        subject = _("%(first_name)s accepted a proposal") % values
        line = _("%(first_name)s accepted your proposal “%(title)s”.") % values
    else:
        subject = _("%(first_name)s declined a proposal") % values
        line = _("%(first_name)s declined your proposal “%(title)s”.") % values
    return _Parts(subject, [line], url(p["path"]), _("Open the person’s page"))


def _provider_answered(_: T, p: dict[str, Any], url: Url, _key: str) -> _Parts:
    values = {"first_name": p["first_name"], "title": p["title"], "provider": p["provider"]}
    if p["answer"] == "accepted":
        subject = _("%(provider)s accepted the introduction of %(first_name)s") % values
    elif p["answer"] == "declined":
        subject = _("%(provider)s declined the introduction of %(first_name)s") % values
    else:
        subject = _("%(first_name)s started at %(provider)s") % values
    line = _("About: “%(title)s”.") % values
    return _Parts(subject, [subject + ".", line], url(p["path"]), _("Open the person’s page"))


def _isolated(name: str) -> str:
    """A name tapped at the kiosk in any script, isolated (U+2068…U+2069) so it cannot reorder the
    sentence around it, in the plain text as in the HTML."""
    return f"\u2068{name}\u2069"


def _help_request(_: T, p: dict[str, Any], url: Url, _key: str) -> _Parts:
    values = {
        "municipality": p["municipality"],
        "first_name": _isolated(p.get("first_name") or "—"),
    }
    return _Parts(
        _("A help request arrived for your organisation"),
        [
            _(
                "Someone at the kiosk in %(municipality)s asked a volunteer for help (first name: %(first_name)s)."  # noqa: E501  (one msgid)
            )
            % values,
            _("Take the request in Opstap and contact the person soon."),
        ],
        url(p["path"]),
        _("Open the help requests"),
    )


def _help_uncovered(_: T, p: dict[str, Any], url: Url, _key: str) -> _Parts:
    values = {
        "municipality": p["municipality"],
        "first_name": _isolated(p.get("first_name") or "—"),
    }
    return _Parts(
        _("Warning: a help request that no organisation covers"),
        [
            _(
                "Someone at the kiosk in %(municipality)s asked a volunteer for help (first name: %(first_name)s)."  # noqa: E501  (one msgid)
            )
            % values,
            _("No organisation covers %(municipality)s, so no coach sees this request.") % values,
            _("Add the municipality to an organisation, or contact the person yourself."),
        ],
        url(p["path"]),
        _("Open the uncovered requests"),
    )


def _waitlist(_: T, p: dict[str, Any], url: Url, _key: str) -> _Parts:
    values = {"first_name": p["first_name"], "title": p["title"]}
    return _Parts(
        _("A place opened for %(first_name)s") % values,
        [
            _("A place opened at “%(title)s”, where %(first_name)s is on the waiting list.")
            % values,
            _("The proposal is open again: %(first_name)s can accept it with the personal code.")
            % values,
        ],
        url(p["path"]),
        _("Open the person’s page"),
    )


def _introduction(_: T, p: dict[str, Any], url: Url, _key: str) -> _Parts:
    values = {"first_name": p["first_name"], "title": p["title"]}
    return _Parts(
        _("A new introduction: %(first_name)s") % values,
        [
            _("A coach introduces %(first_name)s to you for “%(title)s”.") % values,
            _(
                "Sign in to see the contact details the person agreed to share, and answer the introduction."  # noqa: E501  (one msgid)
            ),
        ],
        url(p["path"]),
        _("Open the introductions"),
    )


def _listing_reminder(_: T, p: dict[str, Any], url: Url, key: str) -> _Parts:
    items = [
        (
            str(row["title"]),
            url(f"/{{lang}}/provider/confirm/{confirm_token(key, opportunity_id=int(row['id']))}"),
        )
        for row in p["listings"]
    ]
    return _Parts(
        _("Are your listings still valid?"),
        [
            _(
                "These listings were not confirmed for a long time. Newcomers see them lower in the list."  # noqa: E501  (one msgid)
            ),
            _(
                "Is a listing still valid? Open its link and confirm it with one click. Has it changed? Sign in and edit it."  # noqa: E501  (one msgid)
            ),
        ],
        url(p["path"]),
        _("Open your listings"),
        items,
    )


def _provider_signup(_: T, p: dict[str, Any], url: Url, _key: str) -> _Parts:
    values = {"provider": p["provider"]}
    return _Parts(
        _("A provider waits for verification: %(provider)s") % values,
        [
            _(
                "Someone signed up for %(provider)s. Check who they are, then verify or decline the sign-up."  # noqa: E501  (one msgid)
            )
            % values
        ],
        url(p["path"]),
        _("Open the sign-ups"),
    )


def _import_failed(_: T, p: dict[str, Any], url: Url, _key: str) -> _Parts:
    values = {"source": p["source"], "error": p.get("error") or "—"}
    return _Parts(
        _("An import failed: %(source)s") % values,
        [
            _("The import of %(source)s failed. The catalogue stays as it was.") % values,
            _("Reason: %(error)s") % values,
        ],
        url(p["path"]),
        _("Open the import run"),
    )


def _signup_declined(_: T, p: dict[str, Any], url: Url, _key: str) -> _Parts:
    values = {"provider": p["provider"], "reason": p["reason"]}
    return _Parts(
        _("Your sign-up for %(provider)s was declined") % values,
        [
            _("A coordinator declined your sign-up for %(provider)s.") % values,
            _("Reason: %(reason)s") % values,
            _("Do you think this is a mistake? Reply to this mail or contact the municipality."),
        ],
    )


def _signup_verified(_: T, p: dict[str, Any], url: Url, _key: str) -> _Parts:
    values = {"provider": p["provider"]}
    return _Parts(
        _("Your sign-up for %(provider)s is verified") % values,
        [_("You can sign in now and keep your listings up to date.")],
        url(p["path"]),
        _("Sign in"),
    )


_BUILDERS: dict[str, Callable[[T, dict[str, Any], Url, str], _Parts]] = {
    "invite": _invite,
    "reset": _reset,
    "person_answered": _person_answered,
    "provider_answered": _provider_answered,
    "help_request": _help_request,
    "help_uncovered": _help_uncovered,
    "waitlist_opened": _waitlist,
    "introduction": _introduction,
    "listing_reminder": _listing_reminder,
    "provider_signup": _provider_signup,
    "import_failed": _import_failed,
    "signup_declined": _signup_declined,
    "signup_verified": _signup_verified,
}
KINDS: tuple[str, ...] = tuple(_BUILDERS)
