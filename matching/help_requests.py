"""Kiosk help requests: a newcomer asks a volunteer to help them contact the places they chose."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, Session, SQLModel, select

from matching.errors import DomainError
from matching.models import utcnow

HELP_STATUSES: tuple[str, ...] = ("open", "taken", "closed")
# The only things a person can choose to share from the kiosk (PRODUCT §8: minimal fields).
SHAREABLE_FIELDS: tuple[str, ...] = ("first_name", "phone", "email")


class HelpRequest(SQLModel, table=True):
    """A request for help made at the kiosk, holding only what the person agreed to share."""

    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = Field(default_factory=utcnow, index=True)
    municipality: str = Field(default="", max_length=200)
    lang: str = Field(max_length=8)
    opportunity_ids: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    shared: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    status: str = Field(default="open", max_length=8, index=True)
    taken_by_user_id: int | None = None


class HelpRequestError(DomainError):
    """A help request that cannot be stored as given."""


def create_help_request(
    session: Session,
    *,
    lang: str,
    opportunity_ids: list[int],
    shared: dict[str, Any],
    municipality: str = "",
) -> HelpRequest:
    """Store a new open help request; refuses fields outside SHAREABLE_FIELDS and empty contacts."""
    unknown = sorted(set(shared) - set(SHAREABLE_FIELDS))
    if unknown:
        raise HelpRequestError(
            f"cannot share {', '.join(unknown)}: only {', '.join(SHAREABLE_FIELDS)}"
        )
    kept = {
        key: str(value).strip() for key, value in shared.items() if value and str(value).strip()
    }
    if not (kept.get("phone") or kept.get("email")):
        raise HelpRequestError("a help request needs a phone number or an e-mail address")
    request = HelpRequest(
        lang=lang,
        opportunity_ids=[int(i) for i in dict.fromkeys(opportunity_ids)],
        shared=kept,
        municipality=municipality,
    )
    session.add(request)
    session.flush()
    return request


def list_help_requests(
    session: Session, *, status: str | None = "open", limit: int = 200
) -> list[HelpRequest]:
    """Help requests, oldest first (the queue coaches work through), optionally of one status."""
    query = select(HelpRequest).order_by(HelpRequest.created_at, HelpRequest.id)  # type: ignore[arg-type]
    if status is not None:
        if status not in HELP_STATUSES:
            raise HelpRequestError(
                f"status must be one of {', '.join(HELP_STATUSES)}, got {status!r}"
            )
        query = query.where(HelpRequest.status == status)
    return list(session.exec(query.limit(limit)))


def set_help_request_status(
    session: Session, *, request_id: int, status: str, user_id: int | None = None
) -> HelpRequest:
    """Move a request to `status` ('taken' records who took it); raises when it does not exist."""
    if status not in HELP_STATUSES:
        raise HelpRequestError(f"status must be one of {', '.join(HELP_STATUSES)}, got {status!r}")
    request = session.get(HelpRequest, request_id)
    if request is None:
        raise HelpRequestError(f"no help request {request_id}")
    request.status = status
    if status == "taken":
        request.taken_by_user_id = user_id
    elif status == "open":
        request.taken_by_user_id = None
    session.add(request)
    session.flush()
    return request
