"""Publishing speed: the OpenActive feed walked page by page, the HSDS export and detail pages with JSON-LD.

Builds a synthetic nationwide catalogue (benchmarks/synthetic.py, over the real PC4 centroids) in a
fresh SQLite or PostgreSQL database, then prints (wall clock, and the process's CPU time, as a busy shared machine slows the wall clock):
pages and items a second for a full walk of
/openactive/rpde/session-series (500 a page) with p50/p95 per page, the HSDS export in items a second
(JSON list page and the CSV datapackage), and p50/p95 of a detail page with its JSON-LD.

    .venv/bin/python -m benchmarks.bench_publish [--items 100000] [--database-url URL]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, text
from sqlmodel import Session

from benchmarks.synthetic import items, pc4_centroids
from matching.db import make_engine
from matching.migrate import upgrade
from matching.models import Opportunity
from matching.publish.hsds import export_order, write_export
from matching.settings import load_settings
from web import create_app

ROOT = Path(__file__).resolve().parent.parent
NL = ROOT.parent / "shared" / "data" / "geonames-nl" / "NL.txt"


def _percentiles(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    return statistics.median(ordered), ordered[int(0.95 * (len(ordered) - 1))]


def build(url: str, n: int) -> None:
    """A fresh catalogue of n synthetic items, each with its own last change."""
    engine = make_engine(url)
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    upgrade(engine)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    batch = []
    with engine.begin() as conn:
        for number, (_item, row) in enumerate(
            items(n, pc4_centroids(NL), today=date(2026, 12, 1)), 1
        ):
            row.update(
                first_seen=start, updated_at=start + timedelta(seconds=number * 7 % 86_400, microseconds=number),
                content_hash="", paid=False, postcode=None, address=None, city=None, contact=None, hours_week=None,
            )  # fmt: skip
            batch.append(row)
            if len(batch) == 5000:
                conn.execute(insert(Opportunity.__table__), batch)  # type: ignore[attr-defined]
                batch = []
        if batch:
            conn.execute(insert(Opportunity.__table__), batch)  # type: ignore[attr-defined]
    engine.dispose()


def main() -> None:
    """Build, then measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="opstap-bench-publish-"))
    url = args.database_url or f"sqlite:///{folder / 'bench.db'}"
    started = time.perf_counter()
    build(url, args.items)
    print(
        f"catalogue: {args.items:,} items built in {time.perf_counter() - started:.1f} s ({url.split(':')[0]})"
    )

    settings = load_settings({}, env="testing", instance_path=str(folder), database_url=url)
    app = create_app(settings)
    client = app.test_client()
    page_times: list[float] = []
    count = 0
    next_url = "/openactive/rpde/session-series"
    walk_started, walk_cpu = time.perf_counter(), time.process_time()
    while True:
        t0 = time.perf_counter()
        page = client.get(next_url).get_json()
        page_times.append(time.perf_counter() - t0)
        if not page["items"]:
            break
        count += len(page["items"])
        next_url = page["next"].split("localhost", 1)[1]
    walk, cpu = time.perf_counter() - walk_started, time.process_time() - walk_cpu
    p50, p95 = _percentiles(page_times)
    print(
        f"OpenActive feed: {count:,} club items in {len(page_times):,} pages, {walk:.1f} s wall, {cpu:.1f} s CPU "
        f"({count / cpu:,.0f} items per CPU second); a page p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms wall"
    )

    engine = make_engine(url)
    export_started, export_cpu = time.perf_counter(), time.process_time()
    with Session(engine) as session:
        counts = write_export(
            folder / "hsds",
            export_order(session),
            publisher="Opstap",
            licence=settings.feed_licence,
            sources=[],
        )
    export, cpu = time.perf_counter() - export_started, time.process_time() - export_cpu
    size = sum(p.stat().st_size for p in (folder / "hsds").iterdir()) / 1e6
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"HSDS export: {counts['services']:,} services of {counts['organizations']:,} organisations in "
        f"{export:.1f} s wall, {cpu:.1f} s CPU ({counts['services'] / cpu:,.0f} items per CPU second), {size:.0f} MB on disk (process peak RSS {peak:.0f} MB)"
    )

    detail_times = []
    for opportunity_id in range(1, args.items, max(1, args.items // 200)):
        t0 = time.perf_counter()
        assert client.get(f"/nl/opportunities/{opportunity_id}").status_code == 200
        detail_times.append(time.perf_counter() - t0)
    p50, p95 = _percentiles(detail_times)
    print(
        f"detail page with JSON-LD: {len(detail_times)} pages, p50 {p50 * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms"
    )
    engine.dispose()


if __name__ == "__main__":
    main()
