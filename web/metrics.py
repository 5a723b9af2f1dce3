"""`GET /metrics` in the Prometheus text format: match latency, the match index, import runs and rows.

Under gunicorn (PROMETHEUS_MULTIPROC_DIR set, see gunicorn.conf.py) every worker writes its samples
to that folder and a scrape of any worker adds them up. Import figures come from the database at
scrape time, because imports run in the scheduler or the command line, not in a web worker.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

from flask import Blueprint, Response
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Gauge,
    Histogram,
    generate_latest,
)
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from sqlalchemy import func, inspect
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from matching.match_service import Current
from matching.models import ImportRun

bp = Blueprint("metrics", __name__)

MATCH_SECONDS = Histogram(
    "opstap_match_seconds",
    "Time to answer one match (profile to ranked document), in seconds.",
    buckets=(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
# One sample per live worker ("liveall"): each worker may be on a different index for a moment.
INDEX_VERSION = Gauge("opstap_index_version", "Catalogue version of this process's match index.",
                      multiprocess_mode="liveall")  # fmt: skip
INDEX_ITEMS = Gauge(
    "opstap_index_items", "Items in this process's match index.", multiprocess_mode="liveall"
)
INDEX_BUILT = Gauge("opstap_index_built_timestamp_seconds",
                    "When this process's match index was fully built (Unix time); age = now - this.",
                    multiprocess_mode="liveall")  # fmt: skip
INDEX_BUILD_SECONDS = Gauge("opstap_index_build_seconds", "How long the last full build of the index took.",
                            multiprocess_mode="liveall")  # fmt: skip
INDEX_AGE = Gauge("opstap_index_age_seconds", "Age of this process's match index at the last scrape or swap.",
                  multiprocess_mode="liveall")  # fmt: skip

RESULTS = ("added", "updated", "unchanged", "retired", "rejected")


class DatabaseCollector(Collector):
    """Import runs by status and rows by result, and the mail outbox where there is one, from the database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def collect(self) -> Iterator[Metric]:
        """Read the figures now (a scrape is rare; these are a few aggregate queries)."""
        runs = CounterMetricFamily(
            "opstap_import_runs", "Import runs by status.", labels=["status"]
        )
        rows = CounterMetricFamily(
            "opstap_import_rows", "Rows of all import runs by result.", labels=["result"]
        )
        with Session(self.engine) as session:
            for status, count in session.exec(
                select(ImportRun.status, func.count()).group_by(col(ImportRun.status))
            ):
                runs.add_metric([status], float(count))
            sums = session.exec(
                select(*(func.coalesce(func.sum(getattr(ImportRun, r)), 0) for r in RESULTS))
            ).one()
            for result, total in zip(RESULTS, sums, strict=True):
                rows.add_metric([result], float(total))
            outbox = _outbox_length(session, self.engine)
        yield runs
        yield rows
        if outbox is not None:
            family = GaugeMetricFamily(
                "opstap_mail_outbox", "Mails in the outbox by status.", labels=["status"]
            )
            for status, count in sorted(outbox.items()):
                family.add_metric([status], float(count))
            yield family


def _outbox_length(session: Session, engine: Engine) -> dict[str, int] | None:
    # The mail outbox belongs to the mail module: report it once its table exists, by status.
    if "mail_outbox" not in set(inspect(engine).get_table_names()):
        return None
    columns = {c["name"] for c in inspect(engine).get_columns("mail_outbox")}
    connection = session.connection()
    if "status" not in columns:
        return {
            "all": int(connection.exec_driver_sql("SELECT count(*) FROM mail_outbox").scalar() or 0)
        }
    rows = connection.exec_driver_sql("SELECT status, count(*) FROM mail_outbox GROUP BY status")
    return {str(status): int(count) for status, count in rows}


def record_index(current: Current) -> None:
    """Set this process's index gauges (called whenever the process swaps in another index)."""
    INDEX_VERSION.set(current.version)
    INDEX_ITEMS.set(current.index.size)
    INDEX_BUILT.set(current.built_at)
    INDEX_BUILD_SECONDS.set(current.build_s)
    INDEX_AGE.set(time.time() - current.built_at)


def _registry(engine: Engine) -> CollectorRegistry:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    else:
        registry = CollectorRegistry()
        for collector in (
            MATCH_SECONDS,
            INDEX_VERSION,
            INDEX_ITEMS,
            INDEX_BUILT,
            INDEX_BUILD_SECONDS,
            INDEX_AGE,
        ):
            registry.register(collector)
    registry.register(DatabaseCollector(engine))
    return registry


@bp.get("/metrics")
def metrics() -> Response:
    """Prometheus text: this process's (or, under gunicorn, every worker's) samples and the database's figures."""
    from web.db import get_engine
    from web.match import CACHE

    current = CACHE.current(get_engine())
    if current is not None:
        record_index(current)
    body = generate_latest(_registry(get_engine()))
    return Response(body, mimetype=CONTENT_TYPE_LATEST)


__all__ = ["MATCH_SECONDS", "REGISTRY", "bp", "record_index"]
