"""The server's administration commands, as an admin types them, against a real server."""

from __future__ import annotations

import json
import re

import pytest
from conftest import Server

from fieldapp.cli.main import main
from fieldapp.store import Store
from fieldapp.sync.client.session import AuthError, SyncClient

CODE = re.compile(r"\b[0-9A-Z]{3}-[0-9A-Z]{3}-[0-9A-Z]{3}\b")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out = capsys.readouterr()
    return status, out.out, out.err


@pytest.fixture
def srv(tmp_path):
    return str(tmp_path / "srv")


def test_init_user_enroll_join_list_and_revoke(srv, tmp_path, capsys):
    status, out, err = run(capsys, "--data-dir", srv, "server", "init")
    assert status == 0, err
    assert f"fieldapp --data-dir {srv} serve" in out  # the hint works as printed
    admin_code = CODE.search(out).group(0)
    server = Server(str(tmp_path / "srv" / "server.db"), tmp_path / "srv").start()
    try:
        assert run(capsys, "--data-dir", srv, "server", "user", "add", "vera",
                   "--role", "volunteer")[0] == 0  # fmt: skip
        status, out, _ = run(capsys, "--data-dir", srv, "server", "enroll", "vera", "--json")
        vera_code = json.loads(out)["code"]
        for name, code in (("admin-pc", admin_code), ("vera-pc", vera_code)):
            status, out, err = run(capsys, "--data-dir", str(tmp_path / name), "join",
                                   server.url, code, "--name", name)  # fmt: skip
            assert status == 0, err
        status, out, _ = run(capsys, "--data-dir", srv, "server", "device", "list", "--json")
        devices = {d["name"]: d for d in json.loads(out)}
        assert set(devices) == {"admin-pc", "vera-pc"}
        status, out, _ = run(capsys, "--data-dir", srv, "server", "user", "list", "--json")
        assert {u["name"]: u["role"] for u in json.loads(out)} == {
            "admin": "admin",
            "vera": "volunteer",
        }
        assert run(capsys, "--data-dir", srv, "server", "revoke", "vera-pc")[0] == 0
        with Store(tmp_path / "vera-pc") as store, pytest.raises(AuthError):
            SyncClient(store).probe()
        with Store(tmp_path / "admin-pc") as store:
            assert SyncClient(store).probe()["user"] == "admin"  # the others go on
    finally:
        server.stop()
        server.db.close()


def test_mistakes_are_said_in_words_and_change_nothing(srv, capsys):
    assert run(capsys, "--data-dir", srv, "server", "init")[0] == 0
    status, _, err = run(capsys, "--data-dir", srv, "server", "enroll", "nobody")
    assert status != 0 and "nobody" in err and "Traceback" not in err
    status, _, err = run(capsys, "--data-dir", srv, "server", "revoke", "no-such-device")
    assert status != 0 and "no-such-device" in err and "Traceback" not in err
    status, _, err = run(capsys, "--data-dir", srv, "server", "user", "add", "x", "--role", "boss")
    assert status == 2 and "boss" in err and "volunteer" in err  # the roles there are
    _, out, _ = run(capsys, "--data-dir", srv, "server", "user", "list", "--json")
    assert [u["name"] for u in json.loads(out)] == ["admin"]
