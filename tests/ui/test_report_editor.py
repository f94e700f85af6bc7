"""The report editor: validation next to the fields, keyboard use, history, delete."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from fieldapp.reports.query import ReportQuery

CTRL = Qt.KeyboardModifier.ControlModifier


def activate(qtbot, window) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def open_first(qtbot, window) -> dict:
    """Select the first report of the list, as a click would."""
    window.report_list.view.selectRow(0)
    qtbot.waitUntil(lambda: window.editor.current_report() is not None)
    return window.editor.current_report()


def count_reports(store, operation) -> int:
    return store.reports.count(ReportQuery(operation["id"]))


def test_selecting_a_report_opens_it_in_the_editor(qtbot, window):
    report = open_first(qtbot, window)
    form = window.editor.form
    assert form.value("title") == report["title"]
    assert form.value("kind") == report["kind"]
    assert not window.editor.is_dirty()


@pytest.mark.parametrize(
    ("field", "text", "message"),
    [
        ("title", "", "This field is required."),
        ("lat", "100", "Must be between -90 and 90."),
        ("severity", "9", "Enter a whole number from 1 to 5."),
        ("lat", "north", "Enter a number, e.g. 43.8367."),
        ("observed_at", "yesterday", "Enter a date and time like 2026-11-28 14:05 (UTC)."),
    ],
)
def test_bad_values_are_refused_next_to_the_field_and_nothing_is_saved(
    qtbot, window, store, field, text, message
):
    report = open_first(qtbot, window)
    outbox_before = store.db.outbox_count()
    editor = window.editor
    widget = editor.form.widget(field)
    widget.clear()
    qtbot.keyClicks(widget, text)
    if field == "lat":  # a latitude needs a longitude, or the longitude is flagged too
        qtbot.keyClicks(editor.form.widget("lon"), "4.36")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.form.error_text(field) == message
    assert widget.property("invalid") is True
    assert editor.error_summary.isVisible()
    assert store.db.outbox_count() == outbox_before
    assert store.reports.get(report["id"]) == report
    assert widget.hasFocus() or not window.isActiveWindow()


def test_several_bad_fields_are_all_flagged_at_once(qtbot, window, store):
    open_first(qtbot, window)
    form = window.editor.form
    form.widget("title").clear()
    qtbot.keyClicks(form.widget("severity"), "9")  # appended: "59" or similar
    form.widget("lat").setText("100")
    form.widget("lon").setText("4")
    assert not window.editor.save()
    assert form.error_text("title") and form.error_text("severity") and form.error_text("lat")
    assert form.error_text("lon") is None


def test_fixing_the_field_clears_the_message_on_save(qtbot, window, store):
    report = open_first(qtbot, window)
    form = window.editor.form
    form.widget("title").clear()
    assert not window.editor.save()
    qtbot.keyClicks(form.widget("title"), "Bridge reopened")
    assert window.editor.save()
    assert form.error_text("title") is None
    assert store.reports.get(report["id"])["title"] == "Bridge reopened"


def test_ctrl_s_saves_with_the_keyboard_only(qtbot, window, store):
    activate(qtbot, window)
    report = open_first(qtbot, window)
    before = store.db.outbox_count()
    title = window.editor.form.widget("title")
    title.setFocus()
    qtbot.keyClick(title, Qt.Key.Key_End)
    qtbot.keyClicks(title, " (update)")
    with qtbot.waitSignal(window.editor.report_saved):
        qtbot.keyClick(title, Qt.Key.Key_S, CTRL)
    assert store.reports.get(report["id"])["title"] == report["title"] + " (update)"
    assert store.db.outbox_count() == before + 1
    qtbot.waitUntil(lambda: report["title"] + " (update)" in titles_now(window))


def titles_now(window) -> list[str]:
    model = window.report_model
    return [model.report_at(row)["title"] for row in range(model.rowCount())]


def test_ctrl_n_writes_a_new_report_and_ctrl_s_saves_it(qtbot, window, store, operation):
    activate(qtbot, window)
    window.report_list.view.setFocus()
    qtbot.keyClick(window.report_list.view, Qt.Key.Key_N, CTRL)
    title = window.editor.form.widget("title")
    assert title.hasFocus()
    qtbot.keyClicks(title, "Landslide on the D906")
    qtbot.keyClick(title, Qt.Key.Key_Tab)
    qtbot.keyClicks(window.editor.form.widget("body"), "Road blocked both ways")
    with qtbot.waitSignal(window.editor.report_saved):
        qtbot.keyClick(title, Qt.Key.Key_S, CTRL)
    assert count_reports(store, operation) == 6
    saved = window.editor.current_report()
    assert saved["body"] == "Road blocked both ways"
    assert saved["author"] == "tester"
    qtbot.waitUntil(lambda: window.report_list.current_report_id() == saved["id"])


def test_escape_cancels_a_new_report(qtbot, window, store, operation):
    activate(qtbot, window)
    shown = open_first(qtbot, window)
    qtbot.keyClick(window.report_list.view, Qt.Key.Key_N, CTRL)
    title = window.editor.form.widget("title")
    assert window.editor.current_report() is None
    qtbot.keyClick(title, Qt.Key.Key_Escape)
    assert window.editor.current_report_id() == shown["id"]
    assert window.report_list.current_report_id() == shown["id"]
    assert count_reports(store, operation) == 5


def test_escape_with_changes_asks_before_dropping_them(qtbot, window, monkeypatch):
    activate(qtbot, window)
    report = open_first(qtbot, window)
    title = window.editor.form.widget("title")
    title.setFocus()
    qtbot.keyClicks(title, " typo")
    asked = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda *args, **kw: asked.append(args) or QMessageBox.StandardButton.Yes,
    )
    qtbot.keyClick(title, Qt.Key.Key_Escape)
    [(_parent, heading, question, *_buttons)] = asked
    assert heading == "Discard changes"
    assert question == "Discard the changes you made to this report?"
    assert window.editor.form.value("title") == report["title"]


def test_duplicate_needs_an_existing_original(qtbot, window, store, reports):
    open_first(qtbot, window)
    form = window.editor.form
    form.combo("status").setCurrentIndex(form.combo("status").findData("duplicate"))
    assert form.widget("duplicate_of").isEnabled()
    assert not window.editor.save()
    assert form.error_text("duplicate_of") == "Say which report this one duplicates."
    form.widget("duplicate_of").setText("no-such-id")
    assert not window.editor.save()
    assert form.error_text("duplicate_of") == "No report with this id in this operation."
    form.widget("duplicate_of").setText(reports[0]["id"])
    assert window.editor.save()


def test_the_original_is_found_by_its_words_and_picked_with_the_keyboard(
    qtbot, window, store, reports
):
    opened = open_first(qtbot, window)
    form = window.editor.form
    form.combo("status").setCurrentIndex(form.combo("status").findData("duplicate"))
    field = form.widget("duplicate_of")
    field.setFocus()
    qtbot.keyClicks(field, "bridge gardon")
    picker = window.editor.duplicate_picker
    qtbot.waitUntil(lambda: picker.suggestions() != [])
    (line,) = picker.suggestions()  # one match; the report being edited is never offered
    assert line.startswith("Bridge over the Gardon closed · Remoulins · 20")
    popup = picker._completer.popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    original = reports[0]
    assert opened["id"] != original["id"]
    assert form.value("duplicate_of") == original["id"]
    assert "Bridge over the Gardon closed" in field.toolTip()
    assert window.editor.save()
    assert store.reports.get(opened["id"])["duplicate_of"] == original["id"]


def test_history_tab_shows_an_edit(qtbot, window):
    report = open_first(qtbot, window)
    form = window.editor.form
    form.widget("severity").setText("1" if report["severity"] != 1 else "2")
    assert window.editor.save()
    history = window.editor.history.history_model
    assert history.rowCount() == 2
    newest = history.index(0, 2).data()
    assert newest.startswith("Severity: ")
    assert "→" in newest
    assert history.index(0, 1).data() == "tester"
    assert history.index(1, 2).data() == "Created the report"


def test_delete_asks_then_removes_the_report_from_the_list(
    qtbot, window, store, operation, monkeypatch
):
    report = open_first(qtbot, window)
    asked = []

    def no(parent, heading, question, *buttons):
        asked.append((heading, question))
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", no)
    assert not window.editor.delete()
    assert asked == [
        ("Delete report", f"Delete the report “{report['title']}”? Its history is kept.")
    ]
    assert count_reports(store, operation) == 5
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(window.report_model.results_loaded):
        assert window.editor.delete()
    assert count_reports(store, operation) == 4
    assert report["title"] not in titles_now(window)
    assert not window.editor.is_editing()


def test_verdict_is_signed_by_the_user(qtbot, window, store):
    report = open_first(qtbot, window)
    form = window.editor.form
    target = "debunked" if report["verification"] != "debunked" else "confirmed"
    form.combo("verification").setCurrentIndex(form.combo("verification").findData(target))
    assert window.editor.save()
    assert form.value("verified_by") == "tester"
    assert form.value("verified_at") != ""


def test_exercise_operation_shows_the_banner_in_the_editor(qtbot, make_window, store):
    from fieldapp.core.settings import Settings

    drill = store.operations.create("Drill", exercise=True)
    store.reports.add(drill["id"], {"title": "Simulated flood"})
    window = make_window(Settings(last_operation_id=drill["id"]))
    open_first(qtbot, window)
    assert window.editor.banner.isVisible()
    assert "EXERCISE" in window.editor.banner.text()


def test_delete_key_in_the_list_deletes_after_confirmation(
    qtbot, window, store, operation, monkeypatch
):
    activate(qtbot, window)
    report = open_first(qtbot, window)
    view = window.report_list.view
    view.setFocus()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert count_reports(store, operation) == 4
    qtbot.waitUntil(lambda: report["title"] not in titles_now(window))


def test_settings_dialog_changes_the_name_that_signs_new_reports(
    qtbot, window, store, operation, monkeypatch, data_dir
):
    from fieldapp.core.settings import Settings
    from fieldapp.ui.kit import dialogs

    def choose(dialog):
        dialog.user_edit.setText("Camille (F4ABC)")
        return 1

    monkeypatch.setattr(dialogs.SettingsDialog, "exec", choose)
    window.chrome.settings_action.trigger()
    assert Settings.load(data_dir).user_name == "Camille (F4ABC)"
    window.chrome.new_report_action.trigger()
    window.editor.form.widget("title").setText("Signed report")
    assert window.editor.save()
    assert window.editor.current_report()["author"] == "Camille (F4ABC)"


def answer_next_question(button_text: str) -> dict:
    """Waits (from the event loop the question runs) for the next message box, notes
    what it says and its buttons, then clicks the button showing `button_text`."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    seen: dict = {}

    def look() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, look)
            return
        buttons = {b.text().replace("&", ""): b for b in box.buttons()}
        seen.update(title=box.windowTitle(), text=box.text(), buttons=sorted(buttons))
        buttons[button_text].click()

    QTimer.singleShot(0, look)
    return seen


def test_in_french_the_delete_question_and_its_buttons_are_french(
    qtbot, window, store, operation, languages
):
    report = open_first(qtbot, window)
    languages.apply("fr")
    seen = answer_next_question("Non")
    assert not window.editor.delete()
    assert seen == {
        "title": "Supprimer le rapport",
        "text": f"Supprimer le rapport « {report['title']} » ? Son historique est conservé.",
        "buttons": ["Non", "Oui"],
    }
    assert count_reports(store, operation) == 5
