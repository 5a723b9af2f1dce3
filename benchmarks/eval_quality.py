"""Print nDCG@5 for the engine and the baseline "keyword matches, nearest first" on the evaluation personas.

Run: .venv/bin/python -m benchmarks.eval_quality
"""

from __future__ import annotations

from benchmarks.quality import K, evaluate, mean


def main() -> None:
    """Evaluate and print one line per persona and the means."""
    scores = evaluate()
    width = max(len(s.name) for s in scores)
    print(
        f"{'persona':<{width}}  engine  baseline  shown  hard-rule violations (engine / baseline)"
    )
    for s in scores:
        note = "" if s.has_ideal else "  (nothing fits: not averaged)"
        print(
            f"{s.name:<{width}}  {s.engine:6.3f}  {s.baseline:8.3f}  {s.suggested:5d}  "
            f"{len(s.engine_violations)} / {len(s.baseline_violations)}{note}"
        )
    rated = [s for s in scores if s.has_ideal]
    print()
    print(f"personas: {len(scores)} ({len(rated)} with something that fits)")
    print(f"nDCG@{K} engine:   {mean([s.engine for s in rated]):.3f}")
    print(
        f"nDCG@{K} baseline: {mean([s.baseline for s in rated]):.3f}  (keyword matches, nearest first)"
    )
    print(
        f"hard-rule violations in the top {K}: engine {sum(len(s.engine_violations) for s in scores)}, "
        f"baseline {sum(len(s.baseline_violations) for s in scores)}"
    )


if __name__ == "__main__":
    main()
