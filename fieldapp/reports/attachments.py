"""Content-addressed files (photos, audio, documents) beside the database.

A blob lives at attachments/<sha256[:2]>/<sha256>; it is written to a temporary file in
the same folder, fsynced, renamed into place and the folder fsynced, so a crash leaves
either the whole file or nothing. Photos get a JPEG thumbnail (Pillow). Pure file I/O:
call from a worker thread for big files.
"""

from __future__ import annotations

import hashlib
import io
import mimetypes
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from fieldapp.core.durable import fsync_dir
from fieldapp.core.livefiles import LiveDatabaseError, refuse_live_file

THUMB_SIZE = (256, 256)
MAX_ATTACHMENT_BYTES = 200 * 1024 * 1024
_CHUNK = 1 << 20


class AttachmentError(ValueError):
    """A file that cannot be attached; the message names the file and the reason."""


@dataclass(frozen=True)
class Blob:
    sha256: str
    size: int
    mime: str


class BlobStore:
    """The attachments/ folder of a data directory."""

    def __init__(self, root: Path):
        self.root = Path(root)

    def path(self, sha256: str) -> Path:
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            raise AttachmentError(f"{sha256!r} is not a sha256 hash")
        return self.root / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        return self.path(sha256).exists()

    def put_file(self, source: Path) -> Blob:
        """Copy a file in, durably; the same content is stored once."""
        source = Path(source)
        if not source.is_file():
            raise AttachmentError(f"{source} is not a file")
        try:
            refuse_live_file(source, self.root.parent)
        except LiveDatabaseError as exc:
            raise AttachmentError(str(exc)) from None
        size = source.stat().st_size
        if size > MAX_ATTACHMENT_BYTES:
            raise AttachmentError(f"{source.name} is larger than {MAX_ATTACHMENT_BYTES >> 20} MB")
        with source.open("rb") as handle:
            digest = self._write(iter(lambda: handle.read(_CHUNK), b""))
        mime = mimetypes.guess_type(source.name)[0] or "application/octet-stream"
        return Blob(digest, size, mime)

    def put_bytes(self, data: bytes, mime: str) -> Blob:
        return Blob(self._write(iter([data])), len(data), mime)

    def _write(self, chunks) -> str:
        self.root.mkdir(parents=True, exist_ok=True)
        hasher = hashlib.sha256()
        fd, tmp_name = tempfile.mkstemp(dir=self.root, prefix=".incoming-")
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as out:
                for chunk in chunks:
                    hasher.update(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            digest = hasher.hexdigest()
            final = self.path(digest)
            final.parent.mkdir(exist_ok=True)
            os.replace(tmp, final)
            fsync_dir(final.parent)
            return digest
        finally:
            tmp.unlink(missing_ok=True)


def make_thumbnail(source: Path) -> bytes | None:
    """A JPEG thumbnail of an image file, or None when the file is not an image."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with Image.open(source) as image:
            image = ImageOps.exif_transpose(image)
            image.thumbnail(THUMB_SIZE)
            out = io.BytesIO()
            image.convert("RGB").save(out, "JPEG", quality=80)
            return out.getvalue()
    except (UnidentifiedImageError, OSError, ValueError):
        return None
