"""The server takes radio messages and relay hops like any synced record."""

from __future__ import annotations

import uuid

from conftest import CREATED, statuses


def test_radio_messages_and_hops_are_applied_and_pulled(coordinator, operation):
    mid, hid = uuid.uuid4().hex, uuid.uuid4().hex
    message = coordinator.entry("radio_message", mid, operation, text="QRV", status="received",
                                kind="radiogram", direction="received", created_at=CREATED,
                                logged_at=CREATED)  # fmt: skip
    hop = coordinator.entry("radio_hop", hid, operation, message_id=mid, to_station="F1AAA",
                            at=CREATED, created_at=CREATED)  # fmt: skip
    bad = coordinator.entry("radio_hop", uuid.uuid4().hex, operation, colour="red")
    assert statuses(coordinator.push([message, hop, bad])) == ["applied", "applied", "rejected"]
    records, _conflicts, _cursor = coordinator.pull_all()
    pulled = {r["entity"]: r for r in records}
    assert pulled["radio_message"]["fields"]["text"] == "QRV"
    assert pulled["radio_hop"]["fields"]["message_id"] == mid
