"""Attachment blobs by sha256: resumable chunked upload (tus-like) and ranged download.

A blob may be sent or fetched only by a device that may see an operation whose
attachment records name it (blob_refs, written by push): records go first, then blobs.
Upload: ask the offset (status), send a chunk at that offset with its sha256; the
server appends it (fsynced) and, at the last byte, checks the whole sha256 before the
blob becomes visible. A partial upload lives in partial/ until then, one per device and
Upload-Length, so that no device's upload blocks another's. Only a proven reference lets
a device read a blob (blobrefs.py): one that only named its hash must send the bytes
first. Thumbnails and originals are separate blobs; the kind is recorded.

Files live under the blob folder (one per server; several server processes must share
it: `fieldapp serve --workers N`, or servers on several machines with the folder on
shared storage). Called from request threads, in one process or several: an flock on the
partial file serialises the chunks of one upload across processes (a chunk resent to
another worker while the first is still writing waits, then gets 409 with the offset),
and one that took the lock on a file another process meanwhile completed (renamed) or
dropped (unlinked) opens the path again rather than writing into the orphan. The blob's
row is written after re-reading it inside the serialised write: two devices completing
the same blob at once both succeed.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

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

    def _partial(self, sha: str, access: Access, size: int) -> Path:
        """This device's upload of this blob at this length: one device's upload (or a
        wrong Upload-Length) never blocks another's."""
        return self.root / "partial" / f"{sha}.{access.principal.device_id}.{size}"

    def _own_partial(self, sha: str, access: Access) -> tuple[Path, int] | None:
        """This device's newest partial upload of `sha` and its size so far, if any (one
        completed or dropped by another process meanwhile is not)."""
        found = []
        for path in (self.root / "partial").glob(f"{sha}.{access.principal.device_id}.*"):
            try:
                found.append((path.stat(), path))
            except FileNotFoundError:
                continue
        if not found:
            return None
        info, path = max(found, key=lambda pair: pair[0].st_mtime)
        return path, info.st_size

    def status(self, db: Database, access: Access, sha: str) -> dict:
        with db.read() as conn:
            shown = _check_visible(conn, access, sha)
            row = conn.execute(select(t.blobs).where(t.blobs.c.sha256 == sha)).first()
        if row is not None and row.complete and shown:
            return {"sha256": sha, "size": row.size, "offset": row.size, "complete": True}
        partial = self._own_partial(sha, access)
        if partial is None:
            return {"sha256": sha, "size": None, "offset": 0, "complete": False}
        path, offset = partial
        size = int(path.name.rsplit(".", 1)[1])
        return {"sha256": sha, "size": size, "offset": offset, "complete": False}

    def receive(self, db: Database, access: Access, sha: str, chunk: chunks.BlobChunk) -> dict:
        """Store one chunk at its offset; returns the new status. A device whose only
        references to a complete blob are unproven sends it whole to prove it has it."""
        with db.read() as conn:
            shown = _check_visible(conn, access, sha)
            row = conn.execute(select(t.blobs).where(t.blobs.c.sha256 == sha)).first()
        if row is not None and row.complete and shown:
            return {"sha256": sha, "size": row.size, "offset": row.size, "complete": True}
        if self._append(self._partial(sha, access, chunk.size), sha, chunk):
            with db.write() as conn:
                row = conn.execute(select(t.blobs).where(t.blobs.c.sha256 == sha)).first()
                if row is None:
                    conn.execute(
                        insert(t.blobs).values(sha256=sha, size=chunk.size, kind=chunk.kind,
                                               complete=True, created_at=now_ms())
                    )  # fmt: skip
                else:
                    conn.execute(
                        update(t.blobs)
                        .where(t.blobs.c.sha256 == sha)
                        .values(complete=True, size=chunk.size)
                    )
                _prove(conn, access, sha)
        return self.status(db, access, sha)

    def _append(self, partial: Path, sha: str, chunk: chunks.BlobChunk) -> bool:
        """Append under an exclusive lock; True once the whole blob is in place."""
        with _locked(partial) as handle:
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
            if not _check_visible(conn, access, sha):
                raise BlobError(_HIDDEN, 404)
            row = conn.execute(select(t.blobs).where(t.blobs.c.sha256 == sha)).first()
        if row is None or not row.complete or not self.path(sha).exists():
            raise BlobError("the server does not have this blob (yet)", 404)
        return self.path(sha)


_HIDDEN = "no attachment record visible to this device names this blob"


@contextmanager
def _locked(partial: Path) -> Iterator[BinaryIO]:
    """The partial file opened for appending under an exclusive flock, and still the file
    at that path once locked (the lock holder before may have renamed or removed it)."""
    while True:
        handle = partial.open("ab")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX)
            if _same_file(handle, partial):
                yield handle
                return
        finally:
            handle.close()


def _same_file(handle: BinaryIO, path: Path) -> bool:
    try:
        here = path.stat()
    except FileNotFoundError:
        return False
    mine = os.fstat(handle.fileno())
    return (mine.st_dev, mine.st_ino) == (here.st_dev, here.st_ino)


def _check_visible(conn: Connection, access: Access, sha: str) -> bool:
    """BlobError 404 unless an attachment of an operation the caller sees names the blob;
    returns whether one of those references is proven (lets it read the bytes)."""
    refs = conn.execute(
        select(t.blob_refs.c.operation_id, t.blob_refs.c.proven).where(t.blob_refs.c.sha256 == sha)
    ).all()
    mine = [proven for op, proven in refs if access.can_see(op)]
    if not mine:
        # The same answer whether the blob is unknown or hidden: no probing for hashes.
        raise BlobError(_HIDDEN, 404)
    return any(mine)


def _prove(conn: Connection, access: Access, sha: str) -> None:
    """The caller sent the whole blob: its references to it are proven."""
    for (op,) in conn.execute(
        select(t.blob_refs.c.operation_id).where(
            t.blob_refs.c.sha256 == sha, t.blob_refs.c.proven.is_(False)
        )
    ).all():
        if access.can_see(op):
            conn.execute(
                update(t.blob_refs)
                .where(t.blob_refs.c.sha256 == sha, t.blob_refs.c.operation_id == op)
                .values(proven=True)
            )
