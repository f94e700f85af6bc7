"""The exercise clock in the past: what it said at a given wall time, for the controller's
view of when each player acted ("T+00:42, 10:12 UTC").

The clock is one record whose values change (start, pause, speed, jump, reset); its
history keeps each change with its old and new values. Walking that history back from
the current values gives every state the clock was in and since when; the state in force
at a wall time gives the exercise time then (`ClockState.seconds`). A clock that never
existed stood at T+00:00.

Functions of a Store: run them in the thread that opened it (a job, or the CLI).
"""

from __future__ import annotations

import json
from bisect import bisect_right
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from fieldapp.core.hlc import Stamp
from fieldapp.core.times import format_time
from fieldapp.exercises.clock import ClockState, clock_id

if TYPE_CHECKING:
    from fieldapp.store import Store

FIELDS = ("state", "offset_s", "started_at", "speed")


@dataclass(frozen=True)
class ClockHistory:
    """The clock's states, oldest first, each with the wall time it began."""

    states: tuple[tuple[str, ClockState], ...] = ()

    def seconds_at(self, at: str) -> int:
        """Exercise seconds (T+) the clock showed at wall time `at` (ISO UTC)."""
        index = bisect_right([since for since, _ in self.states], at) - 1
        state = self.states[index][1] if index >= 0 else ClockState()
        return state.seconds(at)


def clock_history(store: Store, operation_id: str) -> ClockHistory:
    """Every state of the exercise's clock, from its own history."""
    current = store.clocks.get(operation_id)
    entries = store.conn.execute(
        "SELECT hlc, changes FROM history WHERE entity = 'exercise_clock' AND row_id = ?"
        " ORDER BY seq DESC",
        [clock_id(operation_id)],
    ).fetchall()
    states: list[tuple[str, ClockState]] = []
    state = current
    for hlc, changes in entries:
        since = state.started_at if state.started_at else _stamp_time(hlc)
        states.append((since, state))
        state = _before(state, json.loads(changes))
    states.reverse()
    return ClockHistory(tuple(states))


def _before(after: ClockState, changes: dict[str, list[object]]) -> ClockState:
    """The state before a change: its old values put back."""
    values = {name: getattr(after, name) for name in FIELDS}
    for name, change in changes.items():
        if name in values and isinstance(change, list) and len(change) == 2:
            values[name] = change[0]
    return ClockState(
        str(values["state"]),
        int(values["offset_s"] or 0),  # type: ignore[arg-type]
        values["started_at"] or None,  # type: ignore[arg-type]
        int(values["speed"] or 1),  # type: ignore[arg-type]
    )


def _stamp_time(hlc: str) -> str:
    wall = Stamp.parse(hlc).wall_ms
    return format_time(datetime.fromtimestamp(wall / 1000, UTC))
