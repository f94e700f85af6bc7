"""Reports: the repository the Store holds as `store.reports`.

Writes validate (reports/domain.py) and go through the replica's one write path; a new
verdict is signed with who gave it and when. Reads serve lists, searches and the map.
The list of a query is read in two steps: the row numbers in display order (`seqs`, once
per query, in a worker), then pages of rows by number (`list_rows`, on the UI thread
while scrolling: it must stay cheap). One replica, one thread, like every repository.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from typing import Any, cast

from fieldapp.core.errors import NotFoundError, ValidationError
from fieldapp.core.operations import get_operation
from fieldapp.core.ownership import Refusal, change_refusal
from fieldapp.core.record_types import Report, ReportRow
from fieldapp.core.replica import Repository, new_id
from fieldapp.core.rights import leads, verification_refusal
from fieldapp.core.times import utc_now
from fieldapp.reports import domain
from fieldapp.reports.query import (
    SPARSE_HITS,
    ReportQuery,
    count_sql,
    hits_sql,
    ids_sql,
    map_reports_sql,
)

# What a list row shows: no JSON to decode, and only the start of the text (for a tooltip).
LIST_COLUMNS = (
    "seq, id, title, kind, severity, status, verification, place, observed_at, created_at,"
    " author, substr(body, 1, 300) AS body"
)


def read_tags(text: str) -> list[str]:
    """Stored tags as a list; a value no device should have sent (not a JSON list of
    words: the server refuses those since issue 13) reads as no tags, never a crash."""
    try:
        tags = json.loads(text)
    except (TypeError, ValueError):
        return []
    return [t for t in tags if isinstance(t, str)] if isinstance(tags, list) else []


def report_from_row(row: sqlite3.Row) -> Report:
    """A whole stored report as a dict (tags a list, field stamps a dict)."""
    report = dict(row)
    report["tags"] = read_tags(report["tags"])
    report["field_hlc"] = json.loads(report["field_hlc"])
    return cast(Report, report)


class Reports(Repository):
    """Add, edit, delete and read reports."""

    # -- writes -------------------------------------------------------------------------

    def add(self, operation_id: str, values: Mapping[str, Any]) -> Report:
        """Validate and save a new report; returns it as stored."""
        get_operation(self.conn, operation_id)
        domain.validate_report({"author": self.db.user, **values})  # before taking the lock
        with self.db.transaction():
            report_id = self.add_within(operation_id, values)
        return self.get(report_id)

    def add_within(self, operation_id: str, values: Mapping[str, Any]) -> str:
        """`add` inside the caller's open transaction (a report saved together with other
        writes: a post promoted to a report); returns the new report's id."""
        operation = get_operation(self.conn, operation_id)
        clean = domain.validate_report({"author": self.db.user, **values})
        self._check_duplicate_of(operation_id, None, clean)
        clean = _fill_verification(clean, {}, self.db.user)
        self._check_verdict_right(bool(operation["exercise"]), None, clean)
        report_id = new_id()
        row = {"id": report_id, "operation_id": operation_id, "created_at": utc_now()}
        row.update(domain.to_db(clean))
        self.db.insert_records("report", [row])
        return report_id

    def add_bulk(
        self, operation_id: str, items: Iterable[Mapping[str, Any]], batch: int = 2000
    ) -> int:
        """Save many reports in one transaction (imports, demo data); all or nothing.

        Every item is validated; the first invalid one aborts the whole load. See bulk.py.
        """
        from fieldapp.reports.bulk import load_reports

        get_operation(self.conn, operation_id)
        with self.db.transaction():
            return load_reports(self.db, operation_id, items, batch)

    def update(self, report_id: str, changes: Mapping[str, Any]) -> Report:
        """Apply a partial edit; fields equal to the stored value are not logged."""
        current = self.get(report_id)
        user_fields = {name: current[name] for name in domain.REPORT_FIELDS}
        clean = domain.validate_report({**user_fields, **changes})
        with self.db.transaction():
            self._check_duplicate_of(current["operation_id"], report_id, clean)
            clean = _fill_verification(clean, current, self.db.user)
            exercise = bool(get_operation(self.conn, current["operation_id"])["exercise"])
            self._check_verdict_right(exercise, user_fields, clean)
            stored_new, stored_old = domain.to_db(clean), domain.to_db(user_fields)
            diff = {k: (stored_old[k], v) for k, v in stored_new.items() if stored_old[k] != v}
            if diff:
                self.db.update_record("report", current, diff)
        return self.get(report_id)

    def delete(self, report_id: str) -> None:
        """Tombstone a report: it disappears everywhere but its history stays."""
        current = self.get(report_id)
        with self.db.transaction():
            self.db.update_record("report", current, {"deleted": (0, 1)}, action="deleted")

    def _check_verdict_right(
        self, exercise: bool, current: Mapping[str, Any] | None, clean: Mapping[str, Any]
    ) -> None:
        """A device joined to a server as a volunteer is told at once that only a
        coordinator verifies (the server would refuse the change for ever)."""
        role = self.db.sync_state("role")
        if not role or leads(role, exercise):
            return
        refusal = verification_refusal(role, current, clean)
        if refusal:
            raise ValidationError({"verification": ("server_role", refusal)})

    def _check_duplicate_of(self, operation_id: str, report_id: str | None, clean: dict) -> None:
        target = clean.get("duplicate_of")
        if not target:
            return
        if target == report_id:
            raise ValidationError({"duplicate_of": ("self", "a report cannot duplicate itself")})
        row = self.conn.execute(
            "SELECT 1 FROM reports WHERE id = ? AND operation_id = ? AND deleted = 0",
            [target, operation_id],
        ).fetchone()
        if row is None:
            raise ValidationError(
                {"duplicate_of": ("not_found", f"no report {target} in this operation")}
            )

    # -- reads --------------------------------------------------------------------------

    def edit_refusal(self, report_id: str) -> Refusal | None:
        """Why this user may not change the report at all (the server's rule, known
        beforehand: core/ownership.py), else None: the editor shows it read-only."""
        return change_refusal(self.conn, "report", report_id)

    def get(self, report_id: str) -> Report:
        row = self.conn.execute(
            "SELECT * FROM reports WHERE id = ? AND deleted = 0", [report_id]
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no report with id {report_id}")
        return report_from_row(row)

    def seqs(self, query: ReportQuery) -> list[int]:
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

    def by_seq(self, seqs: list[int]) -> dict[int, Report]:
        """Reports keyed by row number; one query for a page of a list."""
        if not seqs:
            return {}
        marks = ", ".join("?" * len(seqs))
        rows = self.conn.execute(f"SELECT * FROM reports WHERE seq IN ({marks})", seqs)
        return {row["seq"]: report_from_row(row) for row in rows}

    def list(self, query: ReportQuery) -> list[Report]:
        seqs = self.seqs(query)
        found = self.by_seq(seqs)
        return [found[seq] for seq in seqs if seq in found]

    def count(self, query: ReportQuery) -> int:
        sql, params = count_sql(query)
        return self.conn.execute(sql, params).fetchone()[0]

    def map_json(self, query: ReportQuery) -> bytes:
        """The located reports matching `query` as the map's JSON (see maps/data.py)."""
        operation = get_operation(self.conn, query.operation_id)
        sql, params = map_reports_sql(query, operation["exercise"])
        return self.conn.execute(sql, params).fetchone()[0].encode()

    def list_rows(self, seqs: list[int]) -> dict[int, ReportRow]:
        """The list columns of reports keyed by row number (`body` cut to 300 characters).

        About 4x cheaper than `by_seq`: a list page is read while scrolling.
        """
        if not seqs:
            return {}
        marks = ", ".join("?" * len(seqs))
        sql = f"SELECT {LIST_COLUMNS} FROM reports WHERE seq IN ({marks})"
        return {row[0]: cast(ReportRow, dict(row)) for row in self.conn.execute(sql, seqs)}


def _fill_verification(clean: dict, current: Mapping[str, Any], user: str) -> dict:
    """A new verdict is signed with who gave it and when, unless the user said so."""
    changed = clean["verification"] != current.get("verification", "unverified")
    if changed and clean["verification"] != "unverified":
        if not clean["verified_by"] or clean["verified_by"] == current.get("verified_by"):
            clean["verified_by"] = user
        if not clean["verified_at"] or clean["verified_at"] == current.get("verified_at"):
            clean["verified_at"] = utc_now()
    return clean
