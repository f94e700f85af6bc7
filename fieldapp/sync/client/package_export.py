"""Writing an operation package: every synced record of one operation, and its files.

`export_operation(store, operation_id, path, progress)` writes, streaming, every record
of every type `core/records.RECORD_TYPES` declares whose `operation_id` is the
operation (the operation itself first, tombstones too: they keep a deleted record
deleted on the other side), in pull form with each field's own stamp, the owner the
server named and whether the record was on this device's server; then the files of its
attachments (thumbnails and originals this device holds, copied file by file and
checked against their sha256), then the manifest. Records are read page by page and
written in members of at most RECORDS_PER_MEMBER records, so memory stays flat however
large the operation. The file is written beside its final name, fsynced and renamed:
a failure or a Cancel leaves no file. Nothing in the store changes.

Runs in the calling thread, on its Store (a worker's, from the task manager).
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Protocol

from fieldapp import __version__
from fieldapp.core.livefiles import LiveDatabaseError, refuse_live_file
from fieldapp.core.operations import get_operation
from fieldapp.core.records import RECORD_TYPES, RecordType, apply_rank
from fieldapp.sync.client.local import now_text
from fieldapp.sync.client.package_format import (
    BYTES_PER_MEMBER,
    FORMAT,
    MANIFEST,
    RECORDS_PER_MEMBER,
    VERSION,
    PackageError,
    blob_member,
    records_member,
)
from fieldapp.sync.protocol import wire

if TYPE_CHECKING:
    from fieldapp.store import Store

_PAGE = 1000
_CHUNK = 1 << 20


class Progress(Protocol):
    """What the export reports to (a job's context, fieldapp/core/tasks.py)."""

    def progress(self, done: int, total: int, text: str = "", data: Any = None) -> None: ...

    def check(self) -> None: ...


@dataclass
class ExportSummary:
    """What a package holds."""

    path: Path
    operation: dict[str, Any]
    counts: dict[str, int] = field(default_factory=dict)  # entity -> records
    blobs: int = 0  # files carried
    missing_blobs: int = 0  # attachments whose file this device does not hold
    size: int = 0  # bytes of the package

    @property
    def records(self) -> int:
        return sum(self.counts.values())


def record_types() -> list[RecordType]:
    """Every synced record type, parents first: the order a package carries them in."""
    return sorted(RECORD_TYPES.values(), key=lambda t: (apply_rank(t.entity), t.entity))


def export_operation(
    store: Store, operation_id: str, path: Path, progress: Progress | None = None
) -> ExportSummary:
    """Write the package of one operation to `path`; returns what it holds."""
    path = Path(path)
    try:
        refuse_live_file(path, store.data_dir, writing=True)
    except LiveDatabaseError as exc:
        raise PackageError(str(exc)) from None
    operation = dict(get_operation(store.conn, operation_id))
    summary = ExportSummary(path, operation)
    tmp = path.with_name(path.name + ".part")
    try:
        _write(store, operation, tmp, summary, progress)
        with tmp.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    summary.size = path.stat().st_size
    return summary


def _write(
    store: Store, operation: dict, tmp: Path, summary: ExportSummary, progress: Progress | None
) -> None:
    totals = {t.entity: _count(store.conn, t, operation["id"]) for t in record_types()}
    total, done = sum(totals.values()), 0
    members: dict[str, dict[str, Any]] = {}
    blobs: dict[str, None] = {}  # sha256s of the files to carry, in order
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as out:
        for declared in record_types():
            if not totals[declared.entity]:
                continue
            rows = _rows(store.conn, declared, operation["id"])
            for name, count, about in _write_members(out, declared, rows, blobs):
                members[name] = about
                summary.counts[declared.entity] = summary.counts.get(declared.entity, 0) + count
                done += count
                if progress is not None:
                    progress.progress(done, total + len(blobs))
                    progress.check()
        for sha in blobs:
            source = store.attachments.blobs.path(sha)
            if not source.is_file():
                summary.missing_blobs += 1
                continue
            members[blob_member(sha)] = _write_blob(out, source, sha)
            summary.blobs += 1
            done += 1
            if progress is not None:
                progress.progress(done, total + len(blobs))
                progress.check()
        out.writestr(MANIFEST, json.dumps(_manifest(store, operation, summary, members), indent=1))


def _count(conn: sqlite3.Connection, declared: RecordType, operation_id: str) -> int:
    sql = f"SELECT count(*) FROM {declared.table} WHERE operation_id = ?"
    return conn.execute(sql, [operation_id]).fetchone()[0]


def _rows(conn: sqlite3.Connection, declared: RecordType, operation_id: str) -> Iterator[dict]:
    """The records of one type in pull form, page by page in row order."""
    names = [n for n in declared.fields]
    columns = ", ".join(f"t.{n}" for n in names)
    sql = (
        f"SELECT t.seq, t.id, t.operation_id, t.field_hlc, {columns},"
        " o.owner AS _owner, r.on_server_at AS _server_at"
        f" FROM {declared.table} t"
        " LEFT JOIN sync_owners o ON o.entity = ? AND o.row_id = t.id"
        " LEFT JOIN sync_records r ON r.entity = ? AND r.row_id = t.id"
        # `+operation_id`: walk the rows in seq order (the primary key), never the
        # operation's index, which would sort the whole operation again for every page
        " WHERE +t.operation_id = ? AND t.seq > ? ORDER BY t.seq LIMIT ?"
    )
    after = 0
    while True:
        page = conn.execute(
            sql, [declared.entity, declared.entity, operation_id, after, _PAGE]
        ).fetchall()
        for row in page:
            yield _pulled(declared, names, row)
        if len(page) < _PAGE:
            return
        after = page[-1]["seq"]


def _pulled(declared: RecordType, names: list[str], row: sqlite3.Row) -> dict:
    stamps = json.loads(row["field_hlc"])
    state = {name: (row[name], stamps.get(name, stamps["*"])) for name in names}
    record: dict[str, Any] = dict(
        wire.compact_record(declared.entity, row["id"], row["operation_id"], state)
    )
    if row["_owner"]:
        record["owner"] = row["_owner"]
    if row["_server_at"] is not None:
        record["server_at"] = row["_server_at"]
    return record


def _write_members(
    out: zipfile.ZipFile, declared: RecordType, rows: Iterator[dict], blobs: dict[str, None]
) -> Iterator[tuple[str, int, dict[str, Any]]]:
    """Members of at most RECORDS_PER_MEMBER records (or BYTES_PER_MEMBER bytes) each:
    (name, records, its manifest entry) as each is closed."""
    number, count, size = 0, 0, 0
    handle: IO[bytes] | None = None
    digest = hashlib.sha256()
    name = ""
    for record in rows:
        if handle is None:
            number += 1
            name, count, size = records_member(declared.entity, number), 0, 0
            digest = hashlib.sha256()
            handle = out.open(name, "w", force_zip64=True)
        line = json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"
        handle.write(line)
        digest.update(line)
        count, size = count + 1, size + len(line)
        if declared.entity == "attachment":
            _note_blobs(record, blobs)
        if count >= RECORDS_PER_MEMBER or size >= BYTES_PER_MEMBER:
            handle.close()
            handle = None
            yield name, count, {"sha256": digest.hexdigest(), "size": size, "records": count}
    if handle is not None:
        handle.close()
        yield name, count, {"sha256": digest.hexdigest(), "size": size, "records": count}


def _note_blobs(record: dict, blobs: dict[str, None]) -> None:
    fields = record["fields"]
    for key in ("thumb_sha256", "sha256"):  # thumbnails first: the list shows them first
        if fields.get(key):
            blobs.setdefault(fields[key], None)


def _write_blob(out: zipfile.ZipFile, source: Path, sha: str) -> dict[str, Any]:
    info = zipfile.ZipInfo(blob_member(sha))
    info.compress_type = zipfile.ZIP_STORED  # photos and audio: compressing wins nothing
    digest, size = hashlib.sha256(), 0
    with source.open("rb") as handle, out.open(info, "w", force_zip64=True) as member:
        while data := handle.read(_CHUNK):
            digest.update(data)
            member.write(data)
            size += len(data)
    if digest.hexdigest() != sha:
        raise PackageError(f"the attachment file {sha[:12]}… is damaged on this device")
    return {"sha256": sha, "size": size}


def _manifest(
    store: Store, operation: dict, summary: ExportSummary, members: dict[str, dict]
) -> dict[str, Any]:
    devices = store.conn.execute("SELECT id, node, name, user FROM sync_devices").fetchall()
    return {
        "format": FORMAT,
        "version": VERSION,
        "app_version": __version__,
        "created_at": now_text(),
        "made_by": {"user": store.user, "node": store.db.clock.node},
        "operation": {
            "id": operation["id"],
            "name": operation["name"],
            "description": operation.get("description") or "",
            "exercise": bool(operation["exercise"]),
        },
        "counts": summary.counts,
        "blobs": summary.blobs,
        "missing_blobs": summary.missing_blobs,
        "devices": [dict(zip(("id", "node", "name", "user"), d, strict=True)) for d in devices],
        "members": members,
    }
