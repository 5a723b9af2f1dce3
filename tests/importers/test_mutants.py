"""Importers fail in words: a corpus of broken variants of every adapter's good input.

For each adapter's good input the corpus holds: every value replaced by a huge number, by the wrong
type (an object, a list, text where a number belongs) and by a deeply nested value; the whole document
nested too deep; the document cut off half-way. Every variant either lands, is rejected row by row with
a reason, or is refused as a whole with a message — and no message carries a Python exception's text,
and the items an earlier import brought in stay exactly as they were.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine

from importers.registry import ADAPTERS
from importers.runner import UNEXPECTED_RECORD, UNEXPECTED_RUN, RunResult
from matching.settings import Settings
from tests.importers.helpers import (
    do_import,
    fixture,
    load_demo_postcodes,
    snapshot,
    xlsx_from_csv,
)
from tests.importers.test_contract import CASES

# The marks of an exception's own text: its class name, or the phrases Python and drivers use.
EXCEPTION_TEXT = re.compile(
    r"\b[A-Z][A-Za-z]*(Error|Exception)\b|Traceback|sqlalchemy|psycopg|\[SQL:|"
    r"object of type|NoneType|unhashable|invalid literal|could not convert|has no attribute|"
    r"not subscriptable|is not iterable|maximum recursion|too large to convert|"
    r"object is not|argument must be|expected string or bytes"
)
HUGE = 10**30
DEEP = 3_000
MAX_LEAVES = 16  # per adapter and kind of change, so the corpus stays quick


DEEP_MARK = (
    "__deep__"  # replaced by DEEP nested arrays when written (json.dumps cannot nest that far)
)


def _dumps(document: Any) -> str:
    return json.dumps(document).replace(f'"{DEEP_MARK}"', "[" * DEEP + "1" + "]" * DEEP)


def _leaves(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _leaves(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _leaves(value, (*path, index))
    else:
        yield path, node


def _replace(document: Any, path: tuple[Any, ...], value: Any) -> Any:
    copy = json.loads(json.dumps(document))
    node = copy
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return copy


def _value_mutants(document: Any) -> Iterator[tuple[str, Any]]:
    """Each leaf (up to MAX_LEAVES of each kind) as a huge number, the wrong type, a deep value."""
    leaves = [(p, v) for p, v in _leaves(document) if p]
    numbers = [(p, v) for p, v in leaves if isinstance(v, int | float) and not isinstance(v, bool)]
    texts = [(p, v) for p, v in leaves if isinstance(v, str)]
    for path, _value in numbers[:MAX_LEAVES]:
        yield f"huge {path}", _replace(document, path, HUGE)
        yield f"text for number {path}", _replace(document, path, "veel")
    for path, _value in texts[:MAX_LEAVES]:
        yield f"object for text {path}", _replace(document, path, {"x": [1, {"y": None}]})
        yield f"number for text {path}", _replace(document, path, 1.5e300)
    for path, _value in leaves[: MAX_LEAVES // 4]:
        yield f"deep value {path}", _replace(document, path, DEEP_MARK)


def _write(tmp: Path, name: str, text: str | bytes) -> Path:
    path = tmp / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def _json_mutants(good: Path, tmp: Path) -> Iterator[tuple[str, Path]]:
    """Mutants of a JSON document (a file, or each page of an RPDE feed folder)."""
    if good.is_dir():
        for page in sorted(good.glob("*.json")):
            document = json.loads(page.read_text(encoding="utf-8"))
            for n, (name, mutant) in enumerate(_value_mutants(document)):
                folder = tmp / f"feed-{page.stem}-{n}"
                shutil.copytree(good, folder)
                (folder / page.name).write_text(_dumps(mutant), encoding="utf-8")
                yield f"{page.name}: {name}", folder
        for how, text in _document_mutants(good / "page-1.json"):
            folder = tmp / f"feed-doc-{how}"
            shutil.copytree(good, folder)
            (folder / "page-1.json").write_text(text, encoding="utf-8")
            yield f"page-1.json: {how}", folder
        return
    document = json.loads(good.read_text(encoding="utf-8"))
    for n, (name, mutant) in enumerate(_value_mutants(document)):
        yield name, _write(tmp, f"m{n}{good.suffix}", _dumps(mutant))
    for how, text in _document_mutants(good):
        yield how, _write(tmp, f"{how}{good.suffix}", text)


def _document_mutants(good: Path) -> Iterator[tuple[str, str]]:
    text = good.read_text(encoding="utf-8")
    yield "nested too deep", "[" * 100_000 + "]" * 100_000
    yield "deep inside", text.replace("{", '{"deep": ' + "[" * 50_000 + "]" * 50_000 + ", ", 1)
    yield "cut off", text[: len(text) // 2]
    yield "empty", ""


def _native_mutants(_good: Path, tmp: Path) -> Iterator[tuple[str, Path]]:
    from tests.factories import native_line

    line = native_line(id="mutant")
    for n, (name, mutant) in enumerate(_value_mutants(line)):
        yield name, _write(tmp, f"m{n}.jsonl", _dumps(mutant) + "\n")
    for field, value in (("places_left", HUGE), ("id", {"a": 1}), ("id", 1.5), ("id", True),
                         ("cost_eur_year", 1e400), ("talents", 5), ("schedule", "tue")):  # fmt: skip
        yield (
            f"{field}={value!r}",
            _write(tmp, f"{field}.jsonl", json.dumps({**line, field: value})),
        )
    yield "nested too deep", _write(tmp, "deep.jsonl", "[" * 100_000 + "]" * 100_000 + "\n")
    yield "cut off", _write(tmp, "cut.jsonl", json.dumps(line)[:40] + "\n")


def _csv_mutants(good: Path, tmp: Path) -> Iterator[tuple[str, Path]]:
    rows = list(csv.reader(io.StringIO(good.read_text(encoding="utf-8-sig")), delimiter=";"))
    header, body = rows[0], rows[1:]
    for column in range(len(header)):
        for how, value in (("huge", str(HUGE)), ("text", "veel"), ("long", "x" * 5_000)):
            changed = [header] + [r[:column] + [value] + r[column + 1 :] for r in body]
            out = io.StringIO()
            csv.writer(out, delimiter=";").writerows(changed)
            yield f"{how} in {header[column]}", _write(tmp, f"c{column}-{how}.csv", out.getvalue())
    text = good.read_text(encoding="utf-8")
    yield "cut off in a quote", _write(tmp, "cut.csv", text[: len(text) // 2] + '"open')
    yield "not text", _write(tmp, "binary.csv", b"\xff\xfe\x00\x81" * 50)


def _xlsx_mutants(_good: Path, tmp: Path) -> Iterator[tuple[str, Path]]:
    good = fixture("sportclubs.csv")
    for name, path in _csv_mutants(good, tmp):
        if path.suffix == ".csv" and "not text" not in name and "cut" not in name:
            yield name, xlsx_from_csv(path, path.with_suffix(".xlsx"))
    workbook = xlsx_from_csv(good, tmp / "good.xlsx").read_bytes()
    yield "cut off", _write(tmp, "cut.xlsx", workbook[: len(workbook) // 2])


def _jobposting_mutants(good: Path, tmp: Path) -> Iterator[tuple[str, Path]]:
    html = good.read_text(encoding="utf-8")
    found = re.search(r'(<script type="application/ld\+json">)(.*?)(</script>)', html, re.S)
    assert found
    document = json.loads(found.group(2))

    def page(body: str) -> str:
        return html[: found.start(2)] + body + html[found.end(2) :]

    for n, (name, mutant) in enumerate(_value_mutants(document)):
        yield name, _write(tmp, f"m{n}.html", page(_dumps(mutant)))
    for how, text in _document_mutants(good):
        yield f"JSON-LD {how}", _write(tmp, f"{how}.html", page(text))


MUTANTS: dict[str, Callable[[Path, Path], Iterator[tuple[str, Path]]]] = {
    "native": _native_mutants,
    "csv": _csv_mutants,
    "duo-mbo": _csv_mutants,
    "xlsx": _xlsx_mutants,
    "openactive": _json_mutants,
    "hsds-json": _json_mutants,
    "jobposting": _jobposting_mutants,
    "geojson": _json_mutants,
    "overpass": _json_mutants,
}


def test_every_adapter_has_a_mutant_corpus() -> None:
    formats = {CASES[name].format for name in MUTANTS}
    assert formats == set(ADAPTERS)


def _messages(result: RunResult) -> list[str]:
    return [result.error or ""] + [r.reason for r in result.rejections]


@pytest.mark.parametrize("name", sorted(MUTANTS))
def test_broken_input_is_refused_in_words_and_changes_nothing(
    name: str, engine: Engine, settings: Settings, tmp_path: Path
) -> None:
    case = CASES[name]
    good = case.make(tmp_path)
    load_demo_postcodes(engine)
    assert do_import(engine, settings, good, options=case.options).status == "success"
    before = snapshot(engine)
    tried = refused = 0
    problems: list[tuple[str, str]] = []
    for label, path in MUTANTS[name](good, tmp_path):
        # No merging with the earlier items: a variant must not reach them even as a duplicate.
        result = do_import(
            engine,
            settings,
            path,
            source=f"mutant-{name}",
            fmt=case.format,
            options=case.options,
            dedup=False,
        )
        tried += 1
        assert result.status in ("success", "failed"), (label, result.status)
        for message in _messages(result):
            # Every refusal is foreseen (named by the adapter or the format's checks), in words.
            if EXCEPTION_TEXT.search(message) or message in (UNEXPECTED_RECORD, UNEXPECTED_RUN):
                problems.append((label, message))
        if result.status == "failed":
            refused += 1
            assert result.error and len(result.error) < 500, label
        for rejection in result.rejections:
            assert rejection.row >= 1 and rejection.reason, label
        refused += bool(result.rejections)
        # What the earlier import brought in is exactly as it was.
        after = [row for row in snapshot(engine) if not str(row[0]).startswith("mutant-")]
        assert after == before, label
    assert problems == []
    assert tried >= 8 and refused >= 3, (tried, refused)


NAMED = [
    ("native", {"places_left": HUGE}, "places_left"),
    ("native", {"id": {"a": 1}}, "id"),
    ("native", {"lat": "north"}, "lat"),
    ("native", {"cost_eur_year": "1e400"}, "cost_eur_year"),  # a number too big for a float
    ("native", {"age_min": HUGE}, "age_min"),
    ("native", {"hours_week": HUGE}, "hours_week"),
]


@pytest.mark.parametrize(("name", "change", "field"), NAMED)
def test_the_reason_names_the_field_and_the_line(
    name: str,
    change: dict[str, Any],
    field: str,
    engine: Engine,
    settings: Settings,
    tmp_path: Path,
) -> None:
    from tests.factories import native_line

    load_demo_postcodes(engine)
    lines = [native_line(id="good"), {**native_line(id="bad"), **change}]
    text = "\n".join(json.dumps(x) for x in lines).replace('"1e400"', "1e400")
    path = _write(tmp_path, "two.jsonl", text + "\n")
    result = do_import(engine, settings, path, source="named")
    assert result.status == "success" and result.added == 1
    [rejection] = result.rejections
    assert rejection.row == 2 and field in rejection.reason, rejection.reason
    assert not EXCEPTION_TEXT.search(rejection.reason), rejection.reason


def test_a_document_nested_too_deep_is_refused_naming_the_problem(
    engine: Engine, settings: Settings, tmp_path: Path
) -> None:
    for fmt, name in (("hsds", "deep.json"), ("openactive", "deep.json"), ("geojson", "d.geojson")):
        path = _write(tmp_path, name, '{"items": ' + "[" * 100_000 + "]" * 100_000 + "}")
        result = do_import(engine, settings, path, fmt=fmt)
        assert result.status == "failed", fmt
        assert "nested" in (result.error or "") and "deep" in (result.error or ""), result.error


def test_good_fixture_still_imports() -> None:
    assert fixture("sportclubs.csv").exists()
