"""Error answers: JSON for the API, a page in the person's language for everyone else."""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, flash, g, jsonify, redirect, render_template, request, url_for
from werkzeug.exceptions import HTTPException, InternalServerError

from matching.errors import DomainError

log = logging.getLogger(__name__)


class ApiError(Exception):
    """An API error with a status, a message and (optionally) the field at fault."""

    def __init__(self, status: int, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.field = status, message, field


def wants_json() -> bool:
    """True for API requests, which always get JSON errors."""
    return request.path.startswith("/api/")


def error_body(status: int, message: str, field: str | None = None) -> dict[str, object]:
    """The JSON error document of the API."""
    body: dict[str, object] = {"error": {"status": status, "message": message}}
    if field:
        body["error"]["field"] = field  # type: ignore[index]
    return body


def back_to(endpoint: str, **values: Any) -> None:
    """Where the person goes back to, with the message, when a domain error refuses this request."""
    g.back_to = url_for(endpoint, **values)


def init_app(app: Flask) -> None:
    """Register the handlers."""

    @app.errorhandler(ApiError)
    def handle_api_error(error: ApiError):  # type: ignore[no-untyped-def]
        return jsonify(error_body(error.status, error.message, error.field)), error.status

    @app.errorhandler(DomainError)
    def handle_domain_error(error: DomainError):  # type: ignore[no-untyped-def]
        # One place for every refusal the person can fix: nothing of the request is committed, the
        # message goes to the page they came from (the view said which), or to the API client.
        from web.db import get_session

        get_session().rollback()
        if wants_json():
            return jsonify(error_body(422, str(error))), 422
        from web.form_errors import plain_error

        back = g.get("back_to")
        if back is None:
            return render_template(
                "error.html", status=422, title="", message=plain_error(error)
            ), 422
        # The person reads what to do, in their language; the domain's own words stay for the API.
        flash(plain_error(error), "error")
        return redirect(back)

    @app.errorhandler(HTTPException)
    def handle_http(error: HTTPException):  # type: ignore[no-untyped-def]
        status = error.code or 500
        if wants_json():
            return jsonify(error_body(status, error.description or error.name)), status
        return render_template(
            "error.html", status=status, title=error.name, message=error.description
        ), status

    @app.errorhandler(Exception)
    def handle_unexpected(error: Exception):  # type: ignore[no-untyped-def]
        log.exception("unhandled error on %s %s", request.method, request.path)
        return handle_http(InternalServerError())
