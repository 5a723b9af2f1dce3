"""Provider portal: clubs and other providers manage their listings (its pages: issue 5)."""

from flask import Blueprint

from web.i18n import localised

bp = localised(Blueprint("provider", __name__, url_prefix="/<lang>/provider"))
