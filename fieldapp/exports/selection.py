"""What an export holds: the reports the list shows (its filters and search, the same
WHERE as the list: reports/query.where_sql) and the operation's map features, read in
pages by row number, never all at once (200,000 reports stay in a few MB).

Functions of a Store: the thread that opened it (a job, or the CLI).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from fieldapp.reports.query import ReportQuery, where_sql

if TYPE_CHECKING:
    from fieldapp.store import Store

PAGE = 2000


def reports(
    store: Store, query: ReportQuery, *, by_kind: bool = False, page: int = PAGE
) -> Iterator[dict[str, Any]]:
    """The reports matching `query`, oldest first, a page at a time (tags as a list);
    `by_kind`: grouped by kind (a KML folder each), still a page at a time."""
    where, params = where_sql(query)
    if not by_kind:
        yield from _pages(store, where, params, page)
        return
    kinds = [row[0] for row in store.conn.execute(
        f"SELECT DISTINCT kind FROM reports WHERE {where} ORDER BY kind", params
    )]  # fmt: skip
    for kind in kinds:
        yield from _pages(store, f"{where} AND kind = ?", [*params, kind], page)


def _pages(store: Store, where: str, params: list, page: int) -> Iterator[dict[str, Any]]:
    # NOT INDEXED: walk the rows in seq order and stop at a page. With an index on
    # (operation_id, deleted, ...) SQLite would read every report of the operation and sort
    # them for each page (200,000 reports: KML 17.5 s -> 5.5 s, uMap 23 s -> 6 s).
    after = 0
    while True:
        rows = store.conn.execute(
            f"SELECT * FROM reports NOT INDEXED WHERE {where} AND seq > ? ORDER BY seq LIMIT ?",
            [*params, after, page],
        ).fetchall()
        if not rows:
            return
        for row in rows:
            record = dict(row)
            record["tags"] = json.loads(record["tags"] or "[]")
            yield record
        after = rows[-1]["seq"]


def features(store: Store, operation_id: str) -> Iterator[dict[str, Any]]:
    """The operation's map features, their geometry parsed (GeoJSON)."""
    for row in store.conn.execute(
        "SELECT * FROM features WHERE operation_id = ? AND deleted = 0 ORDER BY seq",
        [operation_id],
    ):
        record = dict(row)
        record["geometry"] = json.loads(record["geometry"])
        yield record


def located(report: dict[str, Any]) -> bool:
    return report.get("lat") is not None and report.get("lon") is not None
