"""The players of an exercise as the records know them: the users who wrote or changed
the players' data of the exercise operation (its history's authors), and the players
observers already named in their notes — what an observer picks a note's player from.

Those who lead the exercise (the authors of its scenario and of its clock's changes) are
not players and are left out, unless an observer named one.

A function of a Store: run it in the thread that opened it (a job, or the CLI).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fieldapp.core.records import RECORD_TYPES
from fieldapp.exercises.clock import clock_id

if TYPE_CHECKING:
    from fieldapp.store import Store

# The records players make or act on (exercises/runs.PLAYERS_DATA, less the notes).
PLAYED = (
    "attachment", "radio_hop", "relay", "rumour_link", "report", "feature",
    "radio_message", "item", "alert", "public_message", "rumour",
)  # fmt: skip


def players_seen(store: Store, operation_id: str) -> list[str]:
    """The user names seen acting in the exercise, sorted without regard to case."""
    seen: set[str] = set()
    for entity in PLAYED:
        table = RECORD_TYPES[entity].table
        seen.update(
            row[0]
            for row in store.conn.execute(
                f"SELECT DISTINCT h.author FROM {table} t JOIN history h"
                " ON h.row_id = t.id AND h.entity = ? WHERE t.operation_id = ?",
                [entity, operation_id],
            )
        )
    seen -= _controllers(store, operation_id)
    seen.update(
        row[0]
        for row in store.conn.execute(
            "SELECT DISTINCT player FROM observer_notes WHERE operation_id = ? AND deleted = 0",
            [operation_id],
        )
    )
    return sorted((name for name in seen if name and name.strip()), key=str.casefold)


def _controllers(store: Store, operation_id: str) -> set[str]:
    rows = store.conn.execute(
        "SELECT DISTINCT h.author FROM injects t JOIN history h"
        " ON h.row_id = t.id AND h.entity = 'inject' WHERE t.operation_id = ?"
        " UNION SELECT author FROM history WHERE entity = 'exercise_clock' AND row_id = ?",
        [operation_id, clock_id(operation_id)],
    )
    return {row[0] for row in rows}
