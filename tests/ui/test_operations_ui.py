"""Operations: choosing one, creating one, the EXERCISE banner, the status bar."""

from __future__ import annotations

from fieldapp.core.settings import Settings
from fieldapp.ui.kit import dialogs


def test_real_operation_has_no_exercise_banner(window):
    assert not window.banner.isVisible()
    assert "EXERCISE" not in window.windowTitle()
    assert window.windowTitle().startswith("Gard floods")


def test_exercise_operation_shows_a_loud_banner_and_title(make_window, store):
    drill = store.operations.create("Rhône drill", exercise=True)
    window = make_window(Settings(last_operation_id=drill["id"]))
    assert window.banner.isVisible()
    assert window.banner.text().startswith("EXERCISE — EXERCISE")
    assert window.windowTitle().startswith("EXERCISE — Rhône drill")
    index = window.chrome.operation_combo.currentIndex()
    assert window.chrome.operation_combo.itemText(index) == "EXERCISE · Rhône drill"


def test_switching_operation_shows_its_reports_and_is_remembered(qtbot, window, store, data_dir):
    drill = store.operations.create("Rhône drill", exercise=True)
    store.reports.add(drill["id"], {"title": "Simulated dyke breach"})
    qtbot.waitUntil(lambda: window.status.outbox_count() is not None)  # first read done
    window.chrome.set_operations(store.operations.list(), window.operation)
    combo = window.chrome.operation_combo
    index = combo.findData(drill["id"])
    combo.setCurrentIndex(index)
    combo.activated.emit(index)
    qtbot.waitUntil(lambda: window.report_model.rowCount() == 1)
    assert window.report_model.report_at(0)["title"] == "Simulated dyke breach"
    assert window.banner.isVisible()
    assert Settings.load(data_dir).last_operation_id == drill["id"]


def test_new_operation_dialog_creates_and_opens_it(qtbot, window, store, monkeypatch):
    def fill_and_accept(dialog):
        dialog.name_edit.setText("Storm Ciarán")
        dialog.description_edit.setPlainText("Wind damage on the coast")
        dialog.exercise_check.setChecked(True)
        return 1

    monkeypatch.setattr(dialogs.NewOperationDialog, "exec", fill_and_accept)
    created = window.new_operation()
    assert created["name"] == "Storm Ciarán" and created["exercise"]
    assert window.operation["id"] == created["id"]
    assert window.banner.isVisible()
    assert (
        window.report_model.rowCount() == 0
        or window.report_model.query.operation_id == (created["id"])
    )
    names = [op["name"] for op in store.operations.list()]
    assert "Storm Ciarán" in names


def test_new_operation_needs_a_name(qtbot):
    dialog = dialogs.NewOperationDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    below = dialog.description_edit.y()
    dialog.buttons.accepted.emit()
    assert dialog.error_label.text() == "An operation needs a name."
    assert dialog.result() == 0
    assert dialog.description_edit.y() == below  # the space was kept: nothing jumps
    qtbot.keyClicks(dialog.name_edit, "Crues")
    assert dialog.error_label.text() == ""  # a name is there now: the error goes
    assert dialog.description_edit.y() == below


def test_first_start_invites_to_create_an_operation(make_window):
    window = make_window(Settings())
    assert window.empty_page.isVisible()
    assert not window.splitter.isVisible()
    assert not window.chrome.new_report_action.isEnabled()


def test_status_bar_says_offline_and_counts_unsent_changes(qtbot, window, store):
    status = window.status
    assert status.connection_label.text() == "Offline — sync not set up"
    qtbot.waitUntil(lambda: status.outbox_count() == store.db.outbox_count())
    before = status.outbox_count()
    window.report_list.view.selectRow(0)
    qtbot.waitUntil(lambda: window.editor.current_report() is not None)
    window.editor.form.widget("place").setText("Beaucaire")
    assert window.editor.save()
    qtbot.waitUntil(lambda: status.outbox_count() == before + 1)  # announced after the save
    assert status.outbox_label.text().startswith(f"Not sent yet: {before + 1} (oldest ")


def test_a_volunteer_device_is_told_at_once_that_the_server_takes_no_new_operation(
    qtbot, window, store, monkeypatch
):
    from fieldapp.core.bookkeeping import set_state

    with store.db.transaction() as conn:  # what joining a server as a volunteer records
        set_state(conn, {"url": "https://sync.example.org/api/v1", "user": "vera",
                         "role": "volunteer", "device_id": "d1"})  # fmt: skip
    shown: list[str] = []

    def fill_then_read_the_error(dialog):
        if dialog.error_label.text():
            shown.append(dialog.error_label.text())
            return 0  # the user cancels after reading it
        dialog.name_edit.setText("My own operation")
        return 1

    monkeypatch.setattr(dialogs.NewOperationDialog, "exec", fill_then_read_the_error)
    before = store.db.outbox_count()
    assert window.new_operation() is None
    assert shown and shown[0].startswith("The sync server this computer joined does not accept")
    assert "My own operation" not in [op["name"] for op in store.operations.list()]
    assert store.db.outbox_count() == before
