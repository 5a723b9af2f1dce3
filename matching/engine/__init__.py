"""The matching engine: pure ranking of plain values (no Flask, no database session)."""

from matching.engine.decay import Decay, decay_for
from matching.engine.explain import note_document, render
from matching.engine.index import MatchIndex
from matching.engine.items import Item, schedule_mask
from matching.engine.notes import Note
from matching.engine.profile import Location, Profile, ProfileError, parse_profile
from matching.engine.rank import Engine, EngineConfig, MatchResult, Suggestion, rank

__all__ = [
    "Decay", "Engine", "EngineConfig", "Item", "Location", "MatchIndex", "MatchResult", "Note",
    "Profile", "ProfileError", "Suggestion", "decay_for", "note_document", "parse_profile", "rank",
    "render", "schedule_mask",
]  # fmt: skip
