"""The adapters by format name, and how a file's name picks one."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session

from importers.base import Adapter, SourceUnreadable
from importers.native import NativeAdapter
from importers.normalise import ItemContext, table_geocoder
from matching.geo import postcode_table
from matching.settings import Settings
from matching.taxonomy import Taxonomy, default_taxonomy

ADAPTERS: dict[str, type[Adapter]] = {adapter.format: adapter for adapter in (NativeAdapter,)}


def format_for_path(location: str) -> str:
    """The adapter format a file name implies, or SourceUnreadable listing what is known."""
    suffix = Path(location).suffix.lower()
    for name, adapter in ADAPTERS.items():
        if suffix in adapter.extensions:
            return name
    known = ", ".join(sorted({ext for a in ADAPTERS.values() for ext in a.extensions}))
    raise SourceUnreadable(f"cannot tell the format of {location!r} from its extension (known: {known})")


def make_adapter(location: str, *, format: str | None = None, options: Mapping[str, Any] | None = None) -> Adapter:
    """An adapter for this location, by explicit format or by file extension."""
    name = format or format_for_path(location)
    try:
        adapter_class = ADAPTERS[name]
    except KeyError:
        raise SourceUnreadable(f"unknown format {name!r}; known: {', '.join(sorted(ADAPTERS))}") from None
    return adapter_class(location, options=options)


def build_context(engine: Engine, *, settings: Settings, taxonomy: Taxonomy | None = None) -> ItemContext:
    """The import context: the taxonomy, the offline postcode table and the service area."""
    with Session(engine) as session:
        table = postcode_table(session)
    return ItemContext(
        taxonomy=taxonomy or default_taxonomy(),
        geocode=table_geocoder(table),
        service_bbox=settings.service_bbox(),
    )
