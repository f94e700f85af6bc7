"""The exercise desk's background work: plain Qt-free functions of a job context.

`read_desk` (reads lane): the scenario with its status, the clock, the observers' notes;
`release_due` (writes lane): the injects the clock has reached, released one after the
other (each delivered on its channel: exercises/release.py); `release_one`, `skip_one`
(writes lane). Each runs on its worker thread's own Store (`ctx.store`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from fieldapp.core.times import utc_now

if TYPE_CHECKING:
    from fieldapp.core.record_types import Inject, ObserverNote
    from fieldapp.exercises.clock import ClockState
    from fieldapp.ui.kit.taskman import JobContext


@dataclass
class DeskData:
    injects: list[Inject] = field(default_factory=list)
    clock: ClockState | None = None
    notes: list[ObserverNote] = field(default_factory=list)
    now: str = ""


def read_desk(operation_id: str, ctx: JobContext) -> DeskData:
    store = ctx.store
    return DeskData(
        store.injects.list(operation_id),
        store.clocks.get(operation_id),
        store.notes.list(operation_id),
        utc_now(),
    )


def release_due(operation_id: str, ctx: JobContext) -> list[str]:
    """Release what the clock has reached; the numbers released."""
    from fieldapp.exercises.release import release_due as release_reached

    due = release_reached(ctx.store, operation_id, progress=ctx.progress)
    return [inject["number"] for inject in due]


def release_one(inject_id: str, ctx: JobContext) -> None:
    from fieldapp.exercises.release import release

    release(ctx.store, inject_id)
