"""Echo: which push wrote each field's current value, and what a pull may leave out.

`records.origins` (migration m0002) holds, per record, JSON {device_id: {field:
batch_seq}}: the device and the batch (push.py) whose write is the field's current value.
A field with no entry (every row stored before m0002) has an unknown origin and is always
sent. The rule (docs/sync-protocol.md, "Echo"): a pull by device D after cursor C,
naming in `have` the batches it pushed and holds, leaves out a field whose value came

- from a batch named in `have` (D acknowledged it and keeps the acknowledgement in the
  same database as the rows: a database restored from a backup does not name the pushes
  it lost, and is sent them), or
- from a batch of D numbered at most C (D pushed it before it pulled past C, so any
  copy of D's database that holds that cursor holds the value).

Values another device wrote, values the merge kept instead of D's, tombstones D did not
write and conflict records are always sent. Protocol 4 (`unchanged_since`): a device
that merges partial records is not sent the fields of a changed record that it had
before its cursor either, only what changed. Pure functions: safe from any thread.
"""

from __future__ import annotations

from fieldapp.core.jsontext import dumps, loads

Origins = dict[str, tuple[int, str]]  # field -> (batch_seq, device_id)


def parse(text: str | None) -> Origins:
    """records.origins as stored -> {field: (batch_seq, device_id)}."""
    if not text:
        return {}
    return {
        name: (seq, device)
        for device, fields in loads(text).items()
        for name, seq in fields.items()
    }


def dump(origins: Origins) -> str:
    """{field: (batch_seq, device_id)} -> records.origins (each device named once)."""
    kinds = set(origins.values())
    if len(kinds) == 1:  # a new record: one batch of one device wrote every field
        seq, device = kinds.pop()
        return dumps({device: dict.fromkeys(sorted(origins), seq)})
    by_device: dict[str, dict[str, int]] = {}
    for name, (seq, device) in sorted(origins.items()):
        by_device.setdefault(device, {})[name] = seq
    return dumps(by_device)


def left_out(origins: Origins, device_id: str, since: int, have: frozenset[int]) -> set[str]:
    """The fields a pull by `device_id` after `since`, holding `have`, need not carry."""
    return {
        name
        for name, (seq, device) in origins.items()
        if seq in have or (device == device_id and seq <= since)
    }


def unchanged_since(origins: Origins, since: int) -> set[str]:
    """The fields whose current value a pull after `since` need not carry to a device
    that merges partial records (protocol 4): set by a batch numbered at most `since`, so
    a database holding that cursor has pulled (or pushed) the record with that value."""
    return {name for name, (seq, _device) in origins.items() if seq <= since}
