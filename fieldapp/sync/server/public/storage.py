"""The form's photos in the server's blob folder, where devices download them by hash.

The layout is the blob store's (sync/server/blobs.py): `ROOT/ab/abcdef...`. A photo is
written to a temporary file beside its final name, fsynced and renamed, before the
transaction that names it commits; a photo no record names any more is removed by the
retention task. Plain file functions; any thread (rename is atomic, the bytes of one
hash are always the same, so two writers of one photo agree).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from fieldapp.core.durable import fsync_dir


def blob_path(root: Path, sha: str) -> Path:
    return root / sha[:2] / sha


def save(root: Path, data: bytes) -> tuple[str, int]:
    """Store bytes by their sha256; returns (sha256, size)."""
    sha = hashlib.sha256(data).hexdigest()
    final = blob_path(root, sha)
    if final.exists():
        return sha, len(data)
    final.parent.mkdir(parents=True, exist_ok=True)
    temp = final.with_name(f".{sha}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    with open(temp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temp, final)
    fsync_dir(final.parent)
    return sha, len(data)


def remove(root: Path, sha: str) -> None:
    blob_path(root, sha).unlink(missing_ok=True)
