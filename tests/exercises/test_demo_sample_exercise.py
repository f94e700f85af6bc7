"""`fieldapp demo --sample-exercise`: the shipped scenario in a new exercise operation,
its clock running, the operation in use, so that `fieldapp exercise run` plays it."""

from __future__ import annotations

import pytest

from fieldapp.demo.exercise import read_sample


@pytest.fixture(autouse=True)
def _no_user_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("FIELDAPP_HOME", str(tmp_path / "default-home"))


@pytest.fixture
def run(tmp_path, cli):
    return cli(tmp_path / "data")


def test_the_demo_starts_the_sample_exercise_and_exercise_run_plays_it(run, run_json):
    run_json("operation", "create", "Crue réelle")  # not the only operation: none chosen
    made = run_json("demo", "--sample-exercise")
    scenario = read_sample()
    assert made["operation"]["exercise"] is True
    assert made["operation"]["name"] == scenario.title
    assert made["injects"] == len(scenario.injects) >= 40
    assert (made["clock"], made["reports"]) == ("running", 0)
    code, out, _err = run("exercise", "run", "--once")  # no --operation: the one in use
    assert code == 0 and "inject 1 released (alert)" in out
    injects = run_json("exercise", "list")
    assert [i["status"] for i in injects][:2] == ["released", "pending"]  # T+0, T+00:03
    code, out, _err = run("exercise", "list")
    assert out.startswith(f"EXERCISE: {scenario.title} — clock T+00:0") and "running" in out
    (alert,) = run_json("alert", "list")
    assert alert["status"] == "Exercise"


def test_the_sample_exercise_with_background_reports_and_a_name(run, run_json):
    made = run_json("demo", "--sample-exercise", "--reports", "20", "--name", "Drill 12")
    assert made["operation"]["name"] == "Drill 12" and made["reports"] == 20
    assert len(run_json("report", "list")) == 20
    code, out, _err = run("demo", "--sample-exercise")
    injects = f"{len(read_sample().injects)} injects"
    assert code == 0 and injects in out and "fieldapp exercise run" in out
