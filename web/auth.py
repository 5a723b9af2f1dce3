"""Signing in and out, roles on routes, rate limits, and one-time links to set a password."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Flask,
    abort,
    flash,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_limiter import Limiter, RateLimitExceeded
from flask_limiter.util import get_remote_address
from flask_login import (
    LoginManager,
    UserMixin,
    current_user,
    login_required,
    login_user,
    logout_user,
)

from matching.accounts import (
    AccountError,
    User,
    authenticate,
    get_user,
    get_user_by_email,
    issue_token,
    token_user,
    use_token,
    verify_password,
)
from matching.mail.notify import account_link
from matching.settings import Settings
from web.db import get_session
from web.errors import error_body, wants_json
from web.i18n import current_language, localised
from web.mail import mail_on

log = logging.getLogger(__name__)

login_manager = LoginManager()
limiter = Limiter(key_func=get_remote_address)
bp = localised(Blueprint("auth", __name__, url_prefix="/<lang>/account"))

# Failed sign-ins allowed before the sign-in page refuses for a while (per address and per account).
SIGN_IN_LIMIT_PER_ADDRESS = "20 per 15 minutes"
SIGN_IN_LIMIT_PER_ACCOUNT = "5 per 15 minutes"
# Asking for a new password mails someone: few per address, fewer per mailbox, so nobody is flooded.
FORGOT_LIMIT_PER_ADDRESS = "10 per hour"
FORGOT_LIMIT_PER_ACCOUNT = "3 per hour"
FORGOT_LINK_HOURS = 2  # a link asked for by oneself is used at once; a short life limits a leak

F = TypeVar("F", bound=Callable[..., Any])


class SignedIn(UserMixin):  # type: ignore[misc]  # Flask-Login ships no type hints
    """The signed-in account as Flask-Login sees it; `.account` is the database row."""

    def __init__(self, account: User) -> None:
        self.account = account

    def get_id(self) -> str:
        # A fingerprint of the password hash ends old sessions after a password change.
        return f"{self.account.id}:{password_fingerprint(self.account)}"

    @property
    def role(self) -> str:
        """coordinator, coach or provider."""
        return self.account.role

    @property
    def is_active(self) -> bool:
        return self.account.status == "active"


def password_fingerprint(account: User) -> str:
    """A short digest of the password hash (the session cookie is signed, not secret: no hash bits in it)."""
    return hashlib.sha256((account.password_hash or "").encode("utf-8")).hexdigest()[:16]


def signed_in_user() -> User:
    """The User row of the signed-in person (only call behind a role check)."""
    return current_user.account


@login_manager.user_loader  # type: ignore[untyped-decorator]
def _load_user(user_id: str) -> SignedIn | None:
    raw_id, _sep, tail = user_id.partition(":")
    if not raw_id.isdigit():
        return None
    account = get_user(get_session(), user_id=int(raw_id))
    if account is None or account.status != "active" or password_fingerprint(account) != tail:
        return None
    return SignedIn(account)


@login_manager.unauthorized_handler
def _unauthorized():  # type: ignore[no-untyped-def]
    return redirect(
        url_for("auth.sign_in", next=request.full_path if request.method == "GET" else None)
    )


def require_role(*roles: str) -> Any:
    """None when the signed-in user has one of `roles`; a redirect to sign in, or 403, otherwise."""
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if current_user.role not in roles:
        abort(403)
    return None


def role_required(*roles: str) -> Callable[[F], F]:
    """Decorator: only signed-in users with one of `roles` reach the view."""

    def decorate(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            refused = require_role(*roles)
            if refused is not None:
                return refused
            return view(*args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorate


def home_for(account: User) -> str:
    """Where a user lands after signing in."""
    if account.role == "coach":
        return url_for("coach.index")
    if account.role == "provider":
        return url_for("provider.index")
    return url_for("coordinator.accounts")


def _safe_next(target: str | None) -> str | None:
    # Only local paths, so a link cannot send someone to another site after signing in.
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


def _sign_in_failed() -> bool:
    return bool(g.get("sign_in_failed"))


def _email_key() -> str:
    return "email:" + (request.form.get("email") or "").strip().lower()


@bp.route("/sign-in", methods=["GET", "POST"])
@limiter.limit(
    SIGN_IN_LIMIT_PER_ADDRESS, methods=["POST"], deduct_when=lambda _r: _sign_in_failed()
)
@limiter.limit(
    SIGN_IN_LIMIT_PER_ACCOUNT,
    methods=["POST"],
    key_func=_email_key,
    deduct_when=lambda _r: _sign_in_failed(),
)
def sign_in():  # type: ignore[no-untyped-def]
    """Sign in with e-mail and password."""
    error = None
    email = ""
    if request.method == "POST":
        db = get_session()
        email = (request.form.get("email") or "").strip()
        password = request.form.get("password") or ""
        account = authenticate(db, email=email, password=password)
        if account is None:
            g.sign_in_failed = True
            pending = get_user_by_email(db, email=email)
            if (
                pending is not None
                and pending.status == "pending"
                and _password_ok(pending, password)
            ):
                error = _("Your account is waiting for a coordinator to verify it.")
            else:
                error = _("That e-mail address and password do not match an active account.")
            log.info("sign-in refused")  # no address in the log: it is personal data
        else:
            account.lang = current_language()  # mails to this person are written in it
            db.commit()
            session.clear()  # a fresh session, so nothing from before signing in carries over
            login_user(SignedIn(account))
            log.info("user %s signed in", account.id)
            return redirect(_safe_next(request.args.get("next")) or home_for(account))
    return render_template("auth/sign_in.html", error=error, email=email), (
        200 if error is None else 401
    )


def _password_ok(account: User, password: str) -> bool:
    return verify_password(account, password)


@bp.post("/sign-out")
@login_required
def sign_out():  # type: ignore[no-untyped-def]
    """Sign out and forget the session."""
    logout_user()
    session.clear()
    flash(_("You are signed out."))
    return redirect(url_for("auth.sign_in"))


@bp.route("/link/<token>", methods=["GET", "POST"])
@limiter.limit(
    SIGN_IN_LIMIT_PER_ADDRESS, methods=["POST"], deduct_when=lambda _r: _sign_in_failed()
)
def set_password(token: str):  # type: ignore[no-untyped-def]
    """A one-time link from a coordinator: choose a (new) password."""
    db = get_session()
    found = token_user(db, token=token)
    if found is None:
        g.sign_in_failed = True
        return render_template("auth/link_invalid.html"), 404
    _row, account = found
    error = None
    if request.method == "POST":
        password = request.form.get("password") or ""
        if password != (request.form.get("password2") or ""):
            error = _("The two passwords are not the same.")
        else:
            try:
                use_token(db, token=token, password=password)
                account.lang = current_language()
            except AccountError as exc:
                from web.form_errors import account_errors

                error = account_errors(exc).items()[0][1]
            else:
                db.commit()
                log.info("user %s set a password through a one-time link", account.id)
                flash(_("Your password is set. Sign in with it."))
                return redirect(url_for("auth.sign_in"))
    return render_template("auth/set_password.html", account=account, error=error), (
        200 if error is None else 422
    )


@bp.route("/forgot", methods=["GET", "POST"])
@limiter.limit(FORGOT_LIMIT_PER_ADDRESS, methods=["POST"])
@limiter.limit(FORGOT_LIMIT_PER_ACCOUNT, methods=["POST"], key_func=_email_key)
def forgot_password():  # type: ignore[no-untyped-def]
    """Ask for a one-time link to choose a new password, sent to the account's own address.

    The answer is the same whether or not the address has an account, so the page tells nobody
    who works with Opstap.
    """
    email, error, sent = (request.form.get("email") or "").strip(), None, False
    if request.method == "POST" and mail_on():
        if "@" not in email or len(email) > 254:
            error = _("Enter an e-mail address like name@example.nl.")
        else:
            db = get_session()
            account = get_user_by_email(db, email=email)
            if account is not None and account.status == "active":
                token = issue_token(db, user=account, purpose="reset", hours=FORGOT_LINK_HOURS)
                path = f"/{{lang}}/account/link/{token}"
                account_link(db, user=account, purpose="reset", path=path, hours=FORGOT_LINK_HOURS)
                db.commit()
                log.info("user %s asked for a new password link", account.id)
            else:
                log.info("new password link asked for an address without an active account")
            sent = True
    page = render_template(
        "auth/forgot.html", email=email, error=error, sent=sent, mail=mail_on(),
        hours=FORGOT_LINK_HOURS,
    )  # fmt: skip
    return page, (422 if error else 200)


def init_app(app: Flask, settings: Settings) -> None:
    """Set up Flask-Login, the rate limiter and cookie settings for the remember-me cookie."""
    login_manager.init_app(app)
    login_manager.session_protection = "basic"
    app.config.setdefault(
        "RATELIMIT_ENABLED", True
    )  # explicit: Flask-Limiter keeps a False between apps
    app.config.setdefault("RATELIMIT_STORAGE_URI", settings.ratelimit_storage_uri)
    if app.config["RATELIMIT_STORAGE_URI"].startswith("database:"):
        # Counters in the app's own database: every worker and machine counts the same attempts.
        import matching.ratelimits  # noqa: F401  (registers the database:// storage)
        from web.db import get_engine

        with app.app_context():
            app.config.setdefault("RATELIMIT_STORAGE_OPTIONS", {"engine": get_engine()})
    app.config.setdefault("REMEMBER_COOKIE_SECURE", settings.is_production)
    app.config.setdefault("REMEMBER_COOKIE_HTTPONLY", True)
    app.config.setdefault("REMEMBER_COOKIE_SAMESITE", "Lax")
    limiter.init_app(app)

    @app.errorhandler(RateLimitExceeded)
    def _too_many(error: RateLimitExceeded):  # type: ignore[no-untyped-def]
        # A page's own answer (e.g. the kiosk's "locked" screen) wins over the generic error page.
        if error.response is not None:
            return error.response
        message = _("Too many attempts. Please wait a while and try again.")
        if wants_json():
            return jsonify(error_body(429, "too many attempts; wait a while and try again")), 429
        return render_template(
            "error.html", status=429, title=_("Too many attempts"), message=message
        ), 429

    @app.context_processor
    def _account_context() -> dict[str, object]:
        account = current_user.account if current_user and current_user.is_authenticated else None
        return {"account": account}
