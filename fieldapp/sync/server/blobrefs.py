"""Which operations' attachments name each blob: what decides who may read a file.

push.py hands over the attachment records a batch wrote. A live attachment adds a
reference (sha256, its operation); a deleted one removes it once no live attachment of
that operation names the blob. A reference is *proven* unless the blob is already known
(complete, or referenced) only through operations the pushing device may not see: then
it lets that device upload the bytes (which proves it has them, blobs.py), never read
them. So a file is reachable only through an attachment the device may read, and knowing
a hash is not having the file. Runs inside the batch's write transaction.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, delete, insert, select

from fieldapp.sync.server import tables as t
from fieldapp.sync.server.policy import Access

KINDS = (("sha256", "original"), ("thumb_sha256", "thumb"))


def write_refs(conn: Connection, access: Access, attachments: list[tuple[str, Any]]) -> None:
    """`attachments`: (operation_id, state) of every attachment record the batch wrote."""
    live: dict[tuple[str, str], str] = {}
    gone: set[tuple[str, str]] = set()
    for operation_id, state in attachments:
        deleted = bool(state.get("deleted", (0,))[0])
        for name, kind in KINDS:
            sha = state.get(name, (None,))[0]
            if isinstance(sha, str) and len(sha) == 64:
                if deleted:
                    gone.add((sha, operation_id))
                else:
                    live.setdefault((sha, operation_id), kind)
    for sha, operation_id in sorted(gone - set(live)):
        if not _still_named(conn, sha, operation_id):
            conn.execute(
                delete(t.blob_refs).where(
                    t.blob_refs.c.sha256 == sha, t.blob_refs.c.operation_id == operation_id
                )
            )
    for (sha, operation_id), kind in sorted(live.items()):
        refs = conn.execute(
            select(t.blob_refs.c.operation_id, t.blob_refs.c.proven).where(
                t.blob_refs.c.sha256 == sha
            )
        ).all()
        if any(op == operation_id for op, _proven in refs):
            continue
        complete = conn.execute(select(t.blobs.c.complete).where(t.blobs.c.sha256 == sha)).scalar()
        shown = any(proven and access.can_see(op) for op, proven in refs)
        proven = shown or (not refs and not complete)
        conn.execute(
            insert(t.blob_refs).values(
                sha256=sha, operation_id=operation_id, kind=kind, proven=proven
            )
        )


def _still_named(conn: Connection, sha: str, operation_id: str) -> bool:
    rows = conn.execute(
        select(t.records.c.fields).where(
            t.records.c.entity == "attachment",
            t.records.c.operation_id == operation_id,
            t.records.c.deleted.is_(False),
            t.records.c.fields.like(f"%{sha}%"),
        )
    ).scalars()
    for text in rows:
        fields = json.loads(text)
        if any(fields.get(name, [None])[0] == sha for name, _kind in KINDS):
            return True
    return False
