"""What the trainer writes into the after-action report (HSEEP AAR/IP): strengths, areas
for improvement, and the improvement plan's actions (each with the capability it is
about, an owner and a due date). Controllers' records (core/rights.CONTROLLERS_ONLY).

A Repository over the store's Replica: used from the thread that opened the store.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from fieldapp.alerts.rows import decoded, delete, live_row, write_changes
from fieldapp.core.errors import ValidationError
from fieldapp.core.record_types import AarEntry
from fieldapp.core.replica import Repository, new_id
from fieldapp.core.times import utc_now
from fieldapp.exercises.aar import SECTIONS
from fieldapp.exercises.guard import check_controller

FIELDS = ("section", "text", "capability", "owner", "due")


def validate_entry(values: Mapping[str, Any]) -> dict[str, str]:
    """The stored values of an entry, or ValidationError naming every bad field."""
    clean = {name: str(values.get(name) or "").strip() for name in FIELDS}
    errors: dict[str, tuple[str, str]] = {}
    if clean["section"] not in SECTIONS:
        errors["section"] = (
            "unknown",
            f"the section is one of {', '.join(SECTIONS)}, not {clean['section']!r}",
        )
    if not clean["text"]:
        errors["text"] = ("required", "an entry needs its text")
    if clean["due"]:
        try:
            clean["due"] = dt.date.fromisoformat(clean["due"]).isoformat()
        except ValueError:
            errors["due"] = ("invalid", f"the due date is YYYY-MM-DD, not {clean['due']!r}")
    if errors:
        raise ValidationError(errors)
    return clean


class AarEntries(Repository):
    """The trainer's entries of each exercise's after-action report."""

    def add(
        self,
        operation_id: str,
        section: str,
        text: str,
        capability: str = "",
        owner: str = "",
        due: str = "",
    ) -> AarEntry:
        clean = validate_entry(
            {"section": section, "text": text, "capability": capability, "owner": owner,
             "due": due}
        )  # fmt: skip
        check_controller(self.db, operation_id, "after-action entries")
        entry_id = new_id()
        row = {"id": entry_id, "operation_id": operation_id, **clean, "author": self.db.user,
               "created_at": utc_now()}  # fmt: skip
        with self.db.transaction():
            self.db.insert_records("aar_entry", [row])
        return self.get(entry_id)

    def edit(self, entry_id: str, changes: Mapping[str, Any]) -> AarEntry:
        current = live_row(self.conn, "aar_entry", entry_id)
        unknown = set(changes) - set(FIELDS)
        if unknown:
            raise ValidationError({sorted(unknown)[0]: ("unknown", "not a field of an entry")})
        clean = validate_entry({**{n: current[n] for n in FIELDS}, **changes})
        check_controller(self.db, current["operation_id"], "after-action entries")
        write_changes(self.db, "aar_entry", current, clean)
        return self.get(entry_id)

    def delete(self, entry_id: str) -> None:
        current = live_row(self.conn, "aar_entry", entry_id)
        check_controller(self.db, current["operation_id"], "after-action entries")
        delete(self.db, "aar_entry", current)

    def get(self, entry_id: str) -> AarEntry:
        return decoded(live_row(self.conn, "aar_entry", entry_id))  # type: ignore[return-value]

    def list(self, operation_id: str) -> list[AarEntry]:
        """In the report's order: strengths, areas for improvement, actions; each as written."""
        order = " ".join(f"WHEN '{s}' THEN {i}" for i, s in enumerate(SECTIONS))
        cursor = self.conn.execute(
            "SELECT * FROM aar_entries WHERE operation_id = ? AND deleted = 0"
            f" ORDER BY CASE section {order} END, created_at, seq",
            [operation_id],
        )
        return [decoded(row) for row in cursor]  # type: ignore[misc]
