"""The message log: saved like reports, warnings kept, serials, statuses, relay hops, queue."""

from __future__ import annotations

import pytest

from fieldapp.core.errors import NotFoundError, ValidationError
from fieldapp.core.migrations.m003_radio import RADIO_RANK_SQL
from fieldapp.core.times import utc_now
from fieldapp.store import Store

TEXT = "HAPPY BIRTHDAY X SEE YOU SOON X LOVE"


def _received(store, operation, **values):
    fields = {"text": TEXT, "check_received": "8", "received_from": "w1aw", **values}
    return store.radio.add(operation["id"], fields, station="F4ABC")


def test_a_message_is_saved_with_outbox_and_history_in_one_go(store, operation):
    before = store.db.outbox_count()
    message = _received(store, operation, received_net="RDRF", precedence="p")
    assert message["precedence"] == "PRIORITY" and message["received_from"] == "W1AW"
    assert message["status"] == "received" and message["warnings"] == {}
    assert message["check"] == "8" and message["author"] == "alice"
    # the message and its first hop (from W1AW to this station) both go to sync
    entities = [e["entity"] for e in store.db.outbox_entries()[before - store.db.outbox_count() :]]
    assert entities[-2:] == ["radio_message", "radio_hop"]
    assert [h["from_station"] for h in message["hops"]] == ["W1AW"]
    assert message["hops"][0]["to_station"] == "F4ABC" and message["hops"][0]["net"] == "RDRF"
    assert store.db.history(message["id"])[0]["action"] == "created"


def test_warnings_are_kept_never_rewritten(store, operation):
    message = _received(
        store, operation, check_received="10", precedence="urgentissime", time_filed="2561Z",
        date_filed="FEB 30",
    )  # fmt: skip
    assert message["check_received"] == "10" and message["check"] == "10/8"
    assert message["precedence"] == "URGENTISSIME"  # kept as copied
    assert set(message["warnings"]) == {
        "check_received", "precedence", "time_filed", "date_filed",
    }  # fmt: skip
    assert message["warnings"]["time_filed"]["code"] == "impossible_time"
    assert message["time_filed"] == "2561Z"
    fixed = store.radio.update(message["id"], {"check_received": "8", "time_filed": "1830Z"})
    assert "check_received" not in fixed["warnings"] and "time_filed" not in fixed["warnings"]


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"kind": "telegram"}, "kind"),
        ({"direction": "sideways"}, "direction"),
        ({"received_at": "yesterday"}, "received_at"),
        ({"text": "", "subject": ""}, "text"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_errors_name_the_field_and_save_nothing(store, operation, values, field):
    count = store.db.outbox_count()
    with pytest.raises(ValidationError) as caught:
        store.radio.add(operation["id"], {"text": TEXT, **values})
    assert field in caught.value.errors
    assert store.db.outbox_count() == count and store.radio.list(operation["id"]) == []


def test_serial_numbers_per_station_and_operation(store, operation):
    sent = [
        store.radio.add(operation["id"], {"text": "A", "direction": "sent"}, station="F4ABC")
        for _ in range(3)
    ]
    assert [m["number"] for m in sent] == ["1", "2", "3"]
    assert all(m["origin_station"] == "F4ABC" for m in sent)
    other = store.radio.add(operation["id"], {"text": "B", "direction": "sent"}, station="F5XYZ")
    assert other["number"] == "1"
    french = store.radio.add(
        operation["id"], {"text": "C", "direction": "sent", "kind": "adrasec"}, station="F4ABC"
    )
    assert french["number"] == "004"  # F4ABC/004: the French way, three digits
    assert store.radio.next_serial(operation["id"], "f4abc") == 5
    second = store.operations.create("Exercice", exercise=True)
    assert store.radio.next_serial(second["id"], "F4ABC") == 1
    store.radio.delete(french["id"])
    assert store.radio.next_serial(operation["id"], "F4ABC") == 4


def test_statuses_follow_the_traffic_rules(store, operation):
    message = _received(store, operation)
    with pytest.raises(ValidationError) as caught:
        store.radio.set_status(message["id"], "serviced")
    assert caught.value.errors["status"][0] == "bad_transition"
    assert store.radio.set_status(message["id"], "waiting_relay")["status"] == "waiting_relay"
    before = utc_now()
    delivered = store.radio.set_status(message["id"], "delivered")
    assert before <= delivered["delivered_at"] <= utc_now()  # the moment it was delivered
    assert store.radio.set_status(message["id"], "serviced")["status"] == "serviced"
    with pytest.raises(ValidationError):
        store.radio.set_status(message["id"], "received")


def test_every_hop_of_a_relay_chain_is_kept(store, operation):
    message = _received(store, operation, received_at="2026-11-28T10:00Z")
    store.radio.relay(
        message["id"], to_station="f5xyz", net="RDRF 80m", at="2026-11-28T10:05Z", station="F4ABC"
    )
    again = store.radio.relay(message["id"], to_station="F6AAA", net="VHF", station="F4ABC")
    assert again["status"] == "relayed" and again["sent_to"] == "F6AAA"
    chain = [(h["from_station"], h["to_station"], h["net"]) for h in again["hops"]]
    assert chain == [
        ("W1AW", "F4ABC", ""),
        ("F4ABC", "F5XYZ", "RDRF 80m"),
        ("F4ABC", "F6AAA", "VHF"),
    ]
    hop_rows = store.conn.execute("SELECT count(*) FROM outbox WHERE entity = 'radio_hop'")
    assert hop_rows.fetchone()[0] == 3  # each hop syncs as its own row


def test_the_queue_is_in_precedence_order_then_oldest_first(store, operation):
    op = operation["id"]
    routine = _received(store, operation, precedence="R")
    welfare = _received(store, operation, precedence="W")
    emergency = _received(store, operation, precedence="EMERGENCY")
    priority = _received(store, operation, precedence="P")
    later_emergency = _received(store, operation, precedence="TEST EMERGENCY")
    done = _received(store, operation, precedence="EMERGENCY")
    store.radio.set_status(done["id"], "delivered")
    queue = [m["id"] for m in store.radio.queue(op)]
    expected = [emergency, later_emergency, priority, welfare, routine]
    assert queue == [m["id"] for m in expected]
    plan = store.conn.execute(
        "EXPLAIN QUERY PLAN SELECT * FROM radio_messages WHERE operation_id = ? AND deleted = 0"
        f" AND status IN ('received', 'waiting_relay') ORDER BY {RADIO_RANK_SQL}, logged_at",
        [op],
    ).fetchall()
    assert "radio_queue" in str([tuple(r) for r in plan])
    assert "TEMP B-TREE" not in str([tuple(r) for r in plan])  # no sort, however long the log


def test_deleted_messages_leave_the_log_but_not_the_history(store, operation):
    message = _received(store, operation)
    store.radio.delete(message["id"])
    assert store.radio.list(operation["id"]) == []
    with pytest.raises(NotFoundError):
        store.radio.get(message["id"])
    assert store.db.history(message["id"])[-1]["action"] == "deleted"


def test_search_finds_messages_by_words_and_calls(store, operation):
    _received(store, operation)
    store.radio.add(operation["id"], {"text": "NEED WATER AT SHELTER", "origin_station": "F1PCT"})
    assert [m["text"] for m in store.radio.search(operation["id"], "wat")] == [
        "NEED WATER AT SHELTER"
    ]
    assert len(store.radio.search(operation["id"], "f1pct")) == 1


def test_messages_survive_reopening(tmp_path):
    with Store(tmp_path, user="bob") as first:
        op = first.operations.create("Storm")
        saved = first.radio.add(op["id"], {"text": TEXT}, station="F4ABC")
    with Store(tmp_path, user="bob") as again:
        assert again.radio.get(saved["id"])["text"] == TEXT
