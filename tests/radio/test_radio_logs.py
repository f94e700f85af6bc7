"""The ICS-309 and ICS-214 logs: every relay hop of a message is a line of its own."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

from fieldapp.radio import forms

ALL_TIME = ("2000-01-01T00:00:00.000Z", "2100-01-01T00:00:00.000Z")


def test_the_activity_log_lists_every_hop_of_a_message_relayed_twice(
    store, operation, relayed_twice
):
    messages = store.radio.period(operation["id"], since=ALL_TIME[0], until=ALL_TIME[1])
    rows = forms.build_ics214(messages, "F4ABC", period=ALL_TIME)
    assert rows == [
        {
            "time": "2026-11-28 10:00",
            "activity": "RADIOGRAM NR 12 PRIORITY received from F1PCT by F4ABC on GARD NET",
        },
        {
            "time": "2026-11-28 10:05",
            "activity": "RADIOGRAM NR 12 PRIORITY passed by F4ABC to F5XYZ on RDRF 80m (3.603 LSB)",
        },
        {
            "time": "2026-11-28 10:20",
            "activity": "RADIOGRAM NR 12 PRIORITY passed by F4ABC to F6AAA on VHF",
        },
    ]


def test_the_communications_log_has_a_line_per_hop(store, operation, relayed_twice):
    messages = store.radio.period(operation["id"], since=ALL_TIME[0], until=ALL_TIME[1])
    sheet = forms.build_ics309(operation, messages, period=ALL_TIME, station="F4ABC")
    lines = [(r["time"], r["from"], r["to"]) for r in sheet.rows]
    assert lines == [
        ("2026-11-28 10:00", "F1PCT #12", "F4ABC"),
        ("2026-11-28 10:05", "F4ABC #12", "F5XYZ"),
        ("2026-11-28 10:20", "F4ABC #12", "F6AAA"),
    ]
    assert {r["message"] for r in sheet.rows} == {"PRIORITY NEED 40 COTS AT SCHOOL"}
    rows = list(csv.reader(io.StringIO(forms.ics309_csv(sheet))))
    assert ["2026-11-28 10:20", "F4ABC #12", "F6AAA", "PRIORITY NEED 40 COTS AT SCHOOL"] in rows


def test_a_relay_today_of_a_message_logged_before_the_period_is_in_its_logs(store, operation):
    tomorrow = datetime.now(UTC) + timedelta(days=1)
    period = (tomorrow.strftime("%Y-%m-%dT00:00:00.000Z"), "2100-01-01T00:00:00.000Z")
    message = store.radio.add(
        operation["id"], {"text": "WATER", "number": "3", "received_from": "F1PCT"}
    )
    store.radio.add(operation["id"], {"text": "NOT RELAYED", "received_from": "F1PCT"})
    at = tomorrow.strftime("%Y-%m-%dT09:30Z")
    store.radio.relay(message["id"], to_station="F5XYZ", net="VHF", at=at, station="F4ABC")
    messages = store.radio.period(operation["id"], since=period[0], until=period[1])
    assert [m["id"] for m in messages] == [message["id"]]
    rows = forms.build_ics214(messages, "F4ABC", period=period)
    assert [row["activity"] for row in rows] == [
        "RADIOGRAM NR 3 ROUTINE passed by F4ABC to F5XYZ on VHF"
    ]
    sheet = forms.build_ics309(operation, messages, period=period, station="F4ABC")
    assert [(r["from"], r["to"]) for r in sheet.rows] == [("F4ABC #3", "F5XYZ")]


def test_originated_and_delivered_messages_have_their_lines(store, operation):
    sent = store.radio.add(
        operation["id"], {"text": "SHELTER OPEN", "direction": "sent"}, station="F4ABC"
    )
    received = store.radio.add(operation["id"], {"text": "ALL SAFE", "origin_station": "F1PCT"})
    store.radio.set_status(received["id"], "delivered")
    store.radio.update(received["id"], {"delivered_to": "MAIRIE"})
    messages = store.radio.period(operation["id"], since=ALL_TIME[0], until=ALL_TIME[1])
    activities = [row["activity"] for row in forms.build_ics214(messages, "F4ABC")]
    assert "RADIOGRAM NR 1 ROUTINE originated by F4ABC" in activities
    assert "RADIOGRAM ROUTINE received from F1PCT by F4ABC" in activities
    assert "RADIOGRAM ROUTINE delivered to MAIRIE" in activities
    sheet = forms.build_ics309(operation, messages, period=ALL_TIME, station="F4ABC")
    assert sorted((r["from"], r["to"]) for r in sheet.rows) == [
        ("F1PCT", "F4ABC"),
        ("F4ABC #1", ""),
    ]
    assert sent["number"] == "1"


def test_the_activity_log_as_csv(store, operation, relayed_twice):
    messages = store.radio.period(operation["id"])
    rows = forms.build_ics214(messages, "F4ABC")
    text = forms.ics214_csv("Crue", ALL_TIME, "Jean F4ABC", rows, exercise=True)
    lines = list(csv.reader(io.StringIO(text)))
    assert lines[0] == lines[-1] == ["EXERCISE EXERCISE EXERCISE"]
    assert ["Incident name", "Crue"] in lines
    assert ["2026-11-28 10:20", "RADIOGRAM NR 12 PRIORITY passed by F4ABC to F6AAA on VHF"] in lines
