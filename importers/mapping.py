"""The declarative column mapping of tabular sources: column → field, constants, templates, value maps."""

from __future__ import annotations

import functools
import hashlib
import re
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from importers.base import RowError, SourceUnreadable
from matching.json_text import JsonTextError, loads
from matching.schema import OpportunityIn
from matching.taxonomy import Taxonomy, default_taxonomy

FIELDS = frozenset(OpportunityIn.model_fields) - {"source"}
INT_FIELDS = frozenset({"places_left", "age_min", "age_max", "phase"})
FLOAT_FIELDS = frozenset({"cost_eur_year", "hours_week", "lat", "lon"})
BOOL_FIELDS = frozenset({"subsidy", "free_trial", "buddy", "paid"})
LIST_FIELDS = frozenset({"talents", "languages", "integration_value"})
TRUE_WORDS = frozenset({"ja", "j", "yes", "y", "true", "waar", "1", "x", "✓", "wel"})
FALSE_WORDS = frozenset({"nee", "n", "no", "false", "onwaar", "0", "niet", "-"})
DAY_WORDS = {
    "ma": "mon", "maandag": "mon", "mon": "mon", "monday": "mon",
    "di": "tue", "dinsdag": "tue", "tue": "tue", "tuesday": "tue",
    "wo": "wed", "woensdag": "wed", "wed": "wed", "wednesday": "wed",
    "do": "thu", "donderdag": "thu", "thu": "thu", "thursday": "thu",
    "vr": "fri", "vrijdag": "fri", "fri": "fri", "friday": "fri",
    "za": "sat", "zaterdag": "sat", "sat": "sat", "saturday": "sat",
    "zo": "sun", "zondag": "sun", "sun": "sun", "sunday": "sun",
}  # fmt: skip
_TEMPLATE = re.compile(r"\{([^{}]+)\}")
_SESSION = re.compile(r"^\s*([A-Za-z]+)\.?\s+(\d{1,2}[:.]\d{2})\s*[-–]\s*(\d{1,2}[:.]\d{2})\s*$")
_NUMBER = re.compile(r"^[-+]?[\d.,\s]+$")


class MappingError(SourceUnreadable):
    """A mapping file that cannot be used; the message names the entry."""


Cell = str | int | float | bool | date | datetime | None
Getter = Callable[[Mapping[str, Cell]], Any]


def cell_text(value: Cell) -> str:
    """A cell as trimmed text ('' for empty); whole floats from Excel lose their '.0'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return (
            value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def parse_number(text: str, *, decimal: str, field: str) -> float:
    """'1.250,50' (decimal comma) or '1,250.50' -> 1250.5; RowError naming the field otherwise."""
    raw = text.replace("€", "").replace("\u00a0", "").strip()
    if not _NUMBER.match(raw):
        raise RowError(f"{field}: {text!r} is not a number")
    raw = raw.replace(" ", "")
    if decimal == ",":
        raw = raw.replace(".", "").replace(",", ".")
    else:
        raw = raw.replace(",", "")
    try:
        return float(raw)
    except ValueError:
        raise RowError(f"{field}: {text!r} is not a number") from None


def parse_bool(text: str, *, field: str) -> bool:
    """Ja/nee, yes/no, true/false, 1/0, x."""
    word = text.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise RowError(f"{field}: {text!r} is not yes or no (ja/nee, yes/no, 1/0)")


def parse_schedule(text: str) -> list[dict[str, str]]:
    """'di 19:00-20:30; za 10.00-12.00' -> sessions; RowError naming the part it cannot read."""
    sessions = []
    for part in re.split(r"[;\n|]", text):
        if not part.strip():
            continue
        match = _SESSION.match(part)
        day = DAY_WORDS.get(match.group(1).lower()) if match else None
        if match is None or day is None:
            raise RowError(
                f"schedule: cannot read {part.strip()!r}; write it like 'di 19:00-20:30'"
            )
        sessions.append(
            {
                "day": day,
                "start": match.group(2).replace(".", ":"),
                "end": match.group(3).replace(".", ":"),
            }
        )
    return sessions


@dataclass(frozen=True)
class FieldRule:
    """How one native field is filled from a row."""

    field: str
    get: Getter
    columns: tuple[str, ...]
    read: Getter | None = None  # the raw cell (or template, or constant) …
    convert: Callable[[Any], Any] | None = None  # … and how it becomes the field's value
    default: Any = None


def _template_getter(template: str) -> tuple[Getter, tuple[str, ...]]:
    parts = _TEMPLATE.split(template)  # literal, column, literal, column, …
    columns = tuple(parts[1::2])

    def get(row: Mapping[str, Cell]) -> str:
        pieces = [part if i % 2 == 0 else cell_text(row.get(part)) for i, part in enumerate(parts)]
        return " ".join("".join(pieces).split()).strip(" ,-")

    return get, columns


def _source_getter(spec: Mapping[str, Any], field: str) -> tuple[Getter, tuple[str, ...]]:
    if "value" in spec:
        constant = spec["value"]
        return (lambda _row: constant), ()
    if "template" in spec:
        return _template_getter(str(spec["template"]))
    if "column" in spec:
        column = str(spec["column"])
        return (lambda row: row.get(column)), (column,)
    raise MappingError(f"mapping: field {field!r} needs a column, a template or a value")


CACHE_LIMIT = 50_000  # distinct cell texts remembered per field (a column repeats its values a lot)


def _memo(function: Callable[[str], Any]) -> Callable[[str], Any]:
    """Remember a converter's answers per cell text; errors are not remembered (they are raised again)."""
    cache: dict[str, Any] = {}

    def converted(text: str) -> Any:
        try:
            return cache[text]
        except KeyError:
            value = function(text)
            if len(cache) < CACHE_LIMIT:
                cache[text] = value
            return value

    return converted


def _text_converter(field: str, *, decimal: str, split: str | None, taxonomy: Taxonomy | None,
                    values_map: dict[str, Any]) -> Callable[[str], Any]:  # fmt: skip
    """How a non-empty cell text becomes this field's value."""
    if field in LIST_FIELDS:
        splitter = re.compile(f"[{re.escape(split)}]") if split else None

        def to_list(text: str) -> list[str]:
            words = [w.strip() for w in (splitter.split(text) if splitter else [text]) if w.strip()]
            if values_map:
                words = [values_map.get(w.lower(), w) for w in words]
            if taxonomy is not None:
                # Resolved here so the mapping says which column feeds the taxonomy; unknown words stay.
                words = [taxonomy.resolve(w).code or w for w in words]
            return words

        return _memo(to_list)
    if field in BOOL_FIELDS:
        return _memo(lambda text: parse_bool(text, field=field))
    if field in INT_FIELDS or field in FLOAT_FIELDS:

        def to_number(text: str) -> float | int:
            number = parse_number(text, decimal=decimal, field=field)
            if field in INT_FIELDS:
                if not number.is_integer():
                    raise RowError(f"{field}: {text!r} is not a whole number")
                return int(number)
            return number

        return _memo(to_number)
    if field == "schedule":
        return _memo(parse_schedule)
    return lambda text: text


def _rule(field: str, spec: Any, *, decimal: str, taxonomy: Taxonomy | None) -> FieldRule:
    if field not in FIELDS:
        raise MappingError(
            f"mapping: {field!r} is not a catalogue field; known: {', '.join(sorted(FIELDS))}"
        )
    if isinstance(spec, str):
        spec = {"template": spec} if _TEMPLATE.search(spec) else {"column": spec}
    if not isinstance(spec, Mapping):
        raise MappingError(f"mapping: field {field!r} must be a column name, a template or a table")
    raw_get, columns = _source_getter(spec, field)
    values_map = {str(k).strip().lower(): v for k, v in (spec.get("map") or {}).items()}
    split = spec.get("split", ",;" if field in LIST_FIELDS else None)
    default = spec.get("default")
    if spec.get("taxonomy") and taxonomy is None:
        taxonomy = default_taxonomy()
    from_text = _text_converter(
        field, decimal=decimal, split=split, taxonomy=taxonomy if spec.get("taxonomy") else None,
        values_map=values_map if field in LIST_FIELDS else {},
    )  # fmt: skip
    is_list, is_number = field in LIST_FIELDS, field in INT_FIELDS or field in FLOAT_FIELDS
    # Plain text fields: cells are already trimmed by the readers and templates.
    is_text = not is_list and not is_number and field not in BOOL_FIELDS and field != "schedule"

    def convert(value: Any) -> Any:
        if value is None:
            return [] if is_list else None
        if values_map and not is_list and isinstance(value, str):
            value = values_map.get(value.strip().lower(), value)
        if value.__class__ is str:
            text = value if is_text else value.strip()
            if is_text:
                return text or None
        elif isinstance(value, list):
            return (
                value if is_list or field == "schedule" else cell_text(", ".join(map(str, value)))
            )
        elif isinstance(value, bool):
            return value if field in BOOL_FIELDS else from_text(cell_text(value))
        elif is_number and isinstance(value, (int, float)):
            return (
                int(value)
                if field in INT_FIELDS and float(value).is_integer()
                else from_text(cell_text(value))
            )
        else:
            text = cell_text(value)  # Excel numbers and dates in a text field (a postcode 2711)
        if not text:
            return [] if is_list else None
        return from_text(text)

    def get(row: Mapping[str, Cell]) -> Any:
        value = convert(raw_get(row))
        if default is not None and value in (None, "", []):
            return default
        return value

    return FieldRule(field, get, columns, raw_get, convert, default)


@dataclass(frozen=True)
class Mapping_:
    """A loaded mapping: rules per field, plus how to read the file."""

    rules: tuple[FieldRule, ...]
    kind: str | None
    delimiter: str | None
    encoding: str
    decimal: str
    sheet: str | None
    header_row: int
    fingerprint: str = ""  # changes when the mapping changes, so unchanged rows are re-mapped then

    @functools.cached_property
    def _steps(self) -> list[tuple[str, Getter, Callable[[Any], Any], Any]]:
        return [
            (r.field, r.read or r.get, r.convert or (lambda v: v), r.default) for r in self.rules
        ]

    def id_of(self, row: Mapping[str, Cell]) -> str:
        """The row's id as the mapping makes it ('' when empty)."""
        for rule in self.rules:
            if rule.field == "id":
                value = rule.get(row)
                return str(value) if value not in (None, "") else ""
        return ""

    def columns(self) -> set[str]:
        """Every column the mapping reads."""
        return {c for rule in self.rules for c in rule.columns}

    def check_header(self, header: Sequence[str], location: str) -> None:
        """SourceUnreadable when the file lacks a column the mapping needs."""
        missing = sorted(self.columns() - set(header))
        if missing:
            have = ", ".join(repr(h) for h in header if h)
            raise SourceUnreadable(
                f"{location}: the mapping reads column(s) {', '.join(map(repr, missing))}, which the file does not have "
                f"(it has: {have})"
            )

    def apply(self, row: Mapping[str, Cell], *, kind: str | None = None) -> dict[str, Any]:
        """The native dict for one row; empty cells leave a field out so its default applies."""
        item: dict[str, Any] = {}
        for field, read, convert, default in self._steps:
            value = convert(read(row))
            if value is None or value == "" or value == []:
                if default is None:
                    continue
                value = default
            item[field] = value
        if "id" not in item:
            columns = next((r.columns for r in self.rules if r.field == "id"), ())
            raise RowError(
                f"id: {', '.join(map(repr, columns)) or 'the id'} is empty, so the row cannot be matched"
            )
        if "kind" not in item and (kind or self.kind):
            item["kind"] = kind or self.kind
        return item


def parse_mapping(
    document: Mapping[str, Any], *, origin: str, taxonomy: Taxonomy | None = None
) -> Mapping_:
    """Build a mapping from its parsed TOML/JSON document."""
    decimal = str(document.get("decimal", ","))
    if decimal not in {",", "."}:
        raise MappingError(f"{origin}: decimal must be ',' or '.', got {decimal!r}")
    fields = document.get("fields")
    if not isinstance(fields, Mapping) or not fields:
        raise MappingError(f"{origin}: no [fields] table (column → field)")
    rules = [
        _rule(str(name), spec, decimal=decimal, taxonomy=taxonomy) for name, spec in fields.items()
    ]
    for name, value in (document.get("constants") or {}).items():
        rules.append(_rule(str(name), {"value": value}, decimal=decimal, taxonomy=taxonomy))
    if not any(rule.field == "id" for rule in rules):
        raise MappingError(
            f"{origin}: map a column (or a template) to id, so a re-import finds the same items"
        )
    encoding = str(document.get("encoding", "auto"))
    return Mapping_(
        fingerprint=hashlib.sha1(repr(sorted(document.items(), key=str)).encode()).hexdigest()[:16],
        rules=tuple(rules),
        kind=document.get("kind"),
        delimiter=document.get("delimiter"),
        encoding=encoding,
        decimal=decimal,
        sheet=document.get("sheet"),
        header_row=int(document.get("header_row", 1)),
    )


def load_mapping(path: str | Path, *, taxonomy: Taxonomy | None = None) -> Mapping_:
    """Read a mapping file (.toml or .json); MappingError names what is wrong."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise MappingError(f"cannot read mapping {path}: {exc.strerror or exc}") from exc
    try:
        if path.suffix.lower() == ".json":
            document = loads(raw.decode("utf-8-sig"))
        else:
            document = tomllib.loads(raw.decode("utf-8-sig"))
    except (tomllib.TOMLDecodeError, JsonTextError, UnicodeDecodeError) as exc:
        raise MappingError(f"mapping {path} cannot be parsed: {exc}") from exc
    if not isinstance(document, Mapping):
        raise MappingError(f"mapping {path} must be a table/object")
    return parse_mapping(document, origin=str(path), taxonomy=taxonomy)
