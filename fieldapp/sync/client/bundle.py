"""USB bundles: the pending outbox and its files in one file, for a server with no link.

A bundle is a zip: `manifest.json` (format, version, device id, server, batch names, blob
list), `batches/NNNN.json.gz` (push bodies exactly as `POST /push` takes them, each with
its own batch_key) and `blobs/<sha256>`. The server applies it with `fieldapp server
import-bundle` through the same idempotent push path (fieldapp/sync/server/bundles.py):
importing twice changes nothing, and when the device later syncs online its entries come
back as duplicates and leave the outbox. Exporting changes nothing locally: the outbox
empties only when a server acknowledges. The file is written to a temp name, fsynced and
renamed. Runs in the calling thread, on its Store.
"""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldapp.core.livefiles import LiveDatabaseError, refuse_live_file
from fieldapp.sync.client.config import load_config
from fieldapp.sync.client.local import now_text
from fieldapp.sync.client.outgoing import build_batch
from fieldapp.sync.protocol.bundle import FORMAT, VERSION, BundleError

if TYPE_CHECKING:
    from fieldapp.store import Store


def export_bundle(store: Store, path: Path) -> dict[str, Any]:
    """Write every pending change and the files its attachments name; returns counts."""
    config = load_config(store.conn)
    if not config.joined:
        raise BundleError("join a server first (fieldapp join URL CODE): a bundle names its device")
    path = Path(path)
    try:
        refuse_live_file(path, store.data_dir, writing=True)
    except LiveDatabaseError as exc:
        raise BundleError(str(exc)) from None
    tmp = path.with_name(path.name + ".part")
    names, entries, after = [], 0, 0
    blobs: dict[str, str] = {}
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_STORED) as bundle:
        while (batch := build_batch(store, after, set(), "u-")) is not None:
            name = f"batches/{len(names) + 1:04d}.json.gz"
            bundle.writestr(name, batch.body)
            names.append(name)
            entries += len(batch.entries)
            after = max(batch.seqs)
            blobs.update(_blobs_of(store, batch.entries))
        for sha in blobs:
            bundle.write(store.attachments.blobs.path(sha), f"blobs/{sha}")
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "device_id": config.device_id,
            "server": config.url,
            "created_at": now_text(),
            "batches": names,
            "blobs": [{"sha256": s, "kind": k} for s, k in blobs.items()],
        }
        bundle.writestr("manifest.json", json.dumps(manifest, indent=1))
    with tmp.open("rb") as handle:
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    return {"entries": entries, "files": len(blobs), "batches": len(names)}


def _blobs_of(store: Store, entries: list[dict]) -> dict[str, str]:
    """Thumbnails first, then originals, of the attachments among these entries."""
    ids = [e["row_id"] for e in entries if e["entity"] == "attachment"]
    found: dict[str, str] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = store.conn.execute(
            "SELECT sha256, thumb_sha256 FROM attachments WHERE id IN"
            f" ({', '.join('?' * len(chunk))})",
            chunk,
        ).fetchall()
        for sha, thumb in rows:
            if thumb and store.attachments.blobs.has(thumb):
                found.setdefault(thumb, "thumb")
            if store.attachments.blobs.has(sha):
                found.setdefault(sha, "original")
    return found
