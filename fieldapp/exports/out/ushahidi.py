"""Ushahidi CSV: the columns the Ushahidi v3+ importer maps onto a survey's fields (the
shape of tests/samples/geo/ushahidi/*.csv: `title`, `description`, `date`, `location`,
`lat`, `lon`, multi-valued fields as `name.0`, `name.1`...). The importer asks which
column fills which field, so the names are plain words; the date is `YYYY-MM-DD HH:MM:SS`
UTC (what its post date reads); no byte-order mark (it would stick to the first column's
name). Tags go into `tags.0`..`tags.2`, the importer's form for a list. The standard
library's csv writes it. An exercise's lines say EXERCISE in their title and their own
column. Pure: any thread.
"""

from __future__ import annotations

import csv
from typing import IO, Any

from fieldapp.exports.out.common import EXERCISE, Export, item_name

TAG_COLUMNS = 3
COLUMNS = (
    "title", "description", "date", "location", "lat", "lon", "severity", "kind", "status",
    "verification", "source", "id", "exercise", *(f"tags.{i}" for i in range(TAG_COLUMNS)),
)  # fmt: skip


def write(export: Export, out: IO[str]) -> int:
    """Write the header, then one line per report; lines written."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    count = 0
    for report in export.reports:
        writer.writerow(_row(export, report))
        count += 1
    return count


def _row(export: Export, report: dict[str, Any]) -> list[str]:
    tags = [str(tag) for tag in report.get("tags") or []][:TAG_COLUMNS]
    tags += [""] * (TAG_COLUMNS - len(tags))
    cells = [
        item_name(export, str(report.get("title") or "")), report.get("body"),
        _date(report.get("observed_at") or report.get("created_at")), report.get("place"),
        report.get("lat"), report.get("lon"), report.get("severity"), report.get("kind"),
        report.get("status"), report.get("verification"), report.get("source"),
        report.get("id"), EXERCISE if export.exercise else "",
    ]  # fmt: skip
    return [*("" if value is None else str(value) for value in cells), *tags]


def _date(value: object) -> str:
    """An ISO 8601 UTC time as `YYYY-MM-DD HH:MM:SS`."""
    if not value:
        return ""
    text = str(value).replace("T", " ").removesuffix("Z")
    return text.split(".")[0].split("+")[0][:19]
