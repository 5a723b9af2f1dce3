"""The one profile contract (PRODUCT §6): every limit here, used by the API, the CLI, coach form and kiosk.

The engine converts a validated `ProfileIn` into its frozen `Profile` (matching/engine/profile.py); the
OpenAPI document is generated from these models, so the document and the routes cannot disagree.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from matching.schema import normalise_postcode, plain_problem
from matching.vocab import DAYS, DUTCH_LEVELS, PARTS_OF_DAY

# --- the limits, in one place ---------------------------------------------------------------------
MAX_WORDS = 40  # talents, wishes, languages, availability: entries per list
MAX_WORD_LENGTH = 100
MIN_DISTANCE_KM = 0.1
MAX_DISTANCE_KM = 300.0
MIN_PHASE, MAX_PHASE = 0, 4
MIN_AGE, MAX_AGE = 0, 120
MAX_MATCH_LIMIT = 50
GENDERS: tuple[str, ...] = ("f", "m", "x")
NEEDS: tuple[str, ...] = ("free", "women_only")
PROFILE_FIELDS: tuple[str, ...] = (
    "talents", "wishes", "dutch_level", "languages", "location", "travel", "max_distance_km",
    "availability", "phase", "age", "gender", "needs",
)  # fmt: skip
LOCATION_FIELDS: tuple[str, ...] = ("postcode", "lat", "lon")
LANGUAGE_PATTERN = r"^[A-Za-z]{2,3}(-[A-Za-z]{2,4})?$"
_LANGUAGE = re.compile(LANGUAGE_PATTERN)
AVAILABILITY_HELP = (
    f"day-part such as 'mon-evening' (days {', '.join(DAYS)}; parts {', '.join(PARTS_OF_DAY)}); "
    "a part alone means every day, a day alone the whole day"
)


Word = Annotated[str, StringConstraints(max_length=MAX_WORD_LENGTH)]


def _language(code: str) -> str:
    if not _LANGUAGE.match(code):
        raise ValueError(f"must be an ISO 639 code such as 'ar' or 'ti', got {code!r}")
    return code.lower()


def _slot(raw: str) -> str:
    text = raw.strip().lower()
    day, _, part = text.partition("-")
    if text in PARTS_OF_DAY:
        day, part = "", text
    if not text or (day and day not in DAYS) or (part and part not in PARTS_OF_DAY):
        raise ValueError(f"must be {AVAILABILITY_HELP}; got {raw!r}")
    return text


_DAY = "|".join(DAYS)
_PART = "|".join(PARTS_OF_DAY)
SLOT_PATTERN = rf"^(({_DAY})(-({_PART}))?|{_PART})$"
LanguageCode = Annotated[
    str,
    StringConstraints(max_length=11),
    AfterValidator(_language),
    Field(json_schema_extra={"pattern": LANGUAGE_PATTERN}),
]
Slot = Annotated[
    str,
    StringConstraints(max_length=20),
    AfterValidator(_slot),
    Field(json_schema_extra={"pattern": SLOT_PATTERN}),
]


def _one_word_or_list(schema: dict[str, Any]) -> None:
    """The document says what the model accepts: a list of words, or one word as a list of one."""
    items = dict(schema.get("items", {}))
    listed = {k: v for k, v in schema.items() if k not in ("title", "description", "default")}
    schema.clear()
    schema.update(
        {"anyOf": [listed, items], "description": "A list of words, or one word as a list of one."}
    )


def _words_field(description: str) -> Any:
    return Field(
        default_factory=list,
        max_length=MAX_WORDS,
        description=description,
        json_schema_extra=_one_word_or_list,
    )


def _field_path(loc: tuple[int | str, ...]) -> str:
    """('talents', 3) -> 'talents[3]'; ('location', 'lat') -> 'location.lat'."""
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += ("." if path else "") + part
    return path


def first_problem(
    error: ValidationError, *, known: Mapping[str, Sequence[str]] | None = None
) -> tuple[str, str]:
    """(field, message) of the first problem, in words; `known` lists the fields allowed under a path."""
    known = {"": PROFILE_FIELDS, "location": LOCATION_FIELDS} if known is None else known
    problem = error.errors(include_url=False)[0]
    loc = tuple(problem["loc"])
    field = _field_path(loc)
    message = plain_problem(problem)  # the same words as the importers' messages
    kind = problem["type"]
    if kind == "extra_forbidden":
        names = known.get(_field_path(loc[:-1]))
        message = "unknown field" + (f"; known fields are {', '.join(names)}" if names else "")
    elif kind == "missing" and field.split(".")[-1] == "location":
        message = 'is required: {"postcode": "2711"} or {"lat": …, "lon": …}'
    elif kind in ("model_type", "model_attributes_type", "dict_type"):
        message = "must be a JSON object"
    return field or "body", message


class _Numbers:
    """Numbers are numbers: true/false never counts as one, and JSON text such as "5" is refused.

    The coach form sends what was typed; it validates with context {"form": True}, which lets
    pydantic read "5" as 5 (and name the field when it is not a number).
    """

    @staticmethod
    def check(value: Any, info: ValidationInfo) -> Any:
        if isinstance(value, bool):
            raise ValueError(f"must be a number, got {value!r}")
        if isinstance(value, str) and not (info.context or {}).get("form"):
            raise ValueError(f"must be a number, got text {value!r}")
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError("must be a finite number")
        return value


class ProfileFields(BaseModel):
    """The profile fields shared by the API's profile and the coach's person form (no location)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    talents: list[Word] = _words_field("Free words in any UI language, or taxonomy codes.")
    wishes: list[Word] = _words_field(
        "Free words or codes; kind wishes (work, course, volunteering …) are served by items of that kind."
    )
    dutch_level: Literal["none", "A1", "A2", "B1", "B2", "C1", "C2"] = "none"
    languages: list[LanguageCode] = Field(
        default_factory=list, max_length=MAX_WORDS, description="ISO 639 codes such as ar or ti."
    )
    travel: Literal["walk", "bike", "transit"] = Field(
        default="bike", description="walk 2 km, bike 7 km, transit 20 km."
    )
    max_distance_km: float | None = Field(
        default=None,
        ge=MIN_DISTANCE_KM,
        le=MAX_DISTANCE_KM,
        allow_inf_nan=False,
        description="Overrides the travel mode's distance; inclusive.",
    )
    availability: list[Slot] = Field(
        default_factory=list,
        max_length=MAX_WORDS,
        description=AVAILABILITY_HELP + ". Empty = any time.",
    )
    phase: int | None = Field(default=None, ge=MIN_PHASE, le=MAX_PHASE)
    age: int | None = Field(default=None, ge=MIN_AGE, le=MAX_AGE)
    gender: Literal["f", "m", "x"] | None = None
    needs: list[Literal["free", "women_only"]] = Field(default_factory=list, max_length=len(NEEDS))

    @field_validator("talents", "wishes", mode="before")
    @classmethod
    def _one_word(cls, value: Any) -> Any:
        if value is None:
            return []
        return [value] if isinstance(value, str) else value

    @field_validator("talents", "wishes")
    @classmethod
    def _tidy_words(cls, value: list[str]) -> list[str]:
        words = [" ".join(w.split()) for w in value]
        return list(dict.fromkeys(w for w in words if w))

    @field_validator("dutch_level", mode="before")
    @classmethod
    def _level(cls, value: Any) -> Any:
        if value is None:
            return "none"
        if isinstance(value, str):
            text = value.strip()
            if text.lower() in ("", "none"):
                return "none"
            if text.upper() in DUTCH_LEVELS:
                return text.upper()
        return value

    @field_validator("languages")
    @classmethod
    def _languages(cls, value: list[str]) -> list[str]:
        return list(dict.fromkeys(value))

    @field_validator("availability")
    @classmethod
    def _availability(cls, value: list[str]) -> list[str]:
        return list(dict.fromkeys(value))

    @field_validator("max_distance_km", "phase", "age", mode="before")
    @classmethod
    def _numbers(cls, value: Any, info: ValidationInfo) -> Any:
        return _Numbers.check(value, info)

    @field_validator("gender", mode="before")
    @classmethod
    def _no_gender(cls, value: Any, info: ValidationInfo) -> Any:
        # A form's empty choice means "not given"; JSON says so with null or by leaving it out.
        return None if value == "" and (info.context or {}).get("form") else value

    @field_validator("needs")
    @classmethod
    def _needs(cls, value: list[str], info: ValidationInfo) -> list[str]:
        needs = list(dict.fromkeys(value))
        if "women_only" in needs and info.data.get("gender") in ("m", "x"):
            raise ValueError("women_only cannot be combined with gender m or x")
        return needs


def _location_schema(schema: dict[str, Any]) -> None:
    schema["anyOf"] = [{"required": ["postcode"]}, {"required": ["lat", "lon"]}]


class LocationIn(BaseModel):
    """Where the person starts from: a Dutch postcode, or latitude and longitude."""

    model_config = ConfigDict(
        extra="forbid", str_strip_whitespace=True, json_schema_extra=_location_schema
    )

    postcode: str | None = Field(
        default=None,
        max_length=10,
        pattern=r"^\s*\d{4}\s*([A-Za-z]{2})?\s*$",
        examples=["2711", "2711 AB"],
    )
    lat: float | None = Field(default=None, ge=-90, le=90, allow_inf_nan=False)
    lon: float | None = Field(default=None, ge=-180, le=180, allow_inf_nan=False)

    @field_validator("lat", "lon", mode="before")
    @classmethod
    def _numbers(cls, value: Any, info: ValidationInfo) -> Any:
        return _Numbers.check(value, info)

    @field_validator("postcode", mode="before")
    @classmethod
    def _postcode_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value

    @field_validator("postcode")
    @classmethod
    def _postcode(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            return normalise_postcode(value)
        except ValueError:
            raise ValueError(f"must look like 2711 or 2711 AB, got {value!r}") from None

    @model_validator(mode="after")
    def _somewhere(self) -> LocationIn:
        if (self.lat is None) != (self.lon is None):
            raise ValueError("lat and lon must be given together")
        if self.lat is None and self.postcode is None:
            raise ValueError('give {"postcode": "2711"} or {"lat": …, "lon": …}')
        return self


class ProfileIn(ProfileFields):
    """A person's profile as the API, `opstap match` and the kiosk send it."""

    location: LocationIn


class MatchRequest(BaseModel):
    """`POST /api/v1/match`: a profile, the language of the reasons and how many suggestions."""

    model_config = ConfigDict(extra="forbid")

    profile: ProfileIn
    lang: Literal["nl", "en", "ar", "ti", "fa", "uk", "tr", "so"] = "nl"
    limit: int = Field(default=10, ge=1, le=MAX_MATCH_LIMIT)

    @field_validator("limit", mode="before")
    @classmethod
    def _number(cls, value: Any, info: ValidationInfo) -> Any:
        return _Numbers.check(value, info)


def validate_profile(data: Any, *, form: bool = False) -> ProfileIn:
    """A ProfileIn from a JSON document (or a form with `form=True`); raises pydantic's ValidationError."""
    return ProfileIn.model_validate(data, context={"form": form})
