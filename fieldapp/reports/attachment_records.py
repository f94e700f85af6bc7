"""Attachments of reports: the repository the Store holds as `store.attachments`.

A record links a report to a file of the blob store (reports/attachments.py, imported on
first use: start-up time). Adding copies, hashes and thumbnails the file before the
record is written, so it belongs in a worker thread for big files. One replica, one
thread, like every repository.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, cast

from fieldapp.core.errors import NotFoundError
from fieldapp.core.record_types import Attachment
from fieldapp.core.replica import Repository, new_id
from fieldapp.core.times import utc_now
from fieldapp.reports.repository import Reports

if TYPE_CHECKING:
    from fieldapp.reports.attachments import BlobStore


class Attachments(Repository):
    """Attach, list and remove the files of reports."""

    @cached_property
    def blobs(self) -> BlobStore:
        """The attachment files of this data directory."""
        from fieldapp.reports.attachments import BlobStore

        return BlobStore(self.db.data_dir / "attachments")

    def add(self, report_id: str, source: Path | str) -> Attachment:
        """Copy a file into the blob store (with a thumbnail for photos) and link it."""
        from fieldapp.reports.attachments import make_thumbnail

        report = Reports(self.db).get(report_id)
        source = Path(source)
        blob = self.blobs.put_file(source)
        thumb = make_thumbnail(source) if blob.mime.startswith("image/") else None
        thumb_sha = self.blobs.put_bytes(thumb, "image/jpeg").sha256 if thumb else None
        row: Attachment = {
            "id": new_id(),
            "operation_id": report["operation_id"],
            "report_id": report_id,
            "sha256": blob.sha256,
            "size": blob.size,
            "mime": blob.mime,
            "filename": source.name,
            "thumb_sha256": thumb_sha,
            "created_at": utc_now(),
        }
        with self.db.transaction():
            self.db.insert_records("attachment", [row])
        return row

    def list(self, report_id: str) -> list[Attachment]:
        rows = self.conn.execute(
            "SELECT id, report_id, sha256, size, mime, filename, thumb_sha256, created_at"
            " FROM attachments WHERE report_id = ? AND deleted = 0 ORDER BY seq",
            [report_id],
        )
        return [cast(Attachment, dict(row)) for row in rows]

    def remove(self, attachment_id: str) -> None:
        row = self.conn.execute(
            "SELECT * FROM attachments WHERE id = ? AND deleted = 0", [attachment_id]
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no attachment with id {attachment_id}")
        with self.db.transaction():
            self.db.update_record("attachment", dict(row), {"deleted": (0, 1)}, action="deleted")
