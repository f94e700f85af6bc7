"""The exercise desk's background work: plain Qt-free functions of a job context.

`read_desk` (reads lane): the scenario with its status, the clock, the observers' notes;
`release_due` (writes lane): the injects the clock has reached, released one after the
other (each delivered on its channel: exercises/release.py); `release_one` (writes lane);
`read_aar` (reads lane): the trainer's after-action sections and the earlier runs;
`aar_csv_build`: the after-action report as CSV, for the kit's file jobs (files lane);
`start_sample` (writes lane): the sample exercise in a new operation, its clock running.
Each runs on its worker thread's own Store (`ctx.store`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from fieldapp.core.times import utc_now

if TYPE_CHECKING:
    from collections.abc import Callable

    from fieldapp.core.record_types import Inject, ObserverNote
    from fieldapp.exercises.clock import ClockState
    from fieldapp.store import Store
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


@dataclass
class AarData:
    """What the after-action dialog shows: the trainer's lines, the runs to compare with."""

    entries: list[dict] = field(default_factory=list)
    runs: list[dict] = field(default_factory=list)  # earlier runs, each with its number


def read_aar(operation_id: str, ctx: JobContext) -> AarData:
    store = ctx.store
    return AarData(
        [dict(e) for e in store.aar.list(operation_id)],
        [dict(r) for r in store.runs.list(operation_id)],
    )


def aar_csv_build(
    operation_id: str, compare_with: int | None = None
) -> Callable[[Store], tuple[bytes, int]]:
    """The after-action report as CSV (the kit's CsvJob): its bytes and timeline lines."""

    def build(store: Store) -> tuple[bytes, int]:
        from fieldapp.exercises import aar

        report = aar.build(store, operation_id, compare_with=compare_with)
        return aar.to_csv(report), len(report.lines)

    return build


def start_sample(ctx: JobContext) -> str:
    """The sample scenario in a new exercise operation, its clock started; its id."""
    from fieldapp.demo.exercise import start_sample_exercise

    ctx.progress(0, 1)
    sample = start_sample_exercise(ctx.store)
    ctx.progress(1, 1)
    return sample.operation["id"]
