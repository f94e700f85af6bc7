"""The Store: one data folder's database, with a repository per feature.

    store = Store(data_dir)            # one connection; the thread that opens it uses it
    store.operations.create("Floods")  # core/operations.py
    store.reports.add(op_id, {...})    # reports/repository.py
    store.attachments.add(report_id, path)
    store.features.add(op_id, ...)     # maps/features.py
    store.radio.add(op_id, {...})      # radio/repository.py
    store.items.take(op_id, posts, ...) # monitoring/items.py; .rules, .authors, .sources,
                                       # .queue: the monitoring desk (made on first use)
    store.alerts.take(op_id, alerts, source=...)  # alerts/: .messages, .rumours, .relays
    store.db.transaction()             # the replica and its one write path (core/replica.py)

Every repository writes through the same Replica, so every user action is one SQLite
transaction with its row, stamps, outbox and history entries. A Store must be used from
the thread that opened it; a worker thread opens its own on the same file.
"""

from __future__ import annotations

import sqlite3
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from fieldapp.core.database import DatabaseError
from fieldapp.core.errors import NotFoundError, ValidationError
from fieldapp.core.operations import Operations
from fieldapp.core.replica import Replica
from fieldapp.maps.features import Features
from fieldapp.radio.repository import RadioTraffic
from fieldapp.reports.attachment_records import Attachments
from fieldapp.reports.query import ReportQuery
from fieldapp.reports.repository import Reports

if TYPE_CHECKING:
    from fieldapp.alerts.alerts import Alerts
    from fieldapp.alerts.messages import Messages
    from fieldapp.alerts.relays import Relays
    from fieldapp.alerts.rumours import Rumours
    from fieldapp.exercises.clock import ExerciseClocks
    from fieldapp.exercises.entries import AarEntries
    from fieldapp.exercises.injects import Injects
    from fieldapp.exercises.notes import ObserverNotes
    from fieldapp.exercises.receipts import ReadReceipts
    from fieldapp.exercises.runs import ExerciseRuns
    from fieldapp.monitoring.authors import AuthorNotes
    from fieldapp.monitoring.items import Items
    from fieldapp.monitoring.queue import Queue
    from fieldapp.monitoring.sources import Sources
    from fieldapp.monitoring.watch import WatchRules


class Store:
    """The FieldApp database of one data directory, as repositories over one replica."""

    def __init__(self, data_dir: Path | str, *, user: str | None = None):
        self.db = Replica(data_dir, user=user)
        self.operations = Operations(self.db)
        self.reports = Reports(self.db)
        self.attachments = Attachments(self.db)
        self.features = Features(self.db)
        self.radio = RadioTraffic(self.db)

    # The monitoring desk: imported on first use, so that opening the window does not pay
    # for it (its heavier parts bring HTTP, rules and clusters).
    @cached_property
    def items(self) -> Items:
        from fieldapp.monitoring.items import Items

        return Items(self.db)

    @cached_property
    def authors(self) -> AuthorNotes:
        from fieldapp.monitoring.authors import AuthorNotes

        return AuthorNotes(self.db)

    @cached_property
    def sources(self) -> Sources:
        from fieldapp.monitoring.sources import Sources

        return Sources(self.db)

    @cached_property
    def rules(self) -> WatchRules:
        from fieldapp.monitoring.watch import WatchRules

        return WatchRules(self.db)

    @cached_property
    def queue(self) -> Queue:
        from fieldapp.monitoring.queue import Queue

        return Queue(self.db)

    # The alerts and outreach desk, made on first use too.
    @cached_property
    def alerts(self) -> Alerts:
        from fieldapp.alerts.alerts import Alerts

        return Alerts(self.db)

    @cached_property
    def messages(self) -> Messages:
        from fieldapp.alerts.messages import Messages

        return Messages(self.db)

    @cached_property
    def rumours(self) -> Rumours:
        from fieldapp.alerts.rumours import Rumours

        return Rumours(self.db)

    @cached_property
    def relays(self) -> Relays:
        from fieldapp.alerts.relays import Relays

        return Relays(self.db)

    # The exercise desk, made on first use too.
    @cached_property
    def injects(self) -> Injects:
        from fieldapp.exercises.injects import Injects

        return Injects(self.db)

    @cached_property
    def notes(self) -> ObserverNotes:
        from fieldapp.exercises.notes import ObserverNotes

        return ObserverNotes(self.db)

    @cached_property
    def clocks(self) -> ExerciseClocks:
        from fieldapp.exercises.clock import ExerciseClocks

        return ExerciseClocks(self.db)

    @cached_property
    def aar(self) -> AarEntries:
        from fieldapp.exercises.entries import AarEntries

        return AarEntries(self.db)

    @cached_property
    def runs(self) -> ExerciseRuns:
        from fieldapp.exercises.runs import ExerciseRuns

        return ExerciseRuns(self.db)

    @cached_property
    def receipts(self) -> ReadReceipts:
        from fieldapp.exercises.receipts import ReadReceipts

        return ReadReceipts(self.db)

    # What callers read most, named here rather than through `db` everywhere.
    @property
    def conn(self) -> sqlite3.Connection:
        return self.db.conn

    @property
    def user(self) -> str:
        return self.db.user

    @property
    def data_dir(self) -> Path:
        return self.db.data_dir

    @property
    def path(self) -> Path:
        return self.db.path

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


__all__ = ["DatabaseError", "NotFoundError", "ReportQuery", "Store", "ValidationError"]
