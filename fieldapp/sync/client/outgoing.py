"""Outbox entries in wire form, and the batch in flight that a retry resends unchanged.

An entry carries the current value and stamp of each field it names (Store.db.outbox_entries)
and the base stamps from sync_base; entry-level `s` and `b` hold the most common stamp and
base so that a created record does not repeat one stamp twenty times (the contract allows
it). A batch is at most wire.MAX_ENTRIES entries and BATCH_JSON_BYTES of JSON.

The batch in flight is stored (sync_batch: key, outbox seqs, the gzip body) *before* it
is sent, in its own transaction: after a lost answer, a crash or a kill, the next attempt
sends the same bytes under the same batch_key, and the server replays its stored answer
instead of applying anything twice. Bundles (bundle.py) use the same builder. Runs in the
sync worker thread, on that thread's Store.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fieldapp.core.jsontext import loads
from fieldapp.core.records import TABLES
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
    seqs = loads(row[1])
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
    drafted = draft_batch(store, after_seq, skip)
    return None if drafted is None else save_batch(store, finish_batch(drafted, "b-"))


def save_batch(store: Store, batch: Batch) -> Batch:
    """A batch saved as the batch in flight (before it is sent)."""
    with store.db.transaction() as conn:
        conn.execute("DELETE FROM sync_batch")
        conn.execute(
            "INSERT INTO sync_batch VALUES (?, ?, ?, ?)",
            [batch.key, json.dumps(batch.seqs), batch.body, now_text()],
        )
    return batch


@dataclass(frozen=True)
class Draft:
    """The entries of a batch read and encoded, not yet under a key: what the sync reads
    from the outbox while the server works on the batch before."""

    entries: list[dict]  # outbox rows: op_id, seq, entity, row_id
    text: bytes  # the JSON list of their wire forms

    @property
    def last_seq(self) -> int:
        return self.entries[-1]["seq"]


def build_batch(store: Store, after_seq: int, skip: set[str], prefix: str) -> Batch | None:
    """The next entries after `after_seq` as one push body under a new key (not saved)."""
    drafted = draft_batch(store, after_seq, skip)
    return None if drafted is None else finish_batch(drafted, prefix)


def draft_batch(store: Store, after_seq: int, skip: set[str]) -> Draft | None:
    """The next entries after `after_seq` (less `skip` op ids), read and encoded."""
    entries: list[dict] = []
    wired: list[dict] = []
    cursor, size = after_seq, 0
    while len(wired) < wire.MAX_ENTRIES and size < BATCH_JSON_BYTES:
        page = store.conn.execute(
            "SELECT * FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?",
            [cursor, min(500, wire.MAX_ENTRIES - len(wired))],
        ).fetchall()
        if not page:
            break
        cursor = page[-1]["seq"]
        page = [dict(row) for row in page if row["op_id"] not in skip]
        items = _page_to_wire(store.conn, page)
        size += sum(_text_size(item) for item in items)
        wired += items
        entries += [{k: e[k] for k in ("op_id", "seq", "entity", "row_id")} for e in page]
    if not wired:
        return None
    # Within the size limit: the entries are encoded once and halved while too large
    # (a batch of long geometries), rather than each entry measured on its own.
    while True:
        text = wire.json_text(wired)
        if len(text) <= BATCH_JSON_BYTES - 1000 or len(wired) == 1:
            return Draft(entries, text)
        wired, entries = wired[: len(wired) // 2], entries[: len(entries) // 2]


def finish_batch(drafted: Draft, prefix: str) -> Batch:
    """A drafted batch as a push body (wire.push_body) under a new key, gzip-compressed."""
    from fieldapp.core.replica import new_id

    key = prefix + new_id()
    body = wire.push_body(key, int(time.time() * 1000), [])
    del body["entries"]  # spliced in as encoded: the same JSON as encoding it all
    text = wire.json_text(body)[:-1] + b',"entries":' + drafted.text + b"}"
    return Batch(key, drafted.entries, wire.gzip_text(text))


def _page_to_wire(conn: sqlite3.Connection, page: list[dict]) -> list[dict]:
    """Outbox rows in wire form, with their records, bases and resolutions read in a few
    queries for the whole page (a query per entry cost a second for 10,000 reports)."""
    records: dict[tuple[str, str], sqlite3.Row] = {}
    for entity in {e["entity"] for e in page}:
        ids = sorted({e["row_id"] for e in page if e["entity"] == entity})
        for chunk in _chunks(ids):
            marks = ", ".join("?" * len(chunk))
            for row in conn.execute(f"SELECT * FROM {TABLES[entity]} WHERE id IN ({marks})", chunk):
                records[(entity, row["id"])] = row
    bases: dict[tuple[str, str], dict[str, str]] = {}
    resolves: dict[str, list[str]] = {}
    for chunk in _chunks(sorted({e["row_id"] for e in page})):
        marks = ", ".join("?" * len(chunk))
        query = f"SELECT entity, row_id, field, base FROM sync_base WHERE row_id IN ({marks})"
        for entity, row_id, name, base in conn.execute(query, chunk):
            bases.setdefault((entity, row_id), {})[name] = base
    for chunk in _chunks([e["op_id"] for e in page]):
        marks = ", ".join("?" * len(chunk))
        query = f"SELECT op_id, conflict_id FROM sync_resolves WHERE op_id IN ({marks})"
        for op_id, conflict_id in conn.execute(query, chunk):
            resolves.setdefault(op_id, []).append(conflict_id)
    return [
        _to_wire(e, records[(e["entity"], e["row_id"])], bases.get((e["entity"], e["row_id"]), {}),
                 resolves.get(e["op_id"], []))
        for e in page
    ]  # fmt: skip


def _text_size(item: dict) -> int:
    """About the size of an entry as JSON (its text values and a margin), to stop reading
    the outbox near the size limit; the encoded body is what is checked."""
    values = (field["v"] for field in item["fields"].values())
    return 300 + sum(len(v) for v in values if isinstance(v, str))


def _chunks(items: list[str], size: int = 500) -> list[list[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def _to_wire(entry: dict, record: sqlite3.Row, bases: dict[str, str], resolves: list[str]) -> dict:
    """One outbox row in compact wire form: the current value and stamp of each field
    it names (as Store.db.outbox_entries resolves them), entry-level `s` and `b` the most
    common stamp and base."""
    stamps_of = loads(record["field_hlc"])
    names = loads(entry["fields"])
    stamps = {name: stamps_of.get(name, stamps_of["*"]) for name in names}
    common_s = _most_common(stamps.values())
    common_b = _most_common(bases.get(name) for name in stamps)
    fields: dict[str, dict[str, Any]] = {}
    for name in names:
        item: dict[str, Any] = {"v": record[name]}
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
    if resolves:
        out["resolves"] = resolves
    return out


def _most_common(values: Any) -> Any:
    values = list(values)
    if not values:
        return None
    first = values[0]
    if all(v == first for v in values):  # the usual case: one edit, one stamp, one base
        return first
    counts = Counter(values)
    return max(counts, key=lambda v: (counts[v], v or ""))


def forget_batch(store: Store) -> None:
    with store.db.transaction() as conn:
        conn.execute("DELETE FROM sync_batch")
