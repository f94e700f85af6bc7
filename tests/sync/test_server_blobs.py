"""Attachment blobs: resumable chunked upload, checksums, ranged download, scoping."""

from __future__ import annotations

import hashlib
import os
import uuid

from conftest import CREATED, statuses

from fieldapp.sync.protocol import chunks
from fieldapp.sync.server import policy

PHOTO = os.urandom(300_000)
SHA = hashlib.sha256(PHOTO).hexdigest()


def _attach(device, operation):
    rid, report = device.new_report(operation)
    link = device.entry("attachment", uuid.uuid4().hex, operation, report_id=rid, sha256=SHA,
                        size=len(PHOTO), mime="image/jpeg", filename="bridge.jpg",
                        created_at=CREATED)  # fmt: skip
    statuses(device.push([report, link]))


SIZE = len(PHOTO)


def _send(device, offset, data, size=SIZE, checksum=None):
    headers = {"Upload-Offset": str(offset), "Upload-Length": str(size),
               "Upload-Checksum": checksum or chunks.chunk_checksum(data),
               "Content-Type": "application/offset+octet-stream"}  # fmt: skip
    return device.http.patch(f"{device.server.url}/blobs/{SHA}", data=data, headers=headers,
                             params={"kind": "original"}, timeout=30)  # fmt: skip


def test_an_interrupted_upload_resumes_at_the_offset_and_downloads_by_range(
    server, coordinator, operation
):
    _attach(coordinator, operation)
    status = coordinator.http.get(f"{server.url}/blobs/{SHA}/status").json()
    assert status["offset"] == 0 and not status["complete"]
    assert _send(coordinator, 0, PHOTO[:100_000]).json()["offset"] == 100_000
    # the link dropped; the client asks where to resume
    offset = coordinator.http.get(f"{server.url}/blobs/{SHA}/status").json()["offset"]
    stale = _send(coordinator, 0, PHOTO[:100_000])
    assert stale.status_code == 409 and stale.headers["Upload-Offset"] == "100000"
    done = _send(coordinator, offset, PHOTO[offset:])
    assert done.json()["complete"]
    other = server.device("vera")
    assert other.http.get(f"{server.url}/blobs/{SHA}").content == PHOTO
    part = other.http.get(f"{server.url}/blobs/{SHA}", headers={"Range": "bytes=1000-1999"})
    assert part.status_code == 206 and part.content == PHOTO[1000:2000]


def test_a_corrupt_chunk_or_blob_is_never_stored(server, coordinator, operation):
    _attach(coordinator, operation)
    bad = _send(coordinator, 0, PHOTO[:1000], checksum=chunks.chunk_checksum(b"other"))
    assert bad.status_code == 460
    assert coordinator.http.get(f"{server.url}/blobs/{SHA}/status").json()["offset"] == 0
    wrong = bytearray(PHOTO)
    wrong[-1] ^= 1
    refused = _send(coordinator, 0, bytes(wrong))
    assert refused.status_code == 400 and "sha256" in refused.json()["detail"]
    assert coordinator.http.get(f"{server.url}/blobs/{SHA}").status_code == 404


def test_blobs_of_a_restricted_operation_stay_with_its_members(server, coordinator, operation):
    _attach(coordinator, operation)
    assert _send(coordinator, 0, PHOTO).json()["complete"]
    outsider = server.device("olga", "coordinator")
    policy.restrict(server.db, operation, ["carla"])
    assert outsider.http.get(f"{server.url}/blobs/{SHA}").status_code == 404
    assert outsider.http.get(f"{server.url}/blobs/{SHA}/status").status_code == 404
    assert _send(outsider, 0, PHOTO).status_code == 404
    assert coordinator.http.get(f"{server.url}/blobs/{SHA}").content == PHOTO


def test_a_blob_no_record_names_cannot_be_uploaded(server, coordinator):
    assert _send(coordinator, 0, PHOTO).status_code == 404
