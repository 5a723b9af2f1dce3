"""Coordinator pages: sources and import runs, providers, accounts, taxonomy, figures."""

from flask import Blueprint

from web.i18n import localised

bp = localised(Blueprint("coordinator", __name__, url_prefix="/<lang>/coordinator"))
