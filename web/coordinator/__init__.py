"""Coordinator pages: sources and import runs, providers, accounts, taxonomy, figures."""

from flask import Blueprint

from web.i18n import localised

bp = localised(Blueprint("coordinator", __name__, url_prefix="/<lang>/coordinator"))


@bp.before_request
def _coordinators_only():  # type: ignore[no-untyped-def]
    # One guard for every coordinator page, also pages added later by other modules.
    from web.auth import require_role

    return require_role("coordinator")


from web.coordinator import (
    accounts,  # noqa: E402,F401  (routes register on bp)
    coverage,  # noqa: E402,F401  (municipalities, uncovered requests, mail)
    figures,  # noqa: E402,F401  (outcome figures and charts)
    imports,  # noqa: E402,F401  (import runs pages)
    words,  # noqa: E402,F401  (not-understood words and the taxonomy)
)
