"""Observers' notes: timestamped, linked to an inject or a player, written from any laptop
of the exercise, read by its controllers only (core/rights.CONTROLLERS_ONLY: the server
never sends them to a player's device). A Repository over the store's Replica: used from
the thread that opened the store.
"""

from __future__ import annotations

import json
from typing import Any

from fieldapp.core.errors import ValidationError
from fieldapp.core.operations import get_operation
from fieldapp.core.record_types import ObserverNote
from fieldapp.core.replica import Repository, new_id
from fieldapp.core.times import utc_now


class ObserverNotes(Repository):
    """The notes of exercise operations."""

    def add(
        self,
        operation_id: str,
        text: str,
        *,
        inject_id: str | None = None,
        player: str = "",
        exercise_s: int | None = None,
    ) -> ObserverNote:
        operation = get_operation(self.conn, operation_id)
        if not operation["exercise"]:
            raise ValidationError(
                {
                    "operation": (
                        "not_exercise",
                        ("observers' notes belong to an exercise operation"),
                    )
                }
            )
        if not text.strip():
            raise ValidationError({"text": ("required", "a note needs its text")})
        if (
            inject_id
            and self.conn.execute(
                "SELECT 1 FROM injects WHERE id = ? AND operation_id = ? AND deleted = 0",
                [inject_id, operation_id],
            ).fetchone()
            is None
        ):
            raise ValidationError({"inject_id": ("not_found", f"no inject {inject_id} here")})
        note_id = new_id()
        row = {
            "id": note_id,
            "operation_id": operation_id,
            "inject_id": inject_id or None,
            "player": player.strip(),
            "at": utc_now(),
            "exercise_s": exercise_s,
            "text": text.strip(),
            "author": self.db.user,
            "created_at": utc_now(),
        }
        with self.db.transaction():
            self.db.insert_records("observer_note", [row])
        return self._get(note_id)

    def list(self, operation_id: str) -> list[ObserverNote]:
        cursor = self.conn.execute(
            "SELECT * FROM observer_notes WHERE operation_id = ? AND deleted = 0 ORDER BY at, seq",
            [operation_id],
        )
        return [_decoded(row) for row in cursor]

    def _get(self, note_id: str) -> ObserverNote:
        row = self.conn.execute("SELECT * FROM observer_notes WHERE id = ?", [note_id]).fetchone()
        return _decoded(row)


def _decoded(row: Any) -> ObserverNote:
    record = dict(row)
    record["field_hlc"] = json.loads(record["field_hlc"])
    return record  # type: ignore[return-value]
