"""The kiosk's answers so far, kept in the signed session cookie: only codes, nothing personal."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from flask import session

from matching.profile_schema import MAX_WORDS
from matching.vocab import DUTCH_LEVELS, TRAVEL_MODES
from web.kiosk.taxonomy import kiosk_taxonomy

SESSION_KEY = "kiosk"
_POSTCODE = re.compile(r"[1-9][0-9]{3}")  # a PC4 area only, even when a PC6 was typed
WISH_GROUP = "wishes"
MAX_CHOSEN = 10
# Age in a few big ranges (asked, never required); the engine gets an age inside the range, so
# youth-only and adult-only places are right without asking for a birth date.
AGE_RANGES: dict[str, int] = {"u18": 16, "18-26": 22, "27-49": 38, "50+": 60}


@dataclass
class KioskState:
    """What the person picked: taxonomy codes, a PC4 area, a travel mode, a Dutch level, chosen ids."""

    talents: list[str] = field(default_factory=list)
    wishes: list[str] = field(default_factory=list)
    postcode: str = ""
    travel: str = ""
    dutch: str = ""
    age: str = ""
    chosen: list[int] = field(default_factory=list)

    def profile(self) -> dict[str, Any]:
        """The PRODUCT §6 profile for the engine; a skipped step is simply left out."""
        # The shared schema takes at most MAX_WORDS words a list; tapping every picture still answers.
        profile: dict[str, Any] = {
            "talents": self.talents[:MAX_WORDS],
            "wishes": self.wishes[:MAX_WORDS],
        }
        if self.dutch:
            profile["dutch_level"] = self.dutch
        if self.postcode:
            profile["location"] = {"postcode": self.postcode}
        if self.travel:
            profile["travel"] = self.travel
        if self.age in AGE_RANGES:
            profile["age"] = AGE_RANGES[self.age]
        return profile

    def is_empty(self) -> bool:
        """True before the person answered anything."""
        return not (
            self.talents
            or self.wishes
            or self.postcode
            or self.travel
            or self.dutch
            or self.age
            or self.chosen
        )


def _clean(data: Any) -> KioskState:
    """Rebuild the state from the cookie, dropping anything that is not a known code."""
    if not isinstance(data, dict):
        return KioskState()
    taxonomy = kiosk_taxonomy()

    def codes(name: str, wishes: bool) -> list[str]:
        raw = data.get(name)
        if not isinstance(raw, list):
            return []
        return [
            c
            for c in dict.fromkeys(raw)
            if isinstance(c, str)
            and c in taxonomy
            and not taxonomy.entries[c].is_group
            and (taxonomy.entries[c].group == WISH_GROUP) == wishes
        ]

    postcode = data.get("postcode")
    chosen = data.get("chosen")
    return KioskState(
        talents=codes("talents", False),
        wishes=codes("wishes", True),
        postcode=postcode if isinstance(postcode, str) and _POSTCODE.fullmatch(postcode) else "",
        travel=str(data["travel"]) if data.get("travel") in TRAVEL_MODES else "",
        dutch=str(data["dutch"]) if data.get("dutch") in DUTCH_LEVELS else "",
        age=str(data["age"]) if data.get("age") in AGE_RANGES else "",
        chosen=[i for i in chosen if isinstance(i, int)][:MAX_CHOSEN]
        if isinstance(chosen, list)
        else [],
    )


def load_state() -> KioskState:
    """This person's answers so far (empty for a new person)."""
    return _clean(session.get(SESSION_KEY))


def save_state(state: KioskState) -> None:
    """Store the answers in the session."""
    session[SESSION_KEY] = asdict(state)


def clear_state() -> None:
    """Forget everything: the answers and the rest of the session (CSRF token included)."""
    session.clear()
