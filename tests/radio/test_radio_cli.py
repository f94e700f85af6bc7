"""`fieldapp radio ...`: what an operator types at a console, and what it prints."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

B2F_SAMPLE = Path(__file__).parent.parent / "samples" / "radio" / "wl2k-go_LPE5NXDVLVSQ.b2f"


@pytest.fixture
def run(cli, tmp_path):
    data = tmp_path / "data"
    cli(data, "operation", "create")("Crue de l'Aude")
    return cli(data, "radio")


def test_check_prints_the_check_with_the_arl_prefix(run):
    assert run("check", "ARL FIFTY ARL SIXTY ONE")[:2] == (0, "ARL 5\n")
    code, out, _ = run("check", "--normalise", "Is it 146.52?")
    assert code == 0 and out == "3\nIS IT 146R52\n"


def test_log_relay_and_deliver_from_the_command_line(run, run_json):
    saved = run_json(
        "add", "--text", "HAPPY BIRTHDAY X SEE YOU SOON X LOVE", "--check-received", "9",
        "--precedence", "P", "--received-from", "w1aw", "--station", "F4ABC",
    )  # fmt: skip
    assert saved["check"] == "9/8" and "check_received" in saved["warnings"]
    code, out, _ = run("show", saved["id"])
    assert code == 0 and "NR  P" not in out and "9/8" in out and "warning" in out
    queue = run_json("list", "--queue")
    assert [m["id"] for m in queue] == [saved["id"]]
    relayed = run_json("relay", saved["id"], "--to", "f5xyz", "--net", "RDRF", "--station", "F4ABC")
    assert relayed["status"] == "relayed" and len(relayed["hops"]) == 2
    assert run_json("list", "--queue") == []
    assert run_json("status", saved["id"], "serviced")["status"] == "serviced"
    code, _, err = run("status", saved["id"], "received")
    assert code == 2 and "a serviced message can go to nothing" in err


def test_sent_messages_are_numbered_per_station(run, run_json):
    first = run_json("add", "--direction", "sent", "--text", "NEED WATER", "--station", "F4ABC")
    second = run_json("add", "--direction", "sent", "--text", "NEED FOOD", "--station", "F4ABC")
    assert (first["number"], second["number"]) == ("1", "2")


def test_bad_values_are_named_and_nothing_is_saved(run, run_json):
    code, _, err = run("add", "--text", "X", "--kind", "telegram", "--received-at", "soon")
    assert code == 2 and "--kind" in err and "received_at" in err
    assert run_json("list") == []


def test_import_and_export_give_back_the_same_bytes(run, run_json, tmp_path):
    [message] = run_json("import", str(B2F_SAMPLE))
    out = tmp_path / "again.b2f"
    code, _, _err = run("export", message["id"], "--format", "b2f", "-o", str(out))
    assert code == 0 and out.read_bytes() == B2F_SAMPLE.read_bytes()
    code, text, _ = run("export", message["id"], "--format", "text")
    assert "SUBJECT: 73 fra Brekke" in text


def test_a_malformed_file_is_refused_naming_the_line(run, run_json, tmp_path):
    bad = tmp_path / "bad.b2f"
    bad.write_bytes(B2F_SAMPLE.read_bytes()[:5000])
    code, _, err = run("import", str(bad))
    assert code == 1 and "line 6" in err and "truncated" in err and "nothing was imported" in err
    assert run_json("list") == []


def _radiogram_file() -> bytes:
    fields = [("nbr", "101"), ("prec", "1"), ("msg", "NEED WATER X SEND COTS"), ("sig", "JEAN")]
    lines = [f":{tag}:{len(value.encode())} {value}" for tag, value in fields]
    return "\r\n".join(["<flmsg>4.0.20", "<radiogram>", *lines, ""]).encode()


@pytest.mark.parametrize(
    ("name", "spoil", "line", "words"),
    [
        ("a.m2s", lambda d: d.replace(b":msg:22 ", b":msg:25 "), 5, "length of :msg:"),
        ("a.m2s", lambda d: d[:-12], 6, "ends in the middle of a line: truncated"),
        ("a.m2s", lambda d: d.replace(b"JEAN", b"\xff\xfe\x00\x01"), 6, "binary"),
        ("b.b2f", lambda d: d.replace(b"Body: 104", b"Body: 99"), 2, "where Body says"),
        ("b.b2f", lambda d: d.replace(b"File: 31028", b"File: 41028"), 6, "truncated"),
        ("b.b2f", lambda d: d[:300], 2, "body should be 104 bytes, only 56 are left"),
        ("b.b2f", lambda d: d.replace(b"Type: Private", b"\x89PNG\x00\x1a"), 11, "not a header"),
    ],
)
def test_malformed_flmsg_and_b2f_files_are_refused_in_one_line(
    run, run_json, tmp_path, name, spoil, line, words
):
    good = B2F_SAMPLE.read_bytes() if name.endswith(".b2f") else _radiogram_file()
    bad = tmp_path / name
    bad.write_bytes(spoil(good))
    assert bad.read_bytes() != good
    code, out, err = run("import", str(bad))
    assert code == 1 and out == "" and err.count("\n") == 1
    assert f"{bad}: line {line}: " in err and words in err and "nothing was imported" in err
    assert run_json("list") == []
    (tmp_path / "good").write_bytes(good)  # the same file unspoilt imports
    assert len(run_json("import", str(tmp_path / "good"))) == 1


def test_the_ics309_log_of_a_period_as_csv(run, run_json, tmp_path):
    run_json("add", "--text", "EAU POTABLE", "--received-from", "F1PCT", "--number", "7",
             "--received-at", "2026-11-28T09:15Z")  # fmt: skip
    code, out, _ = run("log", "--from", "2000-01-01", "--to", "2100-01-01", "--station", "F4ABC")
    rows = list(csv.reader(io.StringIO(out)))
    assert code == 0 and rows[0] == ["ICS 309 COMMUNICATIONS LOG"]
    assert ["2026-11-28 09:15", "F1PCT #7", "F4ABC", "ROUTINE EAU POTABLE"] in rows
    code, out, _ = run("log", "--from", "2000-01-01", "--to", "2000-01-02")
    assert code == 0 and "F1PCT" not in out


def test_the_ics214_activity_log_of_a_period_as_csv_names_every_hop(run, run_json):
    saved = run_json("add", "--text", "EAU POTABLE", "--received-from", "F1PCT", "--number", "7",
                     "--received-at", "2026-11-28T09:15Z", "--station", "F4ABC")  # fmt: skip
    for to, at in (("F5XYZ", "2026-11-28T09:20Z"), ("F6KRT", "2026-11-28T09:40Z")):
        assert run("relay", saved["id"], "--to", to, "--net", "GARD NET", "--at", at,
                   "--station", "F4ABC")[0] == 0  # fmt: skip
    code, out, _ = run("log", "--from", "2026-11-28", "--to", "2026-11-29", "--station", "F4ABC",
                       "--operator", "Anne", "--format", "ics214-csv")  # fmt: skip
    rows = list(csv.reader(io.StringIO(out)))
    assert code == 0 and rows[0] == ["ICS 214 ACTIVITY LOG"]
    assert ["Name, ICS position, home agency", "Anne F4ABC"] in rows
    activities = [r for r in rows if len(r) == 2 and r[0].startswith("2026-11-28")]
    assert [r[0] for r in activities] == ["2026-11-28 09:15", "2026-11-28 09:20",
                                          "2026-11-28 09:40"]  # fmt: skip
    assert "F5XYZ" in activities[1][1] and "F6KRT" in activities[2][1]


def test_an_exercise_says_so_everywhere(cli, tmp_path):
    data = tmp_path / "ex"
    cli(data, "operation", "create")("Exercice Rhône", "--exercise")
    run = cli(data, "radio")
    _code, out, _ = run("add", "--text", "TEST MESSAGE", "--json")
    message = json.loads(out)
    assert message["exercise"] is True
    _code, text, _ = run("export", message["id"], "--format", "text")
    assert text.startswith("EXERCISE EXERCISE EXERCISE") and "TEST R" in text
    _code, out, _ = run("log", "--from", "2000-01-01", "--to", "2100-01-01")
    assert out.startswith("EXERCISE")
    _code, out, _ = run("list")
    assert out.startswith("EXERCISE")


def test_log_help_says_where_the_pdf_is(run):
    code, out, _ = run("log", "--help")
    assert code == 0 and "PDF" in out
