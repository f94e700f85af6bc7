"""`fieldapp join`, `fieldapp sync`, `sync status` and USB bundles, as a user types them."""

from __future__ import annotations

import json
import stat

import pytest
from clientkit import Peer, enroll, start_server
from conftest import free_port

from fieldapp.cli.main import main
from fieldapp.store import Store
from fieldapp.sync.server import accounts


@pytest.fixture
def server(tmp_path):
    running = start_server(tmp_path)
    yield running
    running.stop()
    running.db.close()


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def _nothing_joined(data_dir) -> bool:
    with Store(data_dir) as store:
        return store.conn.execute("SELECT count(*) FROM sync_state").fetchone()[0] == 0


def test_join_then_sync_prints_what_moved_and_status_is_clean(server, tmp_path, capsys):
    home = str(tmp_path / "dev")
    code, out, err = run(capsys, "--data-dir", home, "join", server.url, enroll(server, "carla"),
                         "--name", "Laptop 3")  # fmt: skip
    assert code == 0, err
    assert "joined" in out and "Laptop 3" in out
    token_file = tmp_path / "dev" / "sync-token"
    assert stat.S_IMODE(token_file.stat().st_mode) == 0o600
    assert token_file.read_text() not in out  # the token is never printed
    assert run(capsys, "--data-dir", home, "operation", "create", "Floods")[0] == 0
    code, out, _ = run(capsys, "--data-dir", home, "sync", "--json")
    assert code == 0
    report = json.loads(out)
    # one push; the server said nothing else changed, so no empty pull (protocol 4)
    assert report["complete"] and report["pushed"] == 1 and report["requests"] == 1
    code, out, _ = run(capsys, "--data-dir", home, "sync", "status", "--json")
    state = json.loads(out)
    assert state["pending"] == 0 and state["last_success"] and not state["last_error"]


def test_after_joining_changes_are_signed_with_the_server_user_name(server, tmp_path, capsys):
    home = str(tmp_path / "dev")
    assert run(capsys, "--data-dir", home, "join", server.url, enroll(server, "carla"))[0] == 0
    assert run(capsys, "--data-dir", home, "operation", "create", "Floods")[0] == 0
    assert run(capsys, "--data-dir", home, "report", "add", "--title", "Dyke breach")[0] == 0
    _, out, _ = run(capsys, "--data-dir", home, "report", "list", "--json")
    _, out, _ = run(capsys, "--data-dir", home, "report", "show", json.loads(out)[0]["id"])
    assert "by carla" in out  # not the login name of the laptop, which means nothing there
    _, out, _ = run(capsys, "--data-dir", home, "--user", "Carla M.", "report", "list", "--json")
    _, out, _ = run(capsys, "--data-dir", home, "--user", "Carla M.", "report", "edit",
                    json.loads(out)[0]["id"], "--status", "triaged")  # fmt: skip
    with Store(tmp_path / "dev") as store:
        history = store.conn.execute("SELECT author FROM history ORDER BY seq").fetchall()
    assert [h[0] for h in history][-1] == "Carla M."  # a name given explicitly wins


def test_a_volunteer_device_cannot_create_an_operation_the_server_would_refuse(
    server, tmp_path, capsys
):
    home = str(tmp_path / "dev")
    code = enroll(server, "vera", role="volunteer")
    assert run(capsys, "--data-dir", home, "join", server.url, code)[0] == 0
    status, _, err = run(capsys, "--data-dir", home, "operation", "create", "Floods")
    assert status != 0 and "a volunteer cannot create or edit operations" in err
    assert "ask a coordinator" in err and "Traceback" not in err
    with Store(tmp_path / "dev") as store:
        assert store.operations.list() == [] and store.db.outbox_count() == 0
    trainer_home = str(tmp_path / "trainer")
    code = enroll(server, "tom", role="trainer")
    assert run(capsys, "--data-dir", trainer_home, "join", server.url, code)[0] == 0
    assert run(capsys, "--data-dir", trainer_home, "operation", "create", "Floods")[0] != 0
    assert run(capsys, "--data-dir", trainer_home, "operation", "create", "Drill",
               "--exercise")[0] == 0  # fmt: skip
    status, out, _ = run(capsys, "--data-dir", trainer_home, "sync")
    assert status == 0, out  # the server took it


@pytest.mark.parametrize("trouble", ["wrong", "expired", "used"])
def test_a_bad_code_is_refused_in_words_and_changes_nothing(server, tmp_path, capsys, trouble):
    code = enroll(server, "carla")
    if trouble == "wrong":
        code = "K7P-4QX-9M3"
    elif trouble == "expired":
        with server.db.write() as conn:
            conn.exec_driver_sql("UPDATE enroll_codes SET expires_at = 0")
    else:
        Peer(tmp_path, "first", server.url, code).close()
    home = tmp_path / "dev"
    status, _out, err = run(capsys, "--data-dir", str(home), "join", server.url, code)
    assert status == 1
    assert "could not join" in err and "Traceback" not in err
    assert "expired" in err or "used" in err or "unknown" in err
    assert not (home / "sync-token").exists() and _nothing_joined(home)


def test_an_unreachable_server_is_said_in_words(tmp_path, capsys):
    home = tmp_path / "dev"
    url = f"http://127.0.0.1:{free_port()}"
    status, _out, err = run(capsys, "--data-dir", str(home), "join", url, "K7P-4QX-9M3")
    assert status == 1 and "cannot reach" in err and "Traceback" not in err
    assert _nothing_joined(home)


def test_a_revoked_device_is_told_and_keeps_its_changes(server, tmp_path, capsys):
    peer = Peer(tmp_path, "dev", server.url, enroll(server, "carla"))
    peer.store.operations.create("Floods")
    peer.close()
    accounts.revoke(server.db, "dev")
    status, out, _ = run(capsys, "--data-dir", str(tmp_path / "dev"), "sync")
    assert status == 1
    assert "NOT fully synchronised" in out and "revoked" in out
    assert "Synchronised:" not in out
    with Store(tmp_path / "dev") as store:
        assert store.db.outbox_count() == 1  # nothing was lost
    _code, out, _ = run(capsys, "--data-dir", str(tmp_path / "dev"), "sync", "status")
    assert "1 change(s)" in out and "revoked" in out


def test_a_bundle_imported_twice_applies_once_and_online_sync_clears_the_outbox(
    server, tmp_path, capsys
):
    a = Peer(tmp_path, "anna", server.url, enroll(server, "anna"))
    op = a.store.operations.create("Floods")
    for n in range(5):
        a.store.reports.add(op["id"], {"title": f"Road {n} flooded"})
    photo = tmp_path / "photo.png"
    _png(photo)
    report = a.store.reports.add(op["id"], {"title": "With photo"})
    a.store.attachments.add(report["id"], photo)
    a.close()
    bundle = tmp_path / "usb" / "anna.fieldapp"
    bundle.parent.mkdir()
    home, srv = str(tmp_path / "anna"), str(tmp_path / "srv")
    code, out, err = run(capsys, "--data-dir", home, "sync", "export-bundle", str(bundle))
    assert code == 0, err
    assert "8 change(s), 2 file(s)" in out
    argv = ["--data-dir", srv, "server", "import-bundle", str(bundle), "--db", server.db_url,
            "--json"]  # fmt: skip
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    first = json.loads(out)
    assert first["applied"] == 8 and first["files"] == 2
    code, out, _ = run(capsys, *argv)
    again = json.loads(out)
    assert again["replayed_batches"] == again["batches"]  # nothing applied twice
    b = Peer(tmp_path, "ben", server.url, enroll(server, "ben"))
    b.sync_ok()
    assert len(b.reports(op["id"])) == 6
    assert (
        b.store.attachments.blobs.path(a_sha := _sha(photo)).read_bytes() == photo.read_bytes()
    ), a_sha
    a = Peer.__new__(Peer)
    a.store = Store(tmp_path / "anna", user="anna")
    from fieldapp.sync.client.session import SyncClient

    online = SyncClient(a.store, backoff_s=0.01).sync()
    assert online.complete and online.duplicates == 8 and a.store.db.outbox_count() == 0
    assert online.pulled == 0  # what the bundle carried does not come back to its device
    b.store.reports.update(next(iter(b.reports(op["id"]))), {"severity": 5})
    b.sync_ok()
    assert SyncClient(a.store, backoff_s=0.01).sync().pulled == 1  # another's edit does


def _png(path) -> None:
    from PIL import Image

    Image.new("RGB", (640, 480), (200, 30, 30)).save(path)


def _sha(path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()
