"""Accounts: organisations, users with roles, argon2 passwords and one-time invitation/reset links."""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import datetime, timedelta
from typing import Literal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func
from sqlmodel import Field, Session, SQLModel, col, select

from matching.errors import DomainError
from matching.models import Provider, utcnow

ROLES: tuple[str, ...] = ("coordinator", "coach", "provider")
Role = Literal["coordinator", "coach", "provider"]
# pending: a provider's own sign-up, waiting for a coordinator; disabled: switched off by a coordinator.
USER_STATUSES: tuple[str, ...] = ("pending", "active", "disabled")
TOKEN_PURPOSES: tuple[str, ...] = ("invite", "reset")
MIN_PASSWORD_LENGTH = 10

_hasher = PasswordHasher()


class AccountError(DomainError):
    """A request about accounts that cannot be carried out; the message says why."""


class Organisation(SQLModel, table=True):
    """A coaching organisation, e.g. VluchtelingenWerk Zoetermeer; its coaches share its people."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True, index=True)
    municipality: str = Field(default="", max_length=120)
    created_at: datetime = Field(default_factory=utcnow)


class User(SQLModel, table=True):
    """A person who signs in: a coordinator, a coach (of an organisation) or a provider user."""

    __tablename__ = "useraccount"

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254, unique=True, index=True)
    name: str = Field(default="", max_length=200)
    role: str = Field(max_length=12)
    status: str = Field(default="active", max_length=10)
    password_hash: str | None = Field(default=None, max_length=300)
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id", index=True)
    provider_id: int | None = Field(default=None, foreign_key="provider.id", index=True)
    created_at: datetime = Field(default_factory=utcnow)
    last_login_at: datetime | None = None
    # The UI language the person last used: their mails are written in it.
    lang: str = Field(default="nl", max_length=8)
    # A provider's sign-up: how the coordinator can check who they are before verifying.
    phone: str | None = Field(default=None, max_length=40)
    job_role: str | None = Field(default=None, max_length=120)
    kvk_number: str | None = Field(default=None, max_length=8)

    @property
    def is_active_account(self) -> bool:
        """True when the account may sign in."""
        return self.status == "active" and self.password_hash is not None


class AccountToken(SQLModel, table=True):
    """A one-time link (invitation or password reset); only a hash of the token is stored."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="useraccount.id", index=True)
    purpose: str = Field(max_length=10)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    used_at: datetime | None = None


def normalise_email(email: str) -> str:
    """Trim and lower-case an e-mail address, refusing one without an @."""
    email = email.strip().lower()
    if "@" not in email or email.startswith("@") or email.endswith("@") or " " in email:
        raise AccountError(f"email: {email!r} is not an e-mail address")
    return email


def hash_password(password: str) -> str:
    """An argon2id hash of `password`, refusing short ones."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"password: use at least {MIN_PASSWORD_LENGTH} characters")
    return _hasher.hash(password)


def verify_password(user: User, password: str) -> bool:
    """True when `password` is the user's; rehashes in place when argon2's parameters changed."""
    if not user.password_hash:
        return False
    try:
        _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    return True


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def get_user(session: Session, *, user_id: int) -> User | None:
    """One user by id."""
    return session.get(User, user_id)


def get_user_by_email(session: Session, *, email: str) -> User | None:
    """One user by e-mail address (case-insensitive)."""
    return session.exec(select(User).where(User.email == email.strip().lower())).first()


def create_organisation(session: Session, *, name: str, municipality: str = "") -> Organisation:
    """A new coaching organisation covering the given municipalities (comma-separated); a new name."""
    name = name.strip()
    if not name:
        raise AccountError("name: an organisation needs a name")
    if session.exec(
        select(Organisation).where(func.lower(Organisation.name) == name.lower())
    ).first():
        raise AccountError(f"name: an organisation called {name!r} already exists")
    from matching.coverage import parse_municipalities, set_areas  # coverage builds on this module

    org = Organisation(name=name)
    session.add(org)
    session.flush()
    set_areas(session, organisation=org, municipalities=parse_municipalities(municipality))
    return org


def organisation_named(session: Session, *, name: str) -> Organisation | None:
    """The organisation with this name (case-insensitive)."""
    return session.exec(
        select(Organisation).where(func.lower(Organisation.name) == name.strip().lower())
    ).first()


def list_organisations(session: Session) -> list[Organisation]:
    """Every organisation, by name."""
    return list(session.exec(select(Organisation).order_by(col(Organisation.name))))


def create_user(
    session: Session,
    *,
    email: str,
    role: str,
    name: str = "",
    password: str | None = None,
    organisation_id: int | None = None,
    provider_id: int | None = None,
    status: str = "active",
) -> User:
    """A new user; a coach needs an organisation, a provider user a provider, a coordinator neither."""
    email = normalise_email(email)
    if role not in ROLES:
        raise AccountError(f"role: must be one of {', '.join(ROLES)}, got {role!r}")
    if status not in USER_STATUSES:
        raise AccountError(f"status: must be one of {', '.join(USER_STATUSES)}")
    if role == "coach" and (
        organisation_id is None or session.get(Organisation, organisation_id) is None
    ):
        raise AccountError("organisation: a coach belongs to an existing organisation")
    if role == "provider" and (provider_id is None or session.get(Provider, provider_id) is None):
        raise AccountError("provider: a provider user belongs to an existing provider")
    if get_user_by_email(session, email=email) is not None:
        raise AccountError(f"email: an account for {email} already exists")
    user = User(
        email=email,
        name=name.strip(),
        role=role,
        status=status,
        password_hash=hash_password(password) if password is not None else None,
        organisation_id=organisation_id if role == "coach" else None,
        provider_id=provider_id if role == "provider" else None,
    )
    session.add(user)
    session.flush()
    return user


def authenticate(session: Session, *, email: str, password: str) -> User | None:
    """The user when e-mail and password are right and the account is active, else None."""
    user = get_user_by_email(session, email=email)
    if user is None:
        _hasher.hash(password or "x")  # spend the same time, so timing does not reveal accounts
        return None
    if not verify_password(user, password) or user.status != "active":
        return None
    user.last_login_at = utcnow()
    return user


def set_password(session: Session, *, user: User, password: str) -> None:
    """Give the user a new password (hashed)."""
    user.password_hash = hash_password(password)
    session.add(user)


def set_status(session: Session, *, user: User, status: str) -> None:
    """Activate, disable or mark pending; disabling also voids the user's open links."""
    if status not in USER_STATUSES:
        raise AccountError(f"status: must be one of {', '.join(USER_STATUSES)}")
    user.status = status
    session.add(user)
    if status == "disabled":
        for token in session.exec(select(AccountToken).where(AccountToken.user_id == user.id)):
            token.used_at = token.used_at or utcnow()


def issue_token(session: Session, *, user: User, purpose: str, hours: int = 72) -> str:
    """A new one-time link token for the user (older unused ones of that purpose are voided)."""
    if purpose not in TOKEN_PURPOSES:
        raise AccountError(f"purpose: must be one of {', '.join(TOKEN_PURPOSES)}")
    assert user.id is not None
    now = utcnow()
    for old in session.exec(
        select(AccountToken).where(
            AccountToken.user_id == user.id, col(AccountToken.used_at).is_(None)
        )
    ):
        old.used_at = now
    token = secrets.token_urlsafe(32)
    session.add(
        AccountToken(
            user_id=user.id,
            purpose=purpose,
            token_hash=_token_hash(token),
            expires_at=now + timedelta(hours=hours),
        )
    )
    session.flush()
    return token


def token_user(session: Session, *, token: str) -> tuple[AccountToken, User] | None:
    """The unused, unexpired token and its user, or None."""
    row = session.exec(
        select(AccountToken).where(AccountToken.token_hash == _token_hash(token))
    ).first()
    if row is None or row.used_at is not None or row.expires_at < utcnow():
        return None
    user = session.get(User, row.user_id)
    if user is None or user.status == "disabled":
        return None
    return row, user


def use_token(session: Session, *, token: str, password: str) -> User:
    """Set the password through a one-time link and spend the link."""
    found = token_user(session, token=token)
    if found is None:
        raise AccountError(
            "token: this link is not valid any more; ask a coordinator for a new one"
        )
    row, user = found
    set_password(session, user=user, password=password)
    row.used_at = utcnow()
    session.add(row)
    return user


def list_users(session: Session) -> list[User]:
    """Every user, by role and e-mail."""
    return list(session.exec(select(User).order_by(col(User.role), col(User.email))))


def normalise_kvk(text: str) -> str | None:
    """A KvK (Chamber of Commerce) number as its 8 digits; None when empty; refuses anything else."""
    digits = "".join(ch for ch in text if not ch.isspace() and ch not in ".-")
    if not digits:
        return None
    if not (digits.isdigit() and len(digits) == 8):
        raise AccountError("kvk_number: a KvK number has 8 digits")
    return digits


def signup_provider(
    session: Session,
    *,
    provider_name: str,
    email: str,
    name: str,
    password: str,
    phone: str | None = None,
    job_role: str | None = None,
    kvk_number: str | None = None,
    lang: str = "nl",
) -> User:
    """A provider's own sign-up: the provider (new or by name) and a pending user for it."""
    provider_name = provider_name.strip()
    if not provider_name:
        raise AccountError("provider: give the name of your club or organisation")
    provider = session.exec(
        select(Provider).where(func.lower(Provider.name) == provider_name.lower())
    ).first()
    if provider is None:
        provider = Provider(name=provider_name, verified=False)
        session.add(provider)
        session.flush()
    user = create_user(
        session,
        email=email,
        role="provider",
        name=name,
        password=password,
        provider_id=provider.id,
        status="pending",
    )
    user.phone = (phone or "").strip()[:40] or None
    user.job_role = (job_role or "").strip()[:120] or None
    user.kvk_number = normalise_kvk(kvk_number or "")
    user.lang = lang
    session.add(user)
    return user


def pending_provider_users(session: Session) -> list[tuple[User, Provider]]:
    """Provider users waiting for verification, with their provider."""
    rows = session.exec(
        select(User, Provider)
        .join(Provider, col(Provider.id) == col(User.provider_id))
        .where(User.role == "provider", User.status == "pending")
        .order_by(col(User.created_at))
    )
    return [(user, provider) for user, provider in rows]


def verify_provider_user(session: Session, *, user: User) -> Provider:
    """A coordinator verifies a provider user: the user is active and the provider verified."""
    if user.role != "provider" or user.provider_id is None:
        raise AccountError("user: only provider users are verified")
    provider = session.get(Provider, user.provider_id)
    assert provider is not None
    provider.verified = True
    user.status = "active"
    session.add_all([provider, user])
    return provider


def provider_has_active_users(session: Session, *, provider_id: int) -> bool:
    """True when someone of this provider can answer introductions in Opstap."""
    return (
        session.exec(
            select(User.id).where(
                User.provider_id == provider_id, User.status == "active", User.role == "provider"
            )
        ).first()
        is not None
    )


class ApiKey(SQLModel, table=True):
    """A provider's key for the places-left API; only a hash is stored, the key is shown once."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="useraccount.id", index=True)
    key_hash: str = Field(max_length=64, unique=True, index=True)
    created_at: datetime = Field(default_factory=utcnow)
    last_used_at: datetime | None = None
    revoked_at: datetime | None = None


def issue_api_key(session: Session, *, user: User) -> str:
    """A new API key for a provider user; their older keys stop working."""
    if user.role != "provider":
        raise AccountError("role: only provider users have API keys")
    now = utcnow()
    for old in session.exec(
        select(ApiKey).where(ApiKey.user_id == user.id, col(ApiKey.revoked_at).is_(None))
    ):
        old.revoked_at = now
    key = "opk_" + secrets.token_urlsafe(32)
    session.add(ApiKey(user_id=user.id or 0, key_hash=_token_hash(key)))
    session.flush()
    return key


def user_for_api_key(session: Session, *, key: str) -> User | None:
    """The active provider user of an unrevoked key, or None."""
    row = session.exec(select(ApiKey).where(ApiKey.key_hash == _token_hash(key))).first()
    if row is None or row.revoked_at is not None:
        return None
    user = session.get(User, row.user_id)
    if user is None or user.status != "active" or user.role != "provider":
        return None
    row.last_used_at = utcnow()
    session.add(row)
    return user


# A phone number as people write it: digits with spaces, hyphens or brackets, an optional leading +.
PHONE_PATTERN = re.compile(r"^\+?[0-9][0-9 ()\-]{7,18}[0-9]$")


def update_details(session: Session, *, user: User, name: str, phone: str) -> None:
    """A staff member's own name and phone number (the phone goes on the letters a coach prints)."""
    name, phone = " ".join(name.split()), " ".join(phone.split())
    if not name:
        raise AccountError("name: give your name")
    if len(name) > 200:
        raise AccountError("name: at most 200 characters")
    if phone and not PHONE_PATTERN.match(phone):
        raise AccountError(f"phone: {phone!r} is not a phone number (digits, e.g. 079 123 45 67)")
    user.name, user.phone = name, phone or None
    session.add(user)
