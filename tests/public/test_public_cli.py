"""`fieldapp server operation public` and `fieldapp server public list|purge|reveal`."""

from __future__ import annotations

import json
import subprocess
import sys

import publickit


def _fieldapp(server, *args: str) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "fieldapp", "--data-dir", str(server.data_dir), "server",
           *args, "--db", server.db_url]  # fmt: skip
    return subprocess.run(cmd, capture_output=True, text=True, timeout=60)


def test_a_coordinator_opens_an_operation_and_gets_its_address_and_qr_code(
    server, operation, tmp_path
):
    poster = tmp_path / "poster.svg"
    done = _fieldapp(server, "operation", "public", operation, "--on", "--title", "Crues",
                     "--text", "En danger ? Appelez le 112.", "--lang", "fr,en",
                     "--until", "2099-01-31", "--retention", "14",
                     "--url", "https://crise.example.org", "-o", str(poster))  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert (
        "is open at https://crise.example.org/r/" in done.stdout and "kept 14 days" in done.stdout
    )
    assert "█" in done.stdout  # the QR code as text
    assert poster.read_text().startswith("<?xml") and "<svg" in poster.read_text()
    code = done.stdout.split("/r/")[1][:6]
    form = publickit.Form(server, operation, code)
    assert (
        publickit.post(form, publickit.good_fields(publickit.fresh_token(form))).status_code == 201
    )
    listed = json.loads(_fieldapp(server, "public", "list", "--json").stdout)
    assert [(s["code"], s["submissions"], s["retention_days"]) for s in listed] == [(code, 1, 14)]
    off = _fieldapp(server, "operation", "public", operation, "--off")
    assert off.returncode == 0 and "is closed (switched off)" in off.stdout


def test_bad_options_are_named_and_change_nothing(server, operation):
    for args, words in (
        (["--on"], "needs a title"),
        (["--on", "--title", "x", "--lang", "de"], "'de' is not one of fr, en"),
        (["--on", "--title", "x", "--until", "soon"], "--until 'soon'"),
        (["--on", "--title", "x", "--retention", "0"], "retention_days must be"),
    ):
        done = _fieldapp(server, "operation", "public", operation, *args)
        assert done.returncode != 0 and words in done.stderr, (args, done.stderr)
    assert "no operation was opened" in _fieldapp(server, "public", "list").stdout
    unknown = _fieldapp(server, "operation", "public", "nope", "--on", "--title", "x")
    assert unknown.returncode == 1 and "no such operation" in unknown.stderr
