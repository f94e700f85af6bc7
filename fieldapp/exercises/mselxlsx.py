"""An MSEL as an XLSX workbook, and back, with openpyxl, safely.

Reading: the injects are on the first sheet that is not named "Scenario" (header in
row 1, rows numbered as the spreadsheet numbers them); the sheet "Scenario"
("Scénario") has key/value rows: Title/Titre, Language/Langue, Description. A hostile
workbook is refused with a MselError before openpyxl builds anything big: over 10 MB,
not a zip, a zip bomb (more than 100 MB once unpacked, or thousands of parts), over
5,000 rows or 200 columns. openpyxl reads with `read_only=True`, without macros
(`keep_vba=False`), without external links, and through defusedxml (no entity
expansion: it refuses to read otherwise); formulas are read as their text ("=A1+1"),
never evaluated. Times typed as spreadsheet times or durations are read as exercise
times.

Writing: the sheet "MSEL" (English HSEEP headers, every cell a text, so that a message
starting with "=" stays a message), then the sheet "Scenario".

Pure functions of bytes, any thread.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator, Sequence
from datetime import datetime, time, timedelta
from typing import Any

import openpyxl
from defusedxml import DefusedXmlException
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils.exceptions import InvalidFileException

from fieldapp.exercises.clocktext import format_clock
from fieldapp.exercises.mselmodel import MselError, Scenario
from fieldapp.exercises.mseltable import (
    clean,
    layout,
    meta_rows,
    scenario,
    scenario_meta,
    squeezed,
    table,
)

MAX_BYTES = 10 * 1024 * 1024
MAX_UNPACKED = 100 * 1024 * 1024
MAX_PARTS = 1000
MAX_ROWS = 5000  # injects; an MSEL has tens to hundreds
MAX_COLUMNS = 200
META_SHEET = "Scenario"
INJECT_SHEET = "MSEL"


def read_xlsx(data: bytes, *, source: str) -> Scenario:
    """The scenario of an XLSX workbook, or MselError naming the source, row and column."""
    _check_zip(data, source)
    if not openpyxl.DEFUSEDXML:  # OPENPYXL_DEFUSEDXML=False: entities would be expanded
        raise MselError(source, "XLSX files are not read without defusedxml")
    try:
        book = openpyxl.load_workbook(
            io.BytesIO(data), read_only=True, keep_vba=False, data_only=False, keep_links=False
        )
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as error:
        raise MselError(source, f"not an XLSX workbook: {_said(error)}") from None
    except Exception as error:  # defusedxml's refusals, broken XML, bad values in parts
        raise _unreadable(source, error) from None
    try:
        return _read_book(book, source)
    except MselError:
        raise
    except Exception as error:  # a broken sheet found while reading its rows
        raise _unreadable(source, error) from None
    finally:
        book.close()


def _unreadable(source: str, error: BaseException) -> MselError:
    cause: BaseException | None = error
    while cause is not None:  # openpyxl wraps what defusedxml refused in a ValueError
        if isinstance(cause, DefusedXmlException):
            return MselError(source, "the workbook declares XML entities or a DTD: refused")
        cause = cause.__cause__ or cause.__context__
    return MselError(source, f"the workbook cannot be read: {_said(error)}")


def _said(error: BaseException) -> str:
    text = " ".join(str(error).split())[:160]
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def _check_zip(data: bytes, source: str) -> None:
    if len(data) > MAX_BYTES:
        raise MselError(source, f"the file is over {MAX_BYTES // 2**20} MB: not a scenario")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise MselError(source, "not an XLSX workbook (an XLSX is a zip archive)") from None
    if len(parts) > MAX_PARTS:
        raise MselError(source, f"the workbook has over {MAX_PARTS} parts: refused")
    if sum(part.file_size for part in parts) > MAX_UNPACKED:
        raise MselError(
            source, f"the workbook unpacks to over {MAX_UNPACKED // 2**20} MB: refused (zip bomb?)"
        )


def _read_book(book: Any, source: str) -> Scenario:
    sheets = {squeezed(name): name for name in book.sheetnames}
    meta_name = sheets.get(squeezed(META_SHEET))
    inject_names = [name for name in book.sheetnames if name != meta_name]
    if not inject_names:
        raise MselError(source, "the workbook has no sheet of injects")
    where = f"sheet {meta_name!r}"
    meta = scenario_meta(_meta_pairs(book[meta_name]), source=source, where=where) if (
        meta_name
    ) else {}  # fmt: skip
    rows = _rows(book[inject_names[0]], source)
    header = next(rows, None)
    if header is None:
        raise MselError(source, f"the sheet {inject_names[0]!r} is empty: no header row")
    columns = layout(header[1], source=source, row=1)
    return scenario(rows, columns, meta, source=source)


def _rows(sheet: Any, source: str) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells as text), the header first; refuses a sheet too big. The
    sheet's own dimension says how wide it is; past it, cells are not read at all."""
    if (sheet.max_column or 0) > MAX_COLUMNS:
        raise MselError(source, f"more than {MAX_COLUMNS} columns: not a scenario")
    cells = sheet.iter_rows(
        min_row=1, max_row=MAX_ROWS + 2, min_col=1, max_col=MAX_COLUMNS + 1, values_only=True
    )
    for number, row in enumerate(cells, start=1):
        if number > MAX_ROWS + 1:
            raise MselError(source, f"more than {MAX_ROWS} injects: not a scenario", row=number)
        if len(row) > MAX_COLUMNS and row[MAX_COLUMNS] is not None:
            raise MselError(source, f"more than {MAX_COLUMNS} columns: not a scenario", row=number)
        yield number, [_text(value) for value in row[:MAX_COLUMNS]]


def _meta_pairs(sheet: Any) -> Iterator[tuple[int, str, str]]:
    cells = sheet.iter_rows(min_row=1, max_row=100, min_col=1, max_col=2, values_only=True)
    for number, row in enumerate(cells, start=1):
        key, value = [*row, None, None][:2]
        if key is not None:
            yield number, _text(key), _text(value)


def _text(value: object) -> str:
    """A cell as text; spreadsheet times and durations as the exercise clock writes them."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, time):
        return format_clock(value.hour * 3600 + value.minute * 60 + value.second)
    if isinstance(value, timedelta):
        return format_clock(int(value.total_seconds())) if value >= timedelta(0) else str(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")  # a date: refused as a time, shown as it is
    return str(value)


def write_xlsx(scenario: Scenario) -> bytes:
    """The scenario as an XLSX workbook: the sheet "MSEL", then the sheet "Scenario"."""
    book = openpyxl.Workbook(write_only=True)
    injects = book.create_sheet(INJECT_SHEET)
    for row in table(scenario):
        injects.append(_texts(injects, row))
    meta = book.create_sheet(META_SHEET)
    for key, value in meta_rows(scenario):
        meta.append(_texts(meta, [key.capitalize(), value]))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _texts(sheet: Any, values: Sequence[str]) -> list[Any]:
    cells = []
    for value in values:
        cell = WriteOnlyCell(sheet, value=clean(value))
        cell.data_type = "s"  # a text, even "=1+1": never a formula in the file
        cells.append(cell)
    return cells
