"""`GET /api/v1/openapi.json`: the OpenAPI 3.1 document, generated from the models the routes validate with.

Each operation below names its models; pydantic writes their JSON Schema (2020-12, which OpenAPI 3.1
uses as is) and `document()` assembles paths, parameters, bodies, errors and the bearer scheme.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from flask import jsonify
from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from matching.api_models import (
    MAX_ID,
    ErrorDocument,
    ListingStateOut,
    MatchResultOut,
    OpportunityOut,
    OpportunityPage,
    OpportunityQuery,
    PlacesLeftIn,
)
from matching.profile_schema import MatchRequest
from web.api import bp

REF = "#/components/schemas/{model}"
ERROR_TEXT = {
    400: "The request cannot be read (not a JSON object, or an unknown parameter); `field` names it.",
    401: "No or a wrong API key.",
    404: "Nothing with this id (for a provider: not a listing of your organisation).",
    413: "The body is too large.",
    415: "The body is not sent as application/json.",
    422: "A value is wrong; the message and `field` name it.",
    429: "Too many wrong keys from this address; wait and try again.",
}
BODY_ERRORS = (400, 413, 415, 422)


@dataclass(frozen=True)
class Operation:
    """One documented route: its models decide its parameters, body and answers."""

    path: str
    method: str
    summary: str
    answer: type[BaseModel]
    answer_text: str
    body: type[BaseModel] | None = None
    query: type[BaseModel] | None = None
    path_id: str | None = None  # description of the {id} path parameter
    secured: bool = False
    errors: tuple[int, ...] = field(default=())


OPERATIONS: tuple[Operation, ...] = (
    Operation(
        "/match",
        "post",
        "Ranked, explained suggestions for a profile.",
        MatchResultOut,
        "Suggestions in the engine's order (best first, varied: kinds and providers mixed) and "
        "the words nothing understood. `score` is each item's fit before the variety step.",
        body=MatchRequest,
        errors=BODY_ERRORS,
    ),
    Operation(
        "/opportunities",
        "get",
        "Opportunities, filtered and paged.",
        OpportunityPage,
        "A page of opportunities (nearest first when `near` is given).",
        query=OpportunityQuery,
        errors=(400, 422),
    ),
    Operation(
        "/opportunities/{id}",
        "get",
        "One opportunity.",
        OpportunityOut,
        "The opportunity.",
        path_id="Opstap's id of the opportunity.",
        errors=(404,),
    ),
    Operation(
        "/opportunities/{id}/places_left",
        "put",
        "Set places left of one of your listings (this also confirms it).",
        ListingStateOut,
        "The listing's places left and confirmation date.",
        body=PlacesLeftIn,
        path_id="Opstap's id of one of your listings.",
        secured=True,
        errors=(401, 404, 429, *BODY_ERRORS),
    ),
    Operation(
        "/opportunities/{id}/confirm",
        "post",
        "Confirm one of your listings is still valid today.",
        ListingStateOut,
        "The listing's confirmation date.",
        path_id="Opstap's id of one of your listings.",
        secured=True,
        errors=(401, 404, 429),
    ),
)


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"application/json": {"schema": schema}}


def _ref(model: type[BaseModel]) -> dict[str, Any]:
    return {"$ref": REF.format(model=model.__name__)}


def _not_null(schema: dict[str, Any]) -> dict[str, Any]:
    """A query parameter is absent rather than null: keep the non-null branch of `X | None`."""
    branches = [b for b in schema.get("anyOf", []) if b != {"type": "null"}]
    if len(branches) == 1 and len(schema["anyOf"]) == 2:
        rest = {k: v for k, v in schema.items() if k != "anyOf"}
        schema = {**branches[0], **rest}
    if schema.get("default", 0) is None:
        del schema["default"]
    return schema


def _parameters(op: Operation, schemas: dict[str, Any]) -> list[dict[str, Any]]:
    params: list[dict[str, Any]] = []
    if op.path_id:
        params.append(
            {
                "name": "id",
                "in": "path",
                "required": True,
                "description": op.path_id,
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_ID},
            }
        )
    if op.query is not None:
        query = schemas[op.query.__name__]
        for name, schema in query["properties"].items():
            schema = _not_null(dict(schema))
            description = schema.pop("description", None)
            schema.pop("title", None)
            param = {"name": name, "in": "query", "required": False, "schema": schema}
            if description:
                param["description"] = description
            params.append(param)
    return params


def _operation(op: Operation, schemas: dict[str, Any]) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "operationId": f"{op.method}_{op.path.strip('/').replace('/', '_').replace('{id}', 'id')}",
        "summary": op.summary,
        "responses": {
            "200": {"description": op.answer_text, "content": _json(_ref(op.answer))},
            **{
                str(status): {
                    "description": ERROR_TEXT[status],
                    "content": _json(_ref(ErrorDocument)),
                }
                for status in sorted(op.errors)
            },
        },
    }
    params = _parameters(op, schemas)
    if params:
        doc["parameters"] = params
    if op.body is not None:
        doc["requestBody"] = {"required": True, "content": _json(_ref(op.body))}
    if op.secured:
        doc["security"] = [{"providerKey": []}]
    return doc


def document() -> dict[str, Any]:
    """The OpenAPI 3.1 document of the JSON API, generated from the models (a copy to change freely)."""
    return copy.deepcopy(_build())


@cache
def _build() -> dict[str, Any]:
    models: list[type[BaseModel]] = []
    for op in OPERATIONS:
        models += [m for m in (op.answer, op.body, op.query) if m is not None]
    models.append(ErrorDocument)
    unique = list(dict.fromkeys(models))
    _keys, top = models_json_schema([(m, "validation") for m in unique], ref_template=REF)
    schemas: dict[str, Any] = top.get("$defs", {})
    paths: dict[str, Any] = {}
    for op in OPERATIONS:
        paths.setdefault(op.path, {})[op.method] = _operation(op, schemas)
    if OpportunityQuery.__name__ in schemas:  # its fields are query parameters, not a body
        del schemas[OpportunityQuery.__name__]
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Opstap API",
            "version": "1",
            "description": "Opstap's JSON API: matching, the catalogue and providers' own listings.",
        },
        "servers": [{"url": "/api/v1"}],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "providerKey": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "A provider's API key, made on the provider portal.",
                }
            },
        },
    }


def full_document() -> dict[str, Any]:
    """The document (kept under this name for callers of the hand-written version)."""
    return document()


@bp.get("/openapi.json")
def openapi():  # type: ignore[no-untyped-def]
    """The OpenAPI document."""
    return jsonify(document())
