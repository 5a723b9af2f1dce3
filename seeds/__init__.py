"""Seed data shipped with Opstap: the talent taxonomy and the (fictional) Zoetermeer demo catalogue."""
