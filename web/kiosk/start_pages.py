"""The kiosk's first screen (choose a language), its reset, and long caching of fonts and icons."""

from __future__ import annotations

from flask import Response, current_app, make_response, render_template, request
from flask_babel import force_locale
from flask_babel import gettext as _

from matching.vocab import RTL_LANGUAGES, UI_LANGUAGES
from web.i18n import LANGUAGE_NAMES
from web.kiosk import countdown_seconds, start
from web.kiosk.state import clear_state

# Font files carry a content hash in their name, so they never change under the same URL.
FONT_CACHE = "public, max-age=31536000, immutable"
ICON_CACHE = "public, max-age=604800"


def language_choices() -> list[dict[str, str]]:
    """Each language in its own script, with 'Choose this language' said in that language."""
    choices = []
    for code in UI_LANGUAGES:
        with force_locale(code):
            hint = _("Continue in this language")
        choices.append(
            {
                "code": code,
                "name": LANGUAGE_NAMES[code],
                "hint": hint,
                "dir": "rtl" if code in RTL_LANGUAGES else "ltr",
            }
        )
    return choices


def _start_page() -> Response:
    idle = current_app.config["OPSTAP_SETTINGS"].kiosk_idle_seconds
    response = make_response(
        render_template(
            "kiosk/start.html",
            choices=language_choices(),
            idle_seconds=idle,
            countdown_seconds=countdown_seconds(idle),
        )
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@start.get("/")
def choose_language():  # type: ignore[no-untyped-def]
    """Each language named in its own script; the person's choice starts the flow."""
    return _start_page()


@start.get("/reset")
def reset():  # type: ignore[no-untyped-def]
    """Forget the person: clear the session and tell the browser to drop cache, cookies and storage."""
    clear_state()
    response = _start_page()
    response.headers["Clear-Site-Data"] = '"cache", "cookies", "storage"'
    return response


@start.after_app_request
def _cache_static(response: Response) -> Response:
    if request.path.startswith("/static/fonts/") and response.status_code == 200:
        response.headers["Cache-Control"] = FONT_CACHE
    elif request.path.startswith("/static/icons/") and response.status_code == 200:
        response.headers["Cache-Control"] = ICON_CACHE
    return response
