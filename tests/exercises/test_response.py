"""Response times from the data: each released inject answered by the first player
action the records keep (a post triaged, an alert relayed, a radio message passed on, a
report verified), never typed by hand."""

from __future__ import annotations

import time

from fieldapp.exercises.release import release
from fieldapp.exercises.response import responses, summary
from fieldapp.store import Store

INJECTS = [
    {"number": "1", "at_s": 0, "channel": "social", "content": "Le pont de Sommières a cédé"},
    {
        "number": "2",
        "at_s": 0,
        "channel": "alert",
        "content": "Vigilance rouge crues",
        "details": {"area": "INSEE:30", "severity": "Extreme"},
    },
    {"number": "3", "at_s": 0, "channel": "radio", "content": "NEED SANDBAGS AT ARAMON"},
    {"number": "4", "at_s": 0, "channel": "phone", "content": "Famille sur le toit à Aramon"},
    {"number": "5", "at_s": 0, "channel": "sms", "content": "Plus d'eau potable à Lézan"},
]


def test_each_inject_is_answered_by_the_first_player_action_the_records_keep(store):
    drill = store.operations.create("Exercice crue", exercise=True)["id"]
    made = {}
    for inject_id in store.injects.add_many(drill, INJECTS):
        (record,) = release(store, inject_id)
        made[record["entity"] + ("2" if record["entity"] in made else "")] = record["id"]
    time.sleep(0.05)  # the players act a moment later
    with Store(store.data_dir, user="paul") as player:
        player.items.set_status([made["item"]], "rumour")
        player.relays.add(drill, {"alert_id": made["alert"], "channel": "radio", "via": "F4ABC"})
        player.radio.relay(
            made["radio_message"], to_station="F5XYZ", net="GARD NET", at=_now(), station="F4ABC"
        )
        player.reports.update(made["report"], {"verification": "confirmed"})
    found = {r.number: r for r in responses(store, drill)}
    assert found["1"].what == "item status: rumour"
    assert found["2"].what == "relay radio F4ABC"
    assert found["3"].what == "hop to F5XYZ"
    assert found["4"].what == "report verification: confirmed"
    assert found["5"].answered_at is None and found["5"].seconds is None  # nobody answered
    for number in "1234":
        assert 0 <= found[number].seconds < 60
    per_channel = summary(found.values())
    assert per_channel["sms"] == {"released": 1, "answered": 0, "median_s": None, "slowest_s": None}
    assert per_channel["social"]["answered"] == 1


def _now() -> str:
    from fieldapp.core.times import utc_now

    return utc_now()


def test_the_after_action_report_lists_each_inject_with_its_answer_and_notes(store):
    import csv
    import io

    from fieldapp.exercises.aar import build, to_csv

    drill = store.operations.create("Exercice crue", exercise=True)["id"]
    first, _second = store.injects.add_many(drill, INJECTS[:2])
    (post,) = release(store, first)
    time.sleep(0.02)
    with Store(store.data_dir, user="paul") as player:
        player.items.set_status([post["id"]], "dismissed")
    store.notes.add(drill, "Tri rapide, bonne décision", inject_id=first, player="paul")
    store.notes.add(drill, "Salle bruyante")
    report = build(store, drill)
    assert report.title == "EXERCISE — Exercice crue"
    rows = list(csv.reader(io.StringIO(to_csv(report).decode("utf-8-sig"))))
    assert rows[0] == ["EXERCISE — Exercice crue", "Run 1"]
    line = rows[2]
    assert (line[0], line[2], line[3], line[11]) == (
        "1",
        "social",
        "released",
        "item status: dismissed",
    )
    assert 0 <= float(line[9]) < 60 and line[12] == "alice: Tri rapide, bonne décision"
    assert line[5:8] == ["", "", ""]  # nobody's device sent a read receipt
    assert rows[3][:4] == ["2", "T+00:00", "alert", "pending"]
    assert rows[6][:3] == ["social", "1", "1"]
    assert rows[-1][2] == "alice: Salle bruyante"


def test_the_controller_sees_what_each_player_did_after_an_inject(store):
    from fieldapp.exercises.response import player_actions

    drill = store.operations.create("Exercice crue", exercise=True)["id"]
    first, second = store.injects.add_many(drill, INJECTS[:2])
    (post,) = release(store, first)
    (alert,) = release(store, second)
    time.sleep(0.02)
    with Store(store.data_dir, user="paul") as paul:
        paul.items.set_status([post["id"]], "rumour")
    time.sleep(0.02)
    with Store(store.data_dir, user="lea") as lea:
        lea.items.set_status([post["id"]], "dismissed")
        lea.relays.add(drill, {"alert_id": alert["id"], "channel": "radio", "via": "F4ABC"})
    done = player_actions(store, store.injects.get(first))
    assert [(a.player, a.what) for a in done] == [
        ("paul", "item status: rumour"),
        ("lea", "item status: dismissed"),
    ]
    assert done[0].at < done[1].at
    done = player_actions(store, store.injects.get(second))
    assert [(a.player, a.what) for a in done] == [("lea", "relay radio F4ABC")]
    assert player_actions(store, store.injects.add(drill, INJECTS[2])) == []  # not released


def test_what_the_controller_s_device_writes_on_a_radio_message_is_no_answer(store):
    """A received radio message is logged with its arrival hop, at its release time: that
    hop (or any the controllers add) is not a player passing the message on."""
    drill = store.operations.create("Exercice crue", exercise=True)["id"]
    (inject_id,) = store.injects.add_many(drill, [{**INJECTS[2], "sender": "F4ABC"}])
    (message,) = release(store, inject_id)
    assert store.radio.hops(message["id"])  # the arrival hop, from the inject's sender
    store.radio.relay(message["id"], to_station="F5XYZ", at=_now(), station="F1PCT")
    (found,) = responses(store, drill)
    assert found.answered_at is None and found.what == ""
    with Store(store.data_dir, user="paul") as player:
        player.radio.relay(message["id"], to_station="F6ZZZ", at=_now(), station="F4ABC")
    (found,) = responses(store, drill)
    assert found.what == "hop to F6ZZZ"
