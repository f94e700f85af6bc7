"""No change stranded: a device knows beforehand what its user may edit (the server names
each record's owner), and a change the server refused for good can be undone, taking
the server's version back, so the outbox empties. Real `fieldapp serve` on loopback."""

from __future__ import annotations

import pytest
from clientkit import Peer, enroll, start_server

from fieldapp.core.bookkeeping import set_state
from fieldapp.core.errors import ValidationError
from fieldapp.store import Store
from fieldapp.sync.client.refused import refused_changes
from fieldapp.sync.client.status import sync_status


@pytest.fixture
def server(tmp_path):
    running = start_server(tmp_path)
    yield running
    running.stop()
    running.db.close()


@pytest.fixture
def vera_report(server, tmp_path):
    """A coordinator's report, on the server; a volunteer's device that pulled it."""
    vera = Peer(tmp_path, "vera", server.url, enroll(server, "vera", "coordinator"))
    operation = vera.store.operations.create("Crues de l'Aude")["id"]
    report = vera.store.reports.add(operation, {"title": "Digue fissurée à Cuxac"})
    vera.sync_ok()
    paul = Peer(tmp_path, "paul", server.url, enroll(server, "paul", "volunteer"))
    paul.sync_ok()
    yield vera, paul, report["id"]
    vera.close()
    paul.close()  # closing twice is harmless


def test_the_device_knows_who_created_a_record_and_refuses_what_the_server_would(vera_report):
    _vera, paul, report_id = vera_report
    refusal = paul.store.reports.edit_refusal(report_id)
    assert refusal is not None and refusal.owner == "vera" and refusal.role == "volunteer"
    with pytest.raises(ValidationError, match="edits only the records it created"):
        paul.store.reports.update(report_id, {"title": "Digue rompue"})
    assert paul.store.db.outbox_count() == 0  # nothing queued that the server will refuse
    own = paul.store.reports.add(paul.store.reports.get(report_id)["operation_id"],
                                 {"title": "Route coupée"})  # fmt: skip
    paul.sync_ok()
    assert paul.store.reports.edit_refusal(own["id"]) is None  # its own, pulled back or not
    paul.store.reports.update(own["id"], {"title": "Route coupée à Coursan"})
    paul.sync_ok()


def test_a_refused_change_is_undone_and_the_device_holds_the_server_s_version(vera_report):
    vera, paul, report_id = vera_report
    # A device that pulled before the server named owners (or a role changed on the
    # server since): it cannot foresee the refusal.
    with paul.store.db.transaction() as conn:
        conn.execute("DELETE FROM sync_owners")
    paul.store.reports.update(report_id, {"title": "Digue rompue", "place": "Cuxac"})
    report = paul.sync()
    assert not report.complete and report.rejected == 1
    (refused,) = refused_changes(paul.store.conn)
    assert (refused.entity, refused.row_id, refused.title) == ("report", report_id, "Digue rompue")
    assert set(refused.fields) == {"title", "place"}
    assert "edits only the records it created" in refused.reason
    vera.store.reports.update(report_id, {"severity": 4})  # the server's version moves on
    vera.sync_ok()

    assert paul.client.undo_refused("report", report_id) == "restored"

    assert paul.store.db.outbox_count() == 0 and refused_changes(paul.store.conn) == []
    back = paul.store.reports.get(report_id)
    assert (back["title"], back["place"], back["severity"]) == ("Digue fissurée à Cuxac", "", 4)
    assert paul.store.reports.edit_refusal(report_id) is not None  # the owner is known now
    history = [entry["action"] for entry in paul.store.db.history(report_id)]
    assert history[-1] == "undone"
    status = paul.sync_ok()
    assert status.rejected == 0 and sync_status(paul.store).pending == 0
    assert paul.store.reports.get(report_id)["severity"] == 4  # and it stays the server's


def test_a_refused_new_record_is_removed_when_undone(server, tmp_path):
    vera = Peer(tmp_path, "vera", server.url, enroll(server, "vera", "coordinator"))
    operation = vera.store.operations.create("Crues de l'Aude")["id"]
    vera.sync_ok()
    paul = Peer(tmp_path, "paul", server.url, enroll(server, "paul", "volunteer"))
    try:
        paul.sync_ok()
        with paul.store.db.transaction() as conn:  # a coordinator once, demoted since
            set_state(conn, {"role": "coordinator"})
        template = paul.store.messages.save_template(
            operation, {"key": "flood", "language": "fr", "title": "Crue",
                        "texts": {"sms": "Evitez la D118"}}
        )  # fmt: skip
        assert not paul.sync().complete
        (refused,) = refused_changes(paul.store.conn)
        assert refused.entity == "message_template"
        assert paul.client.undo_refused("message_template", template["id"]) == "removed"
        assert paul.store.db.outbox_count() == 0
        gone = paul.store.conn.execute(
            "SELECT count(*) FROM message_templates WHERE id = ?", [template["id"]]
        ).fetchone()[0]
        assert gone == 0
        paul.sync_ok()
    finally:
        vera.close()
        paul.close()


def test_the_command_line_lists_a_refused_change_and_undoes_it(vera_report, capsys):
    from fieldapp.cli.main import main

    _vera, paul, report_id = vera_report
    with paul.store.db.transaction() as conn:
        conn.execute("DELETE FROM sync_owners")
    paul.store.reports.update(report_id, {"title": "Digue rompue"})
    assert paul.sync().rejected == 1
    home = str(paul.dir)
    paul.close()
    assert main(["--data-dir", home, "sync", "refused"]) == 0
    out = capsys.readouterr().out
    assert f"report {report_id} “Digue rompue”: title — a volunteer edits only" in out
    assert main(["--data-dir", home, "sync", "undo", "report", report_id]) == 2
    assert "add --yes. Nothing was changed." in capsys.readouterr().err
    assert main(["--data-dir", home, "sync", "undo", "report", "no-such-id", "--yes"]) == 2
    assert main(["--data-dir", home, "sync", "undo", "report", report_id, "--yes"]) == 0
    assert "the server's version is back here" in capsys.readouterr().out
    assert main(["--data-dir", home, "sync"]) == 0  # complete: nothing stranded
    with Store(paul.dir) as store:
        assert store.reports.get(report_id)["title"] == "Digue fissurée à Cuxac"
        assert store.db.outbox_count() == 0
