"""The sync wire protocol: JSON shapes of push, pull, join and blob calls, checked strictly.

Shared by the server and the desktop client (no Qt, no FastAPI, no SQLAlchemy), so both
sides parse and build the same shapes. docs/sync-protocol.md is the contract in words.

Parsing is two-level. A body whose *shape* is wrong (not an object, a missing key, a
stamp that is not a stamp) raises WireError naming the path of the first problem, and
the whole request is refused. An entry whose *content* cannot be applied (unknown entity
or field, a value not of its field's declared kind) parses into an Entry with `problem`
set, and only that entry is rejected. Likewise a pulled record's values are not checked
here: the client sets a record it cannot store aside and applies the rest of the page.
Pure functions and immutable values: safe from any thread.
"""

from __future__ import annotations

import gzip
import re
import zlib
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from fieldapp.core.jsontext import dumps_bytes, strict_loads
from fieldapp.core.records import RECORD_TYPES
from fieldapp.sync.protocol.kinds import ID_PATTERN as _ID
from fieldapp.sync.protocol.kinds import SHA256_PATTERN as _SHA256
from fieldapp.sync.protocol.kinds import values_problem
from fieldapp.sync.protocol.shapes import PullAnswer, PulledRecord

API = "/api/v1"
# 2: push answers carry `batch_seq`, pulls take `have` (echo suppression); both optional,
# so version 1 peers keep working with full pages. 3: a pulled record names its `owner`
# (who created it on the server: what that user may edit follows, core/rights.py), a
# page names the `devices` of its stamps and conflicts (people, not ids), and
# GET /records/{entity}/{id} answers one record as the server holds it (Undo my change);
# an older client ignores the key.
# 4: a pull with `delta` carries, of a record the device had before its cursor, only the
# fields changed since (marked `part`); a push naming the device's cursor (`?since=`) is
# answered with `next`, the cursor the device may take when nothing else changed, so
# that a push round ends without an empty pull. Older peers neither send nor read them.
PROTOCOL_VERSION = 4

# Size limits (both directions). Bodies are gzip-compressed JSON.
MAX_BODY_BYTES = 8 * 1024 * 1024  # compressed, as received
MAX_JSON_BYTES = 48 * 1024 * 1024  # after decompression: a gzip bomb stops here
MAX_ENTRIES = 2000  # per push
MAX_PULL_LIMIT = 2000
DEFAULT_PULL_LIMIT = 1000
MAX_VALUE_CHARS = 1_000_000  # one field value (a long geometry fits)
MAX_CHUNK_BYTES = 4 * 1024 * 1024  # one blob chunk
MAX_BLOB_BYTES = 512 * 1024 * 1024
MAX_KEY_CHARS = 100  # op ids, record ids, batch keys
MAX_HAVE = 100  # batch numbers named in one pull's `have`
MAX_DEPTH = 32  # JSON nesting: a push is 5 deep; checked before parsing recurses
# `have` of a pull: batch numbers, comma-separated (also the server's query schema)
_HAVE = rf"(\d{{1,18}}(,\d{{1,18}}){{0,{MAX_HAVE - 1}}})?"
HAVE_PATTERN = f"^{_HAVE}$"

_STAMP = re.compile(r"^\d{13}-[0-9a-f]{4}-[A-Za-z0-9_]{1,64}$")

# The synced entities and their fields, from their declarations (fieldapp/core/records.py).
ENTITIES: dict[str, frozenset[str]] = {e: t.field_names for e, t in RECORD_TYPES.items()}
BLOB_KINDS = ("original", "thumb")

# Per-entry statuses of a push answer.
APPLIED, DUPLICATE, CONFLICT, REJECTED = "applied", "duplicate", "conflict", "rejected"


class WireError(ValueError):
    """A body that does not follow the protocol; the message names what is wrong."""


class TooLargeError(WireError):
    """A body over a size limit (HTTP 413)."""


class FieldWrite(NamedTuple):
    """One field of a pushed entry: its new value, stamp, and the base stamp it replaced
    (a named tuple: a push of 10,000 reports parses 200,000 of them)."""

    value: Any
    stamp: str
    base: str | None


@dataclass(frozen=True)
class Entry:
    """One pushed outbox entry. `problem` is set when it must be rejected as a whole."""

    op_id: str
    entity: str
    id: str
    operation_id: str
    fields: dict[str, FieldWrite]
    resolves: tuple[str, ...] = ()
    problem: str | None = None


@dataclass(frozen=True)
class PushRequest:
    batch_key: str
    device_time: int
    entries: list[Entry] = field(default_factory=list)


# -- bodies: compression and JSON ------------------------------------------------------


def encode_body(value: Any) -> bytes:
    """Compact JSON, gzip-compressed: what goes on the wire (Content-Encoding: gzip)."""
    return gzip_text(json_text(value))


def json_text(value: Any) -> bytes:
    """Compact JSON as UTF-8 bytes (core/jsontext.py: a NaN goes as null)."""
    return dumps_bytes(value)


def gzip_text(data: bytes) -> bytes:
    """gzip of a body, level 6 (level 9 costs twice the time for 1 % fewer bytes)."""
    return gzip.compress(data, compresslevel=6, mtime=0)


def decode_body(data: bytes, gzipped: bool) -> Any:
    """JSON from a received body; refuses oversize bodies and gzip bombs (TooLargeError)."""
    if len(data) > MAX_BODY_BYTES:
        raise TooLargeError(f"body of {len(data)} bytes is over the limit of {MAX_BODY_BYTES}")
    if gzipped:
        data = gunzip_limited(data, MAX_JSON_BYTES)
    check_depth(data)
    try:
        return strict_loads(data)  # refuses NaN, Infinity and lone surrogates (not JSON)
    except ValueError as exc:
        if "surrogate" in str(exc):
            raise WireError("body holds text that is not Unicode (a lone surrogate)") from None
        raise WireError(f"body is not valid JSON: {exc}") from None


_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(rb"[\[\]{}]")


def check_depth(data: bytes, limit: int = MAX_DEPTH) -> None:
    """Refuse JSON nested deeper than `limit` before it is parsed (a push is 5 deep; code
    that walks a parsed body must never meet a structure nested a thousand deep)."""
    if data.count(b"[") + data.count(b"{") <= limit:
        return
    if _within_depth(data, limit):
        return
    depth = 0
    for bracket in _BRACKET.findall(_STRING.sub(b'""', data)):
        depth += 1 if bracket in (b"[", b"{") else -1
        if depth > limit:
            raise WireError(f"body is nested more than {limit} deep")


# deleted from a body: every byte but quotes and brackets
_ALL_BUT_BRACKETS = bytes(range(256)).translate(None, b'"[]{}')


def _within_depth(data: bytes, limit: int) -> bool:
    """The quick test of a large body (a push of 2,000 entries): True when its brackets
    outside strings are balanced and nest at most `limit` deep; False sends the body to
    the exact (slower) scan, which names the problem."""
    text = data.replace(b"\\\\", b"").replace(b'\\"', b"")  # escapes, never string ends
    parts = text.translate(None, _ALL_BUT_BRACKETS).split(b'"')
    brackets = b"".join(parts[::2])  # outside strings
    for _ in range(limit):
        if not brackets:
            return True
        brackets = _INNERMOST.sub(b"", brackets)  # one level less
    return not brackets


_INNERMOST = re.compile(rb"\[\]|\{\}")


def gunzip_limited(data: bytes, limit: int) -> bytes:
    """Decompress gzip data, stopping as soon as the output would pass `limit` bytes."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error as exc:
        raise WireError(f"body is not valid gzip data: {exc}") from None
    if len(out) > limit or inflater.unconsumed_tail:
        raise TooLargeError(f"body decompresses to more than {limit} bytes")
    if not inflater.eof:
        raise WireError("body is truncated gzip data")
    return out


# -- small checks ----------------------------------------------------------------------


def need(obj: Any, key: str, path: str) -> Any:
    if key not in obj:
        raise WireError(f"{path}.{key} is missing")
    return obj[key]


def object_of(value: Any, path: str) -> dict:
    if not isinstance(value, dict):
        raise WireError(f"{path} must be an object, not {type(value).__name__}")
    return value


def is_ident(value: Any) -> bool:
    """Whether a value is a record id as the protocol allows it."""
    return isinstance(value, str) and _ID.match(value) is not None


def _ident(value: Any, path: str) -> str:
    if not isinstance(value, str) or not _ID.match(value):
        raise WireError(f"{path} must be an id (1-100 of A-Z a-z 0-9 . _ : -), got {value!r:.80}")
    return value


def _stamp(value: Any, path: str, nullable: bool = False) -> str | None:
    if value is None and nullable:
        return None
    if not isinstance(value, str) or not _STAMP.match(value):
        raise WireError(f"{path} is not a clock stamp: {value!r:.80}")
    return value


def integer(value: Any, path: str, low: int = 0, high: int = 2**62) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise WireError(f"{path} must be a whole number from {low} to {high}, got {value!r:.40}")
    return value


def _scalar(value: Any, path: str) -> Any:
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, str):
        if len(value) > MAX_VALUE_CHARS:
            raise TooLargeError(f"{path} is longer than {MAX_VALUE_CHARS} characters")
        return value
    raise WireError(f"{path} must be text, a number, true/false or null")


def no_extra(obj: dict, allowed: set[str], path: str) -> None:
    extra = sorted(set(obj) - allowed)
    if extra:
        raise WireError(f"{path} has unknown keys: {', '.join(map(str, extra))[:200]}")


def check_sha256(value: Any) -> str:
    if not isinstance(value, str) or not _SHA256.match(value):
        raise WireError(f"{value!r:.80} is not a sha256 (64 lowercase hex digits)")
    return value


def check_stamp(value: Any, path: str = "stamp") -> str:
    return _stamp(value, path)  # type: ignore[return-value]


# -- push ------------------------------------------------------------------------------


def parse_push(body: Any) -> PushRequest:
    """A push body -> PushRequest; WireError for a malformed body (see module docstring)."""
    body = object_of(body, "body")
    no_extra(body, {"batch_key", "device_time", "entries"}, "body")
    batch_key = _ident(need(body, "batch_key", "body"), "body.batch_key")
    device_time = integer(need(body, "device_time", "body"), "body.device_time")
    entries = need(body, "entries", "body")
    if not isinstance(entries, list):
        raise WireError("body.entries must be a list")
    if len(entries) > MAX_ENTRIES:
        raise TooLargeError(f"{len(entries)} entries in one push; at most {MAX_ENTRIES}")
    parsed = [parse_entry(item, f"entries[{n}]") for n, item in enumerate(entries)]
    return PushRequest(batch_key, device_time, parsed)


def parse_entry(item: Any, path: str) -> Entry:
    """One entry. `s` and `b` at entry level are defaults for fields that omit them."""
    item = object_of(item, path)
    no_extra(item, {"op_id", "entity", "id", "operation_id", "fields", "s", "b", "resolves"}, path)
    op_id = _ident(need(item, "op_id", path), f"{path}.op_id")
    entity = need(item, "entity", path)
    if not isinstance(entity, str):
        raise WireError(f"{path}.entity must be text")
    row_id = _ident(need(item, "id", path), f"{path}.id")
    operation_id = _ident(need(item, "operation_id", path), f"{path}.operation_id")
    default_s = _stamp(item.get("s"), f"{path}.s", nullable=True)
    default_b = _stamp(item.get("b"), f"{path}.b", nullable=True)
    raw = object_of(need(item, "fields", path), f"{path}.fields")
    if not raw:
        raise WireError(f"{path}.fields is empty")
    fields: dict[str, FieldWrite] = {}
    for name, value in raw.items():
        # the common field, {"v": value} under the entry's stamp, without a call
        plain = type(value) is dict and len(value) == 1 and default_s is not None
        v = value.get("v", _NO_VALUE) if plain else _NO_VALUE
        if type(v) in _PLAIN and (type(v) is not str or len(v) <= MAX_VALUE_CHARS):
            fields[name] = FieldWrite(v, default_s, default_b)  # type: ignore[arg-type]
        else:
            fields[name] = _field(value, path, name, default_s, default_b)
    resolves = item.get("resolves", [])
    if not isinstance(resolves, list) or len(resolves) > 100:
        raise WireError(f"{path}.resolves must be a list of at most 100 conflict ids")
    resolves = tuple(_ident(r, f"{path}.resolves[{n}]") for n, r in enumerate(resolves))
    problem = entry_problem(entity, fields)
    return Entry(op_id, entity, row_id, operation_id, fields, resolves, problem)


_FIELD_KEYS = frozenset(("v", "s", "b"))
_PLAIN = frozenset((str, int, float, bool, type(None)))  # what a JSON scalar parses into
_NO_VALUE = object()  # not a field of the plain form: _field names what is wrong


def _field(
    value: Any, entry_path: str, name: str, default_s: str | None, default_b: str | None
) -> FieldWrite:
    # The hot loop of a push (twenty fields an entry, 2,000 entries): the path is only
    # spelt out for an error, and a field using the entry's defaults checks no stamp again.
    if type(value) is not dict or not value.keys() <= _FIELD_KEYS or "v" not in value:
        path = f"{entry_path}.fields.{name}"
        value = object_of(value, path)
        no_extra(value, set(_FIELD_KEYS), path)
        need(value, "v", path)
    stamp, base = default_s, default_b
    if "s" in value:
        stamp = _stamp(value["s"], f"{entry_path}.fields.{name}.s")
    elif stamp is None:
        raise WireError(f"{entry_path}.fields.{name}.s is missing (and the entry has no default s)")
    if "b" in value:
        base = _stamp(value["b"], f"{entry_path}.fields.{name}.b", nullable=True)
    raw = value["v"]
    if type(raw) is not str or len(raw) > MAX_VALUE_CHARS:
        raw = _scalar(raw, f"{entry_path}.fields.{name}.v")
    return FieldWrite(raw, stamp, base)  # type: ignore[arg-type]


def entry_problem(entity: str, fields: dict[str, FieldWrite]) -> str | None:
    """Why an entry cannot be applied (unknown entity or fields, a value of the wrong
    kind), else None."""
    return values_problem(entity, {name: write.value for name, write in fields.items()})


def entry_json(entry: Entry) -> dict:
    """An Entry back to its wire form (what a client sends; what the server logs)."""
    out: dict[str, Any] = {
        "op_id": entry.op_id,
        "entity": entry.entity,
        "id": entry.id,
        "operation_id": entry.operation_id,
        "fields": {
            name: {"v": w.value, "s": w.stamp, "b": w.base} for name, w in entry.fields.items()
        },
    }
    if entry.resolves:
        out["resolves"] = list(entry.resolves)
    return out


def push_body(batch_key: str, device_time: int, entries: list[dict]) -> dict:
    """A push body from entries in wire form (compacted with entry-level s/b defaults)."""
    return {"batch_key": batch_key, "device_time": device_time, "entries": entries}


# -- pull ------------------------------------------------------------------------------


def compact_record(
    entity: str, row_id: str, operation_id: str, state: dict[str, tuple[Any, str]]
) -> PulledRecord:
    """A record in pull form: values, the most common stamp `s`, and `stamps` for the rest."""
    counts: dict[str, int] = {}
    for _value, stamp in state.values():
        counts[stamp] = counts.get(stamp, 0) + 1
    common = max(counts, key=lambda s: (counts[s], s))
    record: PulledRecord = {
        "entity": entity,
        "id": row_id,
        "operation_id": operation_id,
        "s": common,
        "fields": {name: value for name, (value, _s) in state.items()},
    }
    others = {name: stamp for name, (_v, stamp) in state.items() if stamp != common}
    if others:
        record["stamps"] = others
    return record


def expand_record(record: PulledRecord) -> dict[str, tuple[Any, str]]:
    """A pulled record's fields as {name: (value, stamp)}: the client's view of it."""
    stamps = record.get("stamps", {})
    return {
        name: (value, stamps.get(name, record["s"])) for name, value in record["fields"].items()
    }


def parse_pull_answer(body: Any) -> PullAnswer:
    """Check a pull answer's shape (the client's guard against a hostile or broken server);
    the values of each record are judged when it is applied (sync/client/incoming.py)."""
    body = object_of(body, "answer")
    for key in ("records", "conflicts"):
        if not isinstance(need(body, key, "answer"), list):
            raise WireError(f"answer.{key} must be a list")
    integer(need(body, "next", "answer"), "answer.next")
    integer(need(body, "server_time", "answer"), "answer.server_time")
    if not isinstance(need(body, "more", "answer"), bool):
        raise WireError("answer.more must be true or false")
    for n, record in enumerate(body["records"]):
        _check_pulled_record(record, f"answer.records[{n}]")
    devices = body.get("devices", [])
    if not isinstance(devices, list):
        raise WireError("answer.devices must be a list")
    for n, device in enumerate(devices):
        device = object_of(device, f"answer.devices[{n}]")
        for key in ("id", "node", "name", "user"):
            value = device.get(key)
            if not isinstance(value, str) or len(value) > MAX_KEY_CHARS:
                raise WireError(f"answer.devices[{n}].{key} must be text")
    return body


def parse_record(body: Any, entity: str, record_id: str) -> PulledRecord:
    """The answer of GET /records/{entity}/{id}: one record in pull form, checked, and the
    one asked for (a broken or hostile server never puts another record in its place)."""
    _check_pulled_record(body, "record")
    if body["entity"] != entity or body["id"] != record_id:
        raise WireError(f"record: the server answered {body['entity']} {body['id']}")
    return body


def _check_pulled_record(record: Any, path: str) -> None:
    record = object_of(record, path)
    _ident(need(record, "id", path), f"{path}.id")
    _ident(need(record, "operation_id", path), f"{path}.operation_id")
    fields = object_of(need(record, "fields", path), f"{path}.fields")
    stamps = object_of(record.get("stamps", {}), f"{path}.stamps")
    default = _stamp(record.get("s"), f"{path}.s", nullable=True)
    for name, value in fields.items():
        _scalar(value, f"{path}.fields.{name}")
        if name not in stamps and default is None:
            raise WireError(f"{path}.fields.{name} has no stamp")
        _stamp(stamps.get(name, default), f"{path}.stamps.{name}")
    if not isinstance(need(record, "entity", path), str):
        raise WireError(f"{path}.entity must be text")
    owner = record.get("owner", "")
    if not isinstance(owner, str) or len(owner) > MAX_KEY_CHARS:
        raise WireError(f"{path}.owner must be a user name")
    # A value that cannot be stored (wrong kind, unknown field or entity) is not a shape
    # problem: the client sets that record aside with its reason and keeps the rest of
    # the page (sync/client/incoming.py), so one bad record never stops a device's pulls.


def pull_params(since: Any, limit: Any) -> tuple[int, int]:
    """The cursor and page size of a pull, checked."""
    since = integer(since, "since")
    limit = integer(limit, "limit", 1, MAX_PULL_LIMIT)
    return since, limit


def parse_have(text: Any) -> frozenset[int]:
    """The `have` of a pull ("" or "12,40") -> the batch numbers it names."""
    if not isinstance(text, str) or not re.fullmatch(_HAVE, text):
        raise WireError(f"have must be at most {MAX_HAVE} batch numbers separated by commas")
    return frozenset(int(n) for n in text.split(",")) if text else frozenset()


def have_param(batch_seqs: list[int]) -> str:
    """The `have` of a pull from the batch numbers a client holds (the lowest MAX_HAVE:
    the next pages reach those first)."""
    return ",".join(str(n) for n in sorted(batch_seqs)[:MAX_HAVE])
