"""Reading JSON text whatever it holds: too deep, cut off or not JSON at all is said in words."""

from __future__ import annotations

import json
from typing import Any


class JsonTextError(ValueError):
    """JSON text that cannot be read; the message says why (and where, when the parser knows)."""


def _no_constant(name: str) -> Any:
    raise JsonTextError(f"{name} is not a JSON number")


def loads(text: str | bytes) -> Any:
    """Parse JSON text; JsonTextError for text nested too deep, cut off, or not JSON at all."""
    try:
        return json.loads(text, parse_constant=_no_constant)
    except RecursionError:
        # Python's parser gives up around a thousand levels; no real document nests that deep.
        raise JsonTextError(
            "nested too deep (arrays or objects inside each other about a thousand times)"
        ) from None
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        if exc.pos >= len(exc.doc.rstrip()):
            raise JsonTextError(f"cut off: the text ends too early, at {where}") from None
        raise JsonTextError(f"not valid JSON ({exc.msg} at {where})") from None
    except UnicodeDecodeError as exc:
        raise JsonTextError(f"not UTF-8 text (byte {exc.start})") from None
