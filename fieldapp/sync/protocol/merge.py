"""The merge rule of sync: per field, the highest stamp wins; concurrent writes conflict.

Pure functions, used alike by the server (applying pushes) and by clients (applying pulls,
bundles), so that every peer reaches the same state. No I/O; safe from any thread.

State of a record: {field: (value, stamp)}. A write to a field replaces the stored value
when its (stamp, canonical value) is greater: a stamp is unique per device and edit, and
the value only breaks the tie of a malformed duplicate, so the rule is a total order.

Conflicts are decided per *pair* of writes of one record, never against "whatever is
stored now", which is what makes them independent of arrival order (every peer records
the same set, each exactly once, by a deterministic id):

- two writes of the same field are concurrent when they come from different devices
  (the node of their stamps) and the newer one's base `b` is older than the other's
  stamp (its author had not seen it); with different values they conflict ("edit");
- a delete (field `deleted` set true) and a write of another field are concurrent by the
  same test, where the base of a delete is the newest stamp of the record its device had
  seen; they conflict ("delete"): the record stays deleted, the edit is kept in the record.

The set of conflicts only grows as writes arrive, so applying any permutation of the same
writes gives the same state and the same conflicts (tests/sync/test_merge.py); where one
id could name two records (writes sharing a stamp), `preferred` picks the same one
everywhere, and whoever stores conflicts keeps the preferred record of an id.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

State = dict[str, tuple[Any, str]]
DELETED = "deleted"


class Write(NamedTuple):
    """One accepted write of one field, with who made it (for conflict records). A named
    tuple, not a dataclass: a push of 10,000 reports makes 200,000 of them."""

    field: str
    value: Any
    stamp: str
    base: str | None
    device: str = ""
    user: str = ""

    def as_json(self) -> dict:
        return {
            "field": self.field,
            "v": self.value,
            "s": self.stamp,
            "b": self.base,
            "device": self.device,
            "user": self.user,
        }

    @classmethod
    def from_json(cls, data: dict) -> Write:
        return cls(data["field"], data["v"], data["s"], data["b"], data["device"], data["user"])


@dataclass(frozen=True)
class Conflict:
    """Two concurrent writes of one record; `newer` is the one the state kept."""

    id: str
    entity: str
    row_id: str
    kind: str  # "edit" (same field) or "delete" (a delete against an edit)
    field: str  # the edited field (for "delete": the field of the edit)
    older: Write
    newer: Write

    @classmethod
    def from_json(cls, data: dict) -> Conflict:
        older, newer = Write.from_json(data["older"]), Write.from_json(data["newer"])
        return cls(data["id"], data["entity"], data["row_id"], data["kind"], data["field"],
                   older, newer)  # fmt: skip

    def as_json(self) -> dict:
        return {
            "id": self.id,
            "entity": self.entity,
            "row_id": self.row_id,
            "kind": self.kind,
            "field": self.field,
            "older": self.older.as_json(),
            "newer": self.newer.as_json(),
        }


def canonical(value: Any) -> str:
    """One text per value, the same in every language: for comparing and tie-breaking."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def node_of(stamp: str) -> str:
    return stamp.split("-", 2)[2]


def _order(write: Write) -> tuple[str, str]:
    return (write.stamp, canonical(write.value))


def wins(write: Write, current: tuple[Any, str] | None) -> bool:
    """Whether `write` replaces the stored (value, stamp) of its field."""
    if current is None:
        return True
    value, stamp = current
    return (write.stamp, canonical(write.value)) > (stamp, canonical(value))


def apply_writes(state: State, writes: Iterable[Write]) -> list[str]:
    """Apply writes to a record state in place; returns the fields that changed."""
    changed = []
    for write in writes:
        current = state.get(write.field)
        if current is None or wins(write, current):
            state[write.field] = (write.value, write.stamp)
            changed.append(write.field)
    return changed


def is_delete(write: Write) -> bool:
    return write.field == DELETED and bool(write.value)


def _concurrent(a: Write, b: Write) -> bool:
    if a.stamp == b.stamp or node_of(a.stamp) == node_of(b.stamp):
        return False  # the same write, or one device's writes: always in order
    older, newer = sorted((a, b), key=_order)
    return newer.base is None or newer.base < older.stamp


def pair_conflict(entity: str, row_id: str, a: Write, b: Write) -> Conflict | None:
    """The conflict between two writes of one record, or None (symmetric in a, b)."""
    if a.field == b.field:
        if canonical(a.value) == canonical(b.value):
            return None
        kind, field = "edit", a.field
    elif is_delete(a) and b.field != DELETED:
        kind, field = "delete", b.field
    elif is_delete(b) and a.field != DELETED:
        kind, field = "delete", a.field
    else:
        return None
    if not _concurrent(a, b):
        return None
    older, newer = sorted((a, b), key=_order)
    return Conflict(
        conflict_id(entity, row_id, older, newer), entity, row_id, kind, field, older, newer
    )


def preferred(a: Conflict, b: Conflict) -> Conflict:
    """Which of two records of one conflict id to keep, the same on every peer.

    An id names the pair of stamps, not the values: two writes that share a stamp (a
    malformed duplicate) give two records with one id. Keeping the first one seen would make
    the record depend on arrival order; this total order does not.
    """
    return max(a, b, key=_conflict_order)


def _conflict_order(conflict: Conflict) -> tuple:
    older, newer = conflict.older, conflict.newer
    return (conflict.kind, _order(older), _order(newer), older.base or "", newer.base or "")


def conflict_id(entity: str, row_id: str, older: Write, newer: Write) -> str:
    key = "\x1f".join((entity, row_id, older.field, older.stamp, newer.field, newer.stamp))
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def find_conflicts(
    entity: str, row_id: str, history: Iterable[Write], incoming: Iterable[Write]
) -> list[Conflict]:
    """Conflicts between incoming writes and the record's earlier writes (and each other).

    `history` is every write of the record accepted before; the caller appends `incoming`
    to it afterwards. Each conflict appears once, in a stable order.
    """
    seen: list[Write] = list(history)
    node_by_stamp: dict[str, str] = {}  # an entry's fields mostly share one stamp
    nodes = [_node(w.stamp, node_by_stamp) for w in seen]
    distinct = set(nodes)
    found: dict[str, Conflict] = {}
    for write in incoming:
        node = _node(write.stamp, node_by_stamp)
        # Writes of one clock node are never concurrent (pair_conflict says None): a
        # record only one device wrote costs no pair at all (a new report of twenty
        # fields compared 210 pairs).
        if len(distinct) > 1 or (distinct and node not in distinct):
            for other, other_node in zip(seen, nodes, strict=True):
                if other_node == node:
                    continue
                conflict = pair_conflict(entity, row_id, write, other)
                if conflict is not None:
                    kept = found.get(conflict.id)
                    found[conflict.id] = conflict if kept is None else preferred(kept, conflict)
        seen.append(write)
        nodes.append(node)
        distinct.add(node)
    return list(found.values())


def _node(stamp: str, known: dict[str, str]) -> str:
    node = known.get(stamp)
    if node is None:
        node = known[stamp] = node_of(stamp)
    return node


def merge(
    entity: str, row_id: str, state: State, history: list[Write], incoming: list[Write]
) -> tuple[list[str], list[Conflict]]:
    """Apply `incoming` to `state` and `history` (both in place): (changed fields, conflicts)."""
    if not history and len({node_of(stamp) for stamp in {w.stamp for w in incoming}}) <= 1:
        conflicts: list[Conflict] = []  # a new record from one device: no pair to compare
    else:
        conflicts = find_conflicts(entity, row_id, history, incoming)
    changed = apply_writes(state, incoming)
    history.extend(incoming)
    return changed, conflicts
