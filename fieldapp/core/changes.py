"""What a write or a sync round changed: record type -> ids of the records it touched.

One value travels from the core to the views (issue 11's "Changes"): the replica collects
it for every committed transaction (core/replica.py), a sync round returns it in its
report, the task manager hands over each job's, the window carries them all on one signal
(`records_changed`), and each view decides whether it must read again (the list for
reports, the map for reports and features, the radio desk for messages). `local` says
whether any of it was written here (then the outbox grew) rather than received by sync.
A plain value: build it in any thread, hand it over, don't share it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass
class Changes:
    ids: dict[str, set[str]] = field(default_factory=dict)
    local: bool = False  # some of it was written on this device (not received by sync)

    def add(self, entity: str, row_id: str, *, local: bool = False) -> None:
        self.ids.setdefault(entity, set()).add(row_id)
        self.local = self.local or local

    def update(self, other: Changes) -> None:
        for entity, ids in other.ids.items():
            self.ids.setdefault(entity, set()).update(ids)
        self.local = self.local or other.local

    def touches(self, *entities: str) -> bool:
        """Whether any record of these types changed."""
        return any(self.ids.get(entity) for entity in entities)

    def __bool__(self) -> bool:
        return any(self.ids.values())

    def __iter__(self) -> Iterator[tuple[str, str]]:
        for entity, ids in sorted(self.ids.items()):
            for row_id in sorted(ids):
                yield entity, row_id
