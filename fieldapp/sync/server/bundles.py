"""Importing a USB bundle on the server machine, through the same idempotent push path.

Each batch of the bundle (fieldapp/sync/protocol/bundle.py) goes through `push()` as if its device
had sent it online: a batch_key already answered is replayed and changes nothing, an
op_id already applied is a duplicate. So importing a bundle twice changes nothing, and
when the device syncs online later its entries come back `duplicate` and leave its
outbox. Files are then stored by chunks through the blob store's checks (sha256, and an
attachment record of a visible operation must name them). The device must exist and not
be revoked: a bundle acts with its device's rights. Runs in the CLI's thread.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from sqlalchemy import select

from fieldapp.sync.protocol import chunks, wire
from fieldapp.sync.protocol.bundle import BundleError, read_manifest
from fieldapp.sync.server import tables as t
from fieldapp.sync.server.accounts import AccountError, Principal
from fieldapp.sync.server.blobs import BlobError, BlobStore
from fieldapp.sync.server.db import Database
from fieldapp.sync.server.policy import load_access
from fieldapp.sync.server.push import push


def import_bundle(db: Database, blob_root: Path, path: Path) -> dict[str, Any]:
    """Apply a bundle; returns counts per status, files stored, and whether it was known."""
    try:
        bundle = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise BundleError(f"{path} is not a FieldApp bundle ({exc})") from None
    with bundle:
        manifest = read_manifest(bundle)
        who = _principal(db, str(manifest.get("device_id")))
        counts = {s: 0 for s in (wire.APPLIED, wire.DUPLICATE, wire.CONFLICT, wire.REJECTED)}
        replayed = 0
        for name in manifest.get("batches", []):
            try:
                request = wire.parse_push(wire.decode_body(bundle.read(name), gzipped=True))
            except (KeyError, wire.WireError) as exc:
                raise BundleError(f"{name} in the bundle is damaged: {exc}") from None
            answer = push(db, who, request)
            replayed += bool(answer.get("replayed"))
            for status in answer["results"]:
                counts[status] += 1
        files = _import_blobs(db, blob_root, who, bundle, manifest.get("blobs", []))
    return {**counts, "files": files, "batches": len(manifest.get("batches", [])),
            "replayed_batches": replayed, "device_id": who.device_id}  # fmt: skip


def _principal(db: Database, device_id: str) -> Principal:
    with db.read() as conn:
        row = conn.execute(
            select(t.devices, t.users.c.name.label("user_name"), t.users.c.role)
            .join(t.users, t.users.c.id == t.devices.c.user_id)
            .where(t.devices.c.id == device_id)
        ).first()
    if row is None:
        raise AccountError(f"the bundle's device {device_id!r} is not enrolled on this server")
    if row.revoked_at is not None:
        raise AccountError(f"the bundle's device {row.name!r} was revoked; nothing imported")
    return Principal(row.id, row.name, row.user_id, row.user_name, row.role)


def _import_blobs(
    db: Database, root: Path, who: Principal, bundle: zipfile.ZipFile, blobs: list
) -> int:
    store = BlobStore(root)
    with db.read() as conn:
        access = load_access(conn, who)
    stored = 0
    for item in blobs:
        sha = wire.check_sha256(item.get("sha256"))
        kind = chunks.parse_blob_kind(item.get("kind"))
        data = bundle.read(f"blobs/{sha}")
        try:
            offset = store.status(db, access, sha)["offset"]
            while offset < len(data):
                piece = data[offset : offset + wire.MAX_CHUNK_BYTES]
                chunk = chunks.BlobChunk(offset, len(data), kind, piece)
                offset = store.receive(db, access, sha, chunk)["offset"]
            stored += 1
        except BlobError as exc:
            raise BundleError(f"file {sha[:12]}… of the bundle was refused: {exc}") from None
    return stored
