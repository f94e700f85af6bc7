"""What a part of `Store` may rely on: the base of the Store mixins.

The store is split by subject (report reads, map features, radio traffic) into mixins
that `Store` combines; each part uses Store's connection, user and clock and its write
path (`transaction`, `insert_records`, `update_record`), declared here once so type checkers see
them. The same rules hold for every part: one store, one connection, one thread.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from fieldapp.sync.protocol.hlc import HybridClock


class StorePart:
    """Declarations only: Store provides all of it."""

    conn: sqlite3.Connection
    user: str
    clock: HybridClock

    if TYPE_CHECKING:

        def transaction(self) -> AbstractContextManager[sqlite3.Connection]: ...
        def insert_records(self, entity: str, rows: Sequence[Mapping[str, Any]]) -> None: ...
        def update_record(
            self, entity: str, current: Mapping[str, Any], diff: Any, action: str = ...
        ) -> None: ...
        def get_operation(self, op_id: str) -> dict: ...
