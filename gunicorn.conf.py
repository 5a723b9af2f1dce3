"""gunicorn settings for Opstap: `gunicorn -c gunicorn.conf.py 'web:create_app()'` (see README, Production).

Each worker answers matches from a match index that is shared by every worker of the machine: the
master builds its snapshot before forking (no worker timeout applies there), and each worker maps it
in post_worker_init, before it takes a request. No --preload: the app and its database pool are made
in each worker, and the index is shared through the page cache instead of copy-on-write (which
Python's reference counting would soon turn into private copies anyway).
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

# Prometheus multiprocess mode: every worker writes its samples here; set before the app imports the client.
_metrics_dir = os.environ.setdefault(
    "PROMETHEUS_MULTIPROC_DIR", str(Path(tempfile.gettempdir()) / f"opstap-metrics-{os.getpid()}")
)

bind = os.environ.get("OPSTAP_BIND", "127.0.0.1:8000")
# Matching is CPU work in numpy: one sync worker per core keeps latency flat; WEB_CONCURRENCY overrides.
workers = int(os.environ.get("WEB_CONCURRENCY", str(max(2, multiprocessing.cpu_count()))))
worker_class = "sync"
timeout = (
    60  # a worker silent this long is restarted; no request builds the index, so 60 s is generous
)
graceful_timeout = 30
keepalive = 5  # behind a reverse proxy that keeps connections open
max_requests = (
    0  # a restart is cheap (the index is mapped) but not needed: nothing leaks per request
)
preload_app = False
# gunicorn's control socket lives at one path per user: two servers on a machine would fight over it.
control_socket_disable = True
accesslog = "-"
# No query strings in the access log: a personal code or a share token must never land in a log.
access_log_format = '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms'


def on_starting(server: Any) -> None:
    """Master, before any worker: a clean metrics folder, and the index snapshot of the current catalogue."""
    shutil.rmtree(_metrics_dir, ignore_errors=True)
    os.makedirs(_metrics_dir, exist_ok=True)
    from web.serving import prebuild_index

    prebuild_index(server.log)


def post_worker_init(worker: Any) -> None:
    """Worker, before its first request: map (or build) the match index and start its refresher."""
    from web.match import warm_index

    warm_index(worker.wsgi)


def child_exit(server: Any, worker: Any) -> None:
    """A worker ended: drop its live gauges from the metrics."""
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
