"""The sources file (OPSTAP_SOURCES, TOML): each source's name, format, location, kind, mapping, schedule."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from apscheduler.triggers.cron import CronTrigger
from sqlmodel import Session, col, select

from importers.fetch import is_url
from matching.models import Opportunity
from matching.publish.common import SourceLicence
from matching.vocab import KINDS

TABULAR = {"csv", "xlsx"}


class SourcesError(ValueError):
    """The sources file cannot be used; the message names the source and the entry."""


@dataclass(frozen=True)
class Source:
    """One configured source."""

    name: str
    location: str
    format: str | None = None
    kind: str | None = None
    mapping: str | None = None
    schedule: str | None = None
    enabled: bool = True
    crs: str | None = None
    levels: tuple[int, ...] | None = None  # duo-mbo: the mbo levels to keep
    licence: str | None = None  # the source's licence (a URL or a name such as CC-BY-4.0)
    attribution: str | None = None  # who to credit, as the source asks

    def options(self) -> dict[str, Any]:
        """The adapter options of this source."""
        options: dict[str, Any] = {}
        if self.kind:
            options["kind"] = self.kind
        if self.mapping:
            options["mapping"] = self.mapping
        if self.crs:
            options["crs"] = self.crs
        if self.levels:
            options["levels"] = list(self.levels)
        return options


def cron_trigger(schedule: str, *, timezone: str = "Europe/Amsterdam") -> CronTrigger:
    """A trigger from a crontab line: 5 fields (minute hour day month weekday), or 6 with seconds first."""
    fields = schedule.split()
    if len(fields) == 5:
        return CronTrigger.from_crontab(schedule, timezone=timezone)
    if len(fields) == 6:
        second, minute, hour, day, month, day_of_week = fields
        return CronTrigger(
            second=second,
            minute=minute,
            hour=hour,
            day=day,
            month=month,
            day_of_week=day_of_week,
            timezone=timezone,
        )
    raise ValueError(f"expected 5 cron fields (or 6 with seconds first), got {len(fields)}")


def _resolve(base: Path, value: str) -> str:
    if is_url(value) or Path(value).is_absolute():
        return value
    return str((base / value).resolve())


def parse_sources(
    document: dict[str, Any], *, base: Path, origin: str = "sources file"
) -> list[Source]:
    """Validate the `[[source]]` entries; relative paths are relative to the sources file."""
    from importers.registry import ADAPTERS

    entries = document.get("source", [])
    if not isinstance(entries, list):
        raise SourcesError(f"{origin}: write each source as a [[source]] table")
    sources: list[Source] = []
    names: set[str] = set()
    for number, entry in enumerate(entries, 1):
        where = f"{origin}, source {number}"
        if not isinstance(entry, dict):
            raise SourcesError(f"{where}: not a table")
        unknown = set(entry) - {
            "name",
            "format",
            "location",
            "kind",
            "mapping",
            "schedule",
            "enabled",
            "crs",
            "levels",
            "licence",
            "attribution",
        }
        if unknown:
            raise SourcesError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
        name = str(entry.get("name") or "").strip()
        if not name or len(name) > 120:
            raise SourcesError(f"{where}: give a name (1-120 characters)")
        where = f"{origin}, source {name!r}"
        if name in names:
            raise SourcesError(f"{where}: the name is used twice")
        names.add(name)
        location = str(entry.get("location") or "").strip()
        if not location:
            raise SourcesError(f"{where}: give a location (a path or an http(s) URL)")
        fmt = entry.get("format")
        if fmt is not None and fmt not in ADAPTERS:
            raise SourcesError(
                f"{where}: format {fmt!r} is unknown; known: {', '.join(sorted(ADAPTERS))}"
            )
        kind = entry.get("kind")
        if kind is not None and kind not in KINDS:
            raise SourcesError(f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}")
        mapping = entry.get("mapping")
        if fmt in TABULAR and not mapping:
            raise SourcesError(f"{where}: a {fmt} source needs a mapping file")
        schedule = entry.get("schedule")
        if schedule is not None:
            try:
                cron_trigger(str(schedule))
            except ValueError as exc:
                raise SourcesError(
                    f"{where}: schedule {schedule!r} is not a cron line: {exc}"
                ) from exc
        levels = entry.get("levels")
        if levels is not None and (
            not isinstance(levels, list)
            or not levels
            or any(level not in (1, 2, 3, 4) for level in levels)
        ):
            raise SourcesError(f"{where}: levels must be a list of mbo levels 1-4, e.g. [1, 2]")
        for text_key in ("licence", "attribution"):
            if entry.get(text_key) is not None and not isinstance(entry.get(text_key), str):
                raise SourcesError(f"{where}: {text_key} must be text")
        enabled = entry.get("enabled", True)
        if not isinstance(enabled, bool):
            raise SourcesError(f"{where}: enabled must be true or false")
        sources.append(
            Source(
                name=name,
                location=_resolve(base, location),
                format=fmt,
                kind=kind,
                mapping=_resolve(base, str(mapping)) if mapping else None,
                schedule=str(schedule) if schedule else None,
                enabled=enabled,
                crs=entry.get("crs"),
                levels=tuple(levels) if levels else None,
                licence=entry.get("licence") or None,
                attribution=entry.get("attribution") or None,
            )
        )
    return sources


def load_sources(path: str | Path) -> list[Source]:
    """Read the sources file; a missing file means no sources (SourcesError when it is malformed)."""
    path = Path(path)
    if not path.exists():
        return []
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SourcesError(f"{path} cannot be parsed: {exc}") from exc
    return parse_sources(document, base=path.resolve().parent, origin=str(path))


def find_source(sources: list[Source], name: str) -> Source | None:
    """The source with this name."""
    return next((s for s in sources if s.name == name), None)


def source_licences(
    sources_file: str, session: Session, *, kind: str | None = None
) -> list[SourceLicence]:
    """Every source with items in the catalogue (of `kind`), with its licence and attribution when configured."""
    try:
        configured = {s.name: s for s in load_sources(sources_file)}
    except SourcesError:
        configured = {}
    query = select(Opportunity.source).distinct()
    if kind:
        query = query.where(col(Opportunity.kind) == kind)
    names = sorted(session.exec(query).all())
    result = []
    for name in names:
        source = configured.get(name)
        result.append(
            SourceLicence(
                name, source.licence if source else None, source.attribution if source else None
            )
        )
    return result
