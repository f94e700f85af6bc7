"""Attachment files on the wire: uploaded and downloaded in checked chunks (tus-like).

Part of the wire protocol (wire.py), shared by server and client. Pure, any thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fieldapp.sync.protocol.wire import (
    BLOB_KINDS,
    MAX_BLOB_BYTES,
    MAX_CHUNK_BYTES,
    TooLargeError,
    WireError,
    integer,
)


def parse_blob_kind(kind: Any) -> str:
    if kind not in BLOB_KINDS:
        raise WireError(f"kind must be one of {', '.join(BLOB_KINDS)}")
    return kind


@dataclass(frozen=True)
class BlobChunk:
    offset: int
    size: int  # the whole blob's size (Upload-Length)
    kind: str
    data: bytes


def chunk_checksum(data: bytes) -> str:
    """The Upload-Checksum header of a chunk (tus form: algorithm, space, base64 digest)."""
    import base64
    import hashlib

    return "sha256 " + base64.b64encode(hashlib.sha256(data).digest()).decode()


def parse_chunk(offset: Any, length: Any, checksum: Any, kind: Any, data: bytes) -> BlobChunk:
    """Check a chunk's headers and its checksum (WireError names the bad one)."""
    try:
        offset, length = int(offset), int(length)
    except (TypeError, ValueError):
        raise WireError("Upload-Offset and Upload-Length must be whole numbers") from None
    integer(offset, "Upload-Offset", 0, MAX_BLOB_BYTES)
    if not 1 <= length <= MAX_BLOB_BYTES:
        raise TooLargeError(f"Upload-Length must be from 1 to {MAX_BLOB_BYTES} bytes")
    if len(data) > MAX_CHUNK_BYTES:
        raise TooLargeError(f"a chunk is at most {MAX_CHUNK_BYTES} bytes")
    if not data:
        raise WireError("the chunk is empty")
    if checksum != chunk_checksum(data):
        raise ChecksumError("Upload-Checksum does not match the chunk; it was not stored")
    return BlobChunk(offset, length, parse_blob_kind(kind), data)


class ChecksumError(WireError):
    """A chunk that does not match its checksum (HTTP 460, as in tus)."""
