"""The JSON API under /api/v1 (OpenAPI document at /api/v1/openapi.json)."""

from flask import Blueprint

from web.security import csrf

bp = Blueprint("api", __name__, url_prefix="/api/v1")
# JSON clients send no form token; authenticated endpoints check their own credentials.
csrf.exempt(bp)

from web.api import match, openapi, opportunities, places  # noqa: E402,F401  (routes register on bp)
