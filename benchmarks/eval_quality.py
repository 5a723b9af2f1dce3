"""Print match quality: nDCG@5 and must-have-in-top-3 for the engine and the baseline, per persona.

Run: .venv/bin/python -m benchmarks.eval_quality
The grades are benchmarks/judgments.json (a coach's expectations by item id); the judge is
benchmarks/judge.py, which imports nothing from the engine.
"""

from __future__ import annotations

from benchmarks.judge import TOP, K
from benchmarks.quality import evaluate, summary


def main() -> None:
    """Evaluate and print one line per persona and the totals."""
    scores = evaluate()
    width = max(len(s.name) for s in scores)
    print(
        f"{'persona':<{width}}  engine  baseline  must@{TOP} (engine/baseline)  shown  violations"
    )
    for s in scores:
        must = f"{'yes' if s.engine_must else 'no':>3} / {'yes' if s.baseline_must else 'no':<3}"
        note = "" if s.graded else "  (nothing graded: not averaged)"
        print(
            f"{s.name:<{width}}  {s.engine:6.3f}  {s.baseline:8.3f}  "
            f"{must if s.has_must else '   -     ':<24}  {s.suggested:5d}  "
            f"{len(s.engine_violations)} / {len(s.baseline_violations)}{note}"
        )
    f = summary(scores)
    print()
    print(f"personas: {len(scores)} ({f['graded']} graded, {f['musts']} with a must-have item)")
    print(f"nDCG@{K}: engine {f['ndcg_engine']:.3f}, baseline {f['ndcg_baseline']:.3f}")
    print(
        f"must-have in the top {TOP}: engine {f['must_engine']:.0%}, "
        f"baseline {f['must_baseline']:.0%}"
    )
    print(
        "baseline: keyword matches, nearest first, after the same hard exclusions; "
        f"hard-rule violations: engine {sum(len(s.engine_violations) for s in scores)}, "
        f"baseline {sum(len(s.baseline_violations) for s in scores)}"
    )


if __name__ == "__main__":
    main()
