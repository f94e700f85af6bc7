"""A change the server refused for good is listed in the sync panel with its reason, and
*Undo my change* takes the server's version back: the outbox empties and the window
shows the server's value. A real `fieldapp serve` on loopback."""

from __future__ import annotations

from ui_synckit import code_for

from fieldapp.core.settings import Settings
from fieldapp.store import Store
from fieldapp.sync.client.session import SyncClient, join
from fieldapp.sync.server import accounts
from fieldapp.ui.sync.worker import SyncRunner


def test_undo_my_change_takes_the_server_s_version_back(
    qtbot, make_window, store, server, tmp_path, monkeypatch
):
    monkeypatch.setattr(SyncRunner, "start", lambda self, joined: None)  # rounds by hand
    with Store(tmp_path / "olga", user="olga") as olga:
        join(olga, server.url, code_for(server, "olga"), "olga's tablet")
        operation = olga.operations.create("Crues de l'Aude")["id"]
        report = olga.reports.add(operation, {"title": "Digue fissurée à Cuxac"})
        assert SyncClient(olga).sync().complete
    accounts.add_user(server.db, "tester", "volunteer")
    join(store, server.url, code_for(server, "tester"), "laptop")
    here = SyncClient(store, backoff_s=0.01)
    assert here.sync().complete
    with store.db.transaction() as conn:  # pulled before the server named owners
        conn.execute("DELETE FROM sync_owners")
    store.reports.update(report["id"], {"title": "Digue rompue"})
    assert here.sync().rejected == 1

    window = make_window(Settings(last_operation_id=operation))
    panel = window.sync.panel
    window.sync.show_panel()
    assert panel.refused_button.isVisible()
    assert panel.refused_button.text() == "Changes the server refused: 1"
    panel.refused_button.click()
    dialog = panel.refused_dialog
    assert dialog.model.rowCount() == 1
    cells = [dialog.model.index(0, c).data() for c in range(3)]
    assert cells[0] == "Report: Digue rompue" and cells[1] == "title"
    assert cells[2] == "only the person who created it, or a coordinator, may change it"
    assert dialog.minimumSizeHint().width() <= 1024 and dialog.minimumSizeHint().height() <= 600
    asked = []
    monkeypatch.setattr(
        "fieldapp.ui.sync.refused_dialog.confirm", lambda *args: asked.append(args) or True
    )
    with qtbot.waitSignal(window.sync.runner.undo_finished, timeout=30_000) as done:
        dialog.undo_button.click()
    assert done.args == [True, "restored"] and len(asked) == 1
    assert dialog.model.rowCount() == 0
    assert store.db.outbox_count() == 0
    assert store.reports.get(report["id"])["title"] == "Digue fissurée à Cuxac"
    assert not panel.refused_button.isVisible()
    assert panel.pending_value.text().startswith("0 change")
