"""Coach portal: VluchtelingenWerk volunteers and the people they coach (its pages: issue 5)."""

from flask import Blueprint

from web.i18n import localised

bp = localised(Blueprint("coach", __name__, url_prefix="/<lang>/coach"))


@bp.before_request
def _coaches_only():  # type: ignore[no-untyped-def]
    from web.auth import require_role

    return require_role("coach")


from web.coach import help, letter, people, plan  # noqa: E402,F401  (routes register on bp)
