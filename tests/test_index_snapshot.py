"""The machine-wide index snapshot: mapped read-only, the same answers as a built index, patched on a copy."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
from sqlalchemy.engine import Engine
from sqlmodel import Session

from matching.catalogue import set_places_left
from matching.engine import Engine as MatchEngine
from matching.engine import parse_profile
from matching.index_snapshot import SnapshotStore, build_from_database, load
from matching.match_service import IndexCache
from tests.factories import ZOETERMEER, add_opportunity

TODAY = date(2026, 12, 1)
PROFILES = [
    {"talents": ["football"], "location": {"lat": ZOETERMEER[0], "lon": ZOETERMEER[1]}},
    {
        "talents": ["chess", "koken"],
        "location": {"lat": ZOETERMEER[0], "lon": ZOETERMEER[1]},
        "travel": "walk",
    },
    {
        "wishes": ["vrijwilligerswerk"],
        "location": {"lat": ZOETERMEER[0] + 0.02, "lon": ZOETERMEER[1]},
    },
]


def _catalogue(engine: Engine) -> list[int]:
    ids = []
    with Session(engine, expire_on_commit=False) as session:
        for n, (talent, kind) in enumerate(
            [("football", "club"), ("chess", "club"), ("cooking", "volunteer")] * 4
        ):
            opp = add_opportunity(session, title=f"{talent} {n} samen koken", talents=[talent], kind=kind,
                                  lat=ZOETERMEER[0] + n * 0.003, lon=ZOETERMEER[1] - n * 0.002,
                                  provider_name=f"Aanbieder {n}")  # fmt: skip
            ids.append(opp.id)
    return ids


def _answers(index: object) -> list[list[tuple[int, float]]]:
    engine = MatchEngine(index)  # type: ignore[arg-type]
    return [
        [(s.id, s.score) for s in engine.match(parse_profile(p), today=TODAY, limit=5).suggestions]
        for p in PROFILES
    ]


def test_a_snapshot_answers_like_the_index_it_was_built_from(
    engine: Engine, tmp_path: Path
) -> None:
    _catalogue(engine)
    store = SnapshotStore(tmp_path / "index", engine)
    built = build_from_database(engine)
    path = store.write(lambda: built)
    assert path.name.startswith(store.key) and (path / "meta.json").exists()
    assert not list(
        (tmp_path / "index").glob(".partial-*")
    )  # renamed into place, nothing left half-written
    snapshot, mapped = load(path)
    assert (snapshot.version, snapshot.size) == (built[0], built[3].size)
    assert _answers(mapped) == _answers(built[3])
    assert not mapped.places.flags.writeable  # read-only: every worker shares the same pages
    assert isinstance(mapped.lat.base, np.memmap) or isinstance(
        getattr(mapped.lat.base, "base", None), np.memmap
    )
    assert len(mapped.word_postings) == len(built[3].word_postings)
    assert all(
        np.array_equal(a, b)
        for a, b in zip(mapped.word_postings, built[3].word_postings, strict=True)
    )
    assert store.write(lambda: built) == path  # the same catalogue state is written once


def test_a_places_left_change_patches_a_copy_of_the_mapped_index(
    engine: Engine, tmp_path: Path
) -> None:
    ids = _catalogue(engine)
    cache = IndexCache(sync_below=0, snapshot_dir=str(tmp_path / "index"), background=False)
    first = cache.warm(engine)
    assert (
        first.origin == "snapshot" and cache.rebuilds == 0
    )  # built by a child process, then mapped
    with Session(engine) as session:
        set_places_left(session, opportunity_id=ids[0], places_left=0)
        session.commit()
    patched = cache.refresh_now(engine)
    assert cache.patches == 1 and patched.version > first.version
    at = patched.index.position(ids[0])
    assert at is not None and patched.index.places[at] == 0
    assert first.index.places[first.index.position(ids[0])] != 0  # the previous index is untouched
    _, reread = load(
        Path(tmp_path / "index").glob(f"{SnapshotStore(tmp_path, engine).key}-v*").__next__()
    )
    assert reread.places[reread.position(ids[0])] != 0  # and so is the file
    with Session(engine, expire_on_commit=False) as session:
        new = add_opportunity(session, title="Nieuw", talents=["football"])
    rebuilt = cache.refresh_now(engine)
    assert rebuilt.origin == "snapshot" and rebuilt.index.position(new.id) is not None
    assert len([p for p in (tmp_path / "index").iterdir() if not p.name.startswith(".")]) == 2
