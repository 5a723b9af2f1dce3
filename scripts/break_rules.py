"""Switch each rule of issue 14 off, one at a time, in the source; run the tests; name what caught it.

Usage: .venv/bin/python scripts/break_rules.py   (restores every file; a few minutes)
The same rules are guarded in the normal suite by tests/test_rule_mutants.py (monkeypatch, no file edits).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# (rule, file, text, replacement)
CHANGES: list[tuple[str, str, str, str]] = [
    (
        "stale listings no longer sink",
        "matching/engine/sinks.py",
        "return np.where(confirmed < self.cutoff, self.factor, 1.0)",
        "return np.where(confirmed < self.cutoff, 1.0, 1.0)",
    ),
    (
        "a big jump up the phase ladder no longer sinks",
        "matching/engine/sinks.py",
        "return np.where(self.phase.big_jump(batch), self.factor, 1.0)",
        "return np.where(self.phase.big_jump(batch), 1.0, 1.0)",
    ),
    (
        "few places left no longer counts",
        "matching/engine/sinks.py",
        "scarce = np.where((places > 0) & (places <= 2), 0.97, 1.0)",
        "scarce = np.where((places > 0) & (places <= 2), 1.0, 1.0)",
    ),
    (
        "the welcome score set to zero",
        "matching/engine/scorers.py",
        "return np.asarray(total / 4.0)",
        "return np.asarray(total * 0.0)",
    ),
    (
        "the integration-value score made flat",
        "matching/engine/scorers.py",
        "        return np.where(\n            working, 0.15",
        "        return np.full(len(batch), 0.5)\n        return np.where(\n            working, 0.15",
    ),
    (
        "walking given transit's distance decay",
        "matching/engine/decay.py",
        '"walk": (0.2, 0.8),',
        '"walk": (1.5, 7.0),',
    ),
    (
        "the people list ignores a withdrawn sharing consent",
        "matching/people.py",
        "        Consent.organisation_id == organisation_id,\n        col(Consent.withdrawn_at).is_(None),\n",
        "        Consent.organisation_id == organisation_id,\n",
    ),
]
# The files that hold the tests meant to catch these changes (the whole suite takes far longer; any of
# these failing fails it).
TESTS = [
    "tests/engine/test_soft_rules.py",
    "tests/engine/test_sink_details.py",
    "tests/loop/test_consent_rules.py",
    "tests/loop/test_privacy.py",
]


def run(rule: str, path: str, old: str, new: str) -> list[str]:
    """Apply one change, run the tests, restore; the ids of the tests that failed."""
    file = ROOT / path
    original = file.read_text()
    if original.count(old) != 1:
        raise SystemExit(f"{rule}: the text to change was not found exactly once in {path}")
    try:
        file.write_text(original.replace(old, new))
        out = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "-rf", *TESTS],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        ).stdout
    finally:
        file.write_text(original)
    return re.findall(r"^FAILED (\S+(?: [^-\n]+?)?\]?)(?: - |$)", out, re.M)


def main() -> int:
    """Every change must turn at least one test red."""
    missed = 0
    for rule, path, old, new in CHANGES:
        failed = run(rule, path, old, new)
        print(f"{rule}: {len(failed)} failing test(s)", flush=True)
        for name in failed:
            print(f"    {name}")
        missed += not failed
    print("every change was caught" if not missed else f"{missed} change(s) went unnoticed")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
