"""The readers of imported files, one module per format; `read_path` picks the reader.

The format comes from the file's extension, checked against its first bytes (a `.json`
that is a uMap map is read as uMap; a file with no known extension is recognised by its
content). CSV and GeoJSON files are streamed (their rows and features read as the
intake asks for them, so that a 100,000-row file is never held whole); the others, whose
readers need the whole document (defusedxml, gpxpy, a uMap's layers), are read at once.
Pure functions of a file, any thread; no Qt, no store.
"""

from __future__ import annotations

from pathlib import Path

from fieldapp.exports.read.csvfile import read_csv, stream_csv
from fieldapp.exports.read.geojson import read_geojson, stream_geojson
from fieldapp.exports.read.gpx import read_gpx
from fieldapp.exports.read.kml import read_kml, read_kmz
from fieldapp.exports.read.model import MAX_FILE_BYTES, Candidate, ReadError, Reading, Table
from fieldapp.exports.read.umap import read_umap

__all__ = ["Candidate", "ReadError", "Reading", "Table", "read_bytes", "read_path"]

FORMATS = ("geojson", "kml", "kmz", "gpx", "umap", "csv")
_BY_SUFFIX = {
    ".geojson": "geojson",
    ".json": "geojson",
    ".kml": "kml",
    ".kmz": "kmz",
    ".gpx": "gpx",
    ".umap": "umap",
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
}


def read_path(path: Path, encoding: str | None = None) -> Reading:
    """Read the file at `path` (CSV and GeoJSON streamed: their errors come as they are
    iterated), or raise ReadError (an unreadable file too)."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ReadError(f"too large: {size:,} bytes, at most {MAX_FILE_BYTES:,}")
        with path.open("rb") as handle:
            head = handle.read(8192)
        kind = sniff(head, _BY_SUFFIX.get(path.suffix.lower()))
        if kind == "csv":
            return stream_csv(path, path.stem, encoding)
        if kind == "geojson":
            return stream_geojson(path, path.stem)
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"cannot read {path.name} ({exc.strerror or exc})") from None
    return read_bytes(data, path.name, encoding)


def read_bytes(data: bytes, filename: str, encoding: str | None = None) -> Reading:
    stem = Path(filename).stem
    kind = sniff(data, _BY_SUFFIX.get(Path(filename).suffix.lower()))
    if kind == "csv":
        return read_csv(data, stem, encoding)
    readers = {
        "geojson": read_geojson,
        "umap": read_umap,
        "kml": read_kml,
        "kmz": read_kmz,
        "gpx": read_gpx,
    }
    return readers[kind](data, stem)


def sniff(data: bytes, by_name: str | None) -> str:
    """The format of `data`: its extension's, unless the content says otherwise."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"PK"):
        return "kmz"
    if head.startswith(b"{"):
        return (
            "umap"
            if b'"umap"' in head.replace(b" ", b"") and b'"type"' in head
            else (by_name if by_name in ("geojson", "umap") else "geojson")
        )
    if head.startswith(b"<"):
        if by_name in ("kml", "gpx"):
            return by_name
        return "gpx" if b"<gpx" in data[:8192] else "kml"
    return by_name or "csv"
