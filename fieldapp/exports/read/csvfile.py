"""CSV files (any spreadsheet's, uMap's, Ushahidi's) to a `Table`: columns and rows
with their line numbers. Which columns are the latitude, the title... is the intake's
column mapping (fieldapp/exports/columns.py), not decided here.

UTF-8 with or without a BOM is read; any other encoding is refused naming the line of
the first byte that is not UTF-8, unless the user gives the encoding. The separator is
sniffed (comma, semicolon, tab: French spreadsheets write semicolons); a space after
each separator (Ushahidi's samples) is dropped; line ends may be \\n, \\r\\n or \\r
(classic Mac OS). A Ushahidi export or import sheet is told by its columns.
`stream_csv` reads a file's header at once and its rows as they are iterated (a
100,000-row file is never held whole); `read_csv` reads bytes already in memory. Pure
but for reading the file; any thread.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

from fieldapp.exports.read.model import MAX_ITEMS, ReadError, Reading, Table

_SEPARATORS = ",;\t|"


def decode(data: bytes, encoding: str | None) -> str:
    """The file's text: UTF-8 (BOM or not) unless `encoding` is given."""
    if encoding:
        try:
            return data.decode(encoding)
        except LookupError:
            raise ReadError(f"{encoding!r} is not an encoding Python knows") from None
        except UnicodeDecodeError as exc:
            raise ReadError(f"not {encoding} text", _line_of(data, exc.start)) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadError(
            f"not UTF-8 text (byte 0x{data[exc.start]:02X}); save the file as UTF-8, or give "
            "its encoding (e.g. --encoding latin-1 or cp1252)",
            _line_of(data, exc.start),
        ) from None


def _line_of(data: bytes, offset: int) -> str:
    head = data[:offset]
    breaks = head.count(b"\n") or head.count(b"\r")
    return f"line {breaks + 1}"


def read_csv(data: bytes, name: str, encoding: str | None = None) -> Reading:
    text = decode(data, encoding)
    if not text.strip():
        raise ReadError("the file is empty")
    if text.lstrip()[:1] in ("{", "[", "<"):
        raise ReadError("this is JSON or XML, not CSV: is the file name's extension wrong?")
    table = _table(text)
    reading = Reading("csv", name, table=table)
    if is_ushahidi(table.columns):
        reading.format = table.flavour = "ushahidi"
    return reading


def stream_csv(path: Path, name: str, encoding: str | None = None) -> Reading:
    """The file's columns now, its rows (checked) as `table.rows` is iterated."""
    codec = _codec(encoding)
    with path.open("rb") as raw:
        head = raw.read(_SAMPLE)
    decoder = codecs.getincrementaldecoder(codec)("strict")
    try:
        sample = decoder.decode(head, final=len(head) < _SAMPLE)
    except UnicodeDecodeError:
        decode(path.read_bytes(), encoding)  # raises, naming the line
        raise
    if not sample.strip():
        raise ReadError("the file is empty")
    if sample.lstrip()[:1] in ("{", "[", "<"):
        raise ReadError("this is JSON or XML, not CSV: is the file name's extension wrong?")
    dialect = _dialect(sample)
    columns = _columns(next(csv.reader(io.StringIO(sample, newline=""), dialect)))
    rows = _streamed_rows(path, codec, encoding, dialect, len(columns))
    reading = Reading("csv", name, table=Table(columns, rows))
    if is_ushahidi(columns):
        reading.format = reading.table.flavour = "ushahidi"  # type: ignore[union-attr]
    return reading


_SAMPLE = 64 * 1024


def _codec(encoding: str | None) -> str:
    if not encoding:
        return "utf-8-sig"
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise ReadError(f"{encoding!r} is not an encoding Python knows") from None


def _streamed_rows(
    path: Path, codec: str, encoding: str | None, dialect: type[csv.Dialect], width: int
) -> Iterator[tuple[int, list[str]]]:
    try:
        with path.open(encoding=codec, newline="") as handle:
            rows = csv.reader(handle, dialect, skipinitialspace=True, strict=True)
            next(rows, None)  # the header, read already
            count = 0
            try:
                for row in rows:
                    if not any(cell.strip() for cell in row):
                        continue
                    count += 1
                    if count > MAX_ITEMS:
                        raise ReadError(f"more than {MAX_ITEMS:,} rows in one file")
                    yield rows.line_num, _checked([c.strip() for c in row], width, rows.line_num)
            except csv.Error as exc:
                raise ReadError(
                    f"not readable CSV ({exc}; a quote never closed?)", f"line {rows.line_num}"
                ) from None
    except UnicodeDecodeError:
        decode(path.read_bytes(), encoding)  # raises, naming the line
        raise


def _checked(row: list[str], width: int, line: int) -> list[str]:
    if len(row) > width and any(row[width:]):
        raise ReadError(
            f"{len(row)} values for {width} columns; is a value with a separator "
            "missing its quotes?",
            f"line {line}",
        )
    return row


def _columns(header: list[str]) -> list[str]:
    columns = [name.strip() for name in header]
    if len(columns) < 2:
        raise ReadError("one column only: this is not a table of places (or not CSV)", "line 1")
    return columns


def _table(text: str) -> Table:
    rows = csv.reader(
        io.StringIO(text, newline=""), _dialect(text), skipinitialspace=True, strict=True
    )
    try:
        header = next(rows)
        body: list[tuple[int, list[str]]] = []
        for row in rows:
            if any(cell.strip() for cell in row):
                body.append((rows.line_num, [cell.strip() for cell in row]))
            if len(body) > MAX_ITEMS:
                raise ReadError(f"more than {MAX_ITEMS:,} rows in one file")
    except csv.Error as exc:
        raise ReadError(
            f"not readable CSV ({exc}; a quote never closed?)", f"line {rows.line_num}"
        ) from None
    columns = _columns(header)
    for line, row in body:
        _checked(row, len(columns), line)
    return Table(columns, body)


def _dialect(text: str) -> type[csv.Dialect]:
    sample = text[: 64 * 1024]
    first = sample.splitlines()[0] if sample.splitlines() else ""
    counts = {sep: first.count(sep) for sep in _SEPARATORS}
    best = max(counts, key=lambda sep: counts[sep])
    dialect = csv.excel if best == "," or not counts[best] else csv.excel_tab
    if best in ",\t" or not counts[best]:
        return dialect

    class Sniffed(csv.excel):
        delimiter = best

    return Sniffed


def is_ushahidi(columns: list[str]) -> bool:
    """Ushahidi's export ("Post ID", "<Label>.lat") or its import sample (title, lat...)."""
    lowered = [c.strip().lower() for c in columns]
    if "post id" in lowered:
        return True
    located = any(c.endswith((".lat", ".lon")) for c in lowered)
    multi = any(re.search(r"\.\d+$", c) for c in lowered)  # actions.0, actions.1
    return "title" in lowered and (located or (multi and "lat" in lowered))
