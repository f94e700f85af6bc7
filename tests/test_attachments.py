"""Photos and files attached to reports: stored once, durable, with thumbnails."""

from __future__ import annotations

import hashlib

import pytest
from PIL import Image

from fieldapp.reports.attachments import AttachmentError


@pytest.fixture
def photo(tmp_path):
    path = tmp_path / "bridge.jpg"
    Image.new("RGB", (1600, 1200), (30, 90, 160)).save(path, "JPEG")
    return path


@pytest.fixture
def report(store, operation):
    return store.reports.add(operation["id"], {"title": "Bridge under water"})


def test_photo_is_copied_by_hash_with_a_thumbnail(store, report, photo):
    attached = store.attachments.add(report["id"], photo)
    stored = store.attachments.blobs.path(attached["sha256"])
    assert stored.read_bytes() == photo.read_bytes()
    assert attached["sha256"] == hashlib.sha256(photo.read_bytes()).hexdigest()
    assert attached["mime"] == "image/jpeg" and attached["filename"] == "bridge.jpg"
    with Image.open(store.attachments.blobs.path(attached["thumb_sha256"])) as thumb:
        assert max(thumb.size) <= 256
    assert [a["id"] for a in store.attachments.list(report["id"])] == [attached["id"]]


def test_the_original_can_vanish_after_attaching(store, report, photo):
    attached = store.attachments.add(report["id"], photo)
    photo.unlink()
    assert store.attachments.blobs.path(attached["sha256"]).exists()


def test_same_photo_twice_is_stored_once(store, report, photo):
    first = store.attachments.add(report["id"], photo)
    second = store.attachments.add(report["id"], photo)
    assert first["sha256"] == second["sha256"]
    folder = store.attachments.blobs.path(first["sha256"]).parent
    assert len([p for p in folder.iterdir() if p.name == first["sha256"]]) == 1
    assert not list(store.attachments.blobs.root.glob(".incoming-*"))


def test_non_image_gets_no_thumbnail(store, report, tmp_path):
    note = tmp_path / "note.txt"
    note.write_text("call back at 18:00")
    attached = store.attachments.add(report["id"], note)
    assert attached["thumb_sha256"] is None and attached["mime"] == "text/plain"


def test_missing_file_is_a_clear_error_and_changes_nothing(store, report, tmp_path):
    before = store.db.outbox_count()
    with pytest.raises(AttachmentError, match="is not a file"):
        store.attachments.add(report["id"], tmp_path / "nothing.jpg")
    assert store.db.outbox_count() == before


def test_removed_attachment_is_hidden(store, report, photo):
    attached = store.attachments.add(report["id"], photo)
    store.attachments.remove(attached["id"])
    assert store.attachments.list(report["id"]) == []
