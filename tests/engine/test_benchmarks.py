"""The benchmark scripts keep working: a tiny run of the speed benchmark and its SQL approach."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import bench_match
from tests.conftest import shared_file


def test_bench_runs_on_a_small_catalogue(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shared_file("geonames-nl", "NL.txt")
    bench_match.run(3000, matches=12, sql_matches=4, workdir=tmp_path)
    out = capsys.readouterr().out
    assert "3,000 items" in out and "SQL/engine" in out and "index" in out
