"""Speed of a match at national scale: the engine next to the straightforward SQL approach, same SQLite database.

Times are CPU time of one process per match (one core), so a busy shared machine does not inflate them;
the engine's wall-clock p95 is printed beside them.

Run: .venv/bin/python -m benchmarks.bench_match [--sizes 10000 100000 500000] [--matches 300] [--sql-matches 40]
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from sqlalchemy import insert

from benchmarks.sql_match import sql_match
from benchmarks.synthetic import items, pc4_centroids, profiles
from matching.db import make_engine
from matching.engine import Engine, MatchIndex, parse_profile
from matching.engine.query import build_query
from matching.migrate import upgrade
from matching.models import Opportunity
from matching.taxonomy import default_taxonomy

ROOT = Path(__file__).resolve().parents[1]
NL = ROOT.parent / "shared" / "data" / "geonames-nl" / "NL.txt"
TODAY = date(2026, 11, 23)
AMSTERDAM = {
    "location": {"lat": 52.3728, "lon": 4.8936},
    "travel": "transit",
    "talents": ["football", "koken"],
}


def rss_mb() -> float:
    """Resident memory of this process now, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0–100) of values."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def build_engine(size: int, centroids, seed: int) -> tuple[Engine, float, float, float]:  # type: ignore[no-untyped-def]
    """The engine over a synthetic catalogue: (engine, build seconds, index MB, RSS growth MB)."""
    gc.collect()
    before = rss_mb()
    started = time.perf_counter()
    index = MatchIndex.build(item for item, _ in items(size, centroids, seed=seed, today=TODAY))
    seconds = time.perf_counter() - started
    gc.collect()
    return (
        Engine(index, taxonomy=default_taxonomy()),
        seconds,
        index.nbytes() / 2**20,
        rss_mb() - before,
    )


def fill_database(path: Path, size: int, centroids, seed: int) -> None:  # type: ignore[no-untyped-def]
    """The same catalogue in the Opportunity table of a SQLite file (named only once complete)."""
    partial = path.with_suffix(".partial")
    for leftover in partial.parent.glob(partial.name + "*"):
        leftover.unlink()
    db = make_engine(f"sqlite:///{partial}")
    upgrade(db)
    batch = []
    with db.begin() as conn:
        for _, row in items(size, centroids, seed=seed, today=TODAY):
            batch.append(row)
            if len(batch) == 5000:
                conn.execute(insert(Opportunity), batch)
                batch = []
        if batch:
            conn.execute(insert(Opportunity), batch)
    with db.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    partial.rename(path)


def run(size: int, matches: int, sql_matches: int, workdir: Path) -> None:
    """Build, time and print one catalogue size."""
    centroids = pc4_centroids(NL)
    engine, build_s, index_mb, rss_growth = build_engine(size, centroids, seed=size)
    docs = profiles(matches, centroids)
    parsed = [parse_profile(d) for d in docs]
    reach = [
        len(engine.index.within(p.location.lat, p.location.lon, p.reach_km)[0]) for p in parsed
    ]
    engine.match(parsed[0], today=TODAY)  # warm the word vocabulary, as a running server has it
    db_path = workdir / f"bench-{size}.db"
    if not db_path.exists():
        fill_database(db_path, size, centroids, seed=size)
    db = make_engine(f"sqlite:///{db_path}")
    times: list[float] = []
    sql_times: list[float] = []
    wall: list[float] = []
    with db.connect() as conn:
        sql_match(
            conn, parsed[0], build_query(parsed[0], engine.taxonomy), today=TODAY
        )  # page cache
        # Interleaved, so a busy machine slows both approaches alike; CPU time of this process
        # (SQLite runs inside it too), so other work on a shared machine does not count.
        for n, p in enumerate(parsed):
            started, cpu = time.perf_counter(), time.process_time()
            engine.match(p, today=TODAY, limit=10)
            times.append((time.process_time() - cpu) * 1000)
            wall.append((time.perf_counter() - started) * 1000)
            if n < sql_matches:
                query = build_query(p, engine.taxonomy)
                cpu = time.process_time()
                sql_match(conn, p, query, today=TODAY)
                sql_times.append((time.process_time() - cpu) * 1000)
    db.dispose()
    amsterdam = parse_profile(AMSTERDAM)
    cpu = time.process_time()
    engine.match(amsterdam, today=TODAY)
    amsterdam_ms = (time.process_time() - cpu) * 1000
    amsterdam_reach = len(engine.index.within(52.3728, 4.8936, 20.0)[0])

    p50, p95 = percentile(times, 50), percentile(times, 95)
    s50, s95 = percentile(sql_times, 50), percentile(sql_times, 95)
    print(
        f"{size:>8,} items | within reach: median {statistics.median(reach):>7,.0f}, max {max(reach):>7,} | "
        f"engine p50 {p50:6.1f} ms  p95 {p95:6.1f} ms | SQL p50 {s50:8.1f} ms  p95 {s95:8.1f} ms | "
        f"SQL/engine p50 ×{s50 / p50:5.1f}  p95 ×{s95 / p95:5.1f} | engine wall-clock p95 {percentile(wall, 95):.1f} ms"
    )
    print(
        f"{'':>8}       | index {index_mb:6.1f} MB (arrays), RSS +{rss_growth:6.1f} MB, "
        f"built in {build_s:5.1f} s | load {os.getloadavg()[0]:.1f} | transit around Amsterdam: {amsterdam_reach:,} within reach, {amsterdam_ms:.1f} ms"
    )


def main() -> None:
    """Parse the arguments and run every size."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 500_000])
    parser.add_argument("--matches", type=int, default=300, help="engine matches per size")
    parser.add_argument("--sql-matches", type=int, default=40, help="SQL matches per size (slower)")
    parser.add_argument(
        "--workdir", type=Path, default=None, help="where the SQLite files go (default: a temp dir)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="opstap-bench-") as tmp:
        workdir = args.workdir or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
        print(
            f"one process; {time.strftime('%Y-%m-%d %H:%M')}; load average {load} on {os.cpu_count()} cores"
        )
        for size in args.sizes:
            run(size, args.matches, args.sql_matches, workdir)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of the whole benchmark process: {peak:.0f} MB")


if __name__ == "__main__":
    main()
