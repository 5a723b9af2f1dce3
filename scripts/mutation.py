"""Mutation testing with mutmut, run like a benchmark (too slow for every CI run), and its report.

Usage (from the checkout root, with the test extra and mutmut installed):
    .venv/bin/python scripts/mutation.py                  # every group, then the report
    .venv/bin/python scripts/mutation.py engine-rules     # one or more groups
    .venv/bin/python scripts/mutation.py --report         # only the report of what was run
    .venv/bin/python scripts/mutation.py --diffs matching.engine.rank   # open survivors' diffs
Options: --children N (parallel test processes, default 2).

The configuration is [tool.mutmut] in pyproject.toml; results stay in mutants/ (not committed).
Mutants judged equivalent (no test can tell them apart) are listed with a one-line reason in
scripts/mutation_equivalent/<module>.txt and counted apart from the survivors.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTANTS = ROOT / "mutants"
EQUIVALENT = Path(__file__).with_name("mutation_equivalent")  # one <module>.txt per module
GROUPS: dict[str, list[str]] = {
    # the rules of PRODUCT §5 first: exclusions, decay, sinks, scorers, ranking and variety
    "engine-rules": ["matching.engine.filters*", "matching.engine.decay*", "matching.engine.sinks*"],
    "engine-scorers": ["matching.engine.scorers*"],
    "engine-rank": ["matching.engine.rank*"],
    "consent": ["matching.people*", "matching.privacy*", "matching.proposals*"],
    "landing": ["importers.landing*"],
    "engine-rest": [
        "matching.engine.index*", "matching.engine.profile*", "matching.engine.query*",
        "matching.engine.explain*", "matching.engine.items*", "matching.engine.notes*",
        "matching.engine.words*",
    ],
}  # fmt: skip
# mutmut's exit codes (mutmut.stats.status_by_exit_code), read from its .meta files
STATUS = {1: "killed", 3: "killed", 0: "survived", 5: "no tests", 33: "no tests", 36: "timeout",
          -24: "timeout", 24: "timeout", 152: "timeout", 255: "timeout"}  # fmt: skip


def equivalents() -> dict[str, str]:
    """Mutant name -> why it is equivalent, from scripts/mutation_equivalent/*.txt."""
    found = {}
    for listing in sorted(EQUIVALENT.glob("*.txt")):
        for line in listing.read_text(encoding="utf-8").splitlines():
            name, _, reason = line.partition("#")
            if name.strip():
                found[name.strip()] = reason.strip()
    return found


def results() -> dict[str, str]:
    """Mutant name -> status, for every mutant mutmut generated."""
    out = {}
    for meta in sorted(MUTANTS.rglob("*.meta")):
        module = ".".join(meta.relative_to(MUTANTS).with_suffix("").with_suffix("").parts)
        codes = json.loads(meta.read_text(encoding="utf-8")).get("exit_code_by_key", {})
        for key, code in codes.items():
            name = key if key.startswith(module) else f"{module}.{key}"
            out[name] = "not checked" if code is None else STATUS.get(code, "suspicious")
    return out


def report() -> int:
    """Print killed / survived / equivalent per module; list survivors not judged equivalent."""
    status, equivalent = results(), equivalents()
    per_module: dict[str, Counter[str]] = {}
    for name, state in status.items():
        module = name.split(".x_")[0].split(".xǁ")[0]
        if state == "survived" and name in equivalent:
            state = "equivalent"
        per_module.setdefault(module, Counter())[state] += 1
    print(f"mutation testing, {date.today().isoformat()} (mutmut; pyproject [tool.mutmut])")
    columns = ("killed", "survived", "equivalent", "timeout", "no tests", "not checked")
    print(f"{'module':32} " + " ".join(f"{c:>11}" for c in columns) + "  score")
    total: Counter[str] = Counter()
    for module in sorted(per_module):
        counts = per_module[module]
        total.update(counts)
        print(f"{module:32} " + " ".join(f"{counts[c]:11d}" for c in columns) + _score(counts))
    print(
        f"{'checked, all modules':32} "
        + " ".join(f"{total[c]:11d}" for c in columns)
        + _score(total)
    )
    killed_listed = sorted(n for n in equivalent if status.get(n) in {"killed", "timeout"})
    if killed_listed:
        print(f"\n{len(killed_listed)} listed as equivalent but killed (take them off the list):")
        for name in killed_listed:
            print(f"  {name}")
    open_ = sorted(n for n, s in status.items() if s == "survived" and n not in equivalent)
    if open_:
        print(f"\n{len(open_)} survivor(s) neither killed nor listed as equivalent:")
        for name in open_:
            print(f"  {name}")
    return 0


def diffs(prefix: str) -> int:
    """Print the diff of every survivor under `prefix` that is not listed as equivalent."""
    from mutmut.__main__ import find_mutant, get_diff_for_mutant  # only where mutmut is installed

    status, equivalent = results(), equivalents()
    for name in sorted(n for n, s in status.items() if s == "survived" and n.startswith(prefix)):
        if name not in equivalent:
            print(f"# {name}\n{get_diff_for_mutant(name, path=find_mutant(name).path)}\n")
    return 0


def _score(counts: Counter[str]) -> str:
    """Killed (incl. timeouts) over the checked mutants that are not equivalent."""
    caught = counts["killed"] + counts["timeout"]
    checked = caught + counts["survived"]
    return f"  {caught}/{checked} = {caught / checked:.0%}" if checked else "  -"


def main() -> int:
    """Run the chosen groups (all by default), then report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("groups", nargs="*", default=[], help=f"of: {', '.join(GROUPS)}")
    parser.add_argument("--report", action="store_true", help="only print the report")
    parser.add_argument("--children", type=int, default=2)
    parser.add_argument(
        "--diffs", metavar="PREFIX", help="print open survivors' diffs, e.g. matching.engine.rank"
    )
    args = parser.parse_args()
    if args.diffs:
        return diffs(args.diffs)
    unknown = [g for g in args.groups if g not in GROUPS]
    if unknown:
        parser.error(f"unknown group(s) {', '.join(unknown)}; groups: {', '.join(GROUPS)}")
    if not args.report:
        for group in args.groups or list(GROUPS):
            print(f"== mutmut: {group}", flush=True)
            command = [sys.executable, "-m", "mutmut", "run", "--max-children", str(args.children)]
            subprocess.run([*command, *GROUPS[group]], cwd=ROOT, check=False)
    return report()


if __name__ == "__main__":
    raise SystemExit(main())
