"""Provider portal: clubs and other providers manage their listings (its pages: issue 5)."""

from flask import Blueprint, request

from web.i18n import localised

bp = localised(Blueprint("provider", __name__, url_prefix="/<lang>/provider"))
PUBLIC_ENDPOINTS = {"provider.signup", "provider.confirm_by_link"}


@bp.before_request
def _providers_only():  # type: ignore[no-untyped-def]
    from web.auth import require_role

    if request.endpoint in PUBLIC_ENDPOINTS:
        return None
    return require_role("provider")


from web.provider import (  # noqa: E402,F401  (routes register on bp)
    api_key,
    confirm,
    introductions,
    listings,
    translations,
)
