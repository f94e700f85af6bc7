"""Outbox entries in wire form, and the batch in flight that a retry resends unchanged.

An entry carries the current value and stamp of each field it names (Store.db.outbox_entries)
and the base stamps from sync_base; entry-level `s` and `b` hold the most common stamp and
base so that a created record does not repeat one stamp twenty times (the contract allows
it). A batch is at most wire.MAX_ENTRIES entries and about BATCH_JSON_BYTES of JSON.

The batch in flight is stored (sync_batch: key, outbox seqs, the gzip body) *before* it
is sent, in its own transaction: after a lost answer, a crash or a kill, the next attempt
sends the same bytes under the same batch_key, and the server replays its stored answer
instead of applying anything twice. Bundles (bundle.py) use the same builder. Runs in the
sync worker thread, on that thread's Store.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fieldapp.core.bookkeeping import bases_of
from fieldapp.core.record_types import OutboxEntry
from fieldapp.sync.client.local import now_text
from fieldapp.sync.protocol import wire

if TYPE_CHECKING:
    from fieldapp.store import Store

BATCH_JSON_BYTES = 24 * 1024 * 1024  # well under the server's 48 MiB decompressed limit


@dataclass(frozen=True)
class Batch:
    key: str
    entries: list[dict]  # outbox rows: op_id, seq, entity, row_id
    body: bytes  # gzip JSON, as sent

    @property
    def seqs(self) -> list[int]:
        return [e["seq"] for e in self.entries]


def pending_batch(store: Store) -> Batch | None:
    """The batch sent earlier and never answered, if any (to resend as it was)."""
    row = store.conn.execute("SELECT batch_key, seqs, body FROM sync_batch").fetchone()
    if row is None:
        return None
    seqs = json.loads(row[1])
    marks = ", ".join("?" * len(seqs))
    found = store.conn.execute(
        f"SELECT op_id, seq, entity, row_id FROM outbox WHERE seq IN ({marks})", seqs
    ).fetchall()
    by_seq = {r["seq"]: dict(r) for r in found}
    # An entry gone from the outbox was acknowledged by another path (a bundle): the
    # server's answer still covers it, by its index in the body.
    entries = [by_seq.get(s, {"op_id": None, "seq": s, "entity": "", "row_id": ""}) for s in seqs]
    return Batch(row[0], entries, bytes(row[2]))


def next_batch(store: Store, after_seq: int, skip: set[str]) -> Batch | None:
    """The next entries after `after_seq` (less `skip` op ids), saved as the batch in flight."""
    batch = build_batch(store, after_seq, skip, "b-")
    if batch is None:
        return None
    with store.db.transaction() as conn:
        conn.execute("DELETE FROM sync_batch")
        conn.execute(
            "INSERT INTO sync_batch VALUES (?, ?, ?, ?)",
            [batch.key, json.dumps(batch.seqs), batch.body, now_text()],
        )
    return batch


def build_batch(store: Store, after_seq: int, skip: set[str], prefix: str) -> Batch | None:
    """The next entries after `after_seq` as one push body under a new key (not saved)."""
    from fieldapp.core.replica import new_id

    entries, wired, size = [], [], 0
    cursor = after_seq
    while len(wired) < wire.MAX_ENTRIES and size < BATCH_JSON_BYTES:
        page = store.db.outbox_entries(limit=500, after_seq=cursor)
        if not page:
            break
        for entry in page:
            cursor = entry["seq"]
            if entry["op_id"] in skip:
                continue
            item = entry_to_wire(store, entry)
            size += len(json.dumps(item, ensure_ascii=False))
            entries.append({k: entry[k] for k in ("op_id", "seq", "entity", "row_id")})
            wired.append(item)
            if len(wired) >= wire.MAX_ENTRIES or size >= BATCH_JSON_BYTES:
                break
    if not wired:
        return None
    key = prefix + new_id()
    body = wire.encode_body(wire.push_body(key, int(time.time() * 1000), wired))
    return Batch(key, entries, body)


def entry_to_wire(store: Store, entry: OutboxEntry) -> dict:
    """One resolved outbox entry (Store.db.outbox_entries) in compact wire form."""
    bases = bases_of(store.conn, entry["entity"], entry["row_id"])
    stamps: dict[str, str] = entry["stamps"]
    common_s = _most_common(stamps.values())
    common_b = _most_common(bases.get(name) for name in stamps)
    fields: dict[str, dict[str, Any]] = {}
    for name, value in entry["fields"].items():
        item: dict[str, Any] = {"v": value}
        if stamps[name] != common_s:
            item["s"] = stamps[name]
        if bases.get(name) != common_b:
            item["b"] = bases.get(name)
        fields[name] = item
    out: dict[str, Any] = {
        "op_id": entry["op_id"],
        "entity": entry["entity"],
        "id": entry["row_id"],
        "operation_id": entry["operation_id"],
        "s": common_s,
    }
    if common_b is not None:
        out["b"] = common_b
    out["fields"] = fields
    resolves = [
        r[0]
        for r in store.conn.execute(
            "SELECT conflict_id FROM sync_resolves WHERE op_id = ?", [entry["op_id"]]
        )
    ]
    if resolves:
        out["resolves"] = resolves
    return out


def _most_common(values: Any) -> Any:
    counts = Counter(values)
    return max(counts, key=lambda v: (counts[v], v or "")) if counts else None


def forget_batch(store: Store) -> None:
    with store.db.transaction() as conn:
        conn.execute("DELETE FROM sync_batch")
