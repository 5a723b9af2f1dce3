"""Importers: one adapter per source format behind one contract, and the run that lands them."""
