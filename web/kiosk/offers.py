"""Offers a person can read: a heading in their language, Dutch marked as Dutch, LTR runs isolated.

A catalogue item is written in Dutch by its source. At the kiosk each card and detail page leads with
words in the person's language — the source's own translation when there is one, else the item's kind
and its best-matching taxonomy activity ("Football club", "نادي كرة القدم") — and keeps the Dutch title
and provider below it as the name to look for on the door.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from markupsafe import Markup, escape

from matching.taxonomy import Entry
from web.i18n import current_language
from web.kiosk import bp
from web.kiosk.state import WISH_GROUP, load_state
from web.kiosk.taxonomy import kiosk_taxonomy

KIND_ICONS = {
    "club": "users",
    "volunteer": "heart-handshake",
    "course": "book",
    "workplace": "briefcase",
}
# Scripts with upper and lower case where an activity inside a phrase reads better in lower case.
LOWER_INSIDE = {"nl", "en", "uk", "so"}


def _kind_phrase(kind: str, activity: str) -> str:
    """'Football club', 'Volunteer work: animal care' in the UI language."""
    if kind == "club":
        return str(_("%(activity)s club", activity=activity))
    if kind == "volunteer":
        return str(_("Volunteer work: %(activity)s", activity=activity))
    if kind == "course":
        return str(_("Course: %(activity)s", activity=activity))
    return str(_("Workplace: %(activity)s", activity=activity))


def best_activity(talents: Iterable[str], picked: Sequence[str] = ()) -> Entry | None:
    """The item's taxonomy entry that names its activity best: one the person picked, else its first."""
    taxonomy = kiosk_taxonomy()
    entries = [taxonomy.entries[c] for c in talents if c in taxonomy.entries]
    activities = [e for e in entries if e.group != WISH_GROUP and e.code != WISH_GROUP]
    if not activities:
        return None
    specific = [e for e in activities if not e.is_group] or activities
    for entry in specific:
        if entry.code in picked:
            return entry
    return specific[0]


@dataclass(frozen=True)
class Heading:
    """The words an offer leads with, their language, and its pictogram."""

    text: str
    lang: str
    icon: str
    translated: bool  # the source's own words, not made from kind and activity


def heading_for(opp: dict[str, Any], lang: str, picked: Sequence[str] = ()) -> Heading:
    """The heading of an offer for a reader of `lang` (call inside a request for the gettext)."""
    entry = best_activity(opp.get("talents") or [], picked)
    icon = (entry.icon if entry and entry.icon else "") or KIND_ICONS.get(
        opp.get("kind", ""), "star"
    )
    own = ((opp.get("translations") or {}).get(lang) or {}).get("title")
    if own:
        return Heading(own, lang, icon, True)
    if entry is None:
        from web.formatting import KIND_NAMES

        return Heading(
            str(KIND_NAMES.get(opp.get("kind", ""), opp.get("kind", ""))), lang, icon, False
        )
    label = entry.label(lang)
    kind = str(opp.get("kind", ""))
    text = _kind_phrase(kind, "\x00")
    if lang in LOWER_INSIDE and not text.startswith("\x00") and label[1:2].islower():
        label = label[:1].lower() + label[1:]
    return Heading(text.replace("\x00", label), lang, icon, False)


def description_for(opp: dict[str, Any], lang: str) -> tuple[str, str]:
    """The description to show and the language it is in (the Dutch original when not translated)."""
    own = ((opp.get("translations") or {}).get(lang) or {}).get("description")
    if own:
        return own, lang
    return str(opp.get("description") or ""), "nl"


@bp.app_template_global()
def offer_heading(opp: dict[str, Any]) -> Heading:
    """The heading for the current reader, preferring the activity the person picked."""
    state = load_state()
    return heading_for(opp, current_language(), [*state.talents, *state.wishes])


@bp.app_template_global()
def offer_description(opp: dict[str, Any]) -> tuple[str, str]:
    """(description, its language) for the current reader."""
    return description_for(opp, current_language())


# Runs that must keep their left-to-right order inside Arabic or Farsi text: e-mail addresses, web
# addresses, phone numbers, Dutch postcodes, times and time ranges, amounts in euro, codes.
_LTR_RUN = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail
    r"|(?:https?://|www\.)\S+"  # web address
    r"|€\s?\d[\d.,]*(?:\s?-\s?\d[\d.,]*)?"  # amount
    r"|\d{1,2}:\d{2}(?:\s?[–-]\s?\d{1,2}:\d{2})?"  # time or time range
    r"|\b\d{4}\s?[A-Z]{2}\b"  # postcode
    r"|\+?\(?\d[\d()\s/-]{4,}\d"  # phone number (and other digit groups)
    r"|\b[0-9A-Z]{3}-[0-9A-Z]{3}-[0-9A-Z]{3}\b",  # personal code as printed
    re.UNICODE,
)


def ltr_runs(text: object) -> Markup:
    """Escape `text` and isolate each number-like run as `<bdi dir="ltr">`, so RTL pages keep its order."""
    raw = "" if text is None else str(text)
    out: list[str] = []
    last = 0
    for match in _LTR_RUN.finditer(raw):
        out.append(str(escape(raw[last : match.start()])))
        out.append(f'<bdi dir="ltr">{escape(match.group(0))}</bdi>')
        last = match.end()
    out.append(str(escape(raw[last:])))
    return Markup("".join(out))


@bp.app_template_filter("ltr")
def ltr_filter(text: object) -> Markup:
    """Jinja: `{{ opp.contact|ltr }}`."""
    return ltr_runs(text)


@bp.app_template_filter("bdi")
def bdi_filter(text: object) -> Markup:
    """Jinja: the whole value as one left-to-right run (`{{ code|bdi }}`)."""
    return Markup(f'<bdi dir="ltr">{escape("" if text is None else text)}</bdi>')
