"""Placing items: offline from the postcode table, then (only where configured) an online geocoder, cached."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from sqlalchemy import insert
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from importers.normalise import Geocoder
from matching.models import GeocodeCache, utcnow
from matching.schema import normalise_postcode

log = logging.getLogger(__name__)

# An online lookup takes one query string and answers (lat, lon) or None; geopy's geocode wrapped.
OnlineLookup = Callable[[str], tuple[float, float] | None]


def postcode_key(postcode: str | None) -> str | None:
    """'2711 ab' -> '2711AB'; None for anything that is not a Dutch PC4/PC6."""
    if not postcode:
        return None
    try:
        return normalise_postcode(postcode)
    except ValueError:
        return None


def geocode_query(postcode: str | None, address: str | None, city: str | None) -> str | None:
    """The text sent to an online geocoder: address, postcode, city, Netherlands."""
    parts = [p.strip() for p in (address, postcode, city) if p and p.strip()]
    if not parts:
        return None
    return ", ".join(parts + ["Nederland"])[:500]


def geopy_lookup(
    name: str,
    *,
    user_agent: str,
    url: str = "",
    timeout: float = 10.0,
    min_delay_seconds: float = 1.0,
    error_wait_seconds: float = 5.0,
) -> OnlineLookup:
    """An online lookup through geopy's geocoder `name` (e.g. nominatim), rate-limited.

    `url` points it at another host (your own instance). A timeout or an error of the service raises
    after one retry, so that CachedOnline does not remember an outage as "not found".
    """
    from urllib.parse import urlsplit

    from geopy.adapters import URLLibAdapter
    from geopy.extra.rate_limiter import RateLimiter
    from geopy.geocoders import get_geocoder_for_service

    where: dict[str, Any] = {}
    if url:
        parts = urlsplit(url)
        where = {"scheme": parts.scheme or "https", "domain": parts.netloc + parts.path.rstrip("/")}
    # geopy picks the requests adapter when `requests` happens to be installed, and that one retries a
    # timeout twice on its own: pin the plain adapter so the one retry below is the only one.
    geocoder = get_geocoder_for_service(name)(
        user_agent=user_agent, timeout=timeout, adapter_factory=URLLibAdapter, **where
    )
    limited = RateLimiter(
        geocoder.geocode,
        min_delay_seconds=min_delay_seconds,
        max_retries=1,
        error_wait_seconds=error_wait_seconds,
        swallow_exceptions=False,
    )

    def lookup(query: str) -> tuple[float, float] | None:
        location: Any = limited(query, country_codes="nl")
        if location is None:
            return None
        return float(location.latitude), float(location.longitude)

    return lookup


class CachedOnline:
    """An online lookup whose answers (also 'not found') are kept in the GeocodeCache table."""

    def __init__(self, engine: Engine, lookup: OnlineLookup) -> None:
        self.engine = engine
        self.lookup = lookup
        self.memory: dict[str, tuple[float, float] | None] = {}
        self.asked = 0

    def __call__(self, query: str) -> tuple[float, float] | None:
        if query in self.memory:
            return self.memory[query]
        with Session(self.engine) as session:
            row = session.exec(select(GeocodeCache).where(GeocodeCache.query == query)).first()
            if row is not None:
                answer = (row.lat, row.lon) if row.lat is not None and row.lon is not None else None
                self.memory[query] = answer
                return answer
        self.asked += 1
        try:
            answer = self.lookup(query)
        except (
            Exception
        ) as exc:  # a geocoder outage must not fail the import: the row is rejected instead
            log.warning("online geocoder failed for a query: %s", type(exc).__name__)
            self.memory[query] = None
            return None
        self.memory[query] = answer
        # Cached in its own short transaction so the answer survives a failed import run.
        with Session(self.engine) as session:
            if session.get(GeocodeCache, query) is None:
                session.execute(
                    insert(GeocodeCache).values(
                        query=query,
                        lat=answer[0] if answer else None,
                        lon=answer[1] if answer else None,
                        created_at=utcnow(),
                    )
                )
                session.commit()
        return answer


def combined_geocoder(
    table: dict[str, tuple[float, float]], online: OnlineLookup | None = None
) -> Geocoder:
    """PC6, then its PC4, from the table; then the online lookup (when given) on the address."""

    def geocode(
        postcode: str | None, address: str | None, city: str | None
    ) -> tuple[float, float] | None:
        key = postcode_key(postcode)
        if key:
            found = table.get(key) or table.get(key[:4])
            if found:
                return found
        if online is None:
            return None
        query = geocode_query(postcode, address, city)
        return online(query) if query else None

    return geocode
