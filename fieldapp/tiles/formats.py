"""Tile formats: recognise a tile from its first bytes and give its MIME type.

Pure functions, no I/O; safe from any thread. Metadata `format` keys are often missing
(none of the raster sample files has one), so the bytes are the reliable source.
"""

from __future__ import annotations

RASTER_FORMATS = ("png", "jpg", "webp")
VECTOR_FORMAT = "pbf"

MIME_TYPES = {
    "png": "image/png",
    "jpg": "image/jpeg",
    "webp": "image/webp",
    "pbf": "application/x-protobuf",
}

# Metadata values seen in the wild, mapped to our names.
_FORMAT_ALIASES = {
    "png": "png",
    "png8": "png",
    "png32": "png",
    "image/png": "png",
    "jpg": "jpg",
    "jpeg": "jpg",
    "image/jpeg": "jpg",
    "webp": "webp",
    "image/webp": "webp",
    "pbf": "pbf",
    "mvt": "pbf",
    "application/x-protobuf": "pbf",
    "application/vnd.mapbox-vector-tile": "pbf",
}


def sniff_format(data: bytes | None) -> str | None:
    """'png', 'jpg', 'webp', 'pbf' (gzip/zlib or bare protobuf) or None if unknown."""
    if not data:
        return None
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    # Vector tiles are stored gzipped (1f 8b), sometimes zlib (78 ..), or as a bare
    # protobuf whose first field is a layer (tag 0x1a).
    if data.startswith(b"\x1f\x8b") or data[:1] == b"\x1a":
        return VECTOR_FORMAT
    if data[:1] == b"\x78" and len(data) > 1 and (data[0] * 256 + data[1]) % 31 == 0:
        return VECTOR_FORMAT
    return None


def normalise_format(value: str | None) -> str | None:
    """Our name for a metadata `format` value, or None when absent; unknown kept as is."""
    if value is None or not str(value).strip():
        return None
    key = str(value).strip().lower()
    return _FORMAT_ALIASES.get(key, key)


def mime_type(fmt: str | None) -> str:
    return MIME_TYPES.get(fmt or "", "application/octet-stream")
