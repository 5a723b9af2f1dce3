"""Dutch RD New (EPSG:28992) to WGS84, by the published polynomial approximation (about 1 m accurate)."""

from __future__ import annotations

# Schreutelkamp & Strang van Hees, "Benaderingsformules voor de transformatie tussen RD- en
# WGS84-kaartcoördinaten" (2001): (p, q, coefficient) with dX = (x - 155000) * 1e-5, dY = (y - 463000) * 1e-5.
_K = (
    (0, 1, 3235.65389), (2, 0, -32.58297), (0, 2, -0.24750), (2, 1, -0.84978), (0, 3, -0.06550),
    (2, 2, -0.01709), (1, 0, -0.00738), (4, 0, 0.00530), (2, 3, -0.00039), (4, 1, 0.00033), (1, 1, -0.00012),
)  # fmt: skip
_L = (
    (1, 0, 5260.52916), (1, 1, 105.94684), (1, 2, 2.45656), (3, 0, -0.81885), (1, 3, 0.05594),
    (3, 1, -0.05607), (0, 1, 0.01199), (3, 2, -0.00256), (1, 4, 0.00128), (0, 2, 0.00022), (2, 0, -0.00022),
    (5, 0, 0.00026),
)  # fmt: skip
AMERSFOORT_RD = (155000.0, 463000.0)
AMERSFOORT_WGS84 = (52.15517440, 5.38720621)
# The area where RD coordinates are defined (metres), a little wider than the Netherlands.
RD_BOUNDS = (-7000.0, 289000.0, 300000.0, 629000.0)  # min x, min y, max x, max y

RD_NAMES = {
    "epsg:28992",
    "urn:ogc:def:crs:epsg::28992",
    "urn:ogc:def:crs:epsg:6.6:28992",
    "rd new",
    "amersfoort / rd new",
}
WGS84_NAMES = {
    "epsg:4326", "urn:ogc:def:crs:ogc:1.3:crs84", "urn:ogc:def:crs:ogc::crs84", "urn:ogc:def:crs:epsg::4326", "crs84",
    "wgs84",
}  # fmt: skip


def looks_like_rd(x: float, y: float) -> bool:
    """True when (x, y) lies in the RD New area (and so cannot be degrees)."""
    min_x, min_y, max_x, max_y = RD_BOUNDS
    return min_x <= x <= max_x and min_y <= y <= max_y


def rd_to_wgs84(x: float, y: float) -> tuple[float, float]:
    """(lat, lon) in WGS84 degrees of an RD New point (x, y) in metres."""
    dx, dy = (x - AMERSFOORT_RD[0]) * 1e-5, (y - AMERSFOORT_RD[1]) * 1e-5
    lat = AMERSFOORT_WGS84[0] + sum(c * dx**p * dy**q for p, q, c in _K) / 3600
    lon = AMERSFOORT_WGS84[1] + sum(c * dx**p * dy**q for p, q, c in _L) / 3600
    return lat, lon


def crs_kind(name: str | None) -> str | None:
    """'rd', 'wgs84' or None (unknown) for a CRS name as GeoJSON files spell it."""
    if not name:
        return "wgs84"
    key = name.strip().lower()
    if key in RD_NAMES or key.endswith(":28992"):
        return "rd"
    if key in WGS84_NAMES or key.endswith(":4326") or key.endswith("crs84"):
        return "wgs84"
    return None
