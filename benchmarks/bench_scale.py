"""National scale as deployed: PostgreSQL, `opstap import`, gunicorn with the repository's gunicorn.conf.py.

For each size it empties the given PostgreSQL database, runs `opstap db upgrade`, loads the GeoNames
postcodes, imports a synthetic native catalogue with `opstap import`, starts gunicorn, and measures what
issue 12 asks, printing one table:

  import rows/s · first match by a fresh worker (a worker killed, the master forks a new one) · steady
  p95 and throughput with N clients · the worst request while a 1,000-item source is imported · seconds
  from the end of that import until its items are suggested · RSS (and PSS, private) per worker

Run (a throwaway PostgreSQL; everything in that database is dropped):
  .venv/bin/python -m benchmarks.bench_scale --database-url postgresql+psycopg://postgres@127.0.0.1:54335/bench \
      [--sizes 100000 500000] [--workers 2] [--clients 8] [--seconds 20]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import text

from benchmarks.synthetic import items, pc4_centroids, profiles
from matching.db import make_engine

ROOT = Path(__file__).resolve().parent.parent
GEONAMES = ROOT.parent / "shared" / "data" / "geonames-nl" / "NL.txt"
OPSTAP = [sys.executable, "-c", "from web.cli import main; main()"]
NEW_WORD = (
    "zwaluwstaartclub"  # only the 1,000 new items carry it, so a match for it finds only them
)


def native_lines(path: Path, n: int, centroids: Any) -> None:
    """n synthetic items in the native JSON Lines format."""
    with path.open("w", encoding="utf-8") as out:
        for _item, row in items(n, centroids, today=date.today()):
            line = {k: row[k] for k in (
                "kind", "title", "description", "lat", "lon", "talents", "phase", "dutch_level_min", "languages",
                "schedule", "places_left", "cost_eur_year", "subsidy", "age_min", "age_max", "audience",
                "free_trial", "buddy", "integration_value", "status")}  # fmt: skip
            line.update(id=row["source_id"], provider=row["provider_name"],
                        last_confirmed=row["last_confirmed"].isoformat())  # fmt: skip
            out.write(json.dumps(line) + "\n")


def new_lines(path: Path, n: int, lat: float, lon: float) -> None:
    """n new clubs around one place, each with a word no other item has."""
    rng = np.random.default_rng(7)
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            out.write(json.dumps({
                "id": f"new-{i}", "kind": "club", "title": f"{NEW_WORD.title()} {i}", "provider": f"Nieuw {i}",
                "lat": lat + float(rng.normal(0, 0.01)), "lon": lon + float(rng.normal(0, 0.01)),
                "talents": ["football"], "places_left": 5, "cost_eur_year": 0,
            }) + "\n")  # fmt: skip


class Client:
    """One keep-alive HTTP connection."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def call(self, method: str, path: str, body: Any = None) -> tuple[float, int, Any]:
        """(seconds, status, JSON) of one request."""
        data = json.dumps(body) if body is not None else None
        started = time.perf_counter()
        try:
            self.conn.request(method, path, body=data, headers={"Content-Type": "application/json"})
            response = self.conn.getresponse()
            payload = response.read()
        except (OSError, http.client.HTTPException):
            self.conn.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            raise
        return time.perf_counter() - started, response.status, json.loads(payload or b"null")


def load(
    port: int, bodies: list[dict[str, Any]], clients: int, stop: threading.Event
) -> list[tuple[float, float]]:
    """(start time, seconds) of every match by `clients` threads until `stop` is set."""
    out: list[tuple[float, float]] = []
    errors: list[int] = []

    def run(k: int) -> None:
        client, i = Client(port), k
        while not stop.is_set():
            at = time.monotonic()
            try:
                seconds, status, _ = client.call("POST", "/api/v1/match", bodies[i % len(bodies)])
            except (OSError, http.client.HTTPException):
                continue
            if status == 200:
                out.append((at, seconds))
            else:
                errors.append(status)
            i += clients

    threads = [threading.Thread(target=run, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    stop.wait()
    for t in threads:
        t.join()
    if errors or not out:
        raise SystemExit(
            f"{len(errors)} matches failed (statuses {sorted(set(errors))}), {len(out)} answered"
        )
    return out


def worker_pids(master: int) -> list[int]:
    """The gunicorn workers (children of the master)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(stat[1]) == master:
                found.append(int(entry.name))
    return sorted(found)


def memory(pid: int) -> tuple[float, float, float]:
    """(RSS, PSS, private) in MiB: PSS splits the mapped index between the workers that share it."""
    fields: dict[str, float] = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, value = line.split(":", 1)
        fields[name] = float(value.split()[0]) / 1024
    return (
        fields["Rss"],
        fields["Pss"],
        fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0),
    )


def healthz(port: int) -> dict[str, Any]:
    """This answering worker's /healthz index block."""
    return Client(port).call("GET", "/healthz")[2]["index"]


def postmaster_pid(url: str) -> int:
    """The PostgreSQL server's main process (its data folder's postmaster.pid)."""
    db = make_engine(url)
    with db.connect() as conn:
        folder = conn.execute(text("SHOW data_directory")).scalar_one()
    db.dispose()
    return int(Path(folder, "postmaster.pid").read_text().split()[0])


def _cpu_of(pid: int, *, reaped: bool) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = (
        int(fields[11]) + int(fields[12]) + ((int(fields[13]) + int(fields[14])) if reaped else 0)
    )
    return ticks / os.sysconf("SC_CLK_TCK")


def pg_cpu(postmaster: int) -> float:
    """CPU seconds used by this PostgreSQL server so far: its processes, live and ended."""
    total = _cpu_of(postmaster, reaped=True)
    for pid in worker_pids(postmaster):
        try:
            total += _cpu_of(pid, reaped=False)
        except OSError:
            pass
    return total


def children_cpu() -> float:
    """CPU seconds of this script's finished child processes."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def free_port() -> int:
    """A free TCP port on localhost."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run_size(n: int, args: argparse.Namespace, centroids: Any, folder: Path) -> dict[str, str]:
    """Deploy one catalogue size and measure it."""
    db = make_engine(args.database_url)
    with db.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    db.dispose()
    instance = folder / f"instance-{n}"
    instance.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPSTAP_", "PROMETHEUS_"))}
    env.update(DATABASE_URL=args.database_url, OPSTAP_INSTANCE=str(instance), PYTHONPATH=str(ROOT),
               OPSTAP_ENV="testing", OPSTAP_LOG_LEVEL="WARNING")  # fmt: skip
    subprocess.run([*OPSTAP, "db", "upgrade"], env=env, check=True, capture_output=True)
    subprocess.run(
        [*OPSTAP, "geo", "load", str(GEONAMES)], env=env, check=True, capture_output=True
    )
    catalogue = folder / f"nation-{n}.jsonl"
    native_lines(catalogue, n, centroids)
    load_before = os.getloadavg()[0]
    postmaster = postmaster_pid(args.database_url)
    server_cpu, client_cpu = pg_cpu(postmaster), children_cpu()
    started = time.perf_counter()
    subprocess.run([*OPSTAP, "import", str(catalogue), "--source", "nation"], env=env, check=True,
                   capture_output=True)  # fmt: skip
    import_s = time.perf_counter() - started
    server_cpu, client_cpu = pg_cpu(postmaster) - server_cpu, children_cpu() - client_cpu
    row: dict[str, str] = {
        "import": f"{n / import_s:,.0f} rows/s ({import_s:.0f} s); by CPU {n / (server_cpu + client_cpu):,.0f} "
        f"rows/s (opstap {client_cpu:.0f} s + PostgreSQL {server_cpu:.0f} s)"
    }
    print(f"[{n}] imported in {import_s:.1f} s", flush=True)

    port = free_port()
    genv = {**env, "OPSTAP_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": str(args.workers),
            "PROMETHEUS_MULTIPROC_DIR": str(instance / "metrics")}  # fmt: skip
    started = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"),
                               "web:create_app()"], env=genv, cwd=instance,
                              stdout=subprocess.DEVNULL, stderr=open(instance / "gunicorn.log", "w"))  # fmt: skip
    try:
        while True:
            try:
                if healthz(port).get("ready"):
                    break
            except OSError:
                time.sleep(0.2)
        info = healthz(port)
        row["start"] = (f"{time.perf_counter() - started:.1f} s (snapshot of {info['items']:,} items built once, "
                        f"{info['build_s']:.0f} s)")  # fmt: skip
        bodies = [{"profile": p, "lang": "nl", "limit": 10} for p in profiles(400, centroids)]
        # A fresh worker: kill one; the master forks another, which maps the snapshot before its first request.
        before = worker_pids(server.pid)
        os.kill(before[0], signal.SIGKILL)
        killed = time.perf_counter()
        fresh: list[int] = []
        while not fresh:
            fresh = [p for p in worker_pids(server.pid) if p not in before]
        client = Client(port)
        while (
            True
        ):  # a request the new worker answers (the old one may take some: ask until it shows)
            try:
                info = healthz(port)
                if info.get("pid") in fresh and info.get("ready"):
                    client.call("POST", "/api/v1/match", bodies[0])
                    break
            except OSError:
                pass
        row["fresh"] = f"{time.perf_counter() - killed:.2f} s"
        # Steady load.
        stop = threading.Event()
        timer = threading.Timer(args.seconds, stop.set)
        timer.start()
        load_steady = os.getloadavg()[0]
        samples = load(port, bodies, args.clients, stop)
        times = sorted(s for _, s in samples)
        p95 = times[int(0.95 * (len(times) - 1))] * 1000
        row["steady"] = f"p95 {p95:.0f} ms, {len(times) / args.seconds:.0f} req/s"
        # A 1,000-item source imported during load: the worst request, and when its items show.
        extra = folder / f"new-{n}.jsonl"
        new_lines(extra, 1000, *centroids[0])
        probe = {"profile": {"talents": [NEW_WORD], "location": {"lat": float(centroids[0][0]),
                 "lon": float(centroids[0][1])}}, "limit": 5}  # fmt: skip
        stop = threading.Event()
        result: list[list[tuple[float, float]]] = []
        loader = threading.Thread(
            target=lambda: result.append(load(port, bodies, args.clients, stop))
        )
        loader.start()
        window_start = time.monotonic()
        subprocess.run([*OPSTAP, "import", str(extra), "--source", "extra"], env=env, check=True,
                       capture_output=True)  # fmt: skip
        imported = time.perf_counter()
        seen = 0
        while seen < 2 * args.workers:  # several answers in a row, so every worker has it
            _, _, doc = Client(port).call("POST", "/api/v1/match", probe)
            found = any(s["opportunity"]["source"] == "extra" for s in doc["suggestions"])
            seen = seen + 1 if found else 0
            if time.perf_counter() - imported > 600:
                break
            time.sleep(0.1)
        shown_s = time.perf_counter() - imported
        stop.set()
        loader.join()
        during = [s for at, s in result[0] if at >= window_start]
        row["worst"] = f"{max(during) * 1000:,.0f} ms ({len(during)} requests)"
        row["shown"] = f"{shown_s:.1f} s"
        mem = [memory(p) for p in worker_pids(server.pid)]
        row["rss"] = (
            ", ".join(f"{r:.0f}" for r, _, _ in mem)
            + " MiB RSS; PSS "
            + ", ".join(f"{p:.0f}" for _, p, _ in mem)
            + " MiB; private "
            + ", ".join(f"{u:.0f}" for _, _, u in mem)
            + " MiB"
        )
        row["load"] = f"{load_before:.1f} / {load_steady:.1f} / {os.getloadavg()[0]:.1f}"
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    return row


def main() -> None:
    """Measure every size and print the table."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--database-url", required=True, help="a throwaway PostgreSQL database (emptied)"
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 500_000])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20.0)
    args = parser.parse_args()
    if not args.database_url.startswith("postgresql"):
        parser.error(
            "--database-url must be a PostgreSQL URL: this benchmark measures the production set-up"
        )
    centroids = pc4_centroids(GEONAMES)
    folder = Path(tempfile.mkdtemp(prefix="opstap-scale-"))
    rows = {n: run_size(n, args, centroids, folder) for n in args.sizes}
    labels = [
        ("import", "`opstap import` of the native file into PostgreSQL", "≥ 3,000 rows/s"),
        ("start", "gunicorn start until the first worker answers", ""),
        ("fresh", "first match answered by a fresh worker", "≤ 2 s"),
        ("steady", f"steady p95 / throughput ({args.clients} clients)", "p95 ≤ 100 ms"),
        ("worst", "worst request while a 1,000-item source is imported", "≤ 1,000 ms"),
        ("shown", "the new items suggested after that import", "≤ 60 s"),
        ("rss", "memory per worker", "≤ 600 MiB at 500k"),
        ("load", "load average (before import / steady / end)", ""),
    ]
    print(f"\n{args.workers} gunicorn workers, {os.cpu_count()} CPUs, PostgreSQL\n")
    print("| measure | " + " | ".join(f"{n:,} items" for n in args.sizes) + " | target |")
    print("|---|" + "---|" * len(args.sizes) + "---|")
    for key, label, target in labels:
        print(f"| {label} | " + " | ".join(rows[n][key] for n in args.sizes) + f" | {target} |")


if __name__ == "__main__":
    main()
