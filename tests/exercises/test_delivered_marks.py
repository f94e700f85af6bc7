"""Every record an inject became names it and says EXERCISE where it is exported: the
radio logs (ICS-309 CSV and flmsg, ICS-214), the reports and posts listed as JSON, the
alert shown as JSON. Each inject is named apart from the others of its scenario."""

from __future__ import annotations

import pytest

from fieldapp.exercises.release import reference, release
from fieldapp.monitoring.items import exercise_reference
from fieldapp.store import Store

INJECTS = [
    {"number": "3", "at_s": 0, "channel": "social", "sender": "Lucie", "content": "Ça monte"},
    {
        "number": "5",
        "at_s": 0,
        "channel": "alert",
        "sender": "Vigicrues",
        "content": "EXERCICE — Vigilance ORANGE crues",
        "details": {"area": "INSEE:30"},
    },
    {
        "number": "10",
        "at_s": 0,
        "channel": "radio",
        "sender": "F4ANDUZE",
        "content": "GARDON 2 M 40 AU PONT X MONTEE RAPIDE",
    },
    {"number": "19", "at_s": 0, "channel": "phone", "content": "On est quatre sur le toit"},
]


@pytest.fixture(autouse=True)
def _no_user_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("FIELDAPP_HOME", str(tmp_path / "default-home"))


@pytest.fixture
def data_dir(tmp_path):
    return tmp_path / "data"


@pytest.fixture
def released(data_dir):
    """Every inject released in a new exercise; {number: reference}."""
    with Store(data_dir, user="camille") as store:
        operation = store.operations.create("Exercice crue", exercise=True)
        refs = {}
        for inject_id in store.injects.add_many(operation["id"], INJECTS):
            inject = store.injects.get(inject_id)
            release(store, inject_id)
            refs[inject["number"]] = reference(inject)
    return refs


@pytest.fixture
def run(data_dir, cli):
    return cli(data_dir)


def test_each_inject_is_named_apart_from_the_others_loaded_with_it(released):
    # Ids made together share their first digits (UUIDv7: the time): not a name.
    assert len(set(released.values())) == len(INJECTS)
    assert len({ref.rsplit("(", 1)[1] for ref in released.values()}) == len(INJECTS)


def test_the_radio_logs_say_test_and_name_the_inject(run, released):
    period = ("--from", "2000-01-01", "--to", "2100-01-01", "--station", "F4COD")
    code, out, _err = run("radio", "log", *period, "--format", "ics309-csv")
    assert code == 0
    (row,) = [line for line in out.splitlines() if "F4ANDUZE" in line]
    assert "TEST ROUTINE GARDON" in row and released["10"] in row
    assert out.startswith("EXERCISE EXERCISE EXERCISE")
    code, out, _err = run("radio", "log", *period, "--format", "ics214-csv")
    (row,) = [line for line in out.splitlines() if "F4ANDUZE" in line]
    assert "TEST ROUTINE received from F4ANDUZE" in row and released["10"] in row
    code, out, _err = run("radio", "log", *period, "--format", "ics309-flmsg")
    assert code == 0 and "EXERCISE Exercice crue" in out and released["10"] in out


def test_reports_posts_and_alerts_listed_as_json_name_the_inject(run, run_json, released):
    (report,) = run_json("report", "list")
    assert report["exercise"] is True and report["source_ref"] == released["19"]
    (post,) = run_json("intake", "list")
    assert exercise_reference(post["post_key"]) == released["3"]
    (alert,) = run_json("alert", "list")
    assert alert["status"] == "Exercise"
    shown = run_json("alert", "show", alert["id"])
    assert shown["exercise"] is True and shown["cap"]["note"] == released["5"]
    assert shown["identifier"].startswith("EXERCISE-5-")


def test_only_a_post_an_inject_became_has_a_reference():
    assert exercise_reference("https://social.example/1") == ""
    assert exercise_reference("exercise:0193 EXERCISE inject 3 (5f3a9c2e)") == (
        "EXERCISE inject 3 (5f3a9c2e)"
    )
    assert exercise_reference("exercise:0193") == "EXERCISE"  # a key with no reference


def test_an_alert_inject_reads_as_an_alert_its_first_sentence_and_its_area_by_name(data_dir):
    with Store(data_dir, user="camille") as store:
        operation = store.operations.create("Exercice crue", exercise=True)
        text = (
            "EXERCICE — Vigilance ORANGE crues sur le tronçon Gardons. Montée rapide attendue "
            "des Gardons d'Anduze et d'Alès dans les prochaines heures ; débordements possibles."
        )
        (inject_id,) = store.injects.add_many(
            operation["id"],
            [
                {
                    "number": "5",
                    "at_s": 0,
                    "channel": "alert",
                    "recipient": "Tous les joueurs",
                    "content": text,
                    "details": {"area": "INSEE:30 NUTS3:FRJ12"},
                }
            ],
        )
        (record,) = release(store, inject_id)
        alert = store.alerts.get(record["id"])
    assert alert["headline"] == "EXERCICE — Vigilance ORANGE crues sur le tronçon Gardons."
    (info,) = alert["cap"]["infos"]
    assert info["description"] == text
    assert [a["description"] for a in info["areas"]] == ["Gard"]  # not "Tous les joueurs"
