"""The fixed vocabularies of the catalogue: kinds, Dutch levels, days, audiences, values."""

from __future__ import annotations

from typing import Literal

KINDS: tuple[str, ...] = ("club", "volunteer", "course", "workplace")
Kind = Literal["club", "volunteer", "course", "workplace"]

DUTCH_LEVELS: tuple[str, ...] = ("none", "A1", "A2", "B1", "B2", "C1", "C2")
DutchLevel = Literal["none", "A1", "A2", "B1", "B2", "C1", "C2"]

DAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
PARTS_OF_DAY: dict[str, tuple[int, int]] = {
    # minutes since midnight, [start, end)
    "morning": (6 * 60, 12 * 60),
    "afternoon": (12 * 60, 18 * 60),
    "evening": (18 * 60, 24 * 60),
}

AUDIENCES: tuple[str, ...] = ("everyone", "women", "men")
INTEGRATION_VALUES: tuple[str, ...] = ("dutch_practice", "network", "work_experience", "reference")
STATUSES: tuple[str, ...] = ("active", "withdrawn")
TRAVEL_MODES: dict[str, float] = {"walk": 2.0, "bike": 7.0, "transit": 20.0}

# The UI languages, in the order the kiosk shows them.
UI_LANGUAGES: tuple[str, ...] = ("nl", "en", "ar", "ti", "fa", "uk", "tr", "so")
RTL_LANGUAGES: frozenset[str] = frozenset({"ar", "fa"})

# Piëzo phase of an item when its source does not say (PRODUCT §6).
DEFAULT_PHASE: dict[str, int] = {"club": 1, "volunteer": 2, "course": 4, "workplace": 4}


def dutch_level_rank(level: str | None) -> int:
    """Position of a CEFR level on the none < A1 < … < C2 scale (missing = none)."""
    return DUTCH_LEVELS.index(level or "none")


def infer_phase(kind: str, integration_value: list[str] | tuple[str, ...]) -> int:
    """Phase of an item whose source gives none: volunteer work building skills is phase 3."""
    if kind == "volunteer" and ({"work_experience", "reference"} & set(integration_value)):
        return 3
    return DEFAULT_PHASE[kind]
