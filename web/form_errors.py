"""Validation errors as people read them: one plain message per form field, in the UI language.

The domain validates (pydantic models, domain errors naming a field as "field: why"); this module only
maps the failing field to a message saying what to enter, GOV.UK style. A validator's own text, a
field path such as "schedule.0.day" or an ISO code never reaches the page. Limits in the messages
are read from the models, so a changed limit changes the message too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from annotated_types import Ge, Gt, Le, Lt, MaxLen
from flask_babel import gettext
from pydantic import BaseModel, ValidationError

Message = Callable[[str, dict[str, Any]], str]


def _(text: str, **values: Any) -> str:
    """gettext, typed: the message in the UI language."""
    return str(gettext(text, **values))


class FormErrors:
    """Messages by field id, in form order (the first message for a field wins)."""

    def __init__(self, order: list[str] | tuple[str, ...] = ()) -> None:
        self.messages: dict[str, str] = {}
        self.order = list(order)

    def add(self, field: str, message: str) -> None:
        """Note a problem with `field` (the id of its input)."""
        self.messages.setdefault(field, message)

    def get(self, field: str) -> str | None:
        """The message for a field, or None."""
        return self.messages.get(field)

    def items(self) -> list[tuple[str, str]]:
        """(field id, message) pairs for the error summary, in the order of the form."""

        def place(field: str) -> int:
            base = field.split("-")[0]
            return self.order.index(base) if base in self.order else len(self.order)

        return sorted(self.messages.items(), key=lambda pair: place(pair[0]))

    def __bool__(self) -> bool:
        return bool(self.messages)

    def __contains__(self, field: object) -> bool:
        return field in self.messages


def bounds(model: type[BaseModel], name: str) -> dict[str, Any]:
    """The limits pydantic checks on a field: {'min': 12, 'max': 110, 'max_length': 80}."""
    info = model.model_fields.get(name)
    found: dict[str, Any] = {}
    for item in info.metadata if info else []:
        if isinstance(item, Ge | Gt):
            found["min"] = item.ge if isinstance(item, Ge) else item.gt
        elif isinstance(item, Le | Lt):
            found["max"] = item.le if isinstance(item, Le) else item.lt
        elif isinstance(item, MaxLen):
            found["max_length"] = item.max_length
    return found


def from_validation(
    error: ValidationError,
    message_for: Callable[[tuple[Any, ...], dict[str, Any]], tuple[str, str]],
    errors: FormErrors | None = None,
) -> FormErrors:
    """Map each pydantic problem to (field id, plain message) with `message_for(loc, problem)`."""
    errors = errors or FormErrors()
    for problem in error.errors():
        field, message = message_for(tuple(problem["loc"]), dict(problem))
        errors.add(field, message)
    return errors


def field_of(text: str) -> str:
    """The field a domain error names: 'email: … already exists' → 'email'."""
    head, sep, _rest = text.partition(":")
    return head.strip() if sep and head.strip().replace("_", "").replace("/", "").isalnum() else ""


def validation_cause(exc: BaseException) -> ValidationError | None:
    """The pydantic error behind a domain error raised `from` it, if any."""
    cause = exc.__cause__
    return cause if isinstance(cause, ValidationError) else None


# --- messages of the domain errors that are flashed (proposals, consents, sharing) ---------------


def plain_error(exc: BaseException) -> str:
    """A flashed domain error in plain words; never the exception's own (English, coded) text."""
    from matching.accounts import AccountError

    if isinstance(exc, AccountError):
        return account_errors(exc).items()[0][1]
    text = str(exc)
    field = field_of(text)
    if field == "opportunity":
        if "full" in text:
            return _(
                "This place is full. Choose another one, or ask the provider about a waiting list."
            )
        if "already" in text:
            return _("This is already in the person’s plan.")
        return _("This opportunity is no longer in the catalogue.")
    if field == "state":
        return _(
            "This proposal has moved on since the page was loaded. Look at its state and try again."
        )
    if field == "reason":
        return _("Choose a reason.")
    if field == "outcome":
        return _("Only a proposal that started can be finished.")
    if field == "organisation":
        return _("Choose another organisation than the person’s own.")
    if field == "scope":
        return _("To withdraw the consent to keep the profile, erase the person.")
    from web.provider.listing_form import FIELD_ORDER, listing_message

    if field in FIELD_ORDER:
        return listing_message(field)
    return _("That did not work. Reload the page and try again.")


def account_errors(exc: Exception, *, provider_field: str = "provider_id") -> FormErrors:
    """An account form's error (coordinator, sign-up, password) as a plain message at its field."""
    from matching.accounts import MIN_PASSWORD_LENGTH

    text = str(exc)
    field = field_of(text)
    errors = FormErrors()
    if field == "email" and "already exists" in text:
        errors.add(
            "email",
            _(
                "There is already an account with this e-mail address. Sign in, or ask a coordinator for a new sign-in link."
            ),
        )
    elif field == "email":
        errors.add("email", _("Enter an e-mail address like name@example.nl."))
    elif field == "password":
        errors.add(
            "password",
            _("Use a password of at least %(min)s characters.", min=MIN_PASSWORD_LENGTH),
        )
    elif field == "role":
        errors.add("role", _("Choose a role."))
    elif field == "organisation":
        errors.add("organisation_id", _("Choose the organisation this coach works for."))
    elif field == "provider" and provider_field == "provider_name":
        errors.add("provider_name", _("Enter the name of your club or organisation."))
    elif field == "provider":
        errors.add("provider_id", _("Choose the provider this account works for."))
    elif field == "name" and "already exists" in text:
        errors.add("org-name", _("There is already an organisation with this name."))
    elif field == "name":
        errors.add("org-name", _("Enter the name of the organisation."))
    else:
        errors.add("email", _("That did not work. Reload the page and try again."))
    return errors
