"""Group commit of the public form's posts: several posts' writes in one transaction.

Every write of the server holds one lock until its commit is durable (db.py: the order
of sequence numbers). On PostgreSQL that commit waits for the WAL flush (about 4 ms on
the 2-core test machine): one post per transaction held the lock mostly for the disk,
capped the form near 150 posts a second for all processes together and let a short
stall of the machine pile posts up for seconds. Here posts that arrive while a commit is
under way wait for it to end, then the first of them (the leader) writes all of them in
one transaction, each in its turn exactly as it would alone (its double-post check, its
tokens taken, its submission stored), and one commit makes them all durable; each post
is answered only after that commit. Under a light load a batch is one post: nothing
waits for company. If a post's work fails, the batch is rolled back and each of its
posts is written again in its own transaction, so one bad post never costs the others.
Refused attempts are counted the same way (intake.refuse): a flood of refusals shares
commits too.

Per process, per Database; any request thread (`run` blocks until its work is durable).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from fieldapp.sync.server.db import Database

MAX_BATCH = 64  # posts in one transaction at most


@dataclass
class _Pending:
    work: Callable[[Connection], Any]
    done: bool = False
    value: Any = None
    error: Exception | None = None


class GroupCommit:
    """One per process and database: `run(work)` returns work(conn)'s value once the
    transaction that ran it has committed (or raises what work raised)."""

    def __init__(self, db: Database, max_batch: int = MAX_BATCH):
        self.db, self.max_batch = db, max_batch
        self._queue: list[_Pending] = []
        self._queue_lock = threading.Lock()
        self._leader = threading.Lock()  # held by the thread writing a batch

    def run(self, work: Callable[[Connection], Any]) -> Any:
        mine = _Pending(work)
        with self._queue_lock:
            self._queue.append(mine)
        while not mine.done:
            with self._leader:
                if mine.done:  # a leader wrote it while this thread waited
                    break
                with self._queue_lock:
                    batch = self._queue[: self.max_batch]
                    del self._queue[: self.max_batch]
                self._write(batch)
        if mine.error is not None:
            raise mine.error
        return mine.value

    def _write(self, batch: list[_Pending]) -> None:
        try:
            with self.db.write() as conn:
                values = [pending.work(conn) for pending in batch]
        except Exception as exc:  # given to its post below
            if len(batch) == 1:
                batch[0].error, batch[0].done = exc, True
                return
            for pending in batch:  # one at a time: only the failing post fails
                self._write([pending])
            return
        for pending, value in zip(batch, values, strict=True):
            pending.value, pending.done = value, True
