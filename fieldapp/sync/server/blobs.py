"""Attachment blobs by sha256: resumable chunked upload (tus-like) and ranged download.

A blob may be sent or fetched only by a device that may see an operation whose
attachment records name it (blob_refs, written by push): records go first, then blobs.
Upload: ask the offset (status), send a chunk at that offset with its sha256; the
server appends it (fsynced) and, at the last byte, checks the whole sha256 before the
blob becomes visible. A partial upload lives in partial/ until then. Thumbnails and
originals are separate blobs; the kind is recorded.

Files live under the blob folder (one per server; several server processes must share
it). Called from request threads; an flock on the partial file serialises concurrent
uploads of the same blob, even across processes.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
from pathlib import Path

from sqlalchemy import Connection, insert, select, update

from fieldapp.sync.protocol import chunks
from fieldapp.sync.server import tables as t
from fieldapp.sync.server.db import Database, now_ms
from fieldapp.sync.server.policy import Access


class BlobError(Exception):
    """A refused blob call; `status` is the HTTP status, `offset` the current one if known."""

    def __init__(self, message: str, status: int, offset: int | None = None):
        super().__init__(message)
        self.status = status
        self.offset = offset


class BlobStore:
    def __init__(self, root: Path):
        self.root = root
        (root / "partial").mkdir(parents=True, exist_ok=True)

    def path(self, sha: str) -> Path:
        return self.root / sha[:2] / sha

    def _partial(self, sha: str) -> Path:
        return self.root / "partial" / sha

    def status(self, db: Database, access: Access, sha: str) -> dict:
        with db.read() as conn:
            _check_visible(conn, access, sha)
            row = conn.execute(select(t.blobs).where(t.blobs.c.sha256 == sha)).first()
        if row is not None and row.complete:
            return {"sha256": sha, "size": row.size, "offset": row.size, "complete": True}
        partial = self._partial(sha)
        offset = partial.stat().st_size if partial.exists() else 0
        size = row.size if row is not None else None
        return {"sha256": sha, "size": size, "offset": offset, "complete": False}

    def receive(self, db: Database, access: Access, sha: str, chunk: chunks.BlobChunk) -> dict:
        """Store one chunk at its offset; returns the new status."""
        with db.write() as conn:
            _check_visible(conn, access, sha)
            row = conn.execute(select(t.blobs).where(t.blobs.c.sha256 == sha)).first()
            if row is None:
                conn.execute(
                    insert(t.blobs).values(
                        sha256=sha,
                        size=chunk.size,
                        kind=chunk.kind,
                        complete=False,
                        created_at=now_ms(),
                    )
                )
            elif row.complete:
                return {"sha256": sha, "size": row.size, "offset": row.size, "complete": True}
            elif row.size != chunk.size:
                raise BlobError(f"this upload was started with Upload-Length {row.size}", 409)
        done = self._append(sha, chunk)
        if done:
            with db.write() as conn:
                conn.execute(update(t.blobs).where(t.blobs.c.sha256 == sha).values(complete=True))
        return self.status(db, access, sha)

    def _append(self, sha: str, chunk: chunks.BlobChunk) -> bool:
        """Append under an exclusive lock; True once the whole blob is in place."""
        partial = self._partial(sha)
        with partial.open("ab") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            offset = handle.seek(0, os.SEEK_END)
            if chunk.offset != offset:
                raise BlobError(
                    f"Upload-Offset is {chunk.offset}, the server has {offset}", 409, offset
                )
            if offset + len(chunk.data) > chunk.size:
                raise BlobError("the chunk goes past Upload-Length", 400, offset)
            handle.write(chunk.data)
            handle.flush()
            os.fsync(handle.fileno())
            if offset + len(chunk.data) < chunk.size:
                return False
            return self._finish(sha, partial)

    def _finish(self, sha: str, partial: Path) -> bool:
        digest = hashlib.sha256()
        with partial.open("rb") as source:
            for block in iter(lambda: source.read(1 << 20), b""):
                digest.update(block)
        if digest.hexdigest() != sha:
            partial.unlink()
            raise BlobError(
                "the whole blob does not match its sha256; send it again from 0", 400, 0
            )
        final = self.path(sha)
        final.parent.mkdir(exist_ok=True)
        os.replace(partial, final)
        fd = os.open(final.parent, os.O_RDONLY)
        try:
            os.fsync(fd)  # the rename itself must survive a power cut
        finally:
            os.close(fd)
        return True

    def download(self, db: Database, access: Access, sha: str) -> Path:
        """The file of a complete blob the caller may see (BlobError 404 otherwise)."""
        with db.read() as conn:
            _check_visible(conn, access, sha)
            row = conn.execute(select(t.blobs).where(t.blobs.c.sha256 == sha)).first()
        if row is None or not row.complete or not self.path(sha).exists():
            raise BlobError("the server does not have this blob (yet)", 404)
        return self.path(sha)


def _check_visible(conn: Connection, access: Access, sha: str) -> None:
    operations = conn.execute(
        select(t.blob_refs.c.operation_id).where(t.blob_refs.c.sha256 == sha)
    ).scalars()
    if not any(access.can_see(op) for op in operations):
        # The same answer whether the blob is unknown or hidden: no probing for hashes.
        raise BlobError("no attachment record visible to this device names this blob", 404)
