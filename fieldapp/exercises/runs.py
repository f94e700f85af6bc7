"""Reset and replay: a run of the scenario archived, the players' data cleared, the
scenario ready to be played again; and the archived runs, for the after-action report's
comparison of two runs.

`reset` first writes a backup of the whole database (the SQLite backup API: nothing of the
run is lost), then, in one transaction: records the run (`exercise_run`: its response
times per inject and its observers' notes, a controllers' record that syncs to the other
controllers), deletes every record the players made or received in the exercise
operation (tombstones: the deletions sync to every player's device), puts every inject
back to pending and the clock back to T+00:00, stopped. The scenario, the trainer's
after-action entries, the watch rules and the message templates stay.

Functions and a Repository of a Store: run them in the thread that opened it (a job, or
the CLI).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldapp.core.backup import BACKUP_DIR, backup_to
from fieldapp.core.errors import NotFoundError
from fieldapp.core.operations import get_operation
from fieldapp.core.record_types import ExerciseRun
from fieldapp.core.records import RECORD_TYPES
from fieldapp.core.replica import Repository, new_id
from fieldapp.core.tasks import Cancelled
from fieldapp.core.times import utc_now
from fieldapp.exercises.clock import STOPPED, clock_id
from fieldapp.exercises.guard import check_controller
from fieldapp.exercises.response import responses, summary

if TYPE_CHECKING:
    from fieldapp.store import Store

# What players made or received in an exercise operation: cleared by a reset. Children
# (read receipts, attachments, hops, relays, sightings) are listed before what they hang on.
PLAYERS_DATA = (
    "read_receipt", "attachment", "radio_hop", "relay", "rumour_link", "observer_note",
    "report", "feature", "radio_message", "item", "alert", "public_message", "rumour",
)  # fmt: skip
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class ResetDone:
    run: int  # the run archived
    archive: Path
    cleared: dict[str, int]  # records deleted, by entity


class ExerciseRuns(Repository):
    """The archived runs of each exercise operation, oldest first."""

    def list(self, operation_id: str) -> list[ExerciseRun]:
        cursor = self.conn.execute(
            "SELECT * FROM exercise_runs WHERE operation_id = ? AND deleted = 0"
            " ORDER BY number, seq",
            [operation_id],
        )
        return [_decoded(row) for row in cursor]

    def get(self, operation_id: str, number: int) -> ExerciseRun:
        for run in self.list(operation_id):
            if run["number"] == number:
                return run
        raise NotFoundError(f"no archived run {number} of this exercise")

    def current(self, operation_id: str) -> int:
        """The number of the run being played: one more than the last archived."""
        row = self.conn.execute(
            "SELECT MAX(number) FROM exercise_runs WHERE operation_id = ? AND deleted = 0",
            [operation_id],
        ).fetchone()
        return (row[0] or 0) + 1


def players_data(store: Store, operation_id: str) -> dict[str, int]:
    """What a reset would clear: the live records of each PLAYERS_DATA type (those > 0)."""
    counts = {
        entity: store.conn.execute(
            f"SELECT COUNT(*) FROM {RECORD_TYPES[entity].table}"
            " WHERE operation_id = ? AND deleted = 0",
            [operation_id],
        ).fetchone()[0]
        for entity in PLAYERS_DATA
    }
    return {entity: n for entity, n in counts.items() if n}


def archive_path(store: Store, operation_id: str, run: int) -> Path:
    """Where a run is archived by default: the data folder's backups, named after it."""
    name = get_operation(store.conn, operation_id)["name"]
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "-", plain).strip("-").lower()[:40] or "exercise"
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    return store.data_dir / BACKUP_DIR / f"exercise-{slug}-run{run}-{stamp}.db"


def reset(
    store: Store,
    operation_id: str,
    archive: Path | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ResetDone:
    """Archive the current run and make the exercise ready to play again (see above).
    Cancelled before the transaction commits changes nothing but the archive file."""
    check_controller(store.db, operation_id, "runs")
    run = store.runs.current(operation_id)
    archive = Path(archive) if archive else archive_path(store, operation_id, run)
    archive.parent.mkdir(parents=True, exist_ok=True)
    backup_to(store.path, archive)
    summary_json = run_summary(store, operation_id)
    cleared: dict[str, int] = {}
    steps = len(PLAYERS_DATA) + 2
    with store.db.transaction():
        _record_run(store, operation_id, run, archive, summary_json)
        for index, entity in enumerate(PLAYERS_DATA):
            if cancelled and cancelled():
                raise Cancelled()
            if progress:
                progress(index, steps, entity)
            cleared[entity] = _clear(store, operation_id, entity)
        _rewind_injects(store, operation_id)
        _rewind_clock(store, operation_id)
    if progress:
        progress(steps, steps, "")
    return ResetDone(run, archive, {k: v for k, v in cleared.items() if v})


def run_summary(store: Store, operation_id: str) -> dict[str, Any]:
    """What the after-action report needs of a run once its records are gone."""
    found = responses(store, operation_id)
    numbers = {i["id"]: i["number"] for i in store.injects.list(operation_id)}
    clock = store.clocks.get(operation_id)
    return {
        "responses": [r.as_dict() for r in found],
        "channels": summary(found),
        "notes": [
            {
                "at": n["at"],
                "player": n["player"],
                "author": n["author"],
                "text": n["text"],
                "inject": numbers.get(n["inject_id"] or "", ""),
            }
            for n in store.notes.list(operation_id)
        ],
        "clock_s": clock.seconds(utc_now()),
        "started_at": min((r.released_at for r in found), default=None),
    }


def _record_run(
    store: Store, operation_id: str, run: int, archive: Path, summary_json: dict[str, Any]
) -> None:
    row = {
        "id": new_id(),
        "operation_id": operation_id,
        "number": run,
        "started_at": summary_json["started_at"],
        "ended_at": utc_now(),
        "archive": archive.name,
        "summary": json.dumps(summary_json, ensure_ascii=False),
        "author": store.db.user,
        "created_at": utc_now(),
    }
    store.db.insert_records("exercise_run", [row])


def _clear(store: Store, operation_id: str, entity: str) -> int:
    table = RECORD_TYPES[entity].table
    rows = store.conn.execute(
        f"SELECT * FROM {table} WHERE operation_id = ? AND deleted = 0", [operation_id]
    ).fetchall()
    for row in rows:
        store.db.update_record(entity, dict(row), {"deleted": (0, 1)}, action="deleted")
    return len(rows)


def _rewind_injects(store: Store, operation_id: str) -> None:
    rows = store.conn.execute(
        "SELECT * FROM injects WHERE operation_id = ? AND deleted = 0", [operation_id]
    ).fetchall()
    fresh = {"status": "pending", "released_at": None, "delivered": "[]"}
    for row in rows:
        current = dict(row)
        diff = {k: (current[k], v) for k, v in fresh.items() if current[k] != v}
        if diff:
            store.db.update_record("inject", current, diff)


def _rewind_clock(store: Store, operation_id: str) -> None:
    row = store.conn.execute(
        "SELECT * FROM exercise_clocks WHERE id = ? AND deleted = 0", [clock_id(operation_id)]
    ).fetchone()
    if row is None:
        return
    current = dict(row)
    fresh = {"state": STOPPED, "offset_s": 0, "started_at": None}
    diff = {k: (current[k], v) for k, v in fresh.items() if current[k] != v}
    if diff:
        store.db.update_record("exercise_clock", current, diff)


def _decoded(row: Any) -> ExerciseRun:
    record = dict(row)
    for name in ("summary", "field_hlc"):
        record[name] = json.loads(record[name])
    return record  # type: ignore[return-value]
