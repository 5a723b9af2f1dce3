"""The native catalogue line (PRODUCT §6), validated, with errors that name the field."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from matching.vocab import DAYS, INTEGRATION_VALUES, UI_LANGUAGES

# Limits of a catalogue line's numbers: sane for any real listing, and inside every database's types.
MAX_PLACES = 100_000
MAX_COST_EUR_YEAR = 1_000_000.0
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$|^24:00$")
_PC6 = re.compile(r"^\s*(\d{4})\s*([A-Za-z]{2})?\s*$")


class Session(BaseModel):
    """One weekly session: a day and a start and end time."""

    model_config = ConfigDict(extra="forbid")

    day: Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    start: str
    end: str

    @field_validator("day", mode="before")
    @classmethod
    def _lower_day(cls, value: Any) -> Any:
        return value.strip().lower()[:3] if isinstance(value, str) else value

    @field_validator("start", "end")
    @classmethod
    def _check_time(cls, value: str) -> str:
        value = value.strip()
        if len(value) == 4 and value[1] == ":":
            value = "0" + value
        if not _TIME.match(value):
            raise ValueError(f"time must be HH:MM, got {value!r}")
        return value

    @model_validator(mode="after")
    def _end_after_start(self) -> Session:
        if self.end <= self.start:
            raise ValueError(f"end {self.end} is not after start {self.start}")
        return self


class Translation(BaseModel):
    """A source's or provider's own title and description in one UI language."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    title: str = Field(default="", max_length=300)
    description: str = Field(default="", max_length=5000)


def normalise_postcode(value: str) -> str:
    """'2711 ab' -> '2711AB', '2711' -> '2711'; raises ValueError on anything else."""
    match = _PC6.match(value)
    if not match:
        raise ValueError(f"postcode must look like 2711 or 2711 AB, got {value!r}")
    return match.group(1) + (match.group(2) or "").upper()


class OpportunityIn(BaseModel):
    """One opportunity as a source gives it, before geocoding and talent resolution."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    id: str = Field(min_length=1, max_length=300)
    source: str | None = None  # written by `opstap export`; the importer decides the source
    kind: Literal["club", "volunteer", "course", "workplace"]
    title: str = Field(min_length=1, max_length=300)
    description: str = ""
    provider: str = Field(default="", max_length=300)
    address: str | None = Field(default=None, max_length=300)
    postcode: str | None = None
    city: str | None = Field(default=None, max_length=120)
    lat: float | None = Field(default=None, ge=-90, le=90, allow_inf_nan=False)
    lon: float | None = Field(default=None, ge=-180, le=180, allow_inf_nan=False)
    talents: list[str] = Field(default_factory=list)
    phase: int | None = Field(default=None, ge=0, le=4)
    dutch_level_min: Literal["none", "A1", "A2", "B1", "B2", "C1", "C2"] = "none"
    languages: list[str] = Field(default_factory=list)
    schedule: list[Session] = Field(default_factory=list)
    places_left: int | None = Field(default=None, ge=0, le=MAX_PLACES)
    cost_eur_year: float | None = Field(
        default=None, ge=0, le=MAX_COST_EUR_YEAR, allow_inf_nan=False
    )
    subsidy: bool = False
    age_min: int | None = Field(default=None, ge=0, le=120)
    age_max: int | None = Field(default=None, ge=0, le=120)
    audience: Literal["everyone", "women", "men"] = "everyone"
    free_trial: bool = False
    buddy: bool = False
    integration_value: list[str] = Field(default_factory=list)
    paid: bool = False
    hours_week: float | None = Field(default=None, ge=0, le=80, allow_inf_nan=False)
    contact: str | None = Field(default=None, max_length=300)
    last_confirmed: date | None = None
    status: Literal["active", "withdrawn"] = "active"
    translations: dict[str, Translation] = Field(default_factory=dict)

    @field_validator("id", mode="before")
    @classmethod
    def _id_as_text(cls, value: Any) -> Any:
        # A number is an id (7 -> "7"); true/false is not (the run checks repeats the same way).
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value

    @field_validator("dutch_level_min", mode="before")
    @classmethod
    def _level(cls, value: Any) -> Any:
        if value is None or value == "":
            return "none"
        if isinstance(value, str):
            value = value.strip()
            return "none" if value.lower() == "none" else value.upper()
        return value

    @field_validator("postcode")
    @classmethod
    def _postcode(cls, value: str | None) -> str | None:
        return normalise_postcode(value) if value else None

    @field_validator("languages")
    @classmethod
    def _languages(cls, value: list[str]) -> list[str]:
        codes = []
        for code in value:
            code = code.strip().lower()
            if not re.fullmatch(r"[a-z]{2,3}(-[a-z]{2,4})?", code):
                raise ValueError(f"language {code!r} is not an ISO 639 code such as 'ar' or 'ti'")
            if code not in codes:
                codes.append(code)
        return codes

    @field_validator("integration_value")
    @classmethod
    def _values(cls, value: list[str]) -> list[str]:
        unknown = [v for v in value if v not in INTEGRATION_VALUES]
        if unknown:
            raise ValueError(f"unknown value {unknown[0]!r}; use {', '.join(INTEGRATION_VALUES)}")
        return sorted(set(value), key=INTEGRATION_VALUES.index)

    @field_validator("talents")
    @classmethod
    def _talents(cls, value: list[str]) -> list[str]:
        return [t.strip() for t in value if t and t.strip()]

    @field_validator("translations", mode="before")
    @classmethod
    def _translation_languages(cls, value: Any) -> Any:
        if not isinstance(value, dict):
            return value
        for code in value:
            if code not in UI_LANGUAGES:
                raise ValueError(
                    f"language {code!r} is not one of the UI languages {', '.join(UI_LANGUAGES)}"
                )
        return value

    @field_validator("translations")
    @classmethod
    def _drop_empty(cls, value: dict[str, Translation]) -> dict[str, Translation]:
        return {k: v for k, v in sorted(value.items()) if v.title or v.description}

    @field_validator("schedule")
    @classmethod
    def _sorted_schedule(cls, value: list[Session]) -> list[Session]:
        return sorted(value, key=lambda s: (DAYS.index(s.day), s.start, s.end))

    @model_validator(mode="after")
    def _consistent(self) -> OpportunityIn:
        if (self.lat is None) != (self.lon is None):
            raise ValueError("lat and lon must be given together")
        if self.lat is None and not self.postcode and not self.address:
            raise ValueError("no place: give lat and lon, a postcode or an address")
        if self.age_min is not None and self.age_max is not None and self.age_min > self.age_max:
            raise ValueError(f"age_min {self.age_min} is above age_max {self.age_max}")
        return self


def describe_validation_error(error: ValidationError) -> str:
    """One plain sentence per problem, each naming its field: 'lat: 100 is above the highest allowed, 90'."""
    parts = []
    for problem in error.errors(include_url=False):
        where = ".".join(str(p) for p in problem["loc"]) or "line"
        parts.append(f"{where}: {plain_problem(problem)}")
    return "; ".join(parts)


def plain_problem(problem: Mapping[str, Any]) -> str:
    """A pydantic problem in words a coordinator reads, with the value that was given."""
    kind, given = problem["type"], problem.get("input")
    ctx = {  # limits as numbers are written: 90, not 90.0
        key: _shown(value) if isinstance(value, int | float) else value
        for key, value in (problem.get("ctx") or {}).items()
    }
    shown = _shown(given)
    wording = {
        "extra_forbidden": "unknown field",
        "missing": "is required",
        "less_than_equal": f"{shown} is above the highest allowed, {ctx.get('le')}",
        "less_than": f"{shown} must be below {ctx.get('lt')}",
        "greater_than_equal": f"{shown} is below the lowest allowed, {ctx.get('ge')}",
        "greater_than": f"{shown} must be above {ctx.get('gt')}",
        "string_too_long": f"is longer than {ctx.get('max_length')} characters",
        "string_too_short": f"must have at least {ctx.get('min_length')} character(s)",
        "too_long": f"has more than {ctx.get('max_length')} entries",
        "too_short": f"must have at least {ctx.get('min_length')} entries",
        "literal_error": f"{shown} is not one of {ctx.get('expected')}",
        "enum": f"{shown} is not one of {ctx.get('expected')}",
        "int_parsing": f"must be a whole number, got {shown}",
        "int_type": f"must be a whole number, got {shown}",
        "int_from_float": f"must be a whole number, got {shown}",
        "float_parsing": f"must be a number, got {shown}",
        "float_type": f"must be a number, got {shown}",
        "finite_number": "must be a finite number",
        "bool_parsing": f"must be true or false, got {shown}",
        "bool_type": f"must be true or false, got {shown}",
        "string_type": f"must be text, got {shown}",
        "list_type": f"must be a list, got {shown}",
        "dict_type": "must be an object",
        "model_type": "must be an object",
        "model_attributes_type": "must be an object",
        "date_from_datetime_parsing": f"{shown} is not a date (YYYY-MM-DD)",
        "date_parsing": f"{shown} is not a date (YYYY-MM-DD)",
        "date_type": f"{shown} is not a date (YYYY-MM-DD)",
        "datetime_parsing": f"{shown} is not a date and time (YYYY-MM-DDTHH:MM)",
        "datetime_from_date_parsing": f"{shown} is not a date and time (YYYY-MM-DDTHH:MM)",
        "datetime_type": f"{shown} is not a date and time (YYYY-MM-DDTHH:MM)",
        "time_parsing": f"{shown} is not a time (HH:MM)",
        "time_type": f"{shown} is not a time (HH:MM)",
        "url_parsing": f"{shown} is not a web address",
        "url_scheme": f"{shown} must start with http:// or https://",
    }
    # our own validators already speak in sentences; pydantic prefixes them
    return wording.get(kind) or str(problem["msg"]).removeprefix("Value error, ")


def _shown(value: Any) -> str:
    """A given value as a message quotes it: numbers bare, text quoted and cut at 40 characters."""
    if isinstance(value, bool) or value is None:
        return {True: "true", False: "false", None: "null"}[value]
    if isinstance(value, int | float):
        return f"{value:g}" if isinstance(value, float) else str(value)
    text = str(value)
    return repr(text if len(text) <= 40 else text[:39] + "…")
