"""Signed links in mails: a provider confirms a listing is still valid without signing in."""

from __future__ import annotations

from itsdangerous import BadSignature, URLSafeTimedSerializer

CONFIRM_SALT = "opstap.listing-confirm"
# A reminder goes out monthly; its links stay good a little longer than that.
CONFIRM_MAX_AGE_S = 45 * 24 * 3600


def confirm_token(secret_key: str, *, opportunity_id: int) -> str:
    """A signed, expiring token that allows exactly one thing: confirming this listing."""
    return URLSafeTimedSerializer(secret_key, salt=CONFIRM_SALT).dumps({"o": opportunity_id})


def read_confirm_token(
    secret_key: str, token: str, *, max_age_s: int = CONFIRM_MAX_AGE_S
) -> int | None:
    """The listing id of a good token; None when it is forged, damaged or expired."""
    try:
        data = URLSafeTimedSerializer(secret_key, salt=CONFIRM_SALT).loads(token, max_age=max_age_s)
    except BadSignature:  # SignatureExpired is a BadSignature too
        return None
    value = data.get("o") if isinstance(data, dict) else None
    return value if isinstance(value, int) else None
