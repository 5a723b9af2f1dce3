"""Tests written for the mutants mutmut found surviving (scripts/mutation.py): rank."""
