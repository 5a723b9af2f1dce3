"""`GET /api/v1/openapi.json`: the OpenAPI 3.1 description of the JSON API."""

from __future__ import annotations

from typing import Any

from flask import jsonify

from matching.engine.profile import GENDERS, NEEDS
from matching.vocab import (
    AUDIENCES,
    DAYS,
    DUTCH_LEVELS,
    INTEGRATION_VALUES,
    KINDS,
    TRAVEL_MODES,
    UI_LANGUAGES,
)
from web.api import bp


def _error() -> dict[str, Any]:
    return {
        "description": "The request is wrong; the message and `field` name the problem.",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


PROFILE: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["location"],
    "properties": {
        "talents": {
            "type": "array",
            "items": {"type": "string"},
            "description": "Free words in any UI language, or taxonomy codes.",
        },
        "wishes": {
            "type": "array",
            "items": {"type": "string"},
            "description": "Free words or codes; kind wishes (work, course, volunteering …) are served by items of that kind.",
        },
        "dutch_level": {"enum": list(DUTCH_LEVELS), "default": "none"},
        "languages": {
            "type": "array",
            "items": {"type": "string"},
            "description": "ISO 639 codes.",
        },
        "location": {
            "oneOf": [
                {
                    "type": "object",
                    "required": ["postcode"],
                    "properties": {"postcode": {"type": "string", "examples": ["2711"]}},
                },
                {
                    "type": "object",
                    "required": ["lat", "lon"],
                    "properties": {"lat": {"type": "number"}, "lon": {"type": "number"}},
                },
            ]
        },
        "travel": {
            "enum": list(TRAVEL_MODES),
            "default": "bike",
            "description": "walk 2 km, bike 7 km, transit 20 km.",
        },
        "max_distance_km": {
            "type": "number",
            "exclusiveMinimum": 0,
            "description": "Overrides the travel mode's distance; inclusive.",
        },
        "availability": {
            "type": "array",
            "items": {"type": "string", "examples": ["mon-evening", "sat-morning"]},
            "description": f"day-part; days {', '.join(DAYS)}; parts morning (06–12), afternoon (12–18), evening (18–24). Empty = any time.",
        },
        "phase": {"type": "integer", "minimum": 0, "maximum": 4},
        "age": {"type": "integer", "minimum": 0, "maximum": 120},
        "gender": {"enum": list(GENDERS)},
        "needs": {"type": "array", "items": {"enum": list(NEEDS)}},
    },
}

NOTE = {
    "type": "object",
    "required": ["code", "text"],
    "properties": {
        "code": {"type": "string"},
        "text": {"type": "string"},
        "params": {"type": "object"},
    },
}

OPPORTUNITY = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "source": {"type": "string"},
        "source_id": {"type": "string"},
        "kind": {"enum": list(KINDS)},
        "title": {"type": "string"},
        "description": {"type": "string"},
        "provider": {"type": "string"},
        "address": {"type": ["string", "null"]},
        "postcode": {"type": ["string", "null"]},
        "city": {"type": ["string", "null"]},
        "lat": {"type": "number"},
        "lon": {"type": "number"},
        "talents": {"type": "array", "items": {"type": "string"}},
        "phase": {"type": "integer"},
        "dutch_level_min": {"enum": list(DUTCH_LEVELS)},
        "languages": {"type": "array", "items": {"type": "string"}},
        "schedule": {"type": "array", "items": {"type": "object"}},
        "places_left": {"type": ["integer", "null"]},
        "cost_eur_year": {"type": ["number", "null"]},
        "subsidy": {"type": "boolean"},
        "age_min": {"type": ["integer", "null"]},
        "age_max": {"type": ["integer", "null"]},
        "audience": {"enum": list(AUDIENCES)},
        "free_trial": {"type": "boolean"},
        "buddy": {"type": "boolean"},
        "integration_value": {"type": "array", "items": {"enum": list(INTEGRATION_VALUES)}},
        "paid": {"type": "boolean"},
        "hours_week": {"type": ["number", "null"]},
        "contact": {"type": ["string", "null"]},
        "last_confirmed": {"type": ["string", "null"], "format": "date"},
        "status": {"enum": ["active", "withdrawn"]},
        "translations": {
            "type": "object",
            "description": "A source's or provider's own title and description per UI language.",
            "additionalProperties": {
                "type": "object",
                "properties": {"title": {"type": "string"}, "description": {"type": "string"}},
            },
        },
        "full": {"type": "boolean"},
        "stale": {"type": "boolean"},
    },
}


def document() -> dict[str, Any]:
    """The OpenAPI document."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "Opstap API", "version": "1"},
        "servers": [{"url": "/api/v1"}],
        "paths": {
            "/match": {
                "post": {
                    "summary": "Ranked, explained suggestions for a profile.",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "additionalProperties": False,
                                    "required": ["profile"],
                                    "properties": {
                                        "profile": {"$ref": "#/components/schemas/Profile"},
                                        "lang": {"enum": list(UI_LANGUAGES), "default": "nl"},
                                        "limit": {
                                            "type": "integer",
                                            "minimum": 1,
                                            "maximum": 50,
                                            "default": 10,
                                        },
                                    },
                                }
                            }
                        },
                    },
                    "responses": {
                        "200": {
                            "description": (
                                "Suggestions in the engine's order (best first, varied: kinds and "
                                "providers mixed) and the words nothing understood. `score` is each "
                                "item's fit before the variety step."
                            ),
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/MatchResult"}
                                }
                            },
                        },
                        "400": _error(),
                        "422": _error(),
                    },
                }
            },
            "/opportunities": {
                "get": {
                    "summary": "Opportunities, filtered.",
                    "parameters": [
                        {"name": "kind", "in": "query", "schema": {"enum": list(KINDS)}},
                        {
                            "name": "near",
                            "in": "query",
                            "schema": {"type": "string"},
                            "description": "A postcode or 'lat,lon'.",
                        },
                        {"name": "radius_km", "in": "query", "schema": {"type": "number"}},
                        {"name": "talent", "in": "query", "schema": {"type": "string"}},
                        {"name": "q", "in": "query", "schema": {"type": "string"}},
                        {
                            "name": "limit",
                            "in": "query",
                            "schema": {"type": "integer", "minimum": 1, "maximum": 200},
                        },
                        {
                            "name": "offset",
                            "in": "query",
                            "schema": {"type": "integer", "minimum": 0},
                        },
                    ],
                    "responses": {
                        "200": {"description": "A page of opportunities."},
                        "400": _error(),
                        "422": _error(),
                    },
                }
            },
            "/opportunities/{id}": {
                "get": {
                    "summary": "One opportunity.",
                    "parameters": [
                        {
                            "name": "id",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "integer"},
                        }
                    ],
                    "responses": {
                        "200": {
                            "description": "The opportunity.",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Opportunity"}
                                }
                            },
                        },
                        "404": _error(),
                    },
                }
            },
        },
        "components": {
            "schemas": {
                "Profile": PROFILE,
                "Note": NOTE,
                "Opportunity": OPPORTUNITY,
                "Suggestion": {
                    "type": "object",
                    "required": [
                        "opportunity",
                        "score",
                        "distance_km",
                        "phase",
                        "reasons",
                        "cautions",
                    ],
                    "properties": {
                        "opportunity": {"$ref": "#/components/schemas/Opportunity"},
                        "score": {"type": "number", "minimum": 0, "maximum": 1},
                        "distance_km": {"type": "number"},
                        "phase": {"type": "integer"},
                        "reasons": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/Note"},
                        },
                        "cautions": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/Note"},
                        },
                    },
                },
                "MatchResult": {
                    "type": "object",
                    "required": ["suggestions", "not_understood"],
                    "properties": {
                        "suggestions": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/Suggestion"},
                        },
                        "not_understood": {"type": "array", "items": {"type": "string"}},
                    },
                },
                "Error": {
                    "type": "object",
                    "properties": {
                        "error": {
                            "type": "object",
                            "properties": {
                                "status": {"type": "integer"},
                                "message": {"type": "string"},
                                "field": {"type": "string"},
                            },
                        }
                    },
                },
            }
        },
    }


def full_document() -> dict[str, Any]:
    """The OpenAPI document with the provider endpoints (web/api/places.py) and their key scheme."""
    from web.api.places import OPENAPI_PATHS

    doc = document()
    doc["paths"].update(OPENAPI_PATHS)
    doc["components"]["securitySchemes"] = {
        "providerKey": {
            "type": "http",
            "scheme": "bearer",
            "description": "A provider's API key, made on the provider portal.",
        }
    }
    return doc


@bp.get("/openapi.json")
def openapi():  # type: ignore[no-untyped-def]
    """The OpenAPI document."""
    return jsonify(full_document())
