"""Coach portal: VluchtelingenWerk volunteers and the people they coach (its pages: issue 5)."""

from flask import Blueprint

from web.i18n import localised

bp = localised(Blueprint("coach", __name__, url_prefix="/<lang>/coach"))
