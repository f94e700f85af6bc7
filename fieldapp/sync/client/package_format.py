"""The operation package's format: one whole operation in one zip file, for another team.

A package (`*.fieldapp-op`) is a zip holding

- `manifest.json`: format and version, the app version that wrote it, when and by whom,
  the operation (id, name, exercise flag), the count of records of each type, the
  devices its stamps name, and every other member with its size and sha256;
- `records/<entity>/<nnnnn>.jsonl`: the records, one per line in pull form
  (`wire.compact_record`: values, stamps, owner) plus `server_at` when the exporting
  device knew the record to be on its server; types in apply order (parents first);
- `blobs/<sha256>`: the attachments' files, stored as they are.

Reading never trusts the file: member names are checked before anything is read (no
path leaves the package), sizes are capped (a member larger than its kind allows, or
expanding too many times, is refused before it is read: a zip bomb), every member is
read through `Member`, which hashes while it reads and stops at the size the manifest
gives, and lines are capped. Pure functions and small classes over an open ZipFile;
any thread, one thread per ZipFile.
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
import zlib
from collections.abc import Iterator
from typing import IO, Any

FORMAT, VERSION = "fieldapp-operation", 1
SUFFIX = ".fieldapp-op"
MANIFEST = "manifest.json"

MAX_MANIFEST_BYTES = 16 * 1024 * 1024
MAX_RECORDS_BYTES = 64 * 1024 * 1024  # one records member, uncompressed
MAX_LINE_BYTES = 8 * 1024 * 1024  # one record
MAX_BLOB_BYTES = 512 * 1024 * 1024  # as sync's (wire.MAX_BLOB_BYTES)
MAX_RATIO = 200  # uncompressed / compressed; JSON lines of real records stay far below
RECORDS_PER_MEMBER = 5000
BYTES_PER_MEMBER = 16 * 1024 * 1024  # a member of records is closed past this size

_RECORDS = re.compile(r"^records/([a-z_]{1,40})/(\d{5})\.jsonl$")
_BLOB = re.compile(r"^blobs/([0-9a-f]{64})$")
_CHUNK = 1 << 20


class PackageError(ValueError):
    """A package that cannot be written or read; the message says what and where."""


def records_member(entity: str, number: int) -> str:
    return f"records/{entity}/{number:05d}.jsonl"


def blob_member(sha256: str) -> str:
    return f"blobs/{sha256}"


def member_kind(name: str) -> str:
    """The member's kind, "manifest", "records" or "blob"; PackageError for any other
    name (a path that leaves the package above all)."""
    if name == MANIFEST:
        return "manifest"
    if _RECORDS.match(name):
        return "records"
    if _BLOB.match(name):
        return "blob"
    parts = name.replace("\\", "/").split("/")
    if name.startswith(("/", "\\")) or ".." in parts or re.match(r"^[A-Za-z]:", name):
        raise PackageError(f"unsafe member {name[:80]!r}: a path outside the package")
    raise PackageError(f"unexpected member {name[:80]!r}: not part of an operation package")


def blob_sha(name: str) -> str:
    match = _BLOB.match(name)
    assert match is not None
    return match.group(1)


def records_entity(name: str) -> str:
    match = _RECORDS.match(name)
    assert match is not None
    return match.group(1)


def open_zip(path: Any) -> zipfile.ZipFile:
    """The package's zip, its central directory read; PackageError if it is not one."""
    try:
        return zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise PackageError("not an operation package: not a zip file, or a truncated one") from None
    except zipfile.LargeZipFile as exc:
        raise PackageError(f"not an operation package: {exc}") from None


def check_members(package: zipfile.ZipFile) -> None:
    """Every member's name is one a package has and its sizes are within the caps."""
    seen: set[str] = set()
    for info in package.infolist():
        kind = member_kind(info.filename)
        if info.filename in seen:
            raise PackageError(f"member {info.filename} appears twice")
        seen.add(info.filename)
        cap = {"manifest": MAX_MANIFEST_BYTES, "records": MAX_RECORDS_BYTES}.get(
            kind, MAX_BLOB_BYTES
        )
        if info.file_size > cap:
            raise PackageError(
                f"member {info.filename} is {info.file_size:,} bytes, more than the"
                f" {cap:,} a package allows"
            )
        if info.file_size > MAX_RATIO * max(info.compress_size, 1) + 1024:
            raise PackageError(
                f"member {info.filename} expands {info.file_size // max(info.compress_size, 1):,}"
                " times: refused as a zip bomb"
            )


def read_manifest(package: zipfile.ZipFile) -> dict[str, Any]:
    """The manifest, checked: format, version, operation, members (each in the zip and
    each zip member in it, with a size and a sha256)."""
    check_members(package)
    try:
        info = package.getinfo(MANIFEST)
    except KeyError:
        raise PackageError("not an operation package: it has no manifest.json") from None
    with Member(package, info, info.file_size) as member:
        data = member.read_all()
    try:
        manifest = json.loads(data)
    except ValueError as exc:
        raise PackageError(f"manifest.json is not JSON ({exc})") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise PackageError("not an operation package (its manifest has another format)")
    version = manifest.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise PackageError(f"manifest.json: version {version!r} is not a format version")
    if version > VERSION:
        raise PackageError(
            f"made by a newer FieldApp ({manifest.get('app_version', '?')}): package format"
            f" {version}, this version reads format {VERSION}; update FieldApp to import it"
        )
    _check_operation(manifest.get("operation"))
    _check_listing(package, manifest.get("members"))
    return manifest


def _check_operation(operation: Any) -> None:
    if not isinstance(operation, dict):
        raise PackageError("manifest.json: operation is missing")
    for key in ("id", "name"):
        if not isinstance(operation.get(key), str) or not operation[key]:
            raise PackageError(f"manifest.json: operation.{key} is missing")
    if not isinstance(operation.get("exercise"), bool):
        raise PackageError("manifest.json: operation.exercise must be true or false")


def _check_listing(package: zipfile.ZipFile, members: Any) -> None:
    if not isinstance(members, dict):
        raise PackageError("manifest.json: members is missing")
    present = {name for name in package.namelist() if name != MANIFEST}
    for name, about in members.items():
        member_kind(name)
        if name not in present:
            raise PackageError(f"member {name} is listed in the manifest but missing")
        ok = isinstance(about, dict) and isinstance(about.get("sha256"), str)
        if not ok or not isinstance(about.get("size"), int):
            raise PackageError(f"manifest.json: member {name} lacks its size or sha256")
        if package.getinfo(name).file_size != about["size"]:
            raise PackageError(
                f"member {name} is {package.getinfo(name).file_size:,} bytes;"
                f" the manifest says {about['size']:,}"
            )
    extra = sorted(present - set(members))
    if extra:
        raise PackageError(f"member {extra[0]} is not listed in the manifest")


class Member:
    """One member read as a stream: hashed as it is read, never past `size` bytes (the
    manifest's), a damaged zip stream turned into PackageError."""

    def __init__(self, package: zipfile.ZipFile, info: zipfile.ZipInfo, size: int):
        self.name, self.size = info.filename, size
        self.read_bytes = 0
        self._hash = hashlib.sha256()
        try:
            self._handle: IO[bytes] = package.open(info)
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError) as exc:
            raise PackageError(f"member {self.name} cannot be read ({exc})") from None

    def __enter__(self) -> Member:
        return self

    def __exit__(self, *exc: object) -> None:
        self._handle.close()

    def read(self, n: int = _CHUNK) -> bytes:
        try:
            data = self._handle.read(min(n, self.size + 1 - self.read_bytes))
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
            raise PackageError(f"member {self.name} is damaged ({exc})") from None
        self.read_bytes += len(data)
        if self.read_bytes > self.size:
            raise PackageError(f"member {self.name} is longer than the manifest says")
        self._hash.update(data)
        return data

    def chunks(self) -> Iterator[bytes]:
        while data := self.read():
            yield data

    def read_all(self) -> bytes:
        return b"".join(self.chunks())

    def lines(self) -> Iterator[tuple[int, bytes]]:
        """(line number from 1, the line without its newline), each capped."""
        pending, number = b"", 0
        for data in self.chunks():
            pending += data
            *whole, pending = pending.split(b"\n")
            for line in whole:
                number += 1
                yield number, line
            if len(pending) > MAX_LINE_BYTES:
                raise PackageError(
                    f"{self.name} line {number + 1}: longer than {MAX_LINE_BYTES:,} bytes"
                )
        if pending:
            yield number + 1, pending

    def hexdigest(self) -> str:
        return self._hash.hexdigest()

    def verify(self, sha256: str) -> None:
        """After the whole member was read: its bytes are the ones the manifest names."""
        if self.read_bytes != self.size:
            raise PackageError(f"member {self.name} is shorter than the manifest says")
        if self._hash.hexdigest() != sha256:
            raise PackageError(
                f"member {self.name}: checksum mismatch (the file was damaged or altered)"
            )
