"""CSV: one line per report, UTF-8 with a byte-order mark so that spreadsheets read the
accents, and, as an option, an HXL hashtag row under the header (the Humanitarian
Exchange Language: `#geo+lat`, `#severity`...), so that HDX tools and humanitarian
spreadsheets know each column. The standard library's csv writes it. An exercise's lines
say EXERCISE in their own column and in their title. Pure: any thread.
"""

from __future__ import annotations

import csv
from typing import IO

from fieldapp.exports.out.common import EXERCISE, REPORT_FIELDS, Export, item_name

BOM = "\ufeff"
HXL = {
    "id": "#meta+id", "title": "#event+title", "body": "#description", "kind": "#event+type",
    "severity": "#severity", "status": "#status", "verification": "#status+verified",
    "place": "#loc+name", "lat": "#geo+lat", "lon": "#geo+lon", "observed_at": "#date+observed",
    "created_at": "#date+reported", "source": "#meta+source", "author": "#meta+author",
    "tags": "#meta+tags", "exercise": "#meta+exercise",
}  # fmt: skip
COLUMNS = (*REPORT_FIELDS, "exercise")


def write(export: Export, out: IO[str], hxl: bool = False) -> int:
    """Write the header (and the HXL row), then one line per report; lines written."""
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    if hxl:
        writer.writerow([HXL[name] for name in COLUMNS])
    count = 0
    for report in export.reports:
        values = [_cell(name, report.get(name)) for name in REPORT_FIELDS]
        values[1] = item_name(export, str(report.get("title") or ""))
        writer.writerow([*values, EXERCISE if export.exercise else ""])
        count += 1
    return count


def _cell(name: str, value: object) -> str:
    if value is None:
        return ""
    if name == "tags" and isinstance(value, list):
        return "; ".join(str(tag) for tag in value)
    return str(value)
