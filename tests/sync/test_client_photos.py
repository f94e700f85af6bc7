"""Photos: attached on one device, the same bytes on the other; a metered link holds the
original back but not the thumbnail; a cut mid-file resumes."""

from __future__ import annotations

import pytest
from badlink import BadLink
from clientkit import Peer, enroll, point_at, start_server
from PIL import Image


@pytest.fixture
def server(tmp_path):
    running = start_server(tmp_path)
    yield running
    running.stop()
    running.db.close()


def _photo(path, size=(1600, 1200)):
    import random

    rng = random.Random(4)
    image = Image.new("RGB", size)
    image.putdata([(rng.randrange(256), 0, rng.randrange(256)) for _ in range(size[0] * size[1])])
    image.save(path, "PNG")  # random pixels: a file of a few MB that does not compress
    return path


def test_a_photo_arrives_byte_for_byte(server, tmp_path):
    a = Peer(tmp_path, "anna", server.url, enroll(server, "anna"))
    b = Peer(tmp_path, "ben", server.url, enroll(server, "ben"))
    op = a.store.operations.create("Floods")["id"]
    rid = a.store.reports.add(op, {"title": "Bridge"})["id"]
    photo = _photo(tmp_path / "bridge.png")
    attached = a.store.attachments.add(rid, photo)
    sent = a.sync_ok()
    assert sent.files_up == 2
    got = b.sync_ok()
    assert got.files_down == 2
    [seen] = b.store.attachments.list(rid)
    assert b.store.attachments.blobs.path(seen["sha256"]).read_bytes() == photo.read_bytes()
    thumb = a.store.attachments.blobs.path(attached["thumb_sha256"]).read_bytes()
    assert b.store.attachments.blobs.path(seen["thumb_sha256"]).read_bytes() == thumb


def test_a_metered_link_sends_the_thumbnail_and_holds_the_original(server, tmp_path):
    a = Peer(tmp_path, "anna", server.url, enroll(server, "anna"))
    b = Peer(tmp_path, "ben", server.url, enroll(server, "ben"))
    op = a.store.operations.create("Floods")["id"]
    rid = a.store.reports.add(op, {"title": "Bridge"})["id"]
    attached = a.store.attachments.add(rid, _photo(tmp_path / "bridge.png", (400, 300)))
    a.client.set_metered(True)
    held = a.sync()
    assert held.files_up == 1 and held.originals_held_back == 1
    assert not held.complete and "held back" in held.summary()
    b.client.set_metered(True)
    got = b.sync()
    assert got.files_down == 1 and b.store.attachments.blobs.has(attached["thumb_sha256"])
    assert not b.store.attachments.blobs.has(attached["sha256"])
    a.client.set_metered(False)
    assert a.sync_ok().files_up == 1
    b.client.set_metered(False)
    assert b.sync_ok().files_down == 1 and b.store.attachments.blobs.has(attached["sha256"])


def test_a_file_cut_mid_transfer_resumes(server, tmp_path):
    with BadLink(server.port) as link:
        a = Peer(tmp_path, "anna", server.url, enroll(server, "anna"), attempts=2)
        b = Peer(tmp_path, "ben", server.url, enroll(server, "ben"), attempts=2)
        point_at(a, link.url)
        point_at(b, link.url)
        op = a.store.operations.create("Floods")["id"]
        rid = a.store.reports.add(op, {"title": "Bridge"})["id"]
        photo = _photo(tmp_path / "bridge.png")
        a.store.attachments.add(rid, photo)
        # push, pull, thumb status+chunk, original status, first chunk, then cuts
        link.fail_next(None, None, None, None, None, None, "cut_request", "lost_ack",
                       "cut_response", "lost_ack")  # fmt: skip
        a.sync()
        link.heal()
        a.sync_ok()
        # pull, thumbnail, then the original is cut again and again
        link.fail_next(None, None, "cut_response", "cut_response", "cut_response", "cut_response")
        b.sync()
        link.heal()
        b.sync_ok()
        [seen] = b.store.attachments.list(rid)
        assert b.store.attachments.blobs.path(seen["sha256"]).read_bytes() == photo.read_bytes()
