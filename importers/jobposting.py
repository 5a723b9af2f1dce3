"""schema.org JobPosting in JSON-LD: from a web page's <script type="application/ld+json"> or a file."""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterator
from datetime import date
from html.parser import HTMLParser
from typing import Any

from importers.base import Adapter, Deleted, RawRecord, RowError, SourceUnreadable
from importers.fetch import decode_text, read_bytes
from importers.jsonld import as_dict, as_list, name_of, place_fields
from matching.json_text import JsonTextError, loads

_TAGS = re.compile(r"<[^>]+>")
_HOURS = re.compile(
    r"(\d+(?:[.,]\d+)?)\s*(?:-|tot|to)?\s*(\d+(?:[.,]\d+)?)?\s*(?:uur|hours|h\b|u\b)", re.I
)


class _LdJsonScripts(HTMLParser):
    """Collects the text of every <script type="application/ld+json">."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script" and any(
            k == "type" and (v or "").strip().lower() == "application/ld+json" for k, v in attrs
        ):
            self._inside = True
            self.blocks.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._inside = False

    def handle_data(self, data: str) -> None:
        if self._inside:
            self.blocks[-1] += data


def _postings(value: Any) -> Iterator[dict[str, Any]]:
    """Every JobPosting object in a JSON-LD value (lists and @graph included)."""
    for entry in as_list(value):
        if not isinstance(entry, dict):
            continue
        if "JobPosting" in as_list(entry.get("@type")):
            yield entry
        if "@graph" in entry:
            yield from _postings(entry["@graph"])


def _text(value: Any) -> str:
    return " ".join(html.unescape(_TAGS.sub(" ", str(value or ""))).split())


def _hours(text: str) -> float | None:
    match = _HOURS.search(text)
    if not match:
        return None
    low = float(match.group(1).replace(",", "."))
    high = float(match.group(2).replace(",", ".")) if match.group(2) else low
    return high if high <= 80 else None


class JobPostingAdapter(Adapter):
    """Vacancies and volunteer roles: employmentType VOLUNTEER → volunteer, anything else → workplace."""

    format = "jobposting"
    extensions = (".html", ".htm", ".jsonld")

    def read(self) -> Iterator[RawRecord]:
        """Every JobPosting in the page's JSON-LD blocks, or in the JSON file."""
        text = decode_text(read_bytes(self.location), self.location)
        stripped = text.lstrip()
        if stripped.startswith(("{", "[")):
            blocks = [text]
        else:
            parser = _LdJsonScripts()
            parser.feed(text)
            blocks = parser.blocks
            if not blocks:
                raise SourceUnreadable(
                    f'{self.location} has no <script type="application/ld+json"> block'
                )
        postings: list[dict[str, Any]] = []
        for number, block in enumerate(blocks, 1):
            try:
                postings.extend(_postings(loads(block)))
            except JsonTextError as exc:
                raise SourceUnreadable(
                    f"{self.location}: JSON-LD block {number} cannot be read: {exc}"
                ) from None
        if not postings:
            raise SourceUnreadable(f"{self.location} holds no schema.org JobPosting")
        for number, posting in enumerate(postings, 1):
            yield RawRecord(number, posting)

    def to_item(self, record: RawRecord) -> dict[str, Any] | Deleted:
        """One posting as a volunteer role or a workplace."""
        posting: dict[str, Any] = record.data
        title = _text(posting.get("title") or posting.get("name"))
        if not title:
            raise RowError("title: missing")
        employment = {
            str(t).strip().upper().replace("-", "_") for t in as_list(posting.get("employmentType"))
        }
        volunteer = "VOLUNTEER" in employment
        organization = name_of(posting.get("hiringOrganization"))
        identifier = posting.get("identifier")
        if isinstance(identifier, dict):
            identifier = identifier.get("value") or identifier.get("@id")
        identifier = identifier or posting.get("@id") or posting.get("url")
        if not identifier:
            # No id in the posting: its title and organisation identify it across runs.
            identifier = hashlib.sha1(f"{organization}|{title}".encode()).hexdigest()[:16]
        if "TELECOMMUTE" in {
            str(t).upper() for t in as_list(posting.get("jobLocationType"))
        } and not posting.get("jobLocation"):
            raise RowError("jobLocationType: remote work only, there is no place to go to")
        locations = [loc for loc in as_list(posting.get("jobLocation")) if isinstance(loc, dict)]
        if not locations:
            raise RowError("jobLocation: missing, so the item cannot be placed")
        item: dict[str, Any] = {
            "id": str(identifier),
            "kind": "volunteer" if volunteer else "workplace",
            "title": title[:300],
            "description": _text(posting.get("description")),
            "provider": organization[:300],
            **place_fields(locations[0]),
            "paid": not volunteer,
        }
        hours = _hours(_text(posting.get("workHours"))) if posting.get("workHours") else None
        if hours is not None:
            item["hours_week"] = hours
        openings = posting.get("totalJobOpenings")
        if isinstance(openings, int) and not isinstance(openings, bool) and openings >= 0:
            item["places_left"] = openings
        skills = [s.strip() for value in as_list(posting.get("skills")) + as_list(posting.get("occupationalCategory"))
                  for s in re.split(r"[,;]", _text(value)) if s.strip()]  # fmt: skip
        item["talents"] = skills[:20]
        contact = as_dict(posting.get("applicationContact"))
        reach = contact.get("email") or contact.get("telephone") or posting.get("url")
        if reach:
            item["contact"] = str(reach)[:300]
        posted = str(posting.get("datePosted") or "")[:10]
        if len(posted) == 10:
            item["last_confirmed"] = posted
        valid = str(posting.get("validThrough") or "")[:10]
        if len(valid) == 10:
            try:
                if date.fromisoformat(valid) < date.today():
                    item["status"] = "withdrawn"  # the vacancy has closed
            except ValueError:
                raise RowError(f"validThrough: {valid!r} is not a date") from None
        return item
