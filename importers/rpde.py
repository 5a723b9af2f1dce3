"""Reading RPDE feeds (OpenActive): follow `next` to the last page, from a URL, a file or a folder of pages."""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from importers.base import SourceUnreadable
from importers.fetch import is_url, read_json

MAX_PAGES = 100_000


def _check_page(page: Any, where: str) -> list[dict[str, Any]]:
    if not isinstance(page, dict) or not isinstance(page.get("items"), list):
        raise SourceUnreadable(
            f"{where} is not an RPDE feed page (expected an object with an 'items' list)"
        )
    items = [i for i in page["items"] if isinstance(i, dict)]
    return items


def _local_next(current: Path, next_link: Any) -> Path | None:
    """A `next` that names a local file (relative, or file:), else None (a publisher URL we stop at)."""
    if not isinstance(next_link, str) or not next_link or is_url(next_link):
        return None
    if next_link.startswith("file:"):
        path = Path(urllib.parse.urlparse(next_link).path)
    else:
        path = current.parent / next_link
    return path if path.is_file() else None


def feed_pages(location: str) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """(where, items) for every page of the feed, in order; SourceUnreadable when any page fails."""
    if is_url(location):
        url: str | None = location
        visited: set[str] = set()
        while url and url not in visited and len(visited) < MAX_PAGES:
            visited.add(url)
            page = read_json(url)
            items = _check_page(page, url)
            yield url, items
            next_url = page.get("next")
            if not items or not isinstance(next_url, str):
                break  # RPDE: the last page is the one with no items
            url = urllib.parse.urljoin(url, next_url)
        return
    path = Path(location)
    if path.is_dir():
        pages = sorted(p for p in path.iterdir() if p.suffix.lower() == ".json" and p.is_file())
        if not pages:
            raise SourceUnreadable(f"{location} holds no .json feed pages")
        for page_path in pages:
            yield str(page_path), _check_page(read_json(str(page_path)), str(page_path))
        return
    current: Path | None = path
    seen: set[Path] = set()
    while current is not None and current.resolve() not in seen:
        seen.add(current.resolve())
        page = read_json(str(current))
        items = _check_page(page, str(current))
        yield str(current), items
        if not items:
            break
        current = _local_next(current, page.get("next"))
