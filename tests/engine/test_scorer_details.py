"""Tests written for the mutants mutmut found surviving (scripts/mutation.py): the scorers (matching/engine/scorers.py)."""
