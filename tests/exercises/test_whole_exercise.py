"""A whole exercise on three devices: the sample scenario (resources/exercises/
crue-eclair.csv, 45 injects over three hours, every channel) played at x60 through a
real `fieldapp serve` on loopback.

The trainer's device (role trainer) imports the scenario into an exercise operation,
restricted to the trainer and two players (volunteers), starts the clock at x60 and,
every round (ROUND_S, 15 exercise seconds), releases what the clock has reached
(`release_due`, as the desk's timer and `fieldapp exercise run` do) and syncs; then each
player acts on what it has received (through the store API, at planned exercise times)
and syncs. The test follows every inject to both players' devices: it arrives on its
channel in the very round it was released, so within one sync round of its time on the
clock; no inject, observer's note, expected action, controller's note or not yet
released content ever reaches a player's database. After the last round, the
after-action report built on the trainer's device answers each inject with the first
player action, at the time that action was taken, and says which player first opened it
and when (the read receipt each player's desk writes as it opens what arrived).

The clock jumps over empty stretches: between two events (an inject's time, or a
player's planned action) it jumps to LEAD_S exercise seconds before the next one, then
runs at x60 through it, so every release, arrival and action still happens on the
running clock, in rounds; what is left out is the idle rounds of the gaps (3 to 6
exercise minutes between injects, where nothing is due). That keeps the test near 40 s
instead of more than three minutes. `WHOLE_EXERCISE_NO_JUMPS=1` plays the three hours in
full.

Single-threaded: the three Stores are used from the test's thread only.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import peerkit
import pytest

from fieldapp.core.records import TABLES
from fieldapp.core.resources import resources_dir
from fieldapp.core.times import utc_now
from fieldapp.exercises import aar
from fieldapp.exercises.injects import from_scenario
from fieldapp.exercises.msel import read_csv
from fieldapp.exercises.release import REPORT_SOURCES, release_due
from fieldapp.sync.server import policy

kit = peerkit.load("whole_exercise")
SAMPLE = resources_dir() / "exercises" / "crue-eclair.csv"
SPEED = 60
LEAD_S = 30  # exercise seconds the clock runs before each event after a jump
ROUND_S = 0.25  # wall seconds between the starts of two rounds: 15 exercise seconds
TOLERANCE_S = 2  # exercise seconds: the clock's whole seconds, read on two devices
JUMPS = os.environ.get("WHOLE_EXERCISE_NO_JUMPS", "") != "1"
WALL_LIMIT_S = 420  # never hang: the whole run takes about 40 s (200 s without jumps)


@dataclass(frozen=True)
class Action:
    """A player's answer to an inject, planned `after_s` exercise seconds after its time."""

    player: str
    number: str
    after_s: int
    kind: str  # what the player does: `_take_action`
    answer: str  # how the after-action report names it


ACTIONS = (
    Action("lea", "1", 240, "relay_alert", "relay radio F4LEA"),  # alert, T+00:00
    Action("paul", "1", 420, "relay_alert", "relay sms PAUL"),  # later: not the answer
    Action("paul", "3", 180, "rumour", "item status: rumour"),  # social, T+00:06
    Action("lea", "4", 120, "pass_on", "hop to F5XYZ"),  # radio, T+00:10
    Action("paul", "6", 300, "triage", "report status: triaged"),  # sms, T+00:19
    Action("lea", "8", 180, "triage", "report status: triaged"),  # phone, T+00:28
    Action("paul", "10", 300, "deliver", "radio_message status: delivered"),  # radio
    Action("lea", "11", 240, "claim", "item claimed_by: lea"),  # social, T+00:44
    Action("paul", "44", 120, "rumour", "item status: rumour"),  # social, T+02:56
)


@dataclass
class Device:
    """A player's device and what the test saw arrive there."""

    peer: Any
    arrived: dict[str, tuple[int, int, float]] = field(default_factory=dict)  # number ->
    # (round, exercise seconds on this device's clock, monotonic time)
    acted: dict[tuple[str, str], str] = field(default_factory=dict)  # (number, kind) -> at
    opened: dict[str, str] = field(default_factory=dict)  # number -> its read receipt's time


@dataclass
class Run:
    """The rounds played: when each began (monotonic), and the round of each release."""

    starts: list[float] = field(default_factory=list)
    released_in: dict[str, int] = field(default_factory=dict)  # inject number -> round


@pytest.fixture
def server(tmp_path):
    running = kit.start_server(tmp_path)
    yield running
    running.stop()
    running.db.close()


def test_a_whole_exercise_reaches_players_on_time_and_the_report_times_their_answers(
    server, tmp_path
):
    trainer = kit.Peer(tmp_path, "tom", server.url, kit.enroll(server, "tom", "trainer"))
    players = {
        name: Device(kit.Peer(tmp_path, name, server.url, kit.enroll(server, name, "volunteer")))
        for name in ("paul", "lea")
    }
    try:
        drill = _prepare(trainer, players, server)
        run = _play(trainer, players, drill)
        _check_arrivals(trainer, players, drill, run)
        _check_responses(trainer, players, drill)
    finally:
        trainer.close()
        for device in players.values():
            device.peer.close()


def _prepare(trainer: Any, players: dict[str, Device], server: Any) -> str:
    """The trainer imports the scenario; the players join the exercise; the clock starts."""
    scenario = read_csv(SAMPLE.read_bytes(), source=SAMPLE.name)
    contents = [inject.content for inject in scenario.injects]
    assert len(scenario.injects) == 45 and len(set(contents)) == 45  # leaks are told apart
    drill = trainer.store.operations.create(scenario.title, exercise=True)["id"]
    trainer.store.injects.add_many(drill, [from_scenario(i) for i in scenario.injects])
    trainer.sync_ok()
    policy.restrict(server.db, drill, ["tom", *players])  # the players join the exercise
    for device in players.values():
        device.peer.sync_ok()
        assert device.peer.store.operations.get(drill)["exercise"]
        assert device.peer.store.injects.list(drill) == []
    trainer.store.clocks.speed(drill, SPEED)
    trainer.store.clocks.start(drill)
    return drill


def _play(trainer: Any, players: dict[str, Device], drill: str) -> Run:
    """Rounds until every inject is out and every action taken."""
    run = Run()
    deadline = time.monotonic() + WALL_LIMIT_S
    while True:
        assert time.monotonic() < deadline, "the exercise did not finish in time"
        if run.starts:  # each device syncs in rounds, not as fast as the server answers
            time.sleep(max(0.0, run.starts[-1] + ROUND_S - time.monotonic()))
        _jump_over_empty_stretch(trainer, players, drill)
        run.starts.append(time.monotonic())
        released = release_due(trainer.store, drill)
        run.released_in |= {i["number"]: len(run.starts) - 1 for i in released}
        if any(i["number"] == "3" for i in released):  # an observer notes what they see
            trainer.store.notes.add(drill, "Rumeur du barrage relevée par Paul", player="paul")
        trainer.sync_ok()
        injects = trainer.store.injects.list(drill)
        for device in players.values():
            _act(device, injects, drill)
            device.peer.sync_ok()
            _note_arrivals(device, injects, drill, len(run.starts) - 1)
            _assert_nothing_kept_back_arrived(device.peer, injects)
        done = all(i["status"] == "released" for i in injects)
        if done and all(len(d.acted) == _planned(d) for d in players.values()):
            break
    for device in players.values():  # the answers go back to the trainer's device
        device.peer.sync_ok()
    trainer.sync_ok()
    return run


def _jump_over_empty_stretch(trainer: Any, players: dict[str, Device], drill: str) -> None:
    if not JUMPS:
        return
    injects = trainer.store.injects.list(drill)
    released = {i["number"] for i in injects if i["status"] == "released"}
    if any(released - set(d.arrived) for d in players.values()):
        return  # something is on its way: never jump under it
    at = {i["number"]: i["at_s"] for i in injects}
    events = [i["at_s"] for i in injects if i["status"] == "pending"]
    events += [
        at[a.number] + a.after_s
        for name, device in players.items()
        for a in ACTIONS
        if a.player == name and (a.number, a.kind) not in device.acted
    ]
    now_s = trainer.store.clocks.get(drill).seconds(utc_now())
    target = min(events, default=now_s) - LEAD_S
    if target > now_s:
        trainer.store.clocks.jump(drill, target)


def _planned(device: Device) -> int:
    name = device.peer.store.db.user
    return sum(1 for a in ACTIONS if a.player == name)


def _act(device: Device, injects: list[dict], drill: str) -> None:
    """The player's actions whose time has come on its clock, taken on its own device."""
    store = device.peer.store
    now_s = store.clocks.get(drill).seconds(utc_now())
    by_number = {i["number"]: i for i in injects}
    for action in ACTIONS:
        inject = by_number[action.number]
        key = (action.number, action.kind)
        if action.player != store.db.user or key in device.acted:
            continue
        if now_s < inject["at_s"] + action.after_s or action.number not in device.arrived:
            continue  # (a late arrival fails the test on its own: _check_arrivals)
        (record,) = inject["delivered"]
        device.acted[key] = _take_action(store, drill, action, record["id"])


def _take_action(store: Any, drill: str, action: Action, record_id: str) -> str:
    """One player action through the store API; the moment it was taken (ISO UTC)."""
    at = utc_now()
    if action.kind == "relay_alert":
        channel, via = ("radio", "F4LEA") if store.db.user == "lea" else ("sms", "PAUL")
        store.relays.add(drill, {"alert_id": record_id, "channel": channel, "via": via, "at": at})
    elif action.kind == "rumour":
        store.items.set_status([record_id], "rumour")
    elif action.kind == "claim":
        store.items.claim([record_id])
    elif action.kind == "pass_on":
        store.radio.relay(record_id, to_station="F5XYZ", net="GARD NET", at=at, station="F4LEA")
    elif action.kind == "deliver":
        store.radio.set_status(record_id, "delivered")
    else:
        store.reports.update(record_id, {"status": "triaged"})
    return at


def _note_arrivals(device: Device, injects: list[dict], drill: str, round_: int) -> None:
    store = device.peer.store
    now_s = store.clocks.get(drill).seconds(utc_now())
    for inject in injects:
        if inject["status"] != "released" or inject["number"] in device.arrived:
            continue
        (record,) = inject["delivered"]
        table = TABLES[record["entity"]]
        found = store.conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", [record["id"]])
        if found.fetchone() is not None:
            device.arrived[inject["number"]] = (round_, now_s, time.monotonic())
            _open(device, inject["number"], record)


def _open(device: Device, number: str, record: dict) -> None:
    """The player opens what arrived (its desk calls `saw`): a read receipt, only once."""
    if number in ("2", "5") and device.peer.store.db.user == "lea":
        return  # lea never looks at these: paul's receipt alone says they were seen
    receipt = device.peer.store.receipts.saw(record["entity"], record["id"])
    assert receipt is not None and receipt["record_id"] == record["id"], number
    assert device.peer.store.receipts.saw(record["entity"], record["id"]) is None
    device.opened[number] = receipt["seen_at"]


def _assert_nothing_kept_back_arrived(peer: Any, injects: list[dict]) -> None:
    """No inject, no observer's note, no controller's words, no unreleased content."""
    conn = peer.store.conn
    for table in ("injects", "observer_notes"):
        assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
    kept = conn.execute(
        "SELECT count(*) FROM history WHERE entity IN ('inject', 'observer_note')"
    ).fetchone()[0]
    assert kept == 0
    text = _all_text(conn)
    assert "Rumeur du barrage" not in text  # the observer's note
    for inject in injects:
        for secret in (inject["controller_note"], inject["expected_action"]):
            assert not secret or secret not in text, (inject["number"], secret)
        if inject["status"] == "pending":
            assert inject["content"] not in text, f"inject {inject['number']} leaked"
            for words in inject["translations"].values():
                assert words not in text, f"inject {inject['number']} leaked"


def _all_text(conn: Any) -> str:
    """Every text value of every table of a database, the sync bookkeeping included."""
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    values = []
    for table in tables:
        for row in conn.execute(f'SELECT * FROM "{table}"'):
            values += [value for value in row if isinstance(value, str)]
    return "\n".join(values)


def _check_arrivals(trainer: Any, players: dict[str, Device], drill: str, run: Run) -> None:
    """Each inject on each player's device, on its channel, in the round that released it."""
    for inject in trainer.store.injects.list(drill):
        for name, device in players.items():
            round_, arrived_s, when = device.arrived[inject["number"]]
            assert round_ == run.released_in[inject["number"]], (name, inject["number"])
            # The clock reached the inject's time after the previous round had begun
            # (else that round would have released it): one round and a bit, at x60.
            budget = SPEED * (when - run.starts[max(0, round_ - 1)]) + TOLERANCE_S
            assert 0 <= arrived_s - inject["at_s"] <= budget, (name, inject["number"])
            _assert_on_its_channel(device.peer.store, inject)


def _assert_on_its_channel(store: Any, inject: dict) -> None:
    (record,) = inject["delivered"]
    number, channel = inject["number"], inject["channel"]
    mark = f"EXERCISE inject {number} "
    if channel == "social":
        item = store.items.get(record["id"])
        assert item["text"] == inject["content"] and item["operation_id"] == inject["operation_id"]
        store.queue.settle()
        assert store.queue.cluster_of(record["id"]) is not None, number  # in the queue
    elif channel == "alert":
        chain = store.alerts.chain_of(record["id"])
        assert chain.current["status"] == "Exercise", number
        assert chain.current["identifier"].startswith(f"EXERCISE-{number}-")
    elif channel == "radio":
        message = store.radio.get(record["id"])
        assert message["test"] and message["direction"] == "received", number
        assert message["precedence"] == inject["details"]["precedence"]
        assert message["op_note"].startswith(mark) and message["text"] == inject["content"]
    else:
        report = store.reports.get(record["id"])
        assert report["source"] == REPORT_SOURCES[channel], number
        assert report["source_ref"].startswith(mark) and report["body"] == inject["content"]


def _check_responses(trainer: Any, players: dict[str, Device], drill: str) -> None:
    """The after-action report: each answered inject's first action, at its time."""
    report = aar.build(trainer.store, drill)
    lines = {line.inject["number"]: line for line in report.lines}
    first: dict[str, tuple[str, Action]] = {}
    for action in ACTIONS:
        at = players[action.player].acted[(action.number, action.kind)]
        if action.number not in first or at < first[action.number][0]:
            first[action.number] = (at, action)
    for number, line in lines.items():
        response = line.response
        assert response is not None and response.released_at == line.inject["released_at"]
        seen = min((d.opened[number], name) for name, d in players.items() if number in d.opened)
        assert (response.seen_at, response.seen_by) == seen, number  # the first to open it
        assert response.seen_seconds is not None and response.seen_seconds <= 60, number
        if number not in first:
            assert response.answered_at is None, (number, response.what)  # nobody answered
            continue
        at, action = first[number]
        assert response.what == action.answer, number
        assert response.answered_at is not None
        assert abs((_moment(response.answered_at) - _moment(at)).total_seconds()) <= 1.0
        taken = (_moment(at) - _moment(line.inject["released_at"])).total_seconds()
        assert response.seconds is not None and abs(response.seconds - taken) <= 1.0, number
    assert report.channels["social"]["answered"] == 3
    assert report.channels["alert"]["answered"] == 1


def _moment(iso: str) -> datetime:
    return datetime.fromisoformat(iso.replace("Z", "+00:00"))
