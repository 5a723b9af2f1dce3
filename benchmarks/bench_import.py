"""Import benchmark: a generated 100k-row Dutch CSV, geocoded by postcode and deduplicated, then re-imported.

Run: .venv/bin/python benchmarks/bench_import.py [--rows 100000] [--database-url URL]
Prints rows per second, peak memory (max RSS) and the unchanged re-import time.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlmodel import Session  # noqa: E402

from importers.registry import build_context, make_adapter  # noqa: E402
from importers.runner import RunResult, run_import  # noqa: E402
from matching.db import make_engine  # noqa: E402
from matching.geo import load_postcodes, read_geonames  # noqa: E402
from matching.migrate import upgrade  # noqa: E402
from matching.settings import load_settings  # noqa: E402

GEONAMES = ROOT.parent / "shared" / "data" / "geonames-nl" / "NL.txt"
DEMO_POSTCODES = ROOT / "seeds" / "demo" / "postcodes.txt"
SPORTS = [
    "Voetbal",
    "Zwemmen",
    "Hardlopen",
    "Schaken",
    "Cricket",
    "Boksen",
    "Volleybal",
    "Tennis",
    "Dans",
    "Koken",
]
WORDS = ["Noord", "Zuid", "Oost", "West", "Centrum", "Park", "Haven", "Dorp", "Molen", "Brug", "Meer", "Veld",
         "Linde", "Eik", "Beuk", "Duin", "Polder", "Kade", "Plein", "Toren"]  # fmt: skip
MAPPING = """kind = "club"
decimal = ","
[fields]
id = "Nummer"
title = "Naam"
provider = "Organisatie"
address = "{Straat} {Huisnummer}"
postcode = "Postcode"
city = "Plaats"
talents = { column = "Sport", taxonomy = true }
places_left = "Vrije plekken"
cost_eur_year = "Contributie"
free_trial = "Proefles"
schedule = "Trainingen"
"""


def write_csv(
    path: Path, rows: int, postcodes: list[tuple[str, str]], *, prefix: str, seed: int
) -> None:
    """A ';'-separated, decimal-comma CSV like a municipal export."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        handle.write(
            "Nummer;Naam;Organisatie;Straat;Huisnummer;Postcode;Plaats;Sport;Vrije plekken;Contributie;Proefles;Trainingen\n"
        )
        for i in range(rows):
            code, place = postcodes[rng.randrange(len(postcodes))]
            sport = SPORTS[i % len(SPORTS)]
            name = f"{sport} {rng.choice(WORDS)} {rng.choice(WORDS)}{i}"
            pc6 = f"{code} {chr(65 + rng.randrange(26))}{chr(65 + rng.randrange(26))}"
            places = "" if i % 7 == 0 else str(rng.randrange(0, 30))
            cost = f"{rng.randrange(0, 400)},{rng.randrange(0, 100):02d}"
            day = ["ma", "di", "wo", "do", "vr", "za"][i % 6]
            handle.write(
                f"{prefix}{i};{name} ;Stichting {name};Sportlaan;{i % 200 + 1};{pc6};{place};{sport};{places};{cost};"
                f"{'ja' if i % 3 else 'nee'};{day} 19:00-20:30\n"
            )


def timed_import(  # type: ignore[no-untyped-def]
    engine, settings, path: Path, mapping: Path, source: str
) -> tuple[RunResult, float, float]:
    """One run, with its wall time and the CPU time of this process."""
    started, cpu = time.perf_counter(), time.process_time()
    adapter = make_adapter(str(path), options={"mapping": str(mapping)})
    context = build_context(engine, settings=settings)
    result = run_import(engine, adapter=adapter, source=source, context=context)
    wall, used = time.perf_counter() - started, time.process_time() - cpu
    return result, wall, used


def main() -> None:
    """Generate, import, re-import, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument(
        "--other-source-rows",
        type=int,
        default=10_000,
        help="rows of a second source to dedup against",
    )
    parser.add_argument(
        "--database-url", default="", help="default: a fresh SQLite file in a temporary folder"
    )
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="opstap-bench-"))
    url = args.database_url or f"sqlite:///{folder / 'bench.db'}"
    settings = load_settings({}, env="testing", instance_path=str(folder), database_url=url)
    engine = make_engine(url)
    upgrade(engine)
    rows = read_geonames(GEONAMES if GEONAMES.exists() else DEMO_POSTCODES)
    with Session(engine) as session:
        load_postcodes(session, rows=rows)
        session.commit()
    postcodes = sorted({(r.code, r.place) for r in rows})
    mapping = folder / "mapping.toml"
    mapping.write_text(MAPPING, encoding="utf-8")
    other, bench = folder / "gemeente.csv", folder / "bench.csv"
    write_csv(other, args.other_source_rows, postcodes, prefix="G", seed=1)
    write_csv(bench, args.rows, postcodes, prefix="B", seed=2)
    # Every 10th row of the big file is a club the other source lists too (same name and postcode).
    lines = other.read_text(encoding="utf-8-sig").splitlines()[1:]
    big = bench.read_text(encoding="utf-8-sig").splitlines()
    for n, line in enumerate(lines):
        target = 1 + n * 10
        if target < len(big):
            big[target] = "B" + line.split(";", 1)[0][1:] + "x;" + line.split(";", 1)[1]
    bench.write_text("\n".join(big) + "\n", encoding="utf-8-sig")
    print(
        f"generated {args.rows} rows ({bench.stat().st_size / 1e6:.1f} MB) and {args.other_source_rows} of another source in {folder}"
    )
    first_other, _, _ = timed_import(engine, settings, other, mapping, "gemeente")
    print(f"other source: {first_other.summary()}")
    load = os.getloadavg()[0]
    first, first_s, first_cpu = timed_import(engine, settings, bench, mapping, "bench")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"first import:  {first.summary()}")
    print(
        f"  {args.rows / first_s:,.0f} rows/s wall ({first_s:.1f} s), {args.rows / first_cpu:,.0f} rows/s "
        f"by this process's CPU time ({first_cpu:.1f} s; load average {load:.1f} on {os.cpu_count()} CPUs), "
        f"peak memory {peak_mb:,.0f} MB"
    )
    second, second_s, second_cpu = timed_import(engine, settings, bench, mapping, "bench")
    print(f"re-import:     {second.summary()}")
    print(
        f"  {args.rows / second_s:,.0f} rows/s wall ({second_s:.1f} s), {first_s / second_s:.1f}x faster than "
        f"the first import ({first_cpu / second_cpu:.1f}x by CPU time)"
    )
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS, whole benchmark): {peak_mb:,.0f} MB")
    for label, seconds, again in (("wall", first_s, second_s), ("CPU", first_cpu, second_cpu)):
        ok = args.rows / seconds >= 2000 and peak_mb <= 500 and seconds / again >= 3
        print(
            f"targets (>= 2,000 rows/s, <= 500 MB, re-import >= 3x faster) by {label} time:",
            "met" if ok else "NOT met",
        )
    engine.dispose()


if __name__ == "__main__":
    main()
