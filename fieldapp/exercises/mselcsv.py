"""An MSEL as a CSV file, as a spreadsheet saves it, and back.

Reading: UTF-8 with or without a BOM, else Windows-1252 (a French Excel's "CSV"); `,`
or `;` (or a tab), whichever the header has most of. Before the header, optional lines
`# title: ...`, `# language: fr`, `# description: ...` (also `# titre:`, `# langue:`; a
value with the delimiter or a line break is quoted as any CSV cell). Rows are numbered
as a spreadsheet shows them: the first line of the file is row 1, so the header is
row 1 when there are no `#` lines; a quoted cell over several lines is one row.

Writing: UTF-8 with a BOM (so that spreadsheets read the accents), `,`, the `#` lines,
then the English HSEEP headers (mseltable.table). A cell that a spreadsheet would take
for a formula (`=`, `+`, `-`, `@` first) is written after a `'`, which reading removes.

Pure functions of bytes, any thread.
"""

from __future__ import annotations

import csv
import io
import re

from fieldapp.exercises.mselmodel import MselError, Scenario
from fieldapp.exercises.mseltable import layout, meta_rows, scenario, scenario_meta, table

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 5000  # injects; an MSEL has tens to hundreds
_DELIMITERS = (",", ";", "\t")
_META = re.compile(r"#\s*([^:]{1,40}?)\s*:\s?(.*)", re.DOTALL)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def read_csv(data: bytes, *, source: str) -> Scenario:
    """The scenario of a CSV file, or MselError naming the source, row and column."""
    if len(data) > MAX_BYTES:
        raise MselError(source, f"the file is over {MAX_BYTES // 2**20} MB: not a scenario")
    text = _decoded(data)
    rows = _rows(text, source)
    meta_pairs = []
    first = 0
    while first < len(rows) and _meta_line(rows[first]):
        match = _META.fullmatch(rows[first][0].strip())
        if match:
            meta_pairs.append((first + 1, match.group(1), match.group(2)))
        first += 1
    if first == len(rows):
        raise MselError(source, "the file has no header row (Inject #, Scheduled Time...)")
    if len(rows) - first - 1 > MAX_ROWS:
        raise MselError(source, f"more than {MAX_ROWS} injects: not a scenario")
    meta = scenario_meta(meta_pairs, source=source, where="the # lines")
    columns = layout(rows[first], source=source, row=first + 1)
    numbered = (
        (number, [_unquoted(cell) for cell in row])
        for number, row in enumerate(rows[first + 1 :], start=first + 2)
    )
    return scenario(numbered, columns, meta, source=source)


def _decoded(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:  # the 5 bytes cp1252 leaves undefined
            return data.decode("latin-1")


def _rows(text: str, source: str) -> list[list[str]]:
    csv.field_size_limit(MAX_BYTES)
    try:
        delimiter = max(_DELIMITERS, key=lambda d: len(_header(text, d)))
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise MselError(source, f"the CSV cannot be read: {error}") from None


def _header(text: str, delimiter: str) -> list[str]:
    """The first row after the `#` lines, read with this delimiter."""
    for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
        if not _meta_line(row):
            return row
    return []


def _meta_line(row: list[str]) -> bool:
    """A `# key: value` line (a spreadsheet pads it with empty cells), or a blank one."""
    if not any(cell.strip() for cell in row):
        return True
    return (
        row[0].lstrip().startswith("#")
        and not any(cell.strip() for cell in row[1:])
        and (_META.fullmatch(row[0].strip()) is not None)
    )


def _unquoted(cell: str) -> str:
    """A cell written after a `'` so that no spreadsheet runs it, as it was."""
    if cell.startswith("'") and cell.lstrip("'").startswith(_FORMULA_START):
        return cell[1:]
    return cell


def _quoted(cell: str) -> str:
    if cell.lstrip("'").startswith(_FORMULA_START):
        return "'" + cell
    return cell


def write_csv(scenario: Scenario) -> bytes:
    """The scenario as a CSV file: UTF-8 with a BOM, `,`, `#` lines then the injects."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    for key, value in meta_rows(scenario):
        writer.writerow([f"# {key}: {value}"])
    for row in table(scenario):
        writer.writerow([_quoted(cell) for cell in row])
    return out.getvalue().encode("utf-8-sig")
