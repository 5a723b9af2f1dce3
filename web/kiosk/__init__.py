"""Kiosk: the anonymous newcomer flow on a shared library touch screen (issue 4).

`bp` holds the steps under /<lang>/kiosk; `start` holds the language choice at /kiosk/ and the reset.
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError

from web.i18n import localised

bp = localised(Blueprint("kiosk", __name__, url_prefix="/<lang>/kiosk"))
start = Blueprint("kiosk_start", __name__, url_prefix="/kiosk")


# The start blueprint rides along with `bp`, so the app factory registers one kiosk blueprint.
bp.record_once(lambda state: state.app.register_blueprint(start))


def countdown_seconds(idle_seconds: int) -> int:
    """How long the 'are you still there?' countdown runs before the reset."""
    return max(2, min(15, idle_seconds // 4))


@bp.after_request
def _no_store(response: Response) -> Response:
    # A shared screen: nothing of a person may stay in a cache or under the Back button.
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.errorhandler(CSRFError)
def _stale_form(_error: CSRFError):  # type: ignore[no-untyped-def]
    # A form left open past a reset has no valid token any more: start that step again, kindly.
    flash(_("This page was open too long. Please try again."), "error")
    if current_app.url_map.bind_to_environ(request.environ).test(request.path, method="GET"):
        return redirect(request.path)
    return redirect(url_for("kiosk.welcome"))


@bp.context_processor
def _kiosk_context() -> dict[str, object]:
    idle = current_app.config["OPSTAP_SETTINGS"].kiosk_idle_seconds
    return {"idle_seconds": idle, "countdown_seconds": countdown_seconds(idle)}


# Routes register on bp; personal_code.py is the match-loop issue's page for a coach's code.
from web.kiosk import ask_help, entry, flow, offers, personal_code, share, start_pages, suggestions  # noqa: E402,F401
