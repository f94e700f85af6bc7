"""The sample exercise, ready to play: the shipped scenario (resources/exercises/
crue-eclair.csv, a flash flood in the Gard over three hours) in a new exercise operation,
its clock started at T+00:00, so that the exercise desk and `fieldapp exercise run`
release its injects as the clock reaches them.

Used by `fieldapp demo --sample-exercise` and by the window's Exercise menu (a job).
Functions of a Store: run them in the thread that opened it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from fieldapp.core.resources import resources_dir

if TYPE_CHECKING:
    from fieldapp.core.record_types import Operation
    from fieldapp.exercises.clock import ClockState
    from fieldapp.exercises.msel import Scenario
    from fieldapp.store import Store

SAMPLE_FILE = ("exercises", "crue-eclair.csv")


@dataclass(frozen=True)
class SampleExercise:
    """What starting the sample made: the operation, its injects, its running clock."""

    operation: Operation
    injects: int
    clock: ClockState


def sample_path() -> Path:
    return resources_dir().joinpath(*SAMPLE_FILE)


def read_sample() -> Scenario:
    """The shipped scenario (an MselError if the installation's copy is damaged)."""
    from fieldapp.exercises.msel import read_csv

    path = sample_path()
    return read_csv(path.read_bytes(), source=path.name)


def start_sample_exercise(store: Store, *, name: str | None = None) -> SampleExercise:
    """A new exercise operation holding the sample scenario, its clock running from T+0.

    The operation and its injects are written before the clock starts: a failure leaves
    at worst an exercise with its scenario and a stopped clock, never half a scenario
    (the injects are one transaction)."""
    from fieldapp.exercises.injects import from_scenario

    scenario = read_sample()
    operation = store.operations.create(
        name or scenario.title, exercise=True, description=scenario.description
    )
    ids = store.injects.add_many(operation["id"], [from_scenario(i) for i in scenario.injects])
    clock = store.clocks.start(operation["id"])
    return SampleExercise(operation, len(ids), clock)
