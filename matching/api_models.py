"""The API's other shapes (queries, answers, errors), beside the profile of matching/profile_schema.py.

The routes validate with these models and the OpenAPI document is generated from them.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from matching.profile_schema import _Numbers
from matching.schema import MAX_PLACES

MAX_ID = 2**31 - 1  # ids are 32-bit integers on PostgreSQL
MAX_PAGE = 200
MAX_OFFSET = 1_000_000
MAX_RADIUS_KM = 300.0
Kind = Literal["club", "volunteer", "course", "workplace"]
Level = Literal["none", "A1", "A2", "B1", "B2", "C1", "C2"]


class OpportunityQuery(BaseModel):
    """The filters of `GET /api/v1/opportunities` (query parameters arrive as text)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    kind: Kind | None = None
    near: str | None = Field(
        default=None, max_length=60, description="A postcode such as 2711, or 'lat,lon'."
    )
    radius_km: float | None = Field(
        default=None,
        gt=0,
        le=MAX_RADIUS_KM,
        allow_inf_nan=False,
        description="With near; default 10.",
    )
    talent: str | None = Field(default=None, max_length=100, description="A taxonomy code.")
    q: str | None = Field(
        default=None, max_length=200, description="Words in title, description or provider."
    )
    limit: int = Field(default=50, ge=1, le=MAX_PAGE)
    offset: int = Field(default=0, ge=0, le=MAX_OFFSET)


class PlacesLeftIn(BaseModel):
    """`PUT /opportunities/{id}/places_left`: a whole number of places, or null for unknown."""

    model_config = ConfigDict(extra="forbid")

    places_left: int | None = Field(ge=0, le=MAX_PLACES)

    @field_validator("places_left", mode="before")
    @classmethod
    def _number(cls, value: Any, info: ValidationInfo) -> Any:
        return _Numbers.check(value, info)


class SessionOut(BaseModel):
    """One weekly session."""

    day: Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    start: str = Field(examples=["19:00"])
    end: str = Field(examples=["20:30"])


class TranslationOut(BaseModel):
    """An opportunity's title and description in one UI language, as its source gives them."""

    title: str = ""
    description: str = ""


class OpportunityOut(BaseModel):
    """The public opportunity object; `full` and `stale` are derived."""

    id: int
    source: str
    source_id: str
    kind: Kind
    title: str
    description: str
    provider: str
    address: str | None
    postcode: str | None
    city: str | None
    lat: float
    lon: float
    talents: list[str]
    phase: int = Field(ge=0, le=4)
    dutch_level_min: Level
    languages: list[str]
    schedule: list[SessionOut]
    places_left: int | None
    cost_eur_year: float | None
    subsidy: bool
    age_min: int | None
    age_max: int | None
    audience: Literal["everyone", "women", "men"]
    free_trial: bool
    buddy: bool
    integration_value: list[Literal["dutch_practice", "network", "work_experience", "reference"]]
    paid: bool
    hours_week: float | None
    contact: str | None
    last_confirmed: str | None = Field(json_schema_extra={"format": "date"})
    status: Literal["active", "withdrawn"]
    translations: dict[str, TranslationOut] = Field(
        default_factory=dict,
        description="A source's or provider's own title and description per UI language (e.g. ar).",
    )
    full: bool
    stale: bool


class OpportunityFound(OpportunityOut):
    """An opportunity in a list; `distance_km` when the list was asked `near` a place."""

    distance_km: float | None = None


class OpportunityPage(BaseModel):
    """A page of opportunities and the total that matched."""

    opportunities: list[OpportunityFound]
    total: int = Field(ge=0)
    limit: int
    offset: int


class NoteOut(BaseModel):
    """A reason or caution: a stable code and its text in the asked language."""

    code: str
    text: str
    params: dict[str, Any] | None = None


class SuggestionOut(BaseModel):
    """One suggestion: the opportunity, its fit and why."""

    opportunity: OpportunityOut
    score: float = Field(ge=0, le=1)
    distance_km: float = Field(ge=0)
    phase: int = Field(ge=0, le=4)
    reasons: list[NoteOut]
    cautions: list[NoteOut]


class MatchResultOut(BaseModel):
    """Suggestions in the engine's order (best first, varied) and the words nothing understood."""

    suggestions: list[SuggestionOut]
    not_understood: list[str]


class ListingStateOut(BaseModel):
    """A provider's listing after an update."""

    id: int
    places_left: int | None
    last_confirmed: str | None = Field(json_schema_extra={"format": "date"})
    status: Literal["active", "withdrawn"]


class ErrorDetail(BaseModel):
    """What went wrong; `field` names the field or parameter at fault when there is one."""

    status: int
    message: str
    field: str | None = None


class ErrorDocument(BaseModel):
    """Every error of the API."""

    error: ErrorDetail
