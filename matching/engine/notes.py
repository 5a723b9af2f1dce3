"""A reason or caution: a code plus the parameters its text needs (texts are rendered per language)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Note:
    """One reason or caution."""

    code: str
    params: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, code: str, **params: Any) -> Note:
        """A note with keyword parameters (lists become tuples so the note stays hashable)."""
        frozen = tuple(
            sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items())
        )
        return cls(code, frozen)

    def param_dict(self) -> dict[str, Any]:
        """The parameters as a JSON-ready dict."""
        return {k: list(v) if isinstance(v, tuple) else v for k, v in self.params}
