"""Tabular sources: CSV and Excel (.xlsx) files, read through a declarative column mapping."""

from __future__ import annotations

import csv
import io
import zipfile
from abc import abstractmethod
from collections.abc import Iterator, Mapping
from typing import Any

from importers.base import Adapter, Deleted, RawRecord, SourceUnreadable
from importers.fetch import decode_text, read_bytes
from importers.mapping import Cell, Mapping_, cell_text, load_mapping

DELIMITERS = (";", ",", "\t", "|")


def sniff_delimiter(header_line: str) -> str:
    """The separator of a header line: the most frequent of ; , tab | (Dutch Excel writes ';')."""
    counts = {d: header_line.count(d) for d in DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


class _TabularAdapter(Adapter):
    """What CSV and Excel share: a mapping, a header, one record per non-empty row."""

    def __init__(self, location: str, **kwargs: Any) -> None:
        super().__init__(location, **kwargs)
        mapping = self.options.get("mapping")
        if not mapping:
            raise SourceUnreadable(
                f"{location}: a tabular file needs a column mapping (--mapping FILE, or `mapping` in the sources file)"
            )
        self.mapping: Mapping_ = (
            mapping if isinstance(mapping, Mapping_) else load_mapping(str(mapping))
        )
        self.kind: str | None = self.options.get("kind")
        self._count: int | None = None

    @abstractmethod
    def _rows(self) -> Iterator[tuple[int, list[Cell]]]:
        """Every row with its number: the CSV and Excel readers differ only here."""

    def read(self) -> Iterator[RawRecord]:
        """Every non-empty row under the header, numbered as a spreadsheet shows it."""
        header: list[str] | None = None
        for number, cells in self._rows():
            if header is None:
                if number < self.mapping.header_row:
                    continue
                header = [cell_text(c) for c in cells]
                self.mapping.check_header(header, self.location)
                continue
            if not any(cell_text(c) for c in cells):
                continue
            yield RawRecord(number, dict(zip(header, cells, strict=False)))
        if header is None:
            raise SourceUnreadable(f"{self.location} is empty: no header row")

    def quick_key(self, record: RawRecord) -> tuple[str, str] | None:
        """The id cell(s) and the whole row as text (with the mapping's and the kind's fingerprint)."""
        row: Mapping[str, Cell] = record.data
        source_id = self.mapping.id_of(row)
        if not source_id:
            return None
        try:
            cells = "\x1f".join(row.values())  # type: ignore[arg-type]  # CSV: all text already
        except TypeError:
            cells = "\x1f".join(cell_text(value) for value in row.values())
        return source_id, f"{self.mapping.fingerprint}|{self.kind}|{cells}"

    def to_item(self, record: RawRecord) -> dict[str, Any] | Deleted:
        """Apply the mapping to one row."""
        row: Mapping[str, Cell] = record.data
        return self.mapping.apply(row, kind=self.kind)


class CsvAdapter(_TabularAdapter):
    """CSV with `;` or `,` separators, UTF-8 (with or without BOM) or Windows-1252."""

    format = "csv"
    extensions = (".csv", ".tsv", ".txt")

    def _text(self) -> str:
        return decode_text(read_bytes(self.location), self.location, self.mapping.encoding)

    def _rows(self) -> Iterator[tuple[int, list[Cell]]]:
        text = self._text()
        first_line = text.split("\n", 1)[0]
        delimiter = self.mapping.delimiter or sniff_delimiter(first_line)
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            for number, cells in enumerate(reader, 1):
                yield number, [c.strip() for c in cells]
        except csv.Error as exc:
            raise SourceUnreadable(f"{self.location}, line {reader.line_num}: {exc}") from exc

    def total_hint(self) -> int | None:
        """Rows in the file (lines minus the header; close enough for a progress bar)."""
        if self._count is None:
            self._count = max(0, self._text().count("\n") - self.mapping.header_row + 1)
        return self._count


class ExcelAdapter(_TabularAdapter):
    """An Excel workbook (.xlsx): the mapping's sheet, or the first one."""

    format = "xlsx"
    extensions = (".xlsx", ".xlsm")

    def _rows(self) -> Iterator[tuple[int, list[Cell]]]:
        from openpyxl import load_workbook

        raw = read_bytes(self.location)
        try:
            workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
            raise SourceUnreadable(
                f"{self.location} is not an Excel .xlsx workbook: {exc}"
            ) from exc
        try:
            if self.mapping.sheet:
                if self.mapping.sheet not in workbook.sheetnames:
                    raise SourceUnreadable(
                        f"{self.location} has no sheet {self.mapping.sheet!r} (sheets: {', '.join(workbook.sheetnames)})"
                    )
                sheet = workbook[self.mapping.sheet]
            else:
                sheet = workbook.worksheets[0]
            for number, values in enumerate(sheet.iter_rows(values_only=True), 1):
                yield number, [v.strip() if isinstance(v, str) else v for v in values]
        finally:
            workbook.close()
