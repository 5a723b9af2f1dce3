"""Opstap's domain: the catalogue, the talent taxonomy and the matching engine (never Flask)."""
