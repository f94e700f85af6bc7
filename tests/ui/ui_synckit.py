"""Sync helpers of the UI tests: a real `fieldapp serve` on loopback, enrolled devices, and
a real conflict made by two devices editing the same report offline.

The Server class comes from tests/sync/conftest.py, loaded from its file: both test
folders have a module named conftest.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from fieldapp.store import Store
from fieldapp.sync.client.session import SyncClient, join
from fieldapp.sync.server import accounts

_SPEC = importlib.util.spec_from_file_location(
    "sync_server_kit", Path(__file__).parents[1] / "sync" / "conftest.py"
)
assert _SPEC is not None and _SPEC.loader is not None
kit = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(kit)


def code_for(server, user: str) -> str:
    if user not in {u["name"] for u in accounts.users(server.db)}:
        accounts.add_user(server.db, user, "coordinator")
    return accounts.enroll(server.db, user)[0]


@dataclass
class Shared:
    """A report on two devices, both joined and synced: here (tester) and olga's tablet."""

    report: dict
    here: SyncClient
    other: Store
    there: SyncClient


def share_report(store: Store, operation: dict, server, other_dir: Path, base: dict) -> Shared:
    """`base` created here, then synced to the server and to olga's tablet."""
    shared = share_record(
        store, server, other_dir, lambda s: s.reports.add(operation["id"], base)["id"]
    )
    report = store.reports.get(shared.record_id)
    return Shared(report, shared.here, shared.other, shared.there)


def make_clash(store: Store, operation: dict, server, other_dir: Path, base: dict,
               theirs: dict, ours: dict) -> Shared:  # fmt: skip
    """A shared report that olga's tablet saves as `theirs`, then this device as `ours`
    (so ours is the newer, kept value); both sync: conflicts on the fields of both."""
    shared = share_report(store, operation, server, other_dir, base)
    _clash(shared, lambda s: s.reports.update(shared.report["id"], theirs),
           lambda s: s.reports.update(shared.report["id"], ours))  # fmt: skip
    return shared


@dataclass
class SharedRecord:
    """A map feature or radio message on two devices, both joined and synced."""

    record_id: str
    here: SyncClient
    other: Store
    there: SyncClient


def share_record(
    store: Store, server, other_dir: Path, create: Callable[[Store], str]
) -> SharedRecord:
    """`create(store)` (returns the new record's id) run here, then synced to the server
    and to olga's tablet."""
    join(store, server.url, code_for(server, "tester"), "laptop")
    record_id = create(store)
    here = SyncClient(store, backoff_s=0.01)
    assert here.sync().complete
    other = Store(other_dir, user="olga")
    join(other, server.url, code_for(server, "olga"), "tablet")
    there = SyncClient(other, backoff_s=0.01)
    assert there.sync().complete
    return SharedRecord(record_id, here, other, there)


def make_feature_clash(store: Store, operation: dict, server, other_dir: Path, base: dict,
                       theirs: dict, ours: dict) -> SharedRecord:  # fmt: skip
    """A shared map feature that olga's tablet edits to `theirs`, then this device to
    `ours` (the newer, kept values); both sync: conflicts on the fields of both."""
    shared = share_record(
        store, server, other_dir, lambda s: s.features.add(operation["id"], **base)["id"]
    )
    _clash(shared, lambda s: s.features.edit(shared.record_id, **theirs),
           lambda s: s.features.edit(shared.record_id, **ours))  # fmt: skip
    return shared


def make_message_clash(store: Store, operation: dict, server, other_dir: Path, base: dict,
                       theirs: dict, ours: dict) -> SharedRecord:  # fmt: skip
    """A shared radio message that olga's tablet edits to `theirs`, then this device to
    `ours` (the newer, kept values); both sync: conflicts on the fields of both."""
    shared = share_record(
        store, server, other_dir, lambda s: s.radio.add(operation["id"], base)["id"]
    )
    _clash(shared, lambda s: s.radio.update(shared.record_id, theirs),
           lambda s: s.radio.update(shared.record_id, ours))  # fmt: skip
    return shared


def _clash(shared: Shared | SharedRecord, theirs: Callable[[Store], object],
           ours: Callable[[Store], object]) -> None:  # fmt: skip
    """Olga's tablet edits first, then this device (the newer, kept values); both sync."""
    theirs(shared.other)
    # Ours is certainly the newer: this device has seen the tablet's stamp. Two edits in
    # one millisecond would otherwise be ordered by the (random) node ids.
    shared.here.store.db.clock.observe(shared.other.db.clock.last)
    ours(shared.here.store)
    assert shared.there.sync().complete
    shared.here.sync()
