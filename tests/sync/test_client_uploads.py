"""Issue 13: a device whose upload the server keeps answering with 409 backs off and
leaves the file for the next round, saying so; it never loops hundreds of times a second
nor calls a file sent that the server does not have. Against a real server, whose
partial uploads of this device are left in a state no chunk can continue (one longer
than the file, as a crash or an older server may leave): every PATCH is a real 409."""

from __future__ import annotations

import os
import time

import pytest
from clientkit import Peer, enroll, start_server

from fieldapp.cli.main import main


@pytest.fixture
def server(tmp_path):
    running = start_server(tmp_path)
    yield running
    running.stop()
    running.db.close()


def _jam(server, anna: Peer, sha: str, size: int) -> list:
    """This device's partial upload of the file, longer than the file (every chunk gets
    409), and a newer empty one of another length (what the status answer reports)."""
    partial = server.data_dir / "server-blobs" / "partial"
    partial.mkdir(parents=True, exist_ok=True)
    device = anna.client.store.conn.execute(
        "SELECT value FROM sync_state WHERE key = 'device_id'"
    ).fetchone()[0]
    stuck = partial / f"{sha}.{device}.{size}"
    stuck.write_bytes(os.urandom(size + 10))
    os.utime(stuck, (time.time() - 60, time.time() - 60))
    newer = partial / f"{sha}.{device}.{size + 1}"
    newer.write_bytes(b"")
    return [stuck, newer]


def test_an_upload_answered_409_again_and_again_backs_off_and_waits_for_the_next_round(
    server, tmp_path, capsys
):
    anna = Peer(tmp_path, "anna", server.url, enroll(server, "anna"))
    op = anna.store.operations.create("Floods")["id"]
    rid = anna.store.reports.add(op, {"title": "Bridge"})["id"]
    photo = tmp_path / "bridge.bin"  # not a picture: no thumbnail, one file
    photo.write_bytes(os.urandom(300_000))
    attached = anna.store.attachments.add(rid, photo)
    jam = _jam(server, anna, attached["sha256"], 300_000)

    started = time.monotonic()
    report = anna.sync()
    assert not report.complete and report.files_up == 0, report.summary()
    assert report.requests < 20  # push, pull, status and a few PATCHes
    assert time.monotonic() - started > 0.1  # it waited between the refusals
    words = report.summary()
    assert "not sent: the server refused where the upload stands 5 times in a row" in words
    assert "it will be tried again at the next sync" in words
    anna.close()
    assert main(["--data-dir", str(anna.dir), "sync", "status"]) == 0
    assert "the upload stands 5 times in a row" in capsys.readouterr().out

    for path in jam:  # the server's stale uploads cleared: the next round sends the file
        path.unlink()
    assert main(["--data-dir", str(tmp_path / "anna"), "sync"]) == 0
    ben = Peer(tmp_path, "ben", server.url, enroll(server, "ben"))
    assert ben.sync_ok().files_down == 1
    [seen] = ben.store.attachments.list(rid)
    assert ben.store.attachments.blobs.path(seen["sha256"]).read_bytes() == photo.read_bytes()
    ben.close()
