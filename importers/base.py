"""The adapter contract every source format implements, and the errors it may raise."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar


class SourceUnreadable(Exception):
    """The source as a whole cannot be read (missing file, bad encoding, unreachable feed)."""


class RowError(ValueError):
    """One record cannot become a catalogue item; the message says why."""


@dataclass(frozen=True)
class RawRecord:
    """One record as read from a source, with its 1-based row, line or item number."""

    row: int
    data: Any


@dataclass(frozen=True)
class Deleted:
    """A source saying that the item with this id no longer exists (e.g. an RPDE `deleted` item)."""

    source_id: str


class Adapter(ABC):
    """Reads one source location and turns its records into native catalogue dicts.

    `read()` yields raw records and raises SourceUnreadable when the source as a whole fails, even
    half-way (the run then changes nothing). `to_item()` maps one record to a dict in the native
    format of PRODUCT §6 (validated afterwards by the run), or Deleted, and raises RowError for a
    record it cannot use.
    """

    format: ClassVar[str]
    extensions: ClassVar[tuple[str, ...]] = ()

    def __init__(self, location: str, *, options: Mapping[str, Any] | None = None) -> None:
        self.location = location
        self.options: Mapping[str, Any] = options or {}
        # Records left out on purpose (not errors), by reason: the run reports the counts.
        self.skipped: dict[str, int] = {}

    @abstractmethod
    def read(self) -> Iterator[RawRecord]:
        """Yield every record of the source, in order."""

    @abstractmethod
    def to_item(self, record: RawRecord) -> dict[str, Any] | Deleted:
        """Map one record to a native catalogue dict, or Deleted."""

    def quick_key(self, record: RawRecord) -> tuple[str, str] | None:
        """(source id, the record's raw text) when cheap to know, so an unchanged record skips mapping.

        Adapters whose records are flat (a CSV row) implement it; None means "map it to find out".
        """
        return None

    def total_hint(self) -> int | None:
        """How many records to expect, when cheap to know (for progress bars)."""
        return None
