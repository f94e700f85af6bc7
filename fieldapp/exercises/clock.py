"""The exercise clock: exercise time from wall time, running or paused, at a speed.

The clock of an operation is one record (`exercise_clock`, its id derived from the
operation, so two controllers' laptops keep one clock): `offset_s` exercise seconds
counted up to `started_at`, and since then `speed` exercise seconds per real second while
it runs. Pausing folds the running time into the offset; resuming starts counting again;
a change of speed folds first; a jump sets the offset. Pure functions of the stored
values and of `now`, plus a repository over the store's Replica (the thread that opened
the store).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fieldapp.core.errors import ValidationError
from fieldapp.core.operations import get_operation
from fieldapp.core.record_types import ExerciseClock
from fieldapp.core.replica import Repository
from fieldapp.core.times import utc_now

SPEEDS = (1, 2, 5, 10, 60)  # x1, x2, x5 for players; x10 and x60 for rehearsals and tests
STOPPED, RUNNING, PAUSED = "stopped", "running", "paused"
_NAMESPACE = uuid.UUID("8c1f3a5e-7d2b-5e9f-a4c6-2b3d4e5f6a7b")  # clock ids: never change it


def clock_id(operation_id: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, operation_id))


@dataclass(frozen=True)
class ClockState:
    """A clock's stored values."""

    state: str = STOPPED
    offset_s: int = 0
    started_at: str | None = None
    speed: int = 1

    def seconds(self, now: str) -> int:
        """Exercise seconds (T+) at `now` (ISO UTC)."""
        if self.state != RUNNING or self.started_at is None:
            return self.offset_s
        return self.offset_s + int(_elapsed(self.started_at, now) * self.speed)

    def started(self, now: str) -> ClockState:
        if self.state == RUNNING:
            return self
        return ClockState(RUNNING, self.offset_s, now, self.speed)

    def paused(self, now: str) -> ClockState:
        if self.state != RUNNING:
            return self
        return ClockState(PAUSED, self.seconds(now), None, self.speed)

    def at_speed(self, speed: int, now: str) -> ClockState:
        if speed not in SPEEDS:
            raise ValidationError(
                {
                    "speed": (
                        "unknown_value",
                        (f"{speed} is not a speed: {', '.join(f'x{s}' for s in SPEEDS)}"),
                    )
                }
            )
        running = self.state == RUNNING
        return ClockState(self.state, self.seconds(now), now if running else None, speed)

    def jumped(self, seconds: int, now: str) -> ClockState:
        if seconds < 0:
            raise ValidationError({"offset_s": ("invalid", "the exercise clock starts at T+0")})
        running = self.state == RUNNING
        return ClockState(self.state, seconds, now if running else None, self.speed)


def _elapsed(start: str, now: str) -> float:
    return max(0.0, (_moment(now) - _moment(start)).total_seconds())


def _moment(iso: str) -> datetime:
    return datetime.fromisoformat(iso.replace("Z", "+00:00"))


class ExerciseClocks(Repository):
    """The clock of each exercise operation."""

    def get(self, operation_id: str) -> ClockState:
        row = self.conn.execute(
            "SELECT state, offset_s, started_at, speed FROM exercise_clocks"
            " WHERE id = ? AND deleted = 0",
            [clock_id(operation_id)],
        ).fetchone()
        return ClockState(*row) if row else ClockState()

    def start(self, operation_id: str, now: str | None = None) -> ClockState:
        return self._write(operation_id, lambda c, t: c.started(t), now)

    def pause(self, operation_id: str, now: str | None = None) -> ClockState:
        return self._write(operation_id, lambda c, t: c.paused(t), now)

    def speed(self, operation_id: str, speed: int, now: str | None = None) -> ClockState:
        return self._write(operation_id, lambda c, t: c.at_speed(speed, t), now)

    def jump(self, operation_id: str, seconds: int, now: str | None = None) -> ClockState:
        return self._write(operation_id, lambda c, t: c.jumped(seconds, t), now)

    def _write(self, operation_id: str, change: Any, now: str | None) -> ClockState:
        operation = get_operation(self.conn, operation_id)
        if not operation["exercise"]:
            raise ValidationError(
                {
                    "operation": (
                        "not_exercise",
                        ("an exercise clock runs only in an exercise operation"),
                    )
                }
            )
        moment = now or utc_now()
        with self.db.transaction():
            before = self.get(operation_id)
            after = change(before, moment)
            values = {
                "state": after.state,
                "offset_s": after.offset_s,
                "started_at": after.started_at,
                "speed": after.speed,
            }
            row = self.conn.execute(
                "SELECT * FROM exercise_clocks WHERE id = ?", [clock_id(operation_id)]
            ).fetchone()
            if row is None:
                self.db.insert_records(
                    "exercise_clock",
                    [
                        {
                            "id": clock_id(operation_id),
                            "operation_id": operation_id,
                            "author": self.db.user,
                            "created_at": moment,
                            **values,
                        }
                    ],
                )
            else:
                current = dict(row)
                diff = {k: (current[k], v) for k, v in values.items() if current[k] != v}
                if diff:
                    self.db.update_record("exercise_clock", current, diff)
        return after


def stored_clock(record: ExerciseClock) -> ClockState:
    return ClockState(record["state"], record["offset_s"], record["started_at"], record["speed"])
