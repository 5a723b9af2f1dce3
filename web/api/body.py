"""Reading an API request body: size, content type, nesting depth and JSON syntax, each refused in words."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from flask import request
from pydantic import BaseModel, ValidationError

from matching.profile_schema import first_problem
from web.errors import ApiError

M = TypeVar("M", bound=BaseModel)
MAX_BODY_BYTES = 64 * 1024  # a profile is a few hundred bytes; nothing the API takes needs more
MAX_DEPTH = 32  # the deepest real body (match → profile → location) is three levels


def nesting_depth(text: str, *, stop_at: int) -> int:
    """How deeply arrays and objects nest in JSON text (strings skipped); stops counting past `stop_at`."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > stop_at:
                    return deepest
        elif char in "]}":
            depth -= 1
    return deepest


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def read_json(*, max_bytes: int = MAX_BODY_BYTES, max_depth: int = MAX_DEPTH) -> Any:
    """The request's JSON body; ApiError 413/415/400 naming the problem when it is not usable."""
    if request.content_length is not None and request.content_length > max_bytes:
        raise ApiError(413, f"the body is larger than {max_bytes // 1024} KB", "body")
    if not request.is_json:
        raise ApiError(
            415, "send the body as JSON with the header Content-Type: application/json", "body"
        )
    raw = request.stream.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise ApiError(413, f"the body is larger than {max_bytes // 1024} KB", "body")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ApiError(400, f"the body is not UTF-8 text (byte {exc.start})", "body") from None
    if nesting_depth(text, stop_at=max_depth) > max_depth:
        raise ApiError(
            400, f"the body nests arrays or objects deeper than {max_depth} levels", "body"
        )
    try:
        return json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise ApiError(
            400,
            f"the body is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})",
            "body",
        ) from None
    except ValueError as exc:  # NaN or Infinity
        raise ApiError(400, f"the body is not valid JSON: {exc}", "body") from None


def validate(model: type[M], data: Any, *, known: Mapping[str, Sequence[str]] | None = None) -> M:
    """`data` as `model`; 400 for a body that is not an object, else 422 naming the field."""
    if not isinstance(data, dict):
        raise ApiError(400, "the body must be a JSON object", "body")
    try:
        return model.model_validate(data, context={"form": False})
    except ValidationError as exc:
        field, message = first_problem(exc, known=known or {})
        raise ApiError(422, f"{field}: {message}", field) from None
