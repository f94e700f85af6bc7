"""The exercise desk edits its scenario in the window: an inject written on the fly and
released by the clock, a bad edit refused beside its field with nothing saved, what was
played shown read-only, a pending inject deleted, scenario files imported (a bad one names
its row and column, nothing imported) and exported; what each player did after an
inject; observers' notes about a player, linked to an inject or none, from a controller's
or a player's laptop; reset and replay from the window; every dialog fits 1024x600."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from fieldapp.core.errors import NotFoundError
from fieldapp.core.settings import Settings
from fieldapp.exercises.msel import read_xlsx
from fieldapp.exercises.release import release
from fieldapp.store import Store

INJECTS = [
    {"number": "1", "at_s": 0, "channel": "social", "content": "Le Gardon déborde à Anduze"},
    {"number": "2", "at_s": 3600, "channel": "sms", "content": "Plus d'eau à Lézan"},
    {"number": "3", "at_s": 7200, "channel": "radio", "content": "NEED SANDBAGS"},
]


@pytest.fixture
def drill(store):
    operation = store.operations.create("Exercice crue", exercise=True)
    store.injects.add_many(operation["id"], INJECTS)
    return operation


def open_desk(qtbot, make_window, drill, rows: int = 3):
    window = make_window(Settings(last_operation_id=drill["id"]))
    qtbot.waitUntil(lambda: window.exercises is not None, timeout=10_000)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keyClick(window.report_list.view, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.exercises._desk is not None)
    desk = window.exercises._desk
    qtbot.waitUntil(lambda: desk.model.rowCount() == rows, timeout=10_000)
    return desk


@pytest.fixture
def desk(qtbot, make_window, drill):
    return open_desk(qtbot, make_window, drill)


def statuses(desk) -> list[str]:
    return [desk.model.index(row, 3).data() for row in range(desk.model.rowCount())]


def test_a_new_inject_written_on_the_fly_is_released_by_the_clock(qtbot, desk, store, drill):
    desk.activateWindow()
    qtbot.waitUntil(desk.isActiveWindow)
    QTest.keyClick(desk.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: desk.scenario.inject_dialog is not None)
    dialog = desk.scenario.inject_dialog
    assert dialog.edits["number"].text() == "4"  # the next free number
    assert dialog.edits["at_s"].text() == "T+00:00"  # the clock's now
    assert dialog.windowTitle().startswith("EXERCISE")
    dialog.edits["at_s"].setText("T+00:01")
    dialog.channel_combo.setCurrentIndex(dialog.channel_combo.findData("phone"))
    dialog.edits["sender"].setText("Mme Roux")
    dialog.edits["content"].setPlainText("Famille sur le toit, chemin des Prés")
    dialog.edits["details"].setPlainText("severity=5\nlat=43.89\nlon=4.68")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    qtbot.waitUntil(lambda: desk.scenario.inject_dialog is None)  # saved and closed
    qtbot.waitUntil(lambda: desk.model.rowCount() == 4, timeout=10_000)
    assert [desk.model.index(r, 0).data() for r in range(4)] == ["1", "4", "2", "3"]
    desk.speed_combo.setCurrentIndex(desk.speed_combo.findData(60))
    desk.speed_combo.activated.emit(desk.speed_combo.currentIndex())
    desk.start_button.click()
    qtbot.waitUntil(lambda: statuses(desk)[1] == "Released", timeout=15_000)
    assert statuses(desk)[2:] == ["Pending", "Pending"]
    new = next(i for i in store.injects.list(drill["id"]) if i["number"] == "4")
    report = store.reports.get(new["delivered"][0]["id"])
    assert (report["source"], report["severity"], report["lat"]) == ("phone", 5, 43.89)
    desk.pause_button.click()


def test_an_edit_with_a_bad_time_keeps_the_dialog_open_and_saves_nothing(qtbot, desk, store, drill):
    before = store.injects.list(drill["id"])
    desk.view.setFocus()
    desk.view.selectRow(1)
    QTest.keyClick(desk.view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: desk.scenario.inject_dialog is not None)
    dialog = desk.scenario.inject_dialog
    assert dialog.edits["content"].toPlainText() == "Plus d'eau à Lézan"
    dialog.edits["at_s"].setText("dix heures")
    dialog.edits["content"].setPlainText("Plus d'eau potable à Lézan")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.isVisible()
    assert "T+00:15" in dialog.error_text("at_s")
    assert store.injects.list(drill["id"]) == before  # nothing saved
    dialog.edits["at_s"].setText("T+01:10")
    dialog.edits["number"].setText("3")  # another inject's: the core says no
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.isVisible() and dialog.error_text("at_s") == ""
    assert dialog.error_text("number") == "Another inject of this exercise has this number."
    assert store.injects.list(drill["id"]) == before
    dialog.edits["number"].setText("2")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    qtbot.waitUntil(lambda: desk.scenario.inject_dialog is None)  # saved and closed
    edited = store.injects.get(before[1]["id"])
    assert (edited["at_s"], edited["content"]) == (4200, "Plus d'eau potable à Lézan")
    qtbot.waitUntil(lambda: desk.model.index(1, 1).data() == "T+01:10", timeout=10_000)


def test_what_was_played_opens_read_only_and_a_pending_inject_is_deleted(qtbot, desk, store, drill):
    first, _second, _third = store.injects.list(drill["id"])
    release(store, first["id"])
    qtbot.waitUntil(lambda: statuses(desk)[0] == "Released", timeout=10_000)
    desk.view.selectRow(0)
    desk.view.activated.emit(desk.model.index(0, 0))  # a double click
    dialog = desk.scenario.inject_dialog
    assert dialog.save is None and dialog.edits["content"].isReadOnly()
    assert not dialog.channel_combo.isEnabled()
    assert "already played" in dialog.windowTitle()
    dialog.reject()
    desk.scenario.ask = lambda _title, question: "inject 3" in question
    desk.view.setFocus()
    desk.view.selectRow(2)
    QTest.keyClick(desk.view, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: desk.model.rowCount() == 2, timeout=10_000)
    assert [i["number"] for i in store.injects.list(drill["id"])] == ["1", "2"]
    desk.view.selectRow(0)
    desk.scenario.delete_action.trigger()  # released: it stays
    assert "already played" in desk.problem.text()
    assert len(store.injects.list(drill["id"])) == 2


BAD_CSV = "Inject #,Scheduled Time,Inject Mode,Message\n5,T+00:10,SMS,Eau\n6,bientôt,SMS,Cave\n"
GOOD_CSV = "Inject #,Scheduled Time,Inject Mode,Message\n5,T+00:10,SMS,Eau\n6,T+00:20,Radio,Pont\n"


def test_a_bad_scenario_file_names_its_row_and_column_and_nothing_is_imported(
    qtbot, desk, store, drill, tmp_path
):
    bad = tmp_path / "bad.csv"
    bad.write_text(BAD_CSV, encoding="utf-8")
    desk.scenario.import_path(bad)
    qtbot.waitUntil(lambda: desk.problem.isVisible(), timeout=10_000)
    assert "nothing was imported" in desk.problem.text()
    assert "bad.csv, row 3, column “Scheduled Time”" in desk.problem.text()
    assert len(store.injects.list(drill["id"])) == 3
    good = tmp_path / "good.csv"
    good.write_text(GOOD_CSV, encoding="utf-8")
    desk.scenario.import_path(good)
    qtbot.waitUntil(lambda: desk.model.rowCount() == 5, timeout=10_000)
    assert not desk.problem.isVisible()
    out = tmp_path / "scenario.xlsx"
    desk.scenario.export_path(out)
    qtbot.waitUntil(out.exists, timeout=10_000)
    scenario = read_xlsx(out.read_bytes(), source=out.name)
    assert scenario.title == "EXERCISE — Exercice crue"
    assert [i.number for i in scenario.injects] == ["1", "5", "6", "2", "3"]


def test_the_actions_pane_lists_what_each_player_did(qtbot, desk, store, drill, plurals):
    first = store.injects.list(drill["id"])[0]
    store.clocks.start(drill["id"])
    (post,) = release(store, first["id"])
    time.sleep(0.02)
    with Store(store.data_dir, user="paul") as paul:
        paul.items.set_status([post["id"]], "rumour")
    time.sleep(0.02)
    with Store(store.data_dir, user="lea") as lea:
        lea.items.set_status([post["id"]], "dismissed")
    desk.refresh()
    qtbot.waitUntil(lambda: statuses(desk)[0].startswith("Answered after"), timeout=10_000)
    desk.view.selectRow(0)
    pane = desk.actions_pane
    qtbot.waitUntil(lambda: pane.model.rowCount() == 2, timeout=10_000)
    rows = [[pane.model.index(r, c).data() for c in range(4)] for r in range(2)]
    assert [(r[2], r[3]) for r in rows] == [
        ("paul", "Post, status: rumour"),
        ("lea", "Post, status: dismissed"),
    ]
    # the wall time as lists show times: "2026-12-06 10:42:05" (ISO, local time)
    assert all(r[0].startswith("T+00:00") and len(r[1]) == 19 and r[1][10] == " " for r in rows)
    assert "2 actions by 2 players" in pane.heading.text()
    desk.view.selectRow(1)  # pending: nobody could act yet
    qtbot.waitUntil(lambda: pane.model.rowCount() == 0)
    assert "not released yet" in pane.heading.text()


def test_the_timeline_says_when_a_player_first_opened_an_inject(qtbot, desk, store, drill):
    from fieldapp.core.bookkeeping import set_state

    first = store.injects.list(drill["id"])[0]
    (post,) = release(store, first["id"])
    desk.refresh()
    qtbot.waitUntil(lambda: statuses(desk)[0] == "Released", timeout=10_000)
    with store.db.transaction() as conn:  # the player's laptop, as joined to the server
        set_state(conn, {"role": "volunteer"})
    with Store(store.data_dir, user="paul") as paul:
        receipt = paul.receipts.saw("item", post["id"])
    with store.db.transaction() as conn:  # back to the controller's laptop
        set_state(conn, {"role": ""})
    assert receipt is not None
    desk.refresh()
    qtbot.waitUntil(lambda: statuses(desk)[0].startswith("Seen after "), timeout=10_000)
    desk.view.selectRow(0)
    at = f"{receipt['seen_at'][:10]} {receipt['seen_at'][11:16]} UTC"
    assert f"First opened by paul at {at}" in desk.detail.toPlainText()
    with Store(store.data_dir, user="paul") as paul:
        paul.items.set_status([post["id"]], "rumour")
    desk.refresh()
    qtbot.waitUntil(lambda: statuses(desk)[0].startswith("Answered after "), timeout=10_000)


def test_a_note_about_a_player_is_stored_with_it(qtbot, desk, store, drill):
    first = store.injects.list(drill["id"])[0]
    (post,) = release(store, first["id"])
    with Store(store.data_dir, user="paul") as paul:
        paul.items.set_status([post["id"]], "rumour")
    desk.refresh()
    pane = desk.notes_pane
    qtbot.waitUntil(lambda: pane.player_combo.findText("paul") >= 0, timeout=10_000)
    assert pane.player_combo.findText("tester") < 0  # the controller is no player
    desk.view.selectRow(0)
    assert pane.about_combo.currentData() == first["id"]
    pane.player_combo.setEditText("paul")
    pane.text_edit.setText("A classé la rumeur sans vérifier")
    pane.add_button.click()
    pane.about_combo.setCurrentIndex(0)  # general
    pane.player_combo.setEditText("")
    pane.text_edit.setText("Salle bruyante")
    QTest.keyClick(pane.text_edit, Qt.Key.Key_Return)
    notes = store.notes.list(drill["id"])
    assert [(n["player"], n["inject_id"], n["text"]) for n in notes] == [
        ("paul", first["id"], "A classé la rumeur sans vérifier"),
        ("", None, "Salle bruyante"),
    ]
    qtbot.waitUntil(lambda: pane.model.rowCount() == 2, timeout=10_000)
    assert [pane.model.index(0, c).data() for c in (1, 2)] == ["1", "paul"]
    assert [pane.model.index(1, c).data() for c in (1, 2, 4)] == ["general", "", "tester"]
    assert pane.text_edit.text() == ""


def test_on_a_player_s_laptop_the_desk_says_whose_the_scenario_is_and_takes_notes(
    qtbot, make_window, store
):
    drill = store.operations.create("Exercice crue", exercise=True)
    store.db.conn.execute(
        "INSERT OR REPLACE INTO sync_state(key, value) VALUES ('role', 'volunteer')"
    )
    store.db.conn.commit()
    desk = open_desk(qtbot, make_window, drill, rows=0)
    qtbot.waitUntil(lambda: desk.player_note.isVisible(), timeout=10_000)
    assert "scenario is the controllers'" in desk.player_note.text()
    assert not desk.scenario.new_action.isEnabled()
    assert not desk.scenario.reset_action.isEnabled() and not desk.start_button.isEnabled()
    pane = desk.notes_pane
    assert pane.about_combo.count() == 1  # general only: no scenario here
    pane.player_combo.setEditText("lea")
    pane.text_edit.setText("Léa relaie l'alerte sans la marquer EXERCICE")
    pane.add_button.click()
    (note,) = store.notes.list(drill["id"])
    assert (note["player"], note["inject_id"]) == ("lea", None)


def test_reset_from_the_window_archives_clears_and_shows_run_2(qtbot, desk, store, drill, tmp_path):
    first = store.injects.list(drill["id"])[0]
    (post,) = release(store, first["id"])
    with Store(store.data_dir, user="paul") as paul:
        paul.items.set_status([post["id"]], "rumour")
    store.notes.add(drill["id"], "Tri rapide", inject_id=first["id"], player="paul")
    qtbot.waitUntil(lambda: statuses(desk)[0] != "Pending", timeout=10_000)
    assert desk.clock_label.text().startswith("Run 1")
    desk.scenario.reset_action.trigger()
    flow = desk.scenario.reset_flow
    qtbot.waitUntil(lambda: flow.dialog is not None and flow.dialog.isVisible(), timeout=10_000)
    dialog = flow.dialog
    summary = dialog.summary.text()
    assert "Run 1 of the exercise Exercice crue will be archived" in summary
    assert "Posts in the monitoring queue: 1" in summary and "Observers' notes: 1" in summary
    assert "shows run 2" in summary
    assert dialog.path_edit.text().endswith(".db") and "backups" in dialog.path_edit.text()
    assert dialog.cancel_button.isDefault()
    archive = tmp_path / "archives" / "run1.db"
    dialog.path_edit.setText(str(archive))
    dialog.reset_button.click()
    qtbot.waitUntil(lambda: desk.clock_label.text().startswith("Run 2"), timeout=15_000)
    assert archive.exists()
    assert statuses(desk) == ["Pending"] * 3
    assert store.notes.list(drill["id"]) == []
    with pytest.raises(NotFoundError):
        store.items.get(post["id"])  # the players' data is cleared
    qtbot.waitUntil(lambda: desk.runs_model.rowCount() == 1, timeout=10_000)
    assert [desk.runs_model.index(0, c).data() for c in (0, 2, 3)] == ["1", "1 of 1", "run1.db"]
    assert "run 2 is ready" in desk.statusBar().currentMessage()


def test_the_desk_and_its_dialogs_fit_1024x600(qtbot, desk, store, drill):
    desk.resize(1024, 600)
    for widget in (desk, desk.scenario.new_inject()):
        hint = widget.minimumSizeHint()
        assert hint.width() <= 1024 and hint.height() <= 600, widget
    desk.scenario.inject_dialog.close()
    desk.scenario.reset_action.trigger()
    flow = desk.scenario.reset_flow
    qtbot.waitUntil(lambda: flow.dialog is not None, timeout=10_000)
    hint = flow.dialog.minimumSizeHint()
    assert hint.width() <= 1024 and hint.height() <= 600
    flow.dialog.reject()


def test_a_reset_cancelled_from_its_progress_changes_nothing(qtbot, desk, store, drill, tmp_path):
    import threading

    from PySide6.QtWidgets import QPushButton

    from fieldapp.ui.kit.taskman import Lane

    first = store.injects.list(drill["id"])[0]
    release(store, first["id"])
    qtbot.waitUntil(lambda: statuses(desk)[0] == "Released", timeout=10_000)
    desk.scenario.reset_action.trigger()
    flow = desk.scenario.reset_flow
    qtbot.waitUntil(lambda: flow.dialog is not None and flow.dialog.isVisible(), timeout=10_000)
    flow.dialog.path_edit.setText(str(tmp_path / "run1.db"))
    gate = threading.Event()
    desk.tasks.submit(lambda _ctx: gate.wait(10), lane=Lane.WRITES)  # the lane is busy
    flow.dialog.reset_button.click()
    assert flow.progress is not None and flow.progress.isVisible()
    flow.progress.findChild(QPushButton).click()  # its Cancel button
    gate.set()
    qtbot.waitUntil(lambda: "Reset cancelled" in desk.problem.text(), timeout=10_000)
    assert flow.progress is None
    assert store.runs.list(drill["id"]) == [] and statuses(desk)[0] == "Released"
    assert desk.clock_label.text().startswith("Run 1")
