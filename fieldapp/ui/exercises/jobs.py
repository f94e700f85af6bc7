"""The exercise desk's background work: plain Qt-free functions of a job context.

`read_desk` (reads lane): the scenario with its status and first answers, the clock, the
observers' notes, the run being played and the archived ones, whether this device leads
the exercise, the players seen; `read_actions` (reads lane): what each player did after
one inject, on the exercise clock; `release_due` (writes lane): the injects the clock has
reached, released one after the other (each delivered on its channel:
exercises/release.py); `release_one` (writes lane); `import_scenario`,
`export_scenario` (files lane): an MSEL file in or out; `reset_preview` (reads lane) and
`reset_run` (writes lane): what a reset archives and clears, and the reset itself;
`read_aar` (reads lane): the trainer's after-action sections and the earlier runs;
`aar_csv_build`: the after-action report as CSV, for the kit's file jobs (files lane);
`start_sample` (writes lane): the sample exercise in a new operation, its clock running.
Each runs on its worker thread's own Store (`ctx.store`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from fieldapp.core.livefiles import refuse_live_file
from fieldapp.core.times import utc_now

if TYPE_CHECKING:
    from collections.abc import Callable

    from fieldapp.core.record_types import ExerciseRun, Inject, ObserverNote
    from fieldapp.exercises.clock import ClockState
    from fieldapp.exercises.response import Response
    from fieldapp.exercises.runs import ResetDone
    from fieldapp.store import Store
    from fieldapp.ui.kit.taskman import JobContext


@dataclass
class DeskData:
    injects: list[Inject] = field(default_factory=list)
    clock: ClockState | None = None
    notes: list[ObserverNote] = field(default_factory=list)
    now: str = ""
    responses: dict[str, Response] = field(default_factory=dict)  # by inject number
    run: int = 1  # the run being played
    runs: list[ExerciseRun] = field(default_factory=list)  # the archived ones
    leads: bool = True  # this device's role leads the exercise (else: a player's laptop)
    players: list[str] = field(default_factory=list)


def read_desk(operation_id: str, ctx: JobContext) -> DeskData:
    from fieldapp.core.rights import leads
    from fieldapp.exercises.players import players_seen
    from fieldapp.exercises.response import responses

    store = ctx.store
    role = store.db.sync_state("role")
    return DeskData(
        store.injects.list(operation_id),
        store.clocks.get(operation_id),
        store.notes.list(operation_id),
        utc_now(),
        {r.number: r for r in responses(store, operation_id)},
        store.runs.current(operation_id),
        store.runs.list(operation_id),
        not role or leads(role, True),
        players_seen(store, operation_id),
    )


@dataclass(frozen=True)
class ActionRow:
    """One thing a player did after an inject, on the exercise clock and the wall clock."""

    exercise_s: int
    at: str
    player: str
    what: str


def read_actions(inject_id: str, ctx: JobContext) -> list[ActionRow]:
    """What each player did with what the inject became, oldest first."""
    from fieldapp.exercises.clockhistory import clock_history
    from fieldapp.exercises.response import player_actions

    store = ctx.store
    inject = store.injects.get(inject_id)
    history = clock_history(store, inject["operation_id"])
    return [
        ActionRow(history.seconds_at(a.at), a.at, a.player, a.what)
        for a in player_actions(store, inject)
    ]


def release_due(operation_id: str, ctx: JobContext) -> list[str]:
    """Release what the clock has reached; the numbers released."""
    from fieldapp.exercises.release import release_due as release_reached

    due = release_reached(ctx.store, operation_id, progress=ctx.progress)
    return [inject["number"] for inject in due]


def release_one(inject_id: str, ctx: JobContext) -> None:
    from fieldapp.exercises.release import release

    release(ctx.store, inject_id)


def import_scenario(operation_id: str, path: Path, ctx: JobContext) -> int:
    """The injects of an MSEL file (CSV or XLSX) added to the exercise, all or none; how
    many. MselError names the row and the column of a bad file."""
    from fieldapp.exercises.injects import from_scenario
    from fieldapp.exercises.msel import read_csv, read_xlsx

    store = ctx.store
    refuse_live_file(path, store.data_dir)
    ctx.progress(0, 2, path.name)
    data = path.read_bytes()
    reader = read_xlsx if data[:2] == b"PK" else read_csv
    scenario = reader(data, source=path.name)
    ctx.check()
    ctx.progress(1, 2, path.name)
    ids = store.injects.add_many(operation_id, [from_scenario(i) for i in scenario.injects])
    ctx.progress(2, 2, path.name)
    return len(ids)


def export_scenario(operation_id: str, path: Path, ctx: JobContext) -> int:
    """The scenario written as an MSEL file (XLSX if the name says so, else CSV), its
    title marked EXERCISE; how many injects. Written beside, then renamed over."""
    from fieldapp.core.operations import get_operation
    from fieldapp.exercises.injects import to_scenario
    from fieldapp.exercises.msel import write_csv, write_xlsx

    store = ctx.store
    refuse_live_file(path, store.data_dir, writing=True)
    operation = get_operation(store.conn, operation_id)
    injects = store.injects.list(operation_id)
    ctx.progress(0, 1, path.name)
    scenario = to_scenario(operation, injects)
    data = (write_xlsx if path.suffix.lower() == ".xlsx" else write_csv)(scenario)
    ctx.check()
    partial = path.with_name(f".{path.name}.part")
    partial.write_bytes(data)
    os.replace(partial, path)
    ctx.progress(1, 1, path.name)
    return len(injects)


@dataclass(frozen=True)
class ResetPreview:
    """What a reset would do: the run it archives, where, and what it clears."""

    run: int
    archive: Path
    cleared: dict[str, int]  # the players' records, by entity (only those there are)
    injects: int  # back to pending


def reset_preview(operation_id: str, ctx: JobContext) -> ResetPreview:
    from fieldapp.exercises.runs import archive_path, players_data

    store = ctx.store
    run = store.runs.current(operation_id)
    played = sum(1 for i in store.injects.list(operation_id) if i["status"] != "pending")
    return ResetPreview(
        run,
        archive_path(store, operation_id, run),
        players_data(store, operation_id),
        played,
    )


def reset_run(operation_id: str, archive: Path, ctx: JobContext) -> ResetDone:
    """Archive the run and clear the players' data (exercises/runs.reset); Cancel before
    the end changes nothing but leaves the archive file."""
    from fieldapp.exercises.runs import reset

    store = ctx.store
    refuse_live_file(archive, store.data_dir, writing=True)
    return reset(store, operation_id, archive, ctx.progress, ctx.cancelled)


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
