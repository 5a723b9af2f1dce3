"""Real processes: a killed import leaves nothing half-written; two schedulers run each trigger once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from importers.locks import SourceLock
from importers.registry import build_context, make_adapter
from importers.runner import run_import
from matching.models import ImportRun, Opportunity
from matching.scheduling import ScheduledRunClaim
from matching.settings import Settings
from tests.factories import native_line
from tests.importers.helpers import load_demo_postcodes

ROOT = Path(__file__).resolve().parents[2]
OPSTAP = [sys.executable, "-c", "from web.cli import main; main()"]


def _env(engine: Engine, tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPSTAP_")}
    env.update(
        DATABASE_URL=engine.url.render_as_string(hide_password=False), OPSTAP_INSTANCE=str(tmp_path),
        OPSTAP_ENV="testing", PYTHONPATH=str(ROOT), **extra,
    )  # fmt: skip
    return env


def _count(engine: Engine) -> int:
    with Session(engine) as session:
        return int(session.exec(select(func.count()).select_from(Opportunity)).one())


def _write_lines(path: Path, count: int, prefix: str = "k") -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for i in range(count):
            line = native_line(
                id=f"{prefix}{i}", title=f"Club {prefix} {i}", lat=None, lon=None, postcode="2711"
            )
            handle.write(json.dumps(line) + "\n")
    return path


@pytest.mark.slow
def test_a_killed_import_leaves_no_half_written_state(
    engine: Engine, settings: Settings, tmp_path: Path
) -> None:
    load_demo_postcodes(engine)
    small = _write_lines(tmp_path / "small.jsonl", 5, "s")
    context = build_context(engine, settings=settings)
    run_import(engine, adapter=make_adapter(str(small)), source="big", context=context)
    assert _count(engine) == 5
    big = _write_lines(tmp_path / "big.jsonl", 60_000)
    process = subprocess.Popen(
        [*OPSTAP, "import", str(big), "--source", "big"], env=_env(engine, tmp_path), cwd=tmp_path,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with Session(engine) as session:
            running = session.exec(select(ImportRun).where(ImportRun.status == "running")).first()
        if running is not None:
            break
        time.sleep(0.05)
    assert running is not None, "the import never started"
    time.sleep(2.0)  # well into the run: batches of rows are written, not committed
    assert process.poll() is None, (
        "the import finished before it could be killed; make the file larger"
    )
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert _count(engine) == 5  # nothing of the killed run, and nothing of the earlier one retired
    with Session(engine) as session:
        assert session.exec(select(Opportunity.status).distinct()).all() == ["active"]
    # The next run of the source notices the interrupted one and completes.
    again = run_import(engine, adapter=make_adapter(str(small)), source="big", context=context)
    assert (again.status, again.unchanged) == ("success", 5)
    with Session(engine) as session:
        statuses = session.exec(select(ImportRun.status).order_by(ImportRun.id)).all()
    assert statuses == ["success", "interrupted", "success"]


def test_a_source_runs_in_one_process_at_a_time(
    engine: Engine, settings: Settings, tmp_path: Path
) -> None:
    path = _write_lines(tmp_path / "x.jsonl", 2)
    held = SourceLock(engine, "x")
    assert held.acquire()
    try:
        assert not SourceLock(engine, "x").acquire()
        assert (
            SourceLock(engine, "y").acquire() is True
        )  # other sources are free (released at exit)
        busy = run_import(
            engine,
            adapter=make_adapter(str(path)),
            source="x",
            context=build_context(engine, settings=settings),
        )
        assert busy.status == "busy" and "another process" in (busy.error or "")
    finally:
        held.release()
    assert SourceLock(engine, "x").acquire()


@pytest.mark.slow
def test_two_scheduler_processes_run_each_trigger_once(engine: Engine, tmp_path: Path) -> None:
    _write_lines(tmp_path / "feed.jsonl", 300, "f")
    (tmp_path / "sources.toml").write_text(
        '[[source]]\nname = "feed"\nlocation = "feed.jsonl"\nschedule = "*/2 * * * * *"\n',
        encoding="utf-8",
    )
    env = _env(engine, tmp_path, OPSTAP_SOURCES=str(tmp_path / "sources.toml"))
    from matching.migrate import upgrade

    upgrade(engine)
    processes = [
        subprocess.Popen(
            [*OPSTAP, "scheduler"],
            env=env,
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        for _ in range(2)
    ]
    deadline = time.monotonic() + 60
    while (
        time.monotonic() < deadline
    ):  # both processes start (a few seconds), then triggers every 2 s
        with Session(engine) as session:
            if len(session.exec(select(ScheduledRunClaim)).all()) >= 4:
                break
        time.sleep(0.5)
    alive = [p.poll() is None for p in processes]
    for process in processes:
        process.send_signal(signal.SIGTERM)
    outputs = [p.communicate(timeout=30)[0].decode() for p in processes]
    assert all(alive), outputs
    with Session(engine) as session:
        claims = session.exec(select(ScheduledRunClaim).order_by(ScheduledRunClaim.fire_time)).all()
        runs = session.exec(
            select(ImportRun).where(ImportRun.source == "feed").order_by(ImportRun.id)
        ).all()
    fire_times = [c.fire_time for c in claims]
    assert len(fire_times) >= 3 and len(set(fire_times)) == len(fire_times), outputs
    assert len(runs) == len(claims)  # one run per trigger, across both processes
    assert {c.claimed_by.split(":")[1] for c in claims} <= {str(p.pid) for p in processes}
    assert all(run.status == "success" for run in runs), [(r.status, r.error) for r in runs]
    spans = sorted((r.started_at, r.finished_at) for r in runs)
    assert all(a[1] is not None and a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False)), (
        "two runs overlapped"
    )
    assert "already taken by another scheduler process" in "".join(outputs)
