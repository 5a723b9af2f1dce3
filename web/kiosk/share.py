"""Take it with you: a QR code and a printable slip holding only the chosen suggestions, expiring."""

from __future__ import annotations

import io
from typing import Any

import segno
from flask import Response, abort, current_app, redirect, render_template, request, url_for
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlmodel import select

from matching.catalogue import opportunity_public
from matching.models import Opportunity
from web.db import get_session
from web.kiosk import bp
from web.kiosk.state import MAX_CHOSEN, load_state, save_state
from web.kiosk.suggestions import ladder

SALT = "opstap-kiosk-share"


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt=SALT)  # type: ignore[arg-type]


def make_token(opportunity_ids: list[int]) -> str:
    """A signed, timestamped token holding only opportunity ids (no person, no answers)."""
    return _serializer().dumps(opportunity_ids[:MAX_CHOSEN])


def read_token(token: str) -> list[int] | None:
    """The ids in a token still within settings.share_link_hours; None when expired or forged."""
    hours = current_app.config["OPSTAP_SETTINGS"].share_link_hours
    try:
        ids = _serializer().loads(token, max_age=hours * 3600)
    except (SignatureExpired, BadSignature):
        return None
    if not isinstance(ids, list) or not all(isinstance(i, int) for i in ids):
        return None
    return ids[:MAX_CHOSEN]


def form_ids() -> list[int]:
    """The suggestion ids ticked on a form."""
    ids: list[int] = []
    for raw in request.form.getlist("id"):
        if raw.isdigit() and int(raw) not in ids:
            ids.append(int(raw))
    return ids[:MAX_CHOSEN]


def chosen_ids() -> list[int]:
    """What the person chose to take along; everything on their ladder when they ticked nothing."""
    state = load_state()
    if state.chosen:
        return state.chosen
    items, _note = ladder(state)
    return [s["opportunity"]["id"] for s in items]


def opportunities(ids: list[int]) -> list[dict[str, Any]]:
    """The public objects of these active opportunities, in the given order."""
    if not ids:
        return []
    rows = get_session().exec(select(Opportunity).where(Opportunity.id.in_(ids)))  # type: ignore[union-attr]
    by_id = {o.id: o for o in rows if o.status == "active"}
    stale_days = current_app.config["OPSTAP_SETTINGS"].stale_days
    return [opportunity_public(by_id[i], stale_days=stale_days) for i in ids if i in by_id]


@bp.post("/take")
def take_choose():  # type: ignore[no-untyped-def]
    """Remember which suggestions to take along, then show the QR code and slip."""
    state = load_state()
    state.chosen = form_ids()
    save_state(state)
    return redirect(url_for("kiosk.take"))


@bp.get("/take")
def take():  # type: ignore[no-untyped-def]
    """The QR code and the printable slip."""
    ids = chosen_ids()
    token = make_token(ids)
    return render_template(
        "kiosk/take.html",
        items=opportunities(ids),
        token=token,
        share_url=url_for("kiosk.shared", token=token, _external=True),
        hours=current_app.config["OPSTAP_SETTINGS"].share_link_hours,
    )


@bp.get("/qr/<token>.svg")
def qr(token: str):  # type: ignore[no-untyped-def]
    """The QR code of a share link, as SVG."""
    if read_token(token) is None:
        abort(404)
    buffer = io.BytesIO()
    segno.make(url_for("kiosk.shared", token=token, _external=True), error="m").save(
        buffer, kind="svg", scale=6, border=2, xmldecl=False
    )
    return Response(buffer.getvalue(), mimetype="image/svg+xml")


@bp.get("/s/<token>")
def shared(token: str):  # type: ignore[no-untyped-def]
    """What the QR code opens on a phone: only the chosen suggestions, until the link expires."""
    ids = read_token(token)
    if ids is None:
        return render_template("kiosk/shared_expired.html"), 410
    return render_template("kiosk/shared.html", items=opportunities(ids))
