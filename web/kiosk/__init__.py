"""Kiosk: the anonymous newcomer flow on a shared library touch screen (its pages: issue 4)."""

from flask import Blueprint

from web.i18n import localised

bp = localised(Blueprint("kiosk", __name__, url_prefix="/<lang>/kiosk"))
