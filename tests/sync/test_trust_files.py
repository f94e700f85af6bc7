"""Issue 13, items 5 and 8: a file is reachable only through an attachment the device may
read, and no device's upload can block another's. The attacks as sent, on a real server
(SQLite and PostgreSQL)."""

from __future__ import annotations

import hashlib
import os
import uuid

from conftest import CREATED, statuses

from fieldapp.sync.protocol import chunks
from fieldapp.sync.server import policy

SECRET = os.urandom(50_000)
SHA = hashlib.sha256(SECRET).hexdigest()
SIZE = len(SECRET)


def _attach(device, operation, sha=SHA, size=SIZE) -> tuple[str, dict]:
    rid, report = device.new_report(operation)
    aid = uuid.uuid4().hex
    link = device.entry("attachment", aid, operation, report_id=rid, sha256=sha, size=size,
                        mime="image/jpeg", filename="site.jpg", created_at=CREATED)  # fmt: skip
    assert statuses(device.push([report, link])) == ["applied", "applied"]
    return aid, link


def _send(device, data, offset=0, size=None):
    headers = {"Upload-Offset": str(offset), "Upload-Length": str(size or len(SECRET)),
               "Upload-Checksum": chunks.chunk_checksum(data),
               "Content-Type": "application/offset+octet-stream"}  # fmt: skip
    return device.http.patch(f"{device.server.url}/blobs/{SHA}", data=data, headers=headers,
                             params={"kind": "original"}, timeout=30)  # fmt: skip


def _get(device):
    return device.http.get(f"{device.server.url}/blobs/{SHA}", timeout=30)


def test_item5_naming_the_hash_of_a_hidden_file_does_not_give_it(server, coordinator):
    secret_op, entry = coordinator.new_operation("Restricted")
    statuses(coordinator.push([entry]))
    _attach(coordinator, secret_op)
    assert _send(coordinator, SECRET).json()["complete"]
    policy.restrict(server.db, secret_op, ["carla"])
    open_op, entry = coordinator.new_operation("Open")
    statuses(coordinator.push([entry]))
    vera = server.device("vera", "volunteer", "vera-laptop")
    aid, link = _attach(vera, open_op)  # names the hidden file's sha256
    assert _get(vera).status_code == 404
    status = vera.http.get(f"{server.url}/blobs/{SHA}/status", timeout=30).json()
    assert not status["complete"] and status["offset"] == 0
    mia = server.device("mia", "volunteer", "mia-laptop")  # sees the open operation too
    assert _get(mia).status_code == 404
    deleted = vera.entry("attachment", aid, open_op, base=link["fields"]["sha256"]["s"],
                         deleted=1)  # fmt: skip
    assert statuses(vera.push([deleted])) == ["applied"]
    assert _get(vera).status_code == 404
    assert _get(coordinator).content == SECRET


def test_item5_a_device_that_has_the_bytes_proves_it_by_sending_them(server, coordinator):
    first, entry = coordinator.new_operation("First")
    statuses(coordinator.push([entry]))
    _attach(coordinator, first)
    assert _send(coordinator, SECRET).json()["complete"]
    policy.restrict(server.db, first, ["carla"])
    second, entry = coordinator.new_operation("Second")
    statuses(coordinator.push([entry]))
    vera = server.device("vera", "volunteer", "vera-laptop")
    _attach(vera, second)  # the same photo, found on social media by both
    assert _send(vera, SECRET).json()["complete"]
    assert _get(vera).content == SECRET
    aid, _link = _attach(vera, second)
    assert _get(vera).status_code == 200  # a deleted attachment of its own aside
    assert aid


def test_item8_a_wrong_upload_length_claimed_first_does_not_block_the_owner(
    server, coordinator, operation
):
    _attach(coordinator, operation)
    jammer = server.device("vera", "volunteer", "vera-laptop")
    _attach(jammer, operation)
    jam = _send(jammer, SECRET[:1000], size=len(SECRET) + 7)
    assert jam.status_code == 200 and not jam.json()["complete"]
    done = _send(coordinator, SECRET)
    assert done.status_code == 200 and done.json()["complete"], done.text
    assert _get(coordinator).content == SECRET
