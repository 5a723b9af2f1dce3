"""A machine-wide snapshot of the match index: numpy files named by catalogue version, memory-mapped by every worker.

One process builds (a child process holding a file lock, so the web workers neither stall nor grow),
writes a folder beside the final name and renames it into place; every worker of the machine maps
the same files read-only, so the operating system keeps one copy of the arrays in its page cache.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import datetime
from pathlib import Path
from typing import Any, overload

import numpy as np
import numpy.typing as npt
from sqlalchemy.engine import Engine as DbEngine

from matching.engine.index import MatchIndex

log = logging.getLogger(__name__)

_POSTINGS = ("talent_postings", "language_postings", "word_postings", "title_postings")
_NAMES = ("providers", "talent_codes", "language_codes")
KEEP = 3  # snapshots kept per database (older ones are deleted; a worker still mapping one keeps its pages)


class Postings(Sequence[npt.NDArray[np.int32]]):
    """Postings lists as views into one flat (memory-mapped) array: key k -> flat[ptr[k]:ptr[k+1]]."""

    def __init__(self, flat: npt.NDArray[np.int32], ptr: npt.NDArray[np.int64]) -> None:
        self.flat, self.ptr = flat, ptr

    def __len__(self) -> int:
        return len(self.ptr) - 1

    @overload
    def __getitem__(self, key: int) -> npt.NDArray[np.int32]: ...
    @overload
    def __getitem__(self, key: slice) -> Sequence[npt.NDArray[np.int32]]: ...
    def __getitem__(self, key: int | slice) -> Any:
        if isinstance(key, slice):
            return [self[k] for k in range(*key.indices(len(self)))]
        if key < 0:
            key += len(self)
        if not 0 <= key < len(self):
            raise IndexError(key)
        return self.flat[self.ptr[key] : self.ptr[key + 1]]


@dataclass(frozen=True)
class Snapshot:
    """A snapshot folder and what it holds."""

    path: Path
    version: int
    changed_at: (
        str  # the catalogue's changed_at when the build began (tells a restored database apart)
    )
    newest: (
        datetime | None
    )  # newest updated_at the index has seen (where incremental refresh starts)
    built_at: float  # wall-clock time of the build
    build_s: float
    size: int


def database_key(db: DbEngine) -> str:
    """A short name for a database (its URL without the password), so two databases never share files."""
    return hashlib.sha1(db.url.render_as_string(hide_password=True).encode()).hexdigest()[:12]


def save(index: MatchIndex, folder: Path, meta: dict[str, Any]) -> None:
    """Write an index into an empty folder: one .npy per array, flat postings, names as JSON."""
    folder.mkdir(parents=True)
    names: dict[str, Any] = {n: getattr(index, n) for n in _NAMES}
    names["vocabulary"] = list(index.vocabulary)  # ids are the list positions (insertion order)
    for f in fields(index):
        value = getattr(index, f.name)
        if isinstance(value, np.ndarray):
            np.save(folder / f"{f.name}.npy", value, allow_pickle=False)
    for name in _POSTINGS:
        lists = getattr(index, name)
        lengths = np.fromiter((len(p) for p in lists), np.int64, len(lists))
        ptr = np.zeros(len(lists) + 1, np.int64)
        np.cumsum(lengths, out=ptr[1:])
        flat = np.concatenate(list(lists)).astype(np.int32) if len(lists) else np.empty(0, np.int32)
        np.save(folder / f"{name}.flat.npy", flat, allow_pickle=False)
        np.save(folder / f"{name}.ptr.npy", ptr, allow_pickle=False)
    meta = {**meta, "size": index.size, "n_cols": index.n_cols, "origin": list(index.origin)}
    (folder / "names.json").write_text(json.dumps(names, ensure_ascii=False), encoding="utf-8")
    (folder / "meta.json").write_text(
        json.dumps(meta), encoding="utf-8"
    )  # written last: marks it whole


def load(folder: Path) -> tuple[Snapshot, MatchIndex]:
    """Map a snapshot read-only: arrays are views of the files, shared with every process mapping them."""
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    names = json.loads((folder / "names.json").read_text(encoding="utf-8"))
    arrays: dict[str, Any] = {}
    for f in fields(MatchIndex):
        path = folder / f"{f.name}.npy"
        if path.exists():
            arrays[f.name] = np.asarray(np.load(path, mmap_mode="r", allow_pickle=False))
    for name in _POSTINGS:
        flat = np.asarray(np.load(folder / f"{name}.flat.npy", mmap_mode="r", allow_pickle=False))
        ptr = np.asarray(np.load(folder / f"{name}.ptr.npy", mmap_mode="r", allow_pickle=False))
        arrays[name] = Postings(flat, ptr)
    index = MatchIndex(
        size=int(meta["size"]),
        n_cols=int(meta["n_cols"]),
        origin=(float(meta["origin"][0]), float(meta["origin"][1])),
        vocabulary={word: n for n, word in enumerate(names["vocabulary"])},
        **{n: names[n] for n in _NAMES},
        **arrays,
    )
    newest = datetime.fromisoformat(meta["newest"]) if meta.get("newest") else None
    snapshot = Snapshot(
        folder, int(meta["version"]), str(meta["changed_at"]), newest, float(meta["built_at"]),
        float(meta["build_s"]), int(meta["size"]),
    )  # fmt: skip
    return snapshot, index


class SnapshotStore:
    """The snapshots of one database in one folder, and the lock that lets one process build at a time."""

    def __init__(self, folder: Path, db: DbEngine) -> None:
        self.folder = folder
        self.db = db
        self.key = database_key(db)

    def _name(self, version: int, changed_at: str) -> str:
        stamp = hashlib.sha1(changed_at.encode()).hexdigest()[:8]
        return f"{self.key}-v{version:012d}-{stamp}"

    def find(self, version: int, changed_at: str) -> Path | None:
        """The finished snapshot of exactly this catalogue state, if one was written."""
        path = self.folder / self._name(version, changed_at)
        return path if (path / "meta.json").exists() else None

    def latest(self) -> Path | None:
        """The newest finished snapshot of this database (any version)."""
        found = sorted(p for p in self.folder.glob(f"{self.key}-v*") if (p / "meta.json").exists())
        return found[-1] if found else None

    @contextmanager
    def building(self) -> Iterator[None]:
        """Hold the machine-wide build lock of this database (waits; call it off the request path)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        with (self.folder / f".{self.key}.lock").open("a+") as handle:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    def ensure(self, version: int, changed_at: str) -> Path:
        """The snapshot of this catalogue state (or newer), built by a child process unless another has."""
        with self.building():
            found = self.find(version, changed_at)
            if found is not None:
                return found
            env = {
                **os.environ,
                "OPSTAP_SNAPSHOT_DATABASE": self.db.url.render_as_string(hide_password=False),
            }
            root = str(Path(__file__).resolve().parent.parent)
            env["PYTHONPATH"] = os.pathsep.join(filter(None, [root, env.get("PYTHONPATH", "")]))
            done = subprocess.run(
                [sys.executable, "-m", "matching.index_snapshot", str(self.folder)],
                env=env, capture_output=True, text=True, check=False,
            )  # fmt: skip
            if done.returncode != 0:
                raise RuntimeError(
                    f"building the match index snapshot failed: {done.stderr[-2000:]}"
                )
            built = Path(done.stdout.strip().splitlines()[-1])
            self.prune()
            return built

    def write(self, build: Any) -> Path:
        """Build (`build()` -> (version, changed_at, newest, index)) and rename the result into place."""
        started = time.perf_counter()
        version, changed_at, newest, index = build()
        final = self.folder / self._name(version, changed_at)
        if (final / "meta.json").exists():
            return final
        partial = self.folder / f".partial-{final.name}-{os.getpid()}"
        shutil.rmtree(partial, ignore_errors=True)
        meta = {
            "version": version, "changed_at": changed_at, "newest": newest.isoformat() if newest else None,
            "built_at": time.time(), "build_s": round(time.perf_counter() - started, 3),
        }  # fmt: skip
        save(index, partial, meta)
        shutil.rmtree(final, ignore_errors=True)  # a folder without meta.json is an unfinished one
        os.rename(partial, final)  # atomic: a reader sees the whole snapshot or none
        return final

    def prune(self) -> None:
        """Delete all but the newest few snapshots of this database."""
        found = sorted(p for p in self.folder.glob(f"{self.key}-v*") if (p / "meta.json").exists())
        for old in found[:-KEEP]:
            shutil.rmtree(old, ignore_errors=True)


def build_from_database(db: DbEngine) -> tuple[int, str, datetime | None, MatchIndex]:
    """Read the catalogue state first, then the index (so the snapshot never claims newer rows)."""
    from sqlmodel import Session

    from matching.index_loader import catalogue_state, load_index

    with Session(db) as session:
        version, changed_at = catalogue_state(session)
        loaded_version, newest, index = load_index(session)
    return version, changed_at, newest, index


def main(argv: list[str]) -> None:
    """Child process: build the snapshot of the database in OPSTAP_SNAPSHOT_DATABASE; print its folder."""
    from matching.db import make_engine

    os.nice(10)  # a background build yields the CPU to the workers answering requests
    db = make_engine(os.environ["OPSTAP_SNAPSHOT_DATABASE"])
    store = SnapshotStore(Path(argv[0]), db)
    print(store.write(lambda: build_from_database(db)))
    db.dispose()


if __name__ == "__main__":
    main(sys.argv[1:])
