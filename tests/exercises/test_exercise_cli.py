"""`fieldapp exercise ...`: the scenario, the clock and the injects from the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "exercises" / "crue-eclair.csv"
BAD = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def _no_user_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("FIELDAPP_HOME", str(tmp_path / "default-home"))


@pytest.fixture
def run(tmp_path, cli):
    return cli(tmp_path / "data")


def test_an_exercise_runs_from_the_command_line(run, run_json, tmp_path):
    made = run_json("exercise", "create", "Exercice crue éclair", "--scenario", str(SAMPLE))
    assert made["injects"] >= 40
    assert run("exercise", "speed", "60")[0] == 0
    assert run("exercise", "start")[0] == 0
    assert run("exercise", "jump", "T+00:10")[0] == 0
    code, out, _err = run("exercise", "run", "--once")
    assert code == 0 and "inject 1 released (alert)" in out
    injects = run_json("exercise", "list")
    released = [i for i in injects if i["status"] == "released"]
    assert released and all(i["at_s"] <= 700 for i in released)  # what the clock reached
    assert run_json("alert", "list")[0]["status"] == "Exercise"  # delivered on its channel
    pending = next(i for i in injects if i["status"] == "pending")
    assert run("exercise", "skip", pending["number"])[0] == 0
    code, _out, err = run("exercise", "release", pending["number"])
    assert code == 2 and "already skipped" in err
    assert run("exercise", "note", "Relais radio lent", "--inject", "4", "--player", "paul")[0] == 0
    times = run_json("exercise", "responses")
    assert {r["number"] for r in times["injects"]} == {i["number"] for i in released}
    assert all(r["answered_at"] is None for r in times["injects"])  # nobody played yet
    aar = tmp_path / "aar.csv"
    assert run("exercise", "report", "-o", str(aar))[0] == 0
    text = aar.read_bytes().decode("utf-8-sig")
    assert text.startswith("EXERCISE — Exercice crue éclair") and "Expected player action" in text
    out_file = tmp_path / "scenario.xlsx"
    assert run("exercise", "export", "-o", str(out_file))[0] == 0
    assert out_file.read_bytes()[:2] == b"PK"


def test_a_bad_scenario_names_its_row_and_column_and_imports_nothing(run, run_json):
    run_json("exercise", "create", "Exercice")
    bad = next(p for p in sorted(BAD.glob("*.csv")) if "time" in p.name)
    code, _out, err = run("exercise", "import", str(bad))
    assert code == 1 and "row " in err and "column" in err and "nothing was imported" in err
    assert run_json("exercise", "list") == []


def test_a_real_operation_has_no_scenario(run, run_json):
    run_json("operation", "create", "Crue réelle")
    code, _out, err = run("exercise", "import", str(SAMPLE))
    assert code == 1 and "is a real operation, not an exercise" in err
