"""The base of every domain error: bad input or a refused action, said in words a person can act on."""

from __future__ import annotations


class DomainError(ValueError):
    """A refusal the person can fix; the web answers it in one place (web/errors.py)."""
