"""Real gunicorn, two workers: matches are answered from the previous index while a source is imported,
and the new items reach every worker afterwards, through one snapshot shared by the machine."""

from __future__ import annotations

import fcntl
import http.cookiejar
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine

from matching.index_snapshot import database_key
from tests.factories import native_line
from tests.importers.helpers import load_demo_postcodes

ROOT = Path(__file__).resolve().parent.parent
OPSTAP = [sys.executable, "-c", "from web.cli import main; main()"]
PROFILE = {"profile": {"talents": ["chess"], "location": {"postcode": "2711"}}, "limit": 5}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env(engine: Engine, instance: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPSTAP_", "PROMETHEUS_"))}
    env.update(DATABASE_URL=engine.url.render_as_string(hide_password=False), OPSTAP_INSTANCE=str(instance),
               OPSTAP_ENV="testing", PYTHONPATH=str(ROOT), **extra)  # fmt: skip
    return env


def _write(path: Path, prefix: str, count: int, talent: str) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for i in range(count):
            line = native_line(id=f"{prefix}{i}", title=f"{talent} {prefix} {i}", talents=[talent],
                               provider=f"Vereniging {prefix}{i}")  # fmt: skip
            handle.write(json.dumps(line) + "\n")
    return path


def _get(url: str, body: dict[str, Any] | None = None) -> tuple[float, dict[str, Any]]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=30) as response:
        return time.perf_counter() - started, json.loads(response.read())


def _versions(base: str, rounds: int = 12) -> dict[int, int]:
    """The index version of each worker that answered /healthz (concurrent calls reach both)."""
    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(lambda _: _get(f"{base}/healthz")[1]["index"], range(rounds)))
    return {a["pid"]: a.get("version", -1) for a in answers}


@contextmanager
def _serving(engine: Engine, instance: Path, **extra: str) -> Iterator[str]:
    """gunicorn with the repository's gunicorn.conf.py and two workers on the test database; yields its URL."""
    port = _free_port()
    env = _env(engine, instance, OPSTAP_BIND=f"127.0.0.1:{port}", WEB_CONCURRENCY="2", **extra)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"), "web:create_app()"],
        env=env, cwd=instance, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if len(_versions(url)) == 2:
                    break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("gunicorn did not answer with two workers within 60 s")
        yield url
    finally:
        server.terminate()
        _, err = server.communicate(timeout=30)
        if server.returncode not in (0, -15):
            print(err.decode(errors="replace")[-3000:])


@pytest.fixture
def gunicorn(engine: Engine, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """Two workers serving a 300-item catalogue, with the background refresh from 100 items up."""
    load_demo_postcodes(engine)
    base = _write(tmp_path / "clubs.jsonl", "c", 300, "football")
    subprocess.run([*OPSTAP, "import", str(base), "--source", "clubs"], env=_env(engine, tmp_path),
                   check=True, capture_output=True, cwd=tmp_path)  # fmt: skip
    with _serving(
        engine, tmp_path, OPSTAP_INDEX_SYNC_BELOW="100", OPSTAP_INDEX_POLL_SECONDS="1"
    ) as url:
        yield url, tmp_path


@pytest.mark.slow
def test_wrong_personal_codes_are_counted_across_workers(engine: Engine, tmp_path: Path) -> None:
    """The all-screens limit on wrong codes holds however gunicorn spreads them over its workers."""
    from matching.code_guard import ALL_SCREENS_LIMIT
    from matching.people import CODE_ALPHABET, _check_char

    with _serving(engine, tmp_path) as url:

        def wrong(i: int) -> int:
            # Each wrong code from a screen of its own: no screen reaches its own slow-down.
            opener = urllib.request.build_opener(
                urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
            )
            page = opener.open(f"{url}/en/kiosk/code", timeout=30).read().decode()
            token = re.search(r'name="csrf_token" value="([^"]+)"', page)
            assert token is not None
            body = "".join(CODE_ALPHABET[(i * 7 + k * 3) % len(CODE_ALPHABET)] for k in range(8))
            data = urllib.parse.urlencode(
                {"csrf_token": token.group(1), "code": body + _check_char(body)}
            )
            try:
                return int(
                    opener.open(f"{url}/en/kiosk/code", data=data.encode(), timeout=30).status
                )
            except urllib.error.HTTPError as exc:
                return exc.code

        statuses = []
        for pair in range(ALL_SCREENS_LIMIT // 2):  # two at a time: two sync workers each take one
            with ThreadPoolExecutor(2) as pool:
                statuses += list(pool.map(wrong, (2 * pair, 2 * pair + 1)))
        assert statuses == [422] * ALL_SCREENS_LIMIT
        assert wrong(ALL_SCREENS_LIMIT + 1) == 429 and wrong(ALL_SCREENS_LIMIT + 2) == 429


@pytest.mark.slow
def test_matches_are_answered_from_the_previous_index_while_a_source_is_imported(
    engine: Engine, gunicorn: tuple[str, Path]
) -> None:
    url, instance = gunicorn
    before = _versions(url)
    assert len(before) == 2 and all(v >= 1 for v in before.values()), before
    _, doc = _get(f"{url}/api/v1/match", PROFILE)
    assert not any(s["opportunity"]["source"] == "extra" for s in doc["suggestions"])
    # Hold the machine's snapshot-build lock, as a build that takes long would: no worker can have
    # the new index until we let go, so a request that waited for a build would hang here.
    snapshots = instance / "index"
    snapshots.mkdir(exist_ok=True)
    lock = (snapshots / f".{database_key(engine)}.lock").open("a+")
    fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
    try:
        extra = _write(instance / "extra.jsonl", "x", 40, "chess")
        done = subprocess.run([*OPSTAP, "import", str(extra), "--source", "extra"], env=_env(engine, instance),
                              capture_output=True, text=True, cwd=instance)  # fmt: skip
        assert done.returncode == 0, done.stderr
        time.sleep(
            2.5
        )  # both refreshers have seen the new version (they poll every second) and wait
        with ThreadPoolExecutor(4) as pool:
            answers = list(pool.map(lambda _: _get(f"{url}/api/v1/match", PROFILE), range(24)))
        assert max(seconds for seconds, _ in answers) < 2.0
        for _, doc in answers:  # the previous index: the new source is not in it yet
            assert not any(s["opportunity"]["source"] == "extra" for s in doc["suggestions"])
        assert _versions(url) == before  # every worker still on the previous version
    finally:
        fcntl.flock(lock.fileno(), fcntl.LOCK_UN)
        lock.close()
    deadline = time.monotonic() + 60
    versions = before
    while time.monotonic() < deadline:
        versions = _versions(url)
        if len(versions) == 2 and all(v > max(before.values()) for v in versions.values()):
            break
        time.sleep(0.5)
    assert len(versions) == 2 and all(v > max(before.values()) for v in versions.values()), versions
    for _ in range(6):
        _, doc = _get(f"{url}/api/v1/match", PROFILE)
        assert doc["suggestions"] and all(
            s["opportunity"]["source"] == "extra" for s in doc["suggestions"]
        )
    # One snapshot of the new catalogue for the machine, not one build per worker.
    built = [
        p
        for p in snapshots.iterdir()
        if p.name.startswith(database_key(engine)) and (p / "meta.json").exists()
    ]
    assert len(built) == 2, built  # the first catalogue's and the new one's
