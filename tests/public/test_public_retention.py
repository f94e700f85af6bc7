"""Retention: past its operation's retention, a submission, its photo and its item's
content are deleted, and the deletion reaches the desktops by the normal pull."""

from __future__ import annotations

import publickit

from fieldapp.sync.server.db import now_ms
from fieldapp.sync.server.public import retention

DAY_MS = 86_400_000


def test_submissions_past_retention_are_deleted_everywhere(server, coordinator, operation):
    form = publickit.open_form(server, operation, retention_days=7)
    token = publickit.fresh_token(form)
    photo = ("p.jpg", publickit.jpeg(), "image/jpeg")
    assert publickit.post(form, publickit.good_fields(token), photo).status_code == 201
    coordinator.sync_ok()
    assert (
        coordinator.store.conn.execute("SELECT count(*) FROM items WHERE deleted = 0").fetchone()[0]
        == 1
    )
    blobs = server.data_dir / "server-blobs"
    assert len(publickit.photo_files(blobs)) == 1
    assert retention.purge(server.db, blobs, now_ms() + 6 * DAY_MS) == 0  # not yet
    assert len(publickit.submissions(server)) == 1
    assert retention.purge(server.db, blobs, now_ms() + 8 * DAY_MS) == 1
    assert publickit.submissions(server) == [] and publickit.photo_files(blobs) == []
    (item,) = publickit.public_items(server)
    assert item["deleted"] == 1 and item["text"] == "" and item["lat"] is None
    coordinator.sync_ok()
    row = coordinator.store.conn.execute("SELECT deleted, text, place FROM items").fetchone()
    assert tuple(row) == (1, "", "")
    assert retention.purge(server.db, blobs, now_ms() + 9 * DAY_MS) == 0  # nothing twice
