"""Whether one pushed entry may be applied: clock, scope, values, rights and stamps.

push.py asks `entry_problem` for every entry of a batch, in order, against the records
as the batch has left them so far (the stored state plus the batch's earlier entries);
a reason in words means the entry is rejected and changes nothing. Values are checked
with the desktop's own rules (sync/protocol/checks.py), rights by the one rule that
server and client share (core/rights.py). Pure functions of their arguments, called
inside the batch's write transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from fieldapp.core.hlc import MAX_DRIFT_MS
from fieldapp.sync.protocol import wire
from fieldapp.sync.protocol.checks import record_problem
from fieldapp.sync.protocol.merge import DELETED, node_of
from fieldapp.sync.server.policy import Access


class Stored(Protocol):
    """What admission reads of a record (push.py's _Record)."""

    operation_id: str
    owner_id: int
    state: dict[str, tuple[Any, str]]


def entry_problem(
    records: Mapping[tuple[str, str], Stored],
    access: Access,
    entry: wire.Entry,
    now: int,
    node: str | None,
) -> str | None:
    """Why this entry may not be applied, else None. `node`: the caller's clock node."""
    record = records.get((entry.entity, entry.id))
    return (
        skew_problem(entry, now)
        or stamp_problem(record, entry, node)
        or scope_problem(records, access, entry)
        or values_problem(record, entry)
    )


def stamp_problem(record: Stored | None, entry: wire.Entry, node: str | None) -> str | None:
    """Stamps bound to their device: every stamp of the caller's own clock, and no base
    newer than what the server has seen of the field (the newest stamp of the record for a
    delete, or a field it has not seen; for another field, its own newest or the record's
    delete, whichever is newer: an edit made after seeing a delete has seen its stamp, as a
    conflict view settling a delete against an edit that lost a tie does): a forged base
    would hide a conflict."""
    own = {stamp: node is not None and node_of(stamp) == node for stamp in _stamps(entry)}
    for name, write in entry.fields.items():
        if not own[write.stamp]:
            return f"{entry.entity}.{name}: its stamp is not of this device's clock"
    state = {} if record is None else record.state
    newest = max((s for _v, s in state.values()), default=None)
    for name, write in entry.fields.items():
        if write.base is None:
            continue
        if name == DELETED or name not in state:
            seen = newest
        else:
            seen = max(state[name][1], state.get(DELETED, (None, ""))[1] or "")
        if seen is None or write.base > seen:
            return f"{entry.entity}.{name}: its base stamp is newer than any the server has"
    return None


def _stamps(entry: wire.Entry) -> set[str]:
    """An entry's distinct stamps (most often one: an edit stamps its fields alike)."""
    return {write.stamp for write in entry.fields.values()}


def skew_problem(entry: wire.Entry, now: int) -> str | None:
    # text order is stamp order, and a checked stamp starts with its 13-digit wall time
    ahead = int(max(_stamps(entry))[:13]) - now
    if ahead > MAX_DRIFT_MS:
        return f"clock ahead: a stamp is {ahead / 1000:.0f} s ahead of the server clock"
    return None


def scope_problem(
    records: Mapping[tuple[str, str], Stored], access: Access, entry: wire.Entry
) -> str | None:
    """Who may write what (core/rights.py), judged on the operation's *stored* exercise
    flag: an entry that flips it cannot widen the rights of the entries after it."""
    record = records.get((entry.entity, entry.id))
    if record is not None and record.operation_id != entry.operation_id:
        return "the record belongs to another operation"
    if entry.entity == "operation" and entry.id != entry.operation_id:
        return "an operation's operation_id must be its own id"
    operation = records.get(("operation", entry.operation_id))
    exercise = None
    if operation is not None and operation.state:
        exercise = bool(operation.state.get("exercise", (0,))[0])
    current = None
    if record is not None and record.state:
        current = {name: value for name, (value, _s) in record.state.items()}
    written = {name: write.value for name, write in entry.fields.items()}
    owner = None if record is None else record.owner_id
    return access.write_problem(entry.entity, entry.operation_id, exercise, current, written, owner)


def values_problem(record: Stored | None, entry: wire.Entry) -> str | None:
    """The desktop's rules: a value it would refuse is never stored (nor sent to it)."""
    current = {} if record is None else {n: v for n, (v, _s) in record.state.items()}
    written = {name: write.value for name, write in entry.fields.items()}
    # the wire has checked every value's kind when it parsed the entry (wire.entry_problem)
    return record_problem(entry.entity, current, written, new=not current, kinds_checked=True)
