"""The `fieldapp` command line, run in-process through main() and, twice, as a program."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import types
from pathlib import Path

import pytest

from fieldapp.cli.main import main
from fieldapp.reports.query import ReportQuery
from fieldapp.store import Store


@pytest.fixture(autouse=True)
def _no_user_data_dir(tmp_path, monkeypatch):
    # A test that forgot --data-dir must not touch the real user data folder.
    monkeypatch.setenv("FIELDAPP_HOME", str(tmp_path / "default-home"))


@pytest.fixture
def data(tmp_path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def run(data, cli):
    """run(*args) -> (exit code, stdout, stderr) of `fieldapp --data-dir DATA args`."""
    return cli(data)


@pytest.fixture
def op(run_json) -> dict:
    return run_json("operation", "create", "Crues de l'Aude", "--description", "Oct.")


def counts(data: Path) -> tuple[int, int]:
    """(reports, outbox entries) as the store sees them."""
    with Store(data) as store:
        reports = sum(store.reports.count(ReportQuery(o["id"])) for o in store.operations.list())
        return reports, store.db.outbox_count()


def test_report_round_trip(run, run_json, op, tmp_path):
    photo = tmp_path / "digue.jpg"
    photo.write_bytes(b"\xff\xd8 not really a jpeg")
    added = run_json(
        *("report", "add", "--title", "Digue fissurée à Trèbes", "--body", "Eau qui suinte"),
        *("--kind", "damage", "--severity", "4", "--lat", "43.21", "--lon", "2.44"),
        *("--accuracy", "15", "--place", "Trèbes", "--observed-at", "2026-10-16T05:30Z"),
        *("--source", "social_media", "--source-ref", "@mairie_trebes", "--tags", "digue,aude"),
        *("--verification", "confirmed", "--photo", str(photo), "--user", "camille"),
    )
    assert added["operation_id"] == op["id"]
    assert (added["severity"], added["lat"], added["accuracy_m"]) == (4, 43.21, 15.0)
    assert added["tags"] == ["digue", "aude"]
    assert added["observed_at"] == "2026-10-16T05:30:00.000Z"
    assert added["verified_by"] == "camille"
    assert [a["filename"] for a in added["attachments"]] == ["digue.jpg"]

    listed = run_json("report", "list")
    assert [r["id"] for r in listed] == [added["id"]]
    assert listed[0]["exercise"] is False

    edited = run_json("report", "edit", added["id"], "--status", "triaged", "--place", "")
    assert (edited["status"], edited["place"], edited["title"]) == ("triaged", "", added["title"])
    assert edited["attachments"] == added["attachments"]

    shown = run_json("report", "show", added["id"])
    assert shown["status"] == "triaged"
    assert shown["attachments"][0]["sha256"] == added["attachments"][0]["sha256"]
    assert [h["action"] for h in shown["history"]] == ["created", "updated"]
    assert set(shown["history"][1]["changes"]) == {"status", "place"}

    code, out, _ = run("report", "delete", added["id"])
    assert code == 0 and added["id"] in out
    assert run_json("report", "list") == []
    code, _, err = run("report", "show", added["id"])
    assert code == 1 and f"no report with id {added['id']}" in err


def test_human_output(run, op):
    code, out, _ = run("report", "add", "--title", "Route D118 coupée", "--place", "Limoux")
    assert code == 0 and out.startswith("saved report ")
    report_id = out.split()[2]
    code, out, _ = run("report", "list")
    assert report_id in out and "Route D118 coupée (Limoux)" in out
    code, out, _ = run("report", "show", report_id)
    assert "Route D118 coupée" in out and "history:" in out and "created" in out
    code, out, _ = run("operation", "list")
    assert "Crues de l'Aude" in out and op["id"] in out


def test_list_filters(run, run_json, op):
    for title, status, kind in (
        ("Pont emporté sur l'Aude", "new", "damage"),
        ("Famille sur le toit", "triaged", "request_for_help"),
        ("Rumeur de barrage rompu", "new", "rumour"),
        ("Arbre sur la route", "closed", "hazard"),
    ):
        run_json("report", "add", "--title", title, "--status", status, "--kind", kind)

    def titles(*args: str) -> list[str]:
        return sorted(r["title"] for r in run_json("report", "list", *args))

    assert titles("--search", "pont aude") == ["Pont emporté sur l'Aude"]
    assert titles("--search", "emporte") == ["Pont emporté sur l'Aude"]  # accents optional
    assert titles("--status", "new") == ["Pont emporté sur l'Aude", "Rumeur de barrage rompu"]
    assert titles("--status", "triaged,closed") == ["Arbre sur la route", "Famille sur le toit"]
    assert titles("--kind", "rumour", "--kind", "hazard") == [
        "Arbre sur la route",
        "Rumeur de barrage rompu",
    ]
    assert titles("--status", "new", "--kind", "damage") == ["Pont emporté sur l'Aude"]
    assert len(run_json("report", "list", "--limit", "2")) == 2
    newest_first = [r["title"] for r in run_json("report", "list")]
    assert newest_first[0] == "Arbre sur la route"

    code, _, err = run("report", "list", "--status", "open")
    assert code == 2 and "--status" in err and "open" in err

    code, out, err = run("report", "list", "--limit", "3")
    assert code == 0 and len(out.splitlines()) == 1 + 3  # header and three reports
    assert "3 of 4 reports shown" in err


@pytest.mark.parametrize(
    ("args", "field", "message"),
    [
        (["--title", ""], "title", "a title is required"),
        (["--title", "x", "--lat", "100", "--lon", "2"], "lat", "between -90 and 90"),
        (["--title", "x", "--severity", "9"], "severity", "between 1 and 5"),
        (["--title", "x", "--kind", "flood"], "kind", "'flood' is not one of"),
        (["--title", "x", "--observed-at", "yesterday"], "observed_at", "not a date"),
    ],
)
def test_invalid_report_saves_nothing(run, data, op, args, field, message):
    run("report", "add", "--title", "one good report")
    before = counts(data)
    code, out, err = run("report", "add", *args)
    assert code == 2
    assert field in err and message in err and "nothing was saved" in err
    assert out == ""
    assert counts(data) == before


def test_invalid_edit_changes_nothing(run, run_json, data, op):
    report = run_json("report", "add", "--title", "Niveau de l'Aude", "--severity", "2")
    before = counts(data)
    code, _, err = run("report", "edit", report["id"], "--severity", "9", "--title", "")
    assert code == 2 and "severity" in err and "title" in err
    assert run_json("report", "show", report["id"])["severity"] == 2
    assert counts(data) == before
    code, _, err = run("report", "edit", report["id"])
    assert code == 2 and "nothing to change" in err


def test_missing_photo_saves_nothing(run, data, op, tmp_path):
    before = counts(data)
    code, _, err = run("report", "add", "--title", "x", "--photo", str(tmp_path / "nope.jpg"))
    assert code == 2 and "nope.jpg is not a file" in err
    assert counts(data) == before


def test_choosing_the_operation(run, run_json, data):
    code, _, err = run("report", "add", "--title", "x")
    assert code == 1 and "no FieldApp data" in err
    first = run_json("operation", "create", "Tempête Ciarán")
    assert run_json("report", "add", "--title", "seul choix")["operation_id"] == first["id"]

    second = run_json("operation", "create", "Exercice SATER", "--exercise")
    before = counts(data)
    code, _, err = run("report", "add", "--title", "lequel ?")
    assert code == 2 and "2 operations" in err and "--operation" in err
    assert "operation use" in err
    assert counts(data) == before

    by_name = run_json("report", "add", "--title", "x", "--operation", "Exercice SATER")
    assert by_name["operation_id"] == second["id"] and by_name["exercise"] is True
    code, out, _ = run("operation", "use", second["id"])
    assert code == 0 and "[EXERCISE]" in out
    assert run_json("report", "add", "--title", "défaut")["operation_id"] == second["id"]
    code, out, _ = run("report", "list")
    assert out.startswith("EXERCISE: Exercice SATER")


def test_operation_errors(run, run_json, data):
    code, out, err = run("operation", "list")
    assert code == 0 and "no operations yet" in out
    assert run_json("operation", "list") == []
    code, _, err = run("report", "list")
    assert code == 1 and "no FieldApp data" in err
    assert not (data / "fieldapp.db").exists()  # reading never creates a database

    code, _, err = run("operation", "create", "   ")
    assert code == 2 and "name" in err and "an operation needs a name" in err
    run_json("operation", "create", "Crue")
    code, _, err = run("report", "list", "--operation", "Tempête")
    assert code == 1 and "no operation with id or name 'Tempête'" in err
    code, _, err = run("operation", "use", "nope")
    assert code == 1 and "no operation" in err
    code, _, err = run("operation", "frobnicate")
    assert code == 2 and "invalid choice" in err


def test_backup_copies_the_reports(run, run_json, data, op, tmp_path):
    for n in range(3):
        run_json("report", "add", "--title", f"rapport {n}")
    code, out, _ = run("backup")
    assert code == 0
    rotated = Path(out.strip())
    assert rotated.parent == data / "backups" and rotated.exists()

    target = tmp_path / "copy" / "fieldapp.db"
    code, out, _ = run("backup", "-o", str(target))
    assert code == 0 and Path(out.strip()) == target
    with Store(target.parent) as copy:
        titles = {r["title"] for r in copy.reports.list(ReportQuery(op["id"]))}
    assert titles == {"rapport 0", "rapport 1", "rapport 2"}

    code, _, err = run("backup", "-o", str(target))
    assert code == 1 and "already exists" in err


def test_backup_and_check_need_a_database(run, data):
    for command in ("backup", "check"):
        code, _, err = run(command)
        assert code == 1 and "no FieldApp database" in err
    assert not data.exists()


def test_check_finds_a_damaged_attachment(run, run_json, data, op, tmp_path):
    photo = tmp_path / "crue.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    report = run_json("report", "add", "--title", "Crue", "--photo", str(photo))
    code, out, _ = run("check")
    assert code == 0 and out.startswith("ok")
    assert run_json("check") == {"ok": True, "problems": []}

    sha = report["attachments"][0]["sha256"]
    (data / "attachments" / sha[:2] / sha).write_bytes(b"bit rot")
    code, out, _ = run("check")
    assert code == 1
    assert "1 problem" in out and "crue.png" in out and "damaged" in out
    code, out, _ = run("check", "--json")
    assert code == 1 and json.loads(out)["ok"] is False


@pytest.mark.parametrize(
    "command",
    [
        [],
        ["operation"],
        ["operation", "create"],
        ["operation", "list"],
        ["operation", "use"],
        ["report"],
        ["report", "add"],
        ["report", "list"],
        ["report", "show"],
        ["report", "edit"],
        ["report", "delete"],
        ["demo"],
        ["selftest"],
        ["backup"],
        ["check"],
    ],
)
def test_every_command_has_help(command, capsys):
    assert main([*command, "--help"]) == 0
    assert capsys.readouterr().out.startswith("usage: fieldapp")


def test_usage_errors_exit_2(run):
    code, _, err = run("report", "add", "--bogus")
    assert code == 2 and "unrecognized arguments: --bogus" in err
    code, _, err = run("demo", "--reports", "-5")
    assert code == 2 and "must be 0 or more" in err


def test_selftest_prints_json_and_fails_loudly(run, monkeypatch):
    fake = types.ModuleType("fieldapp.ui.shell.selftest")
    fake.run_selftest = lambda data_dir: {"ok": True, "window_shown_ms": 12.5}
    monkeypatch.setitem(sys.modules, "fieldapp.ui.shell.selftest", fake)
    code, out, _ = run("selftest")
    assert code == 0 and json.loads(out)["window_shown_ms"] == 12.5

    def broken(data_dir):
        raise RuntimeError("the list never filled")

    fake.run_selftest = broken
    code, out, _ = run("selftest")
    assert code == 1
    assert json.loads(out) == {"ok": False, "error": "RuntimeError: the list never filled"}


def _fieldapp(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "fieldapp", *args],
        capture_output=True,
        text=True,
        timeout=60,
        **kwargs,
    )


def test_python_m_fieldapp(tmp_path):
    result = _fieldapp("--help")
    assert result.returncode == 0
    for command in ("operation", "report", "demo", "selftest", "backup", "check"):
        assert command in result.stdout
    data = str(tmp_path / "data")
    assert _fieldapp("--data-dir", data, "operation", "create", "Crue").returncode == 0
    result = _fieldapp("--data-dir", data, "report", "show", "0000")
    assert result.returncode == 1
    assert result.stderr == "fieldapp: error: no report with id 0000\n"


def test_no_command_opens_the_gui_without_loading_the_store(tmp_path):
    # A stand-in for the window records how it was called and what was imported by then.
    script = textwrap.dedent(
        """
        import json, sys, types
        ui_app = types.ModuleType("fieldapp.ui.shell.app")
        def run_gui(data_dir, user=None):
            loaded = [m for m in ("fieldapp.store", "sqlite_utils", "folium") if m in sys.modules]
            print(json.dumps([str(data_dir), user, loaded]))
            return 7
        ui_app.run_gui = run_gui
        sys.modules["fieldapp.ui.shell.app"] = ui_app
        from fieldapp.cli.main import main
        sys.exit(main(sys.argv[1:]))
        """
    )
    data = tmp_path / "gui-data"
    result = subprocess.run(
        [sys.executable, "-c", script, "--data-dir", str(data), "--user", "léa"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 7, result.stderr
    assert json.loads(result.stdout) == [str(data), "léa", []]


def test_no_window_without_qt_says_so(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "fieldapp.ui.shell.app", None)  # as if PySide6 were missing
    assert main([]) == 1
    err = capsys.readouterr().err
    assert err.startswith("fieldapp: error: cannot open the window") and "--help" in err


def test_show_json_prints_the_declared_fields_of_each_record_type(run, run_json, cli, data, op):
    from fieldapp.core.records import BOOKKEEPING, KEYS, RECORD_TYPES

    def declared(entity: str) -> list[str]:
        return [*KEYS, *RECORD_TYPES[entity].fields]

    report = run_json("report", "add", "--title", "Digue fissurée", "--tags", "digue")
    shape = '{"type": "Point", "coordinates": [2.44, 43.21]}'
    feature = run_json(
        "feature", "add", "--name", "PC", "--category", "shelter", "--geojson", shape
    )
    message = cli(data, "radio")("add", "--text", "NEED WATER", "--received-from", "F1PCT",
                                 "--json")[1]  # fmt: skip
    shown = {
        "report": run_json("report", "show", report["id"]),
        "feature": run_json("feature", "show", feature["id"]),
        "radio_message": run_json("radio", "show", json.loads(message)["id"]),
    }
    for entity, record in shown.items():
        assert list(record)[: len(declared(entity))] == declared(entity)
        assert not set(BOOKKEEPING) & set(record), entity
        assert record["exercise"] is False and record["history"][0]["action"] == "created"
    assert shown["report"]["tags"] == ["digue"] and shown["feature"]["geometry"]["type"] == "Point"
    [hop] = shown["radio_message"]["hops"]
    assert hop["from_station"] == "F1PCT" and not set(BOOKKEEPING) & set(hop)
    assert set(hop) <= set(declared("radio_hop"))
