"""Attachment files over the sync link: resumable checksummed chunks, thumbnails first.

Upload: for each blob that a local attachment record names and the server is not known
to have (sync_blobs 'up'), ask the server's offset, then send chunks from it, each with
its sha256; a 409 tells the right offset (a lost answer), and the upload goes on from
there. A server that keeps answering 409 (an upload it holds in a state this one cannot
continue) gets a few tries with growing waits, then the file is left for the next round
and the round says so; a file is marked sent only when the server says it is complete.
Download: for each blob that an attachment record names and the data dir lacks,
fetch it with Range from what a previous attempt left in attachments/.partial/, check the
whole sha256, then fsync and rename it into place. Thumbnails move before originals; a
metered link moves thumbnails only. Runs in the sync worker thread, on its Store.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import requests

from fieldapp.core.durable import fsync_dir
from fieldapp.sync.client.local import now_text
from fieldapp.sync.client.transport import SyncError, Transport, detail
from fieldapp.sync.protocol import chunks

if TYPE_CHECKING:
    from fieldapp.store import Store

CHUNK_BYTES = 512 * 1024  # small enough that a cut on a slow link loses little
MAX_REFUSALS = 5  # 409s in a row (with growing waits between) before a file waits


@dataclass
class BlobResult:
    uploaded: int = 0
    downloaded: int = 0
    held_back: int = 0  # originals not moved because the link is metered
    waiting: list[str] = field(default_factory=list)  # errors in words


def wanted(store: Store, metered: bool) -> list[tuple[str, str]]:
    """(sha256, kind) of every live attachment's blobs, thumbnails first."""
    rows = store.conn.execute(
        "SELECT sha256, thumb_sha256 FROM attachments WHERE deleted = 0 ORDER BY seq"
    ).fetchall()
    thumbs = [(r[1], "thumb") for r in rows if r[1]]
    originals = [] if metered else [(r[0], "original") for r in rows]
    return list(dict.fromkeys([*thumbs, *originals]))


def _done(store: Store, direction: str) -> set[str]:
    rows = store.conn.execute("SELECT sha256 FROM sync_blobs WHERE direction = ?", [direction])
    return {r[0] for r in rows}


def _mark(store: Store, sha: str, direction: str) -> None:
    with store.db.transaction() as conn:
        conn.execute(
            "INSERT OR REPLACE INTO sync_blobs VALUES (?, ?, ?)", [sha, direction, now_text()]
        )


def sync_blobs(store: Store, http: Transport, metered: bool) -> BlobResult:
    result = BlobResult()
    items = wanted(store, metered)
    up_done = _done(store, "up")
    if metered:
        originals = {sha for sha, kind in wanted(store, False) if kind == "original"}
        result.held_back = len(
            [s for s in originals if s not in up_done or not store.attachments.blobs.has(s)]
        )
    for sha, kind in items:
        if sha in up_done or not store.attachments.blobs.has(sha):
            continue
        try:
            upload(store, http, sha, kind)
            result.uploaded += 1
        except SyncError as exc:
            result.waiting.append(f"{kind} {sha[:12]}… not sent: {exc}")
    for sha, kind in items:
        if store.attachments.blobs.has(sha):
            continue
        for attempt in range(3):  # a cut mid-file resumes from what arrived
            try:
                download(store, http, sha)
                result.downloaded += 1
                break
            except SyncError as exc:
                if attempt == 2:
                    result.waiting.append(f"{kind} {sha[:12]}… not received: {exc}")
    return result


def upload(store: Store, http: Transport, sha: str, kind: str) -> None:
    """Send one file from where the server has it; marked sent only once the server says
    it is complete. SyncError when the server keeps refusing where the upload stands."""
    path = store.attachments.blobs.path(sha)
    size = path.stat().st_size
    status = http.json("GET", f"/blobs/{sha}/status")
    offset = _offset(status.get("offset"))
    refusals = 0
    if size == 0:  # nothing to send (the protocol has no empty upload): as before
        status = {"complete": True}
    with path.open("rb") as source:
        while not status.get("complete"):
            if not 0 <= offset < size:  # an offset that cannot be this file's: ask again
                refusals = _refused(http, refusals, f"the server has {offset} bytes of {size}")
                status = http.json("GET", f"/blobs/{sha}/status")
                offset = _offset(status.get("offset"))
                continue
            source.seek(offset)
            chunk = source.read(CHUNK_BYTES)
            answer = http.call(
                "PATCH",
                f"/blobs/{sha}",
                ok=(200, 409),
                params={"kind": kind},
                data=chunk,
                headers={
                    "Upload-Offset": str(offset),
                    "Upload-Length": str(size),
                    "Upload-Checksum": chunks.chunk_checksum(chunk),
                    "Content-Type": "application/offset+octet-stream",
                },
            )
            if answer.status_code == 409:  # an answer was lost: the server says where it is
                refusals = _refused(http, refusals, detail(answer))
                offset = _offset(answer.headers.get("Upload-Offset"))
                continue
            refusals = 0
            status = answer.json()
            offset = _offset(status.get("offset"))
    _mark(store, sha, "up")


def _offset(value: object) -> int:
    """An offset as the server gives it; -1 (ask again) when it is not a whole number."""
    text = str(value) if isinstance(value, int | str) else ""
    return int(text) if text.isdigit() else -1


def _refused(http: Transport, refusals: int, why: str) -> int:
    """One more refusal of where the upload stands (409, or an offset that cannot be
    right): wait longer each time; after MAX_REFUSALS in a row the file waits for the next
    round instead of asking hundreds of times a second (issue 13: a jammed upload)."""
    refusals += 1
    if refusals >= MAX_REFUSALS:
        raise SyncError(
            f"the server refused where the upload stands {refusals} times in a row ({why});"
            " it will be tried again at the next sync"
        )
    http.pause(refusals)
    return refusals


def download(store: Store, http: Transport, sha: str) -> None:
    partial_dir = store.attachments.blobs.root / ".partial"
    partial_dir.mkdir(parents=True, exist_ok=True)
    partial = partial_dir / sha
    have = partial.stat().st_size if partial.exists() else 0
    headers = {"Range": f"bytes={have}-"} if have else {}
    answer = http.call("GET", f"/blobs/{sha}", ok=(200, 206, 416), headers=headers, stream=True)
    if answer.status_code == 200:
        have = 0  # the server sent it whole
    with partial.open("r+b" if have else "wb") as out:
        out.seek(have)
        try:
            if answer.status_code != 416:
                for block in answer.iter_content(1 << 16):
                    out.write(block)
        except requests.RequestException as exc:
            raise SyncError(
                f"the download was cut ({type(exc).__name__}); it will resume"
            ) from None
        finally:
            out.flush()
            os.fsync(out.fileno())
    _finish(store, sha, partial)
    _mark(store, sha, "down")


def _finish(store: Store, sha: str, partial: Path) -> None:
    digest = hashlib.sha256()
    with partial.open("rb") as source:
        for block in iter(lambda: source.read(1 << 20), b""):
            digest.update(block)
    if digest.hexdigest() != sha:
        partial.unlink()
        raise SyncError("the file received does not match its sha256; it will be fetched again")
    final = store.attachments.blobs.path(sha)
    final.parent.mkdir(parents=True, exist_ok=True)
    os.replace(partial, final)
    fsync_dir(final.parent)
