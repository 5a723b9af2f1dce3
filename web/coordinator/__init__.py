"""Coordinator pages: sources and import runs, providers, accounts, taxonomy, figures."""

from flask import Blueprint

from web.i18n import localised

bp = localised(Blueprint("coordinator", __name__, url_prefix="/<lang>/coordinator"))


@bp.before_request
def _coordinators_only():  # type: ignore[no-untyped-def]
    # One guard for every coordinator page, also pages added later by other modules.
    from web.auth import require_role

    return require_role("coordinator")


# The pages register their routes on bp: accounts, kiosk code locks, municipalities and mail, outcome figures, import runs,
# not-understood words and the taxonomy.
from web.coordinator import accounts, code_locks, coverage, figures, imports, words  # noqa: E402,F401
