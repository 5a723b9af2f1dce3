"""The native JSON Lines catalogue format (PRODUCT §6): one opportunity per line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from importers.base import Adapter, Deleted, RawRecord, RowError, SourceUnreadable
from matching.json_text import JsonTextError, loads


def read_text_file(location: str) -> str:
    """The whole file as text (UTF-8, BOM allowed), or SourceUnreadable naming the problem."""
    path = Path(location)
    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise SourceUnreadable(f"file not found: {location}") from exc
    except OSError as exc:
        raise SourceUnreadable(f"cannot read {location}: {exc.strerror or exc}") from exc
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceUnreadable(
            f"{location} is not UTF-8 text (byte {exc.start}): save it as UTF-8 and import again"
        ) from exc


class NativeAdapter(Adapter):
    """Opstap's own JSON Lines format, as written by `opstap export`."""

    format = "jsonl"
    extensions = (".jsonl", ".ndjson")

    def __init__(self, location: str, **kwargs: Any) -> None:
        super().__init__(location, **kwargs)
        self._lines: list[str] | None = None

    def _load(self) -> list[str]:
        if self._lines is None:
            self._lines = read_text_file(self.location).splitlines()
        return self._lines

    def read(self) -> Iterator[RawRecord]:
        """Every non-empty line, numbered from 1."""
        for number, line in enumerate(self._load(), 1):
            if line.strip():
                yield RawRecord(number, line)

    def to_item(self, record: RawRecord) -> dict[str, Any] | Deleted:
        """Parse the line as one JSON object."""
        try:
            data = loads(record.data)
        except JsonTextError as exc:
            raise RowError(str(exc)) from None
        if not isinstance(data, dict):
            raise RowError(f"expected a JSON object, found {type(data).__name__}")
        return data

    def total_hint(self) -> int | None:
        """The number of non-empty lines."""
        return sum(1 for line in self._load() if line.strip())
