"""The exercise scenario (an MSEL, issue 16): its values, the exercise clock, and the
CSV and XLSX files trainers keep it in. This is the API the exercise desk uses;
the work is done in `mselmodel` (values), `clock`, `mseltable` (headers, rows, checks),
`mselcsv` and `mselxlsx`.

    scenario = read_csv(path.read_bytes(), source=path.name)   # or read_xlsx
    path.write_bytes(write_xlsx(scenario))                     # or write_csv

Readers return a whole `Scenario` or raise one `MselError` (source, row, column) and
return nothing. No Qt, no store, no I/O: pure functions of bytes, any thread.
"""

from __future__ import annotations

from fieldapp.exercises.clocktext import format_clock, parse_clock
from fieldapp.exercises.mselcsv import read_csv, write_csv
from fieldapp.exercises.mselmodel import CHANNELS, Inject, MselError, Scenario
from fieldapp.exercises.mselxlsx import read_xlsx, write_xlsx

__all__ = [
    "CHANNELS",
    "Inject",
    "MselError",
    "Scenario",
    "format_clock",
    "parse_clock",
    "read_csv",
    "read_xlsx",
    "write_csv",
    "write_xlsx",
]
