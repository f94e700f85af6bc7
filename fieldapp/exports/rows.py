"""The rows of a CSV import as candidates, once its columns are mapped (columns.py).

A row's latitude and longitude become a point (decimal commas read); a row with
neither is an unlocated report; one without the other is refused naming the line. The
columns no field uses are kept in the description ("column: value" lines), so nothing
the file said is lost; Ushahidi's multi-value columns (`actions.0`, `actions.1`) are
joined into one line. A row's key is its `id` column when mapped, else its line and
content. Pure, any thread.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from fieldapp.exports.columns import number
from fieldapp.exports.read.model import Candidate, ReadError, Table, digest, fallback_title

_MULTI = re.compile(r"^(.*)\.(\d+)$")


def table_candidates(table: Table, mapping: Mapping[str, str]) -> Iterator[Candidate]:
    """One candidate per row, as the rows are read; ReadError naming the line of a row
    that is wrong."""
    index = {column: n for n, column in enumerate(table.columns)}
    used = set(mapping.values())
    extra = [c for c in table.columns if c not in used]
    for line, row in table.rows:
        cells = {c: row[index[c]] if index[c] < len(row) else "" for c in table.columns}
        yield _candidate(line, cells, mapping, extra)


def _candidate(
    line: int, cells: Mapping[str, str], mapping: Mapping[str, str], extra: list[str]
) -> Candidate:
    where = f"line {line}"

    def get(field_name: str) -> str:
        column = mapping.get(field_name)
        return cells[column].strip() if column else ""

    description = "\n".join(
        part for part in (get("description"), _extra_text(cells, extra)) if part
    )
    own_id = get("id")
    return Candidate(
        key=f"id:{own_id}" if own_id else f"#{line}:{digest(dict(cells))}",
        where=where,
        title=get("title") or fallback_title(description, f"Row {line}"),
        description=description,
        geometry=_point(get("lat"), get("lon"), where),
        time=get("time") or None,
        kind=get("kind") or None,
        severity=get("severity") or None,
        place=get("place"),
    )


def _point(lat_text: str, lon_text: str, where: str) -> dict | None:
    if not lat_text and not lon_text:
        return None
    if not lat_text or not lon_text:
        missing = "latitude" if not lat_text else "longitude"
        raise ReadError(f"the {missing} is missing (latitude and longitude go together)", where)
    try:
        lat, lon = number(lat_text), number(lon_text)
    except ValueError as exc:
        raise ReadError(str(exc), where) from None
    return {"type": "Point", "coordinates": [lon, lat]}


def _extra_text(cells: Mapping[str, str], extra: list[str]) -> str:
    """The unmapped columns as "column: value" lines, multi-value columns joined."""
    merged: dict[str, list[str]] = {}
    for column in extra:
        value = cells[column].strip()
        if not value:
            continue
        multi = _MULTI.match(column)
        merged.setdefault(multi.group(1) if multi else column, []).append(value)
    return "\n".join(f"{name}: {', '.join(values)}" for name, values in merged.items())
