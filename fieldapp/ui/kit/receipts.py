"""Read receipts asked for by the players' desks: the "seen" of the exercise timeline.

When a desk shows a record its user chose (a card's posts on the monitoring desk, an
alert on the alerts desk, a radio message on the radio desk, a report in the main
window's form), it hands it to its `SeenRecords.shown`. Only in an exercise operation,
and only for records an inject delivered (their mark, read here from the record already
on screen), is a job submitted: `note_seen`, which asks the core
(`store.receipts.saw`, fieldapp/exercises/receipts.py) to write the receipt, once per
player and record, and only if this device's user plays the exercise. A real operation
never submits a job.

Threading rules: `SeenRecords` lives on the GUI thread and reads nothing; `note_seen`
runs on the task manager's writes lane, on that lane's own store. The same records shown
again (a refresh reading the chosen card or alert anew) submit nothing. A failed job is
logged and never shown: a receipt is the controllers' business, not the player's.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from functools import partial
from typing import Any

from fieldapp.exercises.receipts import delivered_by_inject
from fieldapp.ui.kit.taskman import JobContext, Lane, TaskManager

log = logging.getLogger(__name__)
KEY = "read-receipt"  # the task manager's key of every receipt job, then what it notes


def note_seen(entity: str, record_ids: tuple[str, ...], ctx: JobContext) -> int:
    """In a job: this device's user opened these records; how many receipts were written
    (none for a record already seen, or when this device's user does not play)."""
    return sum(ctx.store.receipts.saw(entity, record_id) is not None for record_id in record_ids)


class SeenRecords:
    """One desk's requests for read receipts (GUI thread)."""

    def __init__(self, tasks: TaskManager):
        self.tasks = tasks
        self._last: tuple[str, tuple[str, ...]] | None = None  # what was asked for last

    def shown(self, exercise: bool, entity: str, records: Iterable[Mapping[str, Any]]) -> None:
        """The desk now shows `records` of `entity` (one of fieldapp.exercises.receipts'
        RECEIPT_ENTITIES) in an operation that is an `exercise` or not."""
        if not exercise:
            return
        ids = tuple(str(r["id"]) for r in records if delivered_by_inject(entity, r))
        if not ids or (entity, ids) == self._last:
            return
        self._last = (entity, ids)
        self.tasks.submit(
            partial(note_seen, entity, ids),
            lane=Lane.WRITES,
            key=f"{KEY} {entity} {' '.join(ids)}",  # the same records twice: one job
            on_failed=partial(self._on_job_failed, entity, ids),
        )

    def _on_job_failed(self, entity: str, ids: tuple[str, ...], error: Exception) -> None:
        log.warning("read receipt of %s %s not written: %s", entity, ", ".join(ids), error)
        if self._last == (entity, ids):
            self._last = None  # shown again later: asked again
