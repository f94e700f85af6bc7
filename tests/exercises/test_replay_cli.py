"""`fieldapp exercise reset | runs | aar ...` and `report --compare`: a trainer plays the
scenario twice from the command line and compares the runs."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "exercises" / "crue-eclair.csv"


@pytest.fixture(autouse=True)
def _no_user_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("FIELDAPP_HOME", str(tmp_path / "default-home"))


@pytest.fixture
def run(tmp_path, cli):
    return cli(tmp_path / "data")


def _play_to(run, time: str) -> None:
    assert run("exercise", "start")[0] == 0
    assert run("exercise", "jump", time)[0] == 0
    assert run("exercise", "run", "--once")[0] == 0


def test_a_trainer_replays_the_scenario_and_compares_the_two_runs(run, run_json, tmp_path):
    run_json("exercise", "create", "Exercice crue éclair", "--scenario", str(SAMPLE))
    _play_to(run, "T+00:30")
    released = [i for i in run_json("exercise", "list") if i["status"] == "released"]
    assert released
    code, _out, err = run("exercise", "reset")
    assert code == 1 and "add --yes" in err and "Nothing was changed" in err
    assert [i for i in run_json("exercise", "list") if i["status"] == "released"] == released

    archive = tmp_path / "run1.db"
    code, out, _err = run("exercise", "reset", "--yes", "--archive", str(archive))
    assert code == 0 and "run 1 archived" in out and archive.is_file()
    assert all(i["status"] == "pending" for i in run_json("exercise", "list"))
    assert run_json("alert", "list") == []  # the players' data went with the run
    runs = run_json("exercise", "runs")
    assert runs["current"] == 2 and [r["number"] for r in runs["runs"]] == [1]

    _play_to(run, "T+00:30")
    assert run("exercise", "aar", "add", "strength", "Vigilance relayée vite")[0] == 0
    code = run("exercise", "aar", "add", "action", "Former au relais radio", "--owner",
               "Marie", "--due", "2027-02-01", "--capability", "Communications")[0]  # fmt: skip
    assert code == 0
    entries = run_json("exercise", "aar", "list")
    assert [e["section"] for e in entries] == ["strength", "action"]
    assert run("exercise", "aar", "edit", entries[1]["id"], "--owner", "Paul")[0] == 0
    report = tmp_path / "aar.csv"
    assert run("exercise", "report", "--compare", "1", "-o", str(report))[0] == 0
    rows = list(csv.reader(io.StringIO(report.read_bytes().decode("utf-8-sig"))))
    assert rows[0][1] == "Run 2"
    assert ["Inject", "Channel", "Run 1 (s)", "Run 2 (s)", "Difference (s)"] in rows
    assert ["Former au relais radio", "Communications", "Paul", "2027-02-01"] in rows
    code, _out, err = run("exercise", "report", "--compare", "5", "-o", str(tmp_path / "x.csv"))
    assert code != 0 and "no archived run 5" in err and not (tmp_path / "x.csv").exists()


def test_bad_entries_and_a_real_operation_are_refused_in_words(run, run_json):
    run_json("exercise", "create", "Exercice")
    code, _out, err = run("exercise", "aar", "add", "action", "x", "--due", "demain")
    assert code != 0 and "YYYY-MM-DD" in err
    assert run_json("exercise", "aar", "list") == []
    code, _out, err = run("exercise", "aar", "delete", "nope")
    assert code == 1 and "no single after-action entry" in err
    run_json("operation", "create", "Crue réelle")
    code, _out, err = run("exercise", "reset", "--yes", "--operation", "Crue réelle")
    assert code == 1 and "not an exercise" in err
