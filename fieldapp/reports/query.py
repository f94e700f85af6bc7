"""Filters, sort order and full-text search of the report list, as SQL.

Pure SQL building, no I/O: safe from any thread. User search text is tokenised and
quoted here, so no input can produce an FTS5 syntax error or reach the query as syntax.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

# Columns the list may sort by; each has an index (see fieldapp/core/migrations/).
SORTABLE = {
    "created_at": "created_at",
    "observed_at": "observed_at",
    "severity": "severity",
    "status": "status",
    "kind": "kind",
    "verification": "verification",
    "title": "title COLLATE NOCASE",
    "place": "place COLLATE NOCASE",
}
# Sorts served straight from an index (core/migrations/): a page at any offset costs one index
# walk (~25 ms at 200,000 reports), so a list can page through them without an id list.
INDEXED_SORTS = frozenset({"created_at", "observed_at", "severity"})
# Below this many search hits, reading the hits row by row (~7 us each) beats walking an
# index of every report; above it, the index walk finds a page of hits sooner.
SPARSE_HITS = 3000
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class ReportQuery:
    """What the report list shows. Empty filter sets mean "any"."""

    operation_id: str
    statuses: frozenset[str] = field(default_factory=frozenset)
    kinds: frozenset[str] = field(default_factory=frozenset)
    severities: frozenset[int] = field(default_factory=frozenset)
    verifications: frozenset[str] = field(default_factory=frozenset)
    search: str = ""
    sort: str = "created_at"
    descending: bool = True
    limit: int | None = None
    offset: int = 0


def fts_expression(text: str) -> str:
    """User text as an FTS5 query: every word must match, the last one as a prefix."""
    words = _WORD.findall(text)
    if not words:
        return ""
    quoted = [f'"{word}"' for word in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def _where(query: ReportQuery) -> tuple[str, list]:
    clauses = ["operation_id = ?", "deleted = 0"]
    params: list = [query.operation_id]
    for column, values in (
        ("status", query.statuses),
        ("kind", query.kinds),
        ("severity", query.severities),
        ("verification", query.verifications),
    ):
        if values:
            clauses.append(f"{column} IN ({', '.join('?' * len(values))})")
            params.extend(sorted(values))
    match = fts_expression(query.search)
    if match:
        clauses.append("seq IN (SELECT rowid FROM reports_fts WHERE reports_fts MATCH ?)")
        params.append(match)
    return " AND ".join(clauses), params


def where_sql(query: ReportQuery) -> tuple[str, list]:
    """The WHERE clause (without the word) and its parameters: the list's filters."""
    return _where(query)


def ids_sql(query: ReportQuery, *, few_hits: bool = False) -> tuple[str, list]:
    """SQL for the row numbers of matching reports, in display order.

    `few_hits` says the search matches few reports (see SPARSE_HITS): then the query reads
    those rows by number instead of walking a whole index to find them.
    """
    if query.sort not in SORTABLE:
        raise ValueError(f"cannot sort by {query.sort!r}; choose one of {', '.join(SORTABLE)}")
    where, params = _where(query)
    direction = "DESC" if query.descending else "ASC"
    order = f"{SORTABLE[query.sort]} {direction}, seq {direction}"
    source = "reports NOT INDEXED" if few_hits and query.search else "reports"
    sql = f"SELECT seq FROM {source} WHERE {where} ORDER BY {order}"
    if query.limit is not None or query.offset:
        sql += " LIMIT ? OFFSET ?"
        params += [-1 if query.limit is None else int(query.limit), int(query.offset)]
    return sql, params


def hits_sql(query: ReportQuery) -> tuple[str, list] | None:
    """SQL counting the search hits of all operations (cheap: no row is read), or None."""
    match = fts_expression(query.search)
    if not match:
        return None
    return "SELECT count(*) FROM reports_fts WHERE reports_fts MATCH ?", [match]


def count_sql(query: ReportQuery) -> tuple[str, list]:
    where, params = _where(query)
    return f"SELECT count(*) FROM reports WHERE {where}", params


# -- the map's reports: one JSON document built by SQLite (see maps/data.py) -----

COLUMNS = ("id", "lat", "lon", "severity", "kind", "title", "exercise")
# Six decimals are ~10 cm: more only makes the document longer.
_ROW = "json_array(id, round(lat, 6), round(lon, 6), severity, kind, title, ?)"


def map_reports_sql(query: ReportQuery, exercise: bool) -> tuple[str, list]:
    """SQL returning one row, one column: the JSON document of the map's reports."""
    where, params = where_sql(query)
    flag = 1 if exercise else 0
    sql = (
        "SELECT json_object('columns', json(?), 'exercise', json(?), 'count', count(*),"
        f" 'rows', json_group_array({_ROW}))"
        f" FROM reports WHERE {where} AND lat IS NOT NULL AND lon IS NOT NULL"
    )
    header = [json.dumps(COLUMNS), "true" if exercise else "false", flag]
    return sql, [*header, *params]
