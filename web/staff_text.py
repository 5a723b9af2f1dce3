"""Staff pages speak people: dates, numbers, day and language names through Babel; codes as words.

Every code the database keeps (a role, a proposal state, an import run's status, an audit action, an
ISO 639 language code, a day code such as "mon") has a plain name here, in the UI language.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from babel import Locale, UnknownLocaleError
from babel.dates import format_skeleton, get_day_names
from flask import Flask
from flask_babel import format_date, format_decimal, format_time, get_locale
from flask_babel import lazy_gettext as _l

from matching.vocab import DAYS

ROLE_NAMES = {
    "coordinator": _l("Coordinator"),
    "coach": _l("Coach"),
    "provider": _l("Provider"),
}
USER_STATUS_NAMES = {
    "pending": _l("Waiting for verification"),
    "active": _l("Active"),
    "disabled": _l("Switched off"),
}
RUN_STATUS_NAMES = {
    "running": _l("Running"),
    "success": _l("Succeeded"),
    "failed": _l("Failed"),
    "busy": _l("Skipped: already running"),
    "interrupted": _l("Interrupted"),
}
STATE_NAMES = {
    "proposed": _l("Proposed"),
    "accepted": _l("Accepted by the person"),
    "introduced": _l("Introduced"),
    "started": _l("Started"),
    "stopped": _l("Stopped"),
    "finished": _l("Finished"),
}
# A person's state on the coach's list (matching.todos.PERSON_STATES).
PERSON_STATE_NAMES = {
    "started": _l("Started"),
    "introduced": _l("Introduced"),
    "accepted": _l("Accepted by the person"),
    "proposed": _l("Proposed"),
    "ended": _l("Ended"),
    "none": _l("No proposal yet"),
}
REASON_NAMES = {
    "person_declined": _l("The person declined"),
    "provider_declined": _l("The provider declined"),
    "no_places": _l("No places"),
    "not_a_good_fit": _l("Not a good fit"),
    "times_or_distance": _l("Times or distance did not work"),
    "moved_away": _l("Moved away"),
    "lost_contact": _l("Lost contact"),
    "completed": _l("Completed"),
    "next_step": _l("Moved on to a next step"),
    "found_work": _l("Found work"),
    "started_course": _l("Started a course"),
    "other": _l("Other"),
}
AUDIT_ACTION_NAMES = {
    "create": _l("Profile created"),
    "update": _l("Profile changed"),
    "view": _l("Profile viewed"),
    "export": _l("Data downloaded"),
    "erase": _l("Erased"),
    "share": _l("Shared with another organisation"),
    "consent_withdrawn": _l("Consent withdrawn"),
    "code_issued": _l("New personal code made"),
    "propose": _l("Proposed"),
    "accept": _l("The person accepted"),
    "decline": _l("The person declined"),
    "introduced": _l("Marked introduced"),
    "provider_accepted": _l("The provider accepted"),
    "provider_declined": _l("The provider declined"),
    "provider_view": _l("The provider viewed the introduction"),
    "started": _l("Marked started"),
    "stopped": _l("Stopped"),
    "finished": _l("Finished"),
    "kiosk_view": _l("The person looked at the proposals at the kiosk"),
    "seen": _l("Profile kept at the person’s wish"),
}
ACTOR_NAMES = {"kiosk": _l("the person, at the kiosk"), "system": _l("Opstap")}
CONSENT_SCOPE_NAMES = {
    "profile": _l("keep this profile"),
    "organisation": _l("plan together with another organisation"),
    "introduction": _l("share with the provider"),
}
# Fields of a person as they appear in audit details and consents.
FIELD_NAMES = {
    "first_name": _l("First name"),
    "phone": _l("Phone"),
    "email": _l("E-mail"),
    "talents": _l("Talents"),
    "wishes": _l("Wishes"),
    "dutch_level": _l("Dutch level"),
    "languages": _l("Languages"),
    "postcode": _l("Postcode"),
    "travel": _l("Travels by"),
    "max_distance_km": _l("Maximum distance"),
    "availability": _l("Available"),
    "phase": _l("Step"),
    "age": _l("Age"),
    "gender": _l("Gender"),
    "needs": _l("Needs"),
}
# The person form's Dutch levels: "none" is the person's level here, not a place's requirement.
PERSON_LEVEL_NAMES = {
    "none": _l("No Dutch yet"),
    "A1": _l("A few words of Dutch (A1)"),
    "A2": _l("Simple Dutch (A2)"),
    "B1": _l("Everyday Dutch (B1)"),
    "B2": _l("Good Dutch (B2)"),
    "C1": _l("Very good Dutch (C1)"),
    "C2": _l("Fluent Dutch (C2)"),
}
PART_NAMES = {"morning": _l("Morning"), "afternoon": _l("Afternoon"), "evening": _l("Evening")}
PHASE_NAMES = {
    0: _l("0 · First activation (a coach visits)"),
    1: _l("1 · An activity in a safe setting"),
    2: _l("2 · Learning volunteer work, supported"),
    3: _l("3 · Volunteer work at a partner, building work skills"),
    4: _l("4 · A course or a job"),
}
# Languages offered by the pickers: those newcomers and places in the Netherlands speak most.
PICKER_LANGUAGES: tuple[str, ...] = (
    "en", "ar", "ti", "fa", "prs", "ps", "uk", "ru", "tr", "so", "am", "om", "ku", "ckb",
    "fr", "de", "es", "pt", "it", "pl", "ro", "bg", "sq", "bs", "hr", "sr", "hy", "ka", "az",
    "ur", "hi", "bn", "ta", "zh", "vi", "id", "fil", "sw", "ha", "yo", "ig", "ln", "rw",
)  # fmt: skip
# Dari (ISO 639-3 prs) is Persian as spoken in Afghanistan: Babel knows it as fa_AF.
_ALIASES = {"prs": "fa_AF"}
_OWN_NAMES = {"prs": "دری"}


def _locale(lang: str | None = None) -> Locale:
    if lang:
        return Locale.parse(lang)
    locale = get_locale()
    return locale if locale is not None else Locale.parse("nl")


def date_text(value: date | datetime | None) -> str:
    """'5 december 2026' in the UI language; '' for None."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    return str(format_date(value, "long"))


def datetime_text(value: datetime | None) -> str:
    """'5 december 2026, 14:03' in the UI language (stored UTC, shown in the Dutch time zone)."""
    if value is None:
        return ""
    return f"{format_date(value, 'long')}, {format_time(value, 'short')}"


def month_text(month: str) -> str:
    """'2026-12' → 'december 2026' in the UI language."""
    year, _sep, number = month.partition("-")
    if not (year.isdigit() and number.isdigit()):
        return month
    return str(format_skeleton("yMMMM", date(int(year), int(number), 1), locale=_locale()))


def form_number(value: float | int | None) -> str:
    """A number as it goes back into a form field: the UI language's decimal sign, no grouping."""
    if value is None:
        return ""
    return str(format_decimal(value, format="0.##"))


def number_text(value: float | int | None, digits: int = 1) -> str:
    """A number in the UI language's notation ('2,5' in Dutch, '2.5' in English)."""
    if value is None:
        return ""
    return str(format_decimal(value, format="#,##0." + "#" * digits if digits else "#,##0"))


def day_name(day: str, width: Literal["abbreviated", "narrow", "short", "wide"] = "wide") -> str:
    """'mon' → 'maandag' / 'Monday' / 'الاثنين' (Babel's names; Monday is index 0)."""
    if day not in DAYS:
        return day
    names = get_day_names(width, locale=_locale())  # type: ignore[arg-type]  # one of Babel's widths
    return str(names[DAYS.index(day)])


def language_name(code: str, lang: str | None = None) -> str:
    """An ISO 639 code as the UI language names it ('ar' → 'Arabisch'); the code when unknown."""
    locale = _locale(lang)
    name = locale.languages.get(_ALIASES.get(code, code))
    return str(name) if name else code


def own_language_name(code: str) -> str:
    """The language's name in itself ('ar' → 'العربية'); '' when Babel does not know it."""
    if code in _OWN_NAMES:
        return _OWN_NAMES[code]
    try:
        own = Locale.parse(_ALIASES.get(code, code))
    except (UnknownLocaleError, ValueError):
        return ""
    return str(own.get_display_name(own) or "")


def language_label(code: str) -> str:
    """'Arabisch · العربية': the UI language's name, and the language's own name when different."""
    name, own = language_name(code), own_language_name(code)
    if own and own.lower() != name.lower():
        return f"{name} · {own}"
    return name


def language_choices(selected: list[str] | tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """(code, label) pairs for a language picker, sorted by name; codes already chosen always appear."""
    chosen = list(dict.fromkeys(selected))
    rest = [c for c in PICKER_LANGUAGES if c not in chosen]
    # What the person already speaks comes first, so it is never hidden below the fold.
    return [(c, language_label(c)) for c in chosen] + sorted(
        ((c, language_label(c)) for c in rest), key=lambda pair: pair[1].lower()
    )


def languages_text(codes: list[str] | None) -> str:
    """'Arabisch, Tigrinya' for ['ar', 'ti']."""
    return ", ".join(language_name(c) for c in codes or [])


def audit_detail(action: str, detail: str, organisations: dict[int, Any] | None = None) -> str:
    """An audit entry's detail in words: changed fields, a reason, an organisation's name."""
    if not detail:
        return ""
    if action in ("stopped", "finished"):
        return name_of(REASON_NAMES, detail)
    if action == "share" and detail.startswith("organisation="):
        org_id = detail.partition("=")[2]
        org = (organisations or {}).get(int(org_id)) if org_id.isdigit() else None
        return str(org.name) if org is not None else ""
    if action == "consent_withdrawn":
        return str(CONSENT_SCOPE_NAMES.get(detail, ""))
    words = [str(FIELD_NAMES.get(part, "")) for part in detail.split(",")]
    return ", ".join(w for w in words if w)


def name_of(table: dict[Any, Any], code: Any) -> str:
    """The plain name of a code from one of the tables above; a neutral dash when unknown."""
    name = table.get(code)
    return str(name) if name is not None else "–"


def person_state_name(state: str) -> str:
    """A person's state on the coach's list, in words."""
    return name_of(PERSON_STATE_NAMES, state)


def init_app(app: Flask) -> None:
    """Filters and globals for templates; staff see times in the Dutch time zone."""
    app.config.setdefault("BABEL_DEFAULT_TIMEZONE", "Europe/Amsterdam")
    for func, name in (
        (date_text, "date_text"),
        (datetime_text, "datetime_text"),
        (number_text, "number_text"),
        (month_text, "month_text"),
        (form_number, "form_number"),
        (day_name, "day_name"),
        (language_name, "language_name"),
        (languages_text, "languages_text"),
    ):
        app.add_template_filter(func, name)
    app.add_template_global(language_choices, "language_choices")
    app.add_template_global(audit_detail, "audit_detail")
    app.add_template_global(name_of, "name_of")
    app.add_template_global(person_state_name, "person_state_name")
    for table, name in (
        (ROLE_NAMES, "ROLE_NAMES"),
        (USER_STATUS_NAMES, "USER_STATUS_NAMES"),
        (RUN_STATUS_NAMES, "RUN_STATUS_NAMES"),
        (STATE_NAMES, "STATE_NAMES"),
        (AUDIT_ACTION_NAMES, "AUDIT_ACTION_NAMES"),
        (ACTOR_NAMES, "ACTOR_NAMES"),
        (FIELD_NAMES, "FIELD_NAMES"),
        (PHASE_NAMES, "PHASE_NAMES"),
        (REASON_NAMES, "REASON_NAMES"),
        (PERSON_LEVEL_NAMES, "PERSON_LEVEL_NAMES"),
        (PART_NAMES, "part_names"),
    ):
        app.jinja_env.globals[name] = table
