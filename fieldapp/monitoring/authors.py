"""Notes on authors: what the team thinks of an account (credible, official, impersonator...).

A note is a synced record of an operation, and it is kept across operations: the newest
note on a handle, in any operation of this laptop, is shown on every post of that author.
`AuthorNotes` is the repository the Store holds as `store.authors`: one replica, one
thread, like every repository.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import cast

from fieldapp.core.errors import ValidationError
from fieldapp.core.operations import get_operation
from fieldapp.core.record_types import AuthorNote
from fieldapp.core.replica import Repository, new_id
from fieldapp.core.times import utc_now

CREDIBILITY = ("credible", "official", "unknown", "not_credible", "impersonator")
NOTE_MAX = 2000


def handle_key(handle: str) -> str:
    """Handles compare without case and without a leading @ ("@Prefet11@x" = "prefet11@x")."""
    return handle.strip().lstrip("@").casefold()


class AuthorNotes(Repository):
    """Saving and reading the team's notes on authors."""

    def set(self, operation_id: str, handle: str, credibility: str, note: str = "") -> AuthorNote:
        """Say what the team thinks of an author, in an operation; replaces this
        operation's note on that handle if there is one."""
        get_operation(self.conn, operation_id)
        clean_handle = handle.strip()
        errors: dict[str, tuple[str, str]] = {}
        if not clean_handle:
            errors["handle"] = ("required", "an author's handle is required")
        if credibility not in CREDIBILITY:
            errors["credibility"] = (
                "unknown_value",
                f"{credibility!r} is not one of {', '.join(CREDIBILITY)}",
            )
        if len(note) > NOTE_MAX:
            errors["note"] = ("too_long", f"at most {NOTE_MAX} characters")
        if errors:
            raise ValidationError(errors)
        values = {"handle": clean_handle, "credibility": credibility, "note": note.strip()}
        with self.db.transaction():
            current = self._in_operation(operation_id, clean_handle)
            if current is None:
                note_id = new_id()
                row = {"id": note_id, "operation_id": operation_id, "created_at": utc_now(),
                       "author": self.db.user, **values}  # fmt: skip
                self.db.insert_records("author_note", [row])
            else:
                note_id = current["id"]
                diff = {k: (current[k], v) for k, v in values.items() if current[k] != v}
                if diff:
                    self.db.update_record("author_note", dict(current), diff)
        return self.note_of(clean_handle) or cast(AuthorNote, {})

    def note_of(self, handle: str) -> AuthorNote | None:
        """The newest note on this handle, whatever the operation; None if there is none."""
        return self.notes_of([handle]).get(handle_key(handle))

    def notes_of(self, handles: Iterable[str]) -> dict[str, AuthorNote]:
        """The newest note on each handle that has one, keyed by `handle_key`."""
        keys = sorted({handle_key(h) for h in handles if h.strip()})
        found: dict[str, AuthorNote] = {}
        for start in range(0, len(keys), 400):
            chunk = keys[start : start + 400]
            marks = ", ".join("?" * len(chunk))
            rows = self.conn.execute(
                "SELECT * FROM author_notes WHERE deleted = 0 AND "
                f"lower(ltrim(handle, '@')) IN ({marks}) ORDER BY updated_hlc",
                chunk,
            )
            for row in rows:  # the newest last: it wins
                found[handle_key(row["handle"])] = _note(row)
        return found

    def _in_operation(self, operation_id: str, handle: str) -> sqlite3.Row | None:
        rows = self.conn.execute(
            "SELECT * FROM author_notes WHERE operation_id = ? AND deleted = 0 "
            "ORDER BY updated_hlc DESC",
            [operation_id],
        )
        return next((r for r in rows if handle_key(r["handle"]) == handle_key(handle)), None)


def _note(row: sqlite3.Row) -> AuthorNote:
    note = dict(row)
    note["field_hlc"] = json.loads(note["field_hlc"])
    return cast(AuthorNote, note)
