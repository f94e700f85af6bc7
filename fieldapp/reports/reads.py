"""Reading reports for lists, searches and the map: the read-only half of the report store.

`ReportReads` is mixed into `Store` (store.py stays short) and follows its rules: one
store, one connection, one thread. The list of a query is read in two steps: the row
numbers in display order (`report_seqs`, once per query, in a worker), then pages of
rows by number (`list_rows`, on the UI thread while scrolling: it must stay cheap).
"""

from __future__ import annotations

import json
import sqlite3
from typing import cast

from fieldapp.core.record_types import Report, ReportRow
from fieldapp.core.store_part import StorePart
from fieldapp.reports.query import SPARSE_HITS, ReportQuery, count_sql, hits_sql, ids_sql

# What a list row shows: no JSON to decode, and only the start of the text (for a tooltip).
LIST_COLUMNS = (
    "seq, id, title, kind, severity, status, verification, place, observed_at, created_at,"
    " author, substr(body, 1, 300) AS body"
)


def report_from_row(row: sqlite3.Row) -> Report:
    """A whole stored report as a dict (tags a list, field stamps a dict)."""
    report = dict(row)
    report["tags"] = json.loads(report["tags"])
    report["field_hlc"] = json.loads(report["field_hlc"])
    return cast(Report, report)


class ReportReads(StorePart):
    """Report queries of `Store`."""

    def report_seqs(self, query: ReportQuery) -> list[int]:
        """Row numbers of the matching reports, in display order (for lazy list models).

        SQLite joins the numbers into one string: the query then runs with the GIL released,
        instead of taking it back for every row, so a worker thread does not stall painting;
        the JSON parser then turns 200,000 numbers into a list in ~35 ms.
        """
        sql, params = ids_sql(query, few_hits=self._few_hits(query))
        joined = self.conn.execute(f"SELECT group_concat(seq) FROM ({sql})", params).fetchone()[0]
        return json.loads(f"[{joined}]") if joined else []

    def _few_hits(self, query: ReportQuery) -> bool:
        counting = hits_sql(query)
        if counting is None:
            return False
        return self.conn.execute(*counting).fetchone()[0] <= SPARSE_HITS

    def reports_by_seq(self, seqs: list[int]) -> dict[int, Report]:
        """Reports keyed by row number; one query for a page of a list."""
        if not seqs:
            return {}
        marks = ", ".join("?" * len(seqs))
        rows = self.conn.execute(f"SELECT * FROM reports WHERE seq IN ({marks})", seqs)
        return {row["seq"]: report_from_row(row) for row in rows}

    def list_reports(self, query: ReportQuery) -> list[Report]:
        seqs = self.report_seqs(query)
        found = self.reports_by_seq(seqs)
        return [found[seq] for seq in seqs if seq in found]

    def count_reports(self, query: ReportQuery) -> int:
        sql, params = count_sql(query)
        return self.conn.execute(sql, params).fetchone()[0]

    def map_reports_json(self, query: ReportQuery) -> bytes:
        """The located reports matching `query` as the map's JSON (see map_data.py)."""
        from fieldapp.maps.data import map_reports_sql

        operation = self.get_operation(query.operation_id)
        sql, params = map_reports_sql(query, operation["exercise"])
        return self.conn.execute(sql, params).fetchone()[0].encode()

    def list_rows(self, seqs: list[int]) -> dict[int, ReportRow]:
        """The list columns of reports keyed by row number (`body` cut to 300 characters).

        About 4x cheaper than `reports_by_seq`: a list page is read while scrolling.
        """
        if not seqs:
            return {}
        marks = ", ".join("?" * len(seqs))
        sql = f"SELECT {LIST_COLUMNS} FROM reports WHERE seq IN ({marks})"
        return {row[0]: cast(ReportRow, dict(row)) for row in self.conn.execute(sql, seqs)}
