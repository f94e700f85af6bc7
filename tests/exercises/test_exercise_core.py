"""The exercise desk's core: the clock (pause, resume, speed, jump), the scenario's
injects (exercise operations only, controllers only), and the server that never sends
an inject or an observer's note to a player's device."""

from __future__ import annotations

import peerkit
import pytest

from fieldapp.core.errors import ValidationError
from fieldapp.exercises.clock import ClockState

T0 = "2026-12-05T09:00:00.000Z"


def test_the_clock_runs_pauses_resumes_at_its_speed_and_jumps():
    clock = ClockState().started(T0)
    assert clock.seconds("2026-12-05T09:10:00.000Z") == 600
    clock = clock.at_speed(5, "2026-12-05T09:10:00.000Z")
    assert clock.seconds("2026-12-05T09:11:00.000Z") == 600 + 300
    paused = clock.paused("2026-12-05T09:11:00.000Z")
    assert paused.seconds("2026-12-05T10:00:00.000Z") == 900  # time stands still
    resumed = paused.started("2026-12-05T10:00:00.000Z")
    assert resumed.seconds("2026-12-05T10:00:02.000Z") == 910
    assert (
        resumed.jumped(3600, "2026-12-05T10:00:02.000Z").seconds("2026-12-05T10:00:03.000Z") == 3605
    )
    with pytest.raises(ValidationError, match="x1, x2, x5"):
        clock.at_speed(3, T0)


def test_the_clock_is_one_record_per_exercise_and_only_in_exercises(store):
    drill = store.operations.create("Exercice crue", exercise=True)["id"]
    store.clocks.start(drill, now=T0)
    store.clocks.speed(drill, 2, now="2026-12-05T09:01:00.000Z")
    assert store.clocks.get(drill).seconds("2026-12-05T09:02:00.000Z") == 60 + 120
    assert store.conn.execute("SELECT count(*) FROM exercise_clocks").fetchone()[0] == 1
    real = store.operations.create("Crue réelle")["id"]
    with pytest.raises(ValidationError, match="only in an exercise"):
        store.clocks.start(real)


INJECTS = [
    {"number": "1", "at_s": 0, "channel": "social", "content": "Ça monte vite rue du Pont",
     "expected_action": "trier, localiser", "controller_note": "rumeur plantée à T+40"},
    {"number": "2", "at_s": 900, "channel": "radio", "content": "NEED SANDBAGS AT ARAMON"},
]  # fmt: skip


def test_injects_belong_to_exercises_are_due_on_the_clock_and_change_only_while_pending(store):
    drill = store.operations.create("Exercice crue", exercise=True)["id"]
    first, second = store.injects.add_many(drill, INJECTS)
    assert [i["number"] for i in store.injects.due(drill, 600)] == ["1"]
    store.injects.delay(second, 300)
    assert [i["number"] for i in store.injects.due(drill, 600)] == ["1", "2"]
    store.injects.mark_released(first, [{"entity": "item", "id": "x"}])
    with pytest.raises(ValidationError, match="already released"):
        store.injects.skip(first)
    assert store.injects.get(first)["delivered"] == [{"entity": "item", "id": "x"}]
    with pytest.raises(ValidationError, match="already in this exercise"):
        store.injects.add(drill, {**INJECTS[0], "at_s": 60})
    real = store.operations.create("Crue réelle")["id"]
    with pytest.raises(ValidationError, match="never to a real one"):
        store.injects.add_many(real, INJECTS)


@pytest.mark.parametrize(
    ("values", "field"),
    [({"channel": "pigeon"}, "channel"), ({"at_s": -5}, "at_s"), ({"content": " "}, "content")],
)
def test_a_bad_inject_is_refused_naming_the_field_and_nothing_is_stored(store, values, field):
    drill = store.operations.create("Exercice crue", exercise=True)["id"]
    with pytest.raises(ValidationError) as refused:
        store.injects.add_many(drill, [INJECTS[1], {**INJECTS[0], **values}])
    assert field in refused.value.errors
    assert store.injects.list(drill) == []


# -- the server keeps the scenario back ---------------------------------------------------


kit = peerkit.load("exercises")


@pytest.fixture
def server(tmp_path):
    running = kit.start_server(tmp_path)
    yield running
    running.stop()
    running.db.close()


def test_an_inject_never_reaches_a_player_s_device(server, tmp_path):
    trainer = kit.Peer(tmp_path, "tom", server.url, kit.enroll(server, "tom", "trainer"))
    other = kit.Peer(tmp_path, "cleo", server.url, kit.enroll(server, "cleo", "trainer"))
    player = kit.Peer(tmp_path, "paul", server.url, kit.enroll(server, "paul", "volunteer"))
    drill = trainer.store.operations.create("Exercice crue", exercise=True)["id"]
    trainer.store.injects.add_many(drill, INJECTS)
    trainer.store.clocks.start(drill)
    trainer.sync_ok()
    for peer in (other, player):
        peer.sync_ok()
    assert len(other.store.injects.list(drill)) == 2  # a co-controller has the scenario
    assert player.store.injects.list(drill) == []  # a player never does
    assert player.store.clocks.get(drill).state == "running"  # the clock is everyone's
    with pytest.raises(ValidationError, match="only its controllers"):
        player.store.injects.add(drill, INJECTS[0])
    for peer in (trainer, other, player):
        peer.close()


CHANNEL_INJECTS = [
    {"number": "10", "at_s": 0, "channel": "social", "sender": "Marc Vidal",
     "content": "L'eau passe par-dessus le pont de Sommières !", "details": {"handle": "@marc"}},
    {"number": "11", "at_s": 60, "channel": "alert", "sender": "Préfecture du Gard",
     "content": "Vigilance rouge crues sur le Vidourle",
     "details": {"area": "INSEE 30", "severity": "Extreme", "event": "Crue"}},
    {"number": "12", "at_s": 120, "channel": "radio", "sender": "F4ABC", "recipient": "PC",
     "content": "NEED SANDBAGS AT ARAMON", "details": {"precedence": "PRIORITY"}},
    {"number": "13", "at_s": 180, "channel": "phone", "sender": "Mme Roux",
     "content": "Famille bloquée sur le toit, chemin des Prés, Aramon",
     "details": {"lat": "43.89", "lon": "4.68", "severity": "5", "kind": "request_for_help"}},
]  # fmt: skip


def test_a_released_inject_becomes_what_players_receive_on_its_channel(store):
    from fieldapp.exercises.release import release

    drill = store.operations.create("Exercice crue", exercise=True)["id"]
    ids = store.injects.add_many(drill, CHANNEL_INJECTS)
    delivered = [release(store, inject_id) for inject_id in ids]
    (post,), (alert,), (radio,), (report,) = delivered
    item = store.items.get(post["id"])
    assert (item["text"], item["handle"]) == (
        "L'eau passe par-dessus le pont de Sommières !",
        "@marc",
    )
    chain = store.alerts.chain_of(alert["id"])
    assert (chain.current["status"], chain.current["severity"], chain.state) == (
        "Exercise",
        "Extreme",
        "active",
    )
    from fieldapp.alerts.intake import shape_of

    assert shape_of(store, alert["id"]) is not None  # the Gard, from the shipped boundaries
    message = store.radio.get(radio["id"])
    assert message["test"] and message["precedence"] == "PRIORITY"
    assert message["op_note"].startswith("EXERCISE inject 12")
    stored = store.reports.get(report["id"])
    assert (stored["source"], stored["kind"], stored["severity"]) == (
        "phone",
        "request_for_help",
        5,
    )
    assert stored["source_ref"].startswith("EXERCISE inject 13")
    assert [i["status"] for i in store.injects.list(drill)] == ["released"] * 4
    assert store.injects.get(ids[3])["delivered"] == [report]
    with pytest.raises(ValidationError, match="already released"):
        release(store, ids[0])


def test_the_sample_scenario_loads_into_an_exercise_and_every_inject_is_delivered(store):
    import dataclasses

    from fieldapp.core.resources import resources_dir
    from fieldapp.exercises.msel import read_csv
    from fieldapp.exercises.release import release

    path = resources_dir() / "exercises" / "crue-eclair.csv"
    scenario = read_csv(path.read_bytes(), source=path.name)
    drill = store.operations.create(scenario.title or "Exercice", exercise=True)["id"]
    values = [{f.name: getattr(i, f.name) for f in dataclasses.fields(i)} for i in scenario.injects]
    ids = store.injects.add_many(drill, values)
    assert len(ids) >= 40
    kinds = {}
    for inject_id in ids:
        for record in release(store, inject_id):
            kinds[record["entity"]] = kinds.get(record["entity"], 0) + 1
    assert set(kinds) == {"item", "alert", "radio_message", "report"}
    assert all(i["status"] == "released" for i in store.injects.list(drill))
    drawn = store.conn.execute("SELECT count(*) FROM alert_shapes WHERE geometry IS NOT NULL")
    assert drawn.fetchone()[0] == kinds["alert"]  # every alert of the Gard is on the map


def test_players_handle_what_an_inject_delivered_but_never_change_what_it_said(server, tmp_path):
    """A player triages the report of an inject's phone call and delivers its radiogram, as
    if it had taken them in itself; what the inject said, a report's verdict and a record
    a controller wrote by hand stay the controllers' (the server refuses the rest)."""
    from fieldapp.exercises.release import release

    trainer = kit.Peer(tmp_path, "tom", server.url, kit.enroll(server, "tom", "trainer"))
    player = kit.Peer(tmp_path, "paul", server.url, kit.enroll(server, "paul", "volunteer"))
    drill = trainer.store.operations.create("Exercice crue", exercise=True)["id"]
    radio_id, phone_id = trainer.store.injects.add_many(drill, CHANNEL_INJECTS[2:])
    (radio,), (call,) = release(trainer.store, radio_id), release(trainer.store, phone_id)
    by_hand = trainer.store.reports.add(drill, {"title": "Point de situation", "kind": "hazard"})
    trainer.sync_ok()
    player.sync_ok()
    player.store.radio.set_status(radio["id"], "delivered")
    player.store.reports.update(call["id"], {"status": "triaged", "place": "Aramon"})
    player.sync_ok()
    trainer.sync_ok()
    assert trainer.store.radio.get(radio["id"])["status"] == "delivered"
    assert (trainer.store.reports.get(call["id"])["status"], "Aramon") == (
        "triaged",
        trainer.store.reports.get(call["id"])["place"],
    )
    refused = [
        "a volunteer cannot change the body of a report an exercise inject delivered",
        "a volunteer cannot change the text of a radio message an exercise inject delivered",
        "a volunteer edits only the records it created",
    ]
    edits = [
        lambda: player.store.reports.update(call["id"], {"body": "Tout va bien"}),
        lambda: player.store.radio.update(radio["id"], {"text": "NO NEED"}),
        lambda: player.store.reports.update(by_hand["id"], {"status": "triaged"}),
    ]
    for edit, reason in zip(edits, refused, strict=True):  # the desktop knows beforehand
        with pytest.raises(ValidationError, match=reason):
            edit()
    assert player.store.db.outbox_count() == 0
    with player.store.db.transaction() as conn:  # a device that cannot know the owners
        conn.execute("DELETE FROM sync_owners")
    for edit in edits:
        edit()
    assert player.sync().rejected == 3  # the server refuses them all the same
    reasons = sorted(r[0] for r in player.store.conn.execute("SELECT reason FROM sync_rejected"))
    assert reasons == refused
    trainer.sync_ok()
    assert trainer.store.reports.get(call["id"])["body"] == CHANNEL_INJECTS[3]["content"]
    for peer in (trainer, player):
        peer.close()


def test_only_what_an_exercise_delivered_is_handled_by_players_and_never_its_verdict():
    from fieldapp.core.rights import write_refusal

    call = {"source_ref": "EXERCISE inject 13 (0a1b2c3d)", "status": "new",
            "verification": "unverified", "body": "Famille sur le toit"}  # fmt: skip
    assert write_refusal("volunteer", "report", True, call, {"status": "triaged"}, False) is None
    verdict = write_refusal("volunteer", "report", True, call, {"verification": "confirmed"}, False)
    assert verdict and "only a coordinator verifies" in verdict
    real = write_refusal("volunteer", "report", False, call, {"status": "triaged"}, False)
    assert real == "a volunteer edits only the records it created"  # in a real operation
    typed = {**call, "source_ref": "appel de Mme Roux"}
    refusal = write_refusal("volunteer", "report", True, typed, {"status": "triaged"}, False)
    assert refusal == "a volunteer edits only the records it created"
