"""Reset and replay: a run archived (a backup file and a run record), the players' data of
the exercise cleared everywhere, the scenario played again as new records, and two runs
compared side by side in the after-action report; the trainer's own entries."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import time

import pytest

from fieldapp.core.errors import NotFoundError, ValidationError
from fieldapp.core.tasks import Cancelled
from fieldapp.exercises.aar import build, to_csv
from fieldapp.exercises.release import release
from fieldapp.exercises.runs import reset
from fieldapp.store import Store

INJECTS = [
    {"number": "1", "at_s": 0, "channel": "social", "content": "Le pont de Sommières a cédé"},
    {
        "number": "2",
        "at_s": 60,
        "channel": "alert",
        "content": "Vigilance rouge crues",
        "details": {"area": "INSEE:30", "severity": "Extreme"},
    },
    {"number": "3", "at_s": 120, "channel": "radio", "content": "NEED SANDBAGS AT ARAMON"},
    {"number": "4", "at_s": 180, "channel": "phone", "content": "Famille sur le toit"},
]


def _play(store: Store, drill: str, *, answer: str) -> dict[str, str]:
    """Release every inject; the player `answer`s the post and the report."""
    made = {}
    for inject in store.injects.list(drill):
        (record,) = release(store, inject["id"])
        made[record["entity"]] = record["id"]
    time.sleep(0.05)
    with Store(store.data_dir, user="paul") as player:
        player.items.set_status([made["item"]], answer)
        player.reports.update(made["report"], {"verification": "confirmed"})
    return made


def _live(store: Store, table: str, drill: str) -> int:
    return store.conn.execute(
        f"SELECT COUNT(*) FROM {table} WHERE operation_id = ? AND deleted = 0", [drill]
    ).fetchone()[0]


@pytest.fixture
def drill(store):
    drill = store.operations.create("Exercice crue", exercise=True)["id"]
    store.injects.add_many(drill, INJECTS)
    store.clocks.start(drill)
    return drill


def test_a_reset_archives_the_run_clears_the_players_data_and_rewinds_the_scenario(
    store, drill, tmp_path
):
    first = _play(store, drill, answer="rumour")
    store.notes.add(drill, "Tri rapide", inject_id=store.injects.list(drill)[0]["id"])
    real = store.operations.create("Crue réelle")["id"]
    kept = store.reports.add(real, {"title": "Digue fissurée", "kind": "hazard"})
    store.aar.add(drill, "strength", "Relais radio rapide")

    done = reset(store, drill, tmp_path / "run1.db")

    assert done.run == 1 and done.archive == tmp_path / "run1.db"
    assert done.cleared == {"item": 1, "alert": 1, "radio_message": 1, "report": 1,
                            "observer_note": 1}  # fmt: skip
    for table in ("items", "alerts", "radio_messages", "reports", "observer_notes"):
        assert _live(store, table, drill) == 0, table
    assert store.reports.get(kept["id"])["title"] == "Digue fissurée"  # a real op untouched
    assert [i["status"] for i in store.injects.list(drill)] == ["pending"] * 4
    assert store.clocks.get(drill).state == "stopped"
    assert store.clocks.get(drill).seconds("2030-01-01T00:00:00.000Z") == 0
    assert [e["text"] for e in store.aar.list(drill)] == ["Relais radio rapide"]
    # The archive is a whole database holding the run as it was.
    archived = sqlite3.connect(tmp_path / "run1.db")
    assert archived.execute("SELECT status FROM items WHERE id = ?", [first["item"]]).fetchone()
    archived.close()
    (run,) = store.runs.list(drill)
    assert run["number"] == 1 and run["archive"] == "run1.db"
    answers = {r["number"]: r["what"] for r in run["summary"]["responses"]}
    assert answers["1"] == "item status: rumour"
    assert [n["text"] for n in run["summary"]["notes"]] == ["Tri rapide"]
    assert store.runs.current(drill) == 2
    # The deletions are changes of their own: they sync to every player's device.
    fields = [
        json.loads(row[0])
        for row in store.conn.execute(
            "SELECT fields FROM outbox WHERE entity = 'item' AND row_id = ? ORDER BY seq",
            [first["item"]],
        )
    ]
    assert fields[-1] == ["deleted"]


def test_the_replayed_scenario_delivers_new_records_and_the_report_compares_the_runs(
    store, drill, tmp_path
):
    first = _play(store, drill, answer="rumour")
    reset(store, drill, tmp_path / "run1.db")
    second = _play(store, drill, answer="dismissed")

    assert second["item"] != first["item"] and second["alert"] != first["alert"]
    report = build(store, drill, compare_with=1)
    assert report.run == 2
    assert report.comparison is not None
    assert (report.comparison.earlier_run, report.comparison.this_run) == (1, 2)
    compared = {c.number: c for c in report.comparison.injects}
    assert set(compared) == {"1", "2", "3", "4"}
    assert compared["1"].earlier_s is not None and compared["1"].this_s is not None
    assert compared["2"].earlier_s is None and compared["2"].this_s is None  # nobody relayed
    assert report.comparison.channels["social"][0] == compared["1"].earlier_s
    rows = list(csv.reader(io.StringIO(to_csv(report).decode("utf-8-sig"))))
    assert rows[0] == ["EXERCISE — Exercice crue", "Run 2"]
    header = rows.index(["Inject", "Channel", "Run 1 (s)", "Run 2 (s)", "Difference (s)"])
    assert rows[header + 1][0] == "1" and rows[header + 1][4].startswith(("+", "-"))
    with pytest.raises(NotFoundError, match="no archived run 7"):
        build(store, drill, compare_with=7)


def test_a_cancelled_reset_changes_nothing_but_leaves_its_archive(store, drill, tmp_path):
    made = _play(store, drill, answer="rumour")
    calls = iter([False, False, True])
    with pytest.raises(Cancelled):
        reset(store, drill, tmp_path / "run1.db", cancelled=lambda: next(calls))
    assert store.items.get(made["item"])["status"] == "rumour"
    assert store.runs.list(drill) == [] and store.runs.current(drill) == 1
    assert (tmp_path / "run1.db").exists()


def test_a_real_operation_and_a_player_cannot_reset(store, drill, tmp_path):
    real = store.operations.create("Crue réelle")["id"]
    with pytest.raises(ValidationError, match="never to a real one"):
        reset(store, real, tmp_path / "x.db")
    store.db.conn.execute(
        "INSERT OR REPLACE INTO sync_state(key, value) VALUES ('role', 'volunteer')"
    )
    store.db.conn.commit()
    with pytest.raises(ValidationError, match="only its controllers"):
        reset(store, drill, tmp_path / "y.db")
    assert not (tmp_path / "y.db").exists()


def test_the_trainer_writes_strengths_improvements_and_the_plan(store, drill):
    plan = store.aar.add(
        drill, "action", "Former au relais", "Communications", "Paul", "2027-01-15"
    )
    store.aar.add(drill, "improvement", "Relais radio lent", "Communications")
    store.aar.add(drill, "strength", "Tri des posts rapide")
    assert [e["section"] for e in store.aar.list(drill)] == ["strength", "improvement", "action"]
    store.aar.edit(plan["id"], {"owner": "Marie"})
    report = build(store, drill)
    assert [(e.section, e.owner, e.due) for e in report.entries][-1] == (
        "action",
        "Marie",
        "2027-01-15",
    )
    rows = list(csv.reader(io.StringIO(to_csv(report).decode("utf-8-sig"))))
    at = rows.index(["Improvement plan", "Capability", "Owner", "Due"])
    assert rows[at + 1] == ["Former au relais", "Communications", "Marie", "2027-01-15"]
    store.aar.delete(plan["id"])
    assert len(store.aar.list(drill)) == 2


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        ({"section": "verdict", "text": "x"}, "section", "one of strength"),
        ({"section": "action", "text": "  "}, "text", "needs its text"),
        ({"section": "action", "text": "x", "due": "15/01/2027"}, "due", "YYYY-MM-DD"),
    ],
)
def test_a_bad_entry_is_refused_with_its_field_named_and_nothing_stored(
    store, drill, values, field, words
):
    with pytest.raises(ValidationError) as caught:
        store.aar.add(drill, **values)
    assert field in caught.value.errors and words in str(caught.value)
    assert store.aar.list(drill) == []
    real = store.operations.create("Crue réelle")["id"]
    with pytest.raises(ValidationError, match="never to a real one"):
        store.aar.add(real, "strength", "x")


def test_the_server_s_check_refuses_an_entry_or_a_run_a_device_could_not_have_written():
    from fieldapp.sync.protocol.checks import record_problem

    good = {"section": "action", "text": "Former au relais", "due": "2027-01-15"}
    assert record_problem("aar_entry", {}, good, new=False) is None
    problem = record_problem("aar_entry", {}, {**good, "section": "verdict"}, new=False)
    assert problem is not None and "aar_entry.section" in problem
    problem = record_problem("aar_entry", good, {"due": "15/01/2027"}, new=False)
    assert problem is not None and "YYYY-MM-DD" in problem
    problem = record_problem("exercise_run", {}, {"summary": "[1, 2]"}, new=False)
    assert problem is not None and "a JSON object" in problem


def test_a_run_archived_by_default_keeps_the_exercise_name_readable(store):
    """The drill "Exercice crue éclair" was archived as exercise-exercice-crue-clair-…: the letter
    with an accent vanished from the name a trainer looks for among the backups."""
    drill = store.operations.create("Exercice crue éclair", exercise=True)["id"]
    done = reset(store, drill)
    assert done.archive.name.startswith("exercise-exercice-crue-eclair-run1-")
    assert done.archive.exists()
