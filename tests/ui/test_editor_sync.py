"""The report open in the editor when a sync round pulls a change of it: reloaded, or, over
unsaved typing, a notice in words with Reload; never the typing overwritten.

Real sync: olga's tablet edits the report and syncs with a real `fieldapp serve` on
loopback; the window's own sync thread then pulls it ("Sync now").
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from ui_synckit import share_report

from fieldapp.core.settings import Settings
from fieldapp.ui.sync.worker import SyncRunner

BASE = {"title": "Shelter at the school", "body": "Room for 40 people.", "severity": 2}


@pytest.fixture
def shared(store, operation, server, tmp_path, monkeypatch):
    monkeypatch.setattr(SyncRunner, "start", lambda self, joined: None)  # only "Sync now"
    made = share_report(store, operation, server, tmp_path / "other", BASE)
    yield made
    made.other.close()


@pytest.fixture
def editor_window(qtbot, make_window, operation, shared):
    """The window with the shared report open in the editor, as after a click in the list."""
    window = make_window(Settings(last_operation_id=operation["id"]))
    window.report_list.select_seq(shared.report["seq"], notify=True)
    qtbot.waitUntil(lambda: window.editor.current_report_id() == shared.report["id"])
    return window


def olga_saves(shared, changes: dict) -> None:
    shared.other.reports.update(shared.report["id"], changes)
    assert shared.there.sync().complete


def sync_now(qtbot, window) -> None:
    with qtbot.waitSignal(window.sync.runner.sync_finished, timeout=30_000):
        assert window.sync.runner.sync_now()


def type_into_text(qtbot, editor, words: str) -> None:
    body = editor.form.widget("body")
    body.setFocus()
    body.moveCursor(body.textCursor().MoveOperation.End)
    qtbot.keyClicks(body, words)


def test_a_pulled_change_of_the_open_report_shows_at_once(qtbot, editor_window, shared):
    editor = editor_window.editor
    olga_saves(shared, {"title": "Shelter at the school: full", "body": "No room left."})
    sync_now(qtbot, editor_window)
    assert editor.form.value("title") == "Shelter at the school: full"
    assert editor.form.value("body") == "No room left."
    assert editor.heading.full_text() == "Report: Shelter at the school: full"
    assert not editor.notice.isVisible()
    assert editor_window.status.currentMessage() == (
        "The open report was reloaded: it changed on the server."
    )


def test_unsaved_typing_is_kept_and_the_user_told_with_a_reload_offered(
    qtbot, editor_window, shared
):
    editor = editor_window.editor
    type_into_text(qtbot, editor, " Blankets needed.")
    olga_saves(shared, {"title": "Shelter at the school: full", "body": "No room left."})
    sync_now(qtbot, editor_window)
    assert editor.form.value("body") == "Room for 40 people. Blankets needed."
    assert editor.notice.isVisible()
    assert editor.notice.label.text().startswith(
        "This report was changed on the server while you were editing it (Title, Text)."
        " You changed Text too: saving keeps your text there."
    )
    qtbot.mouseClick(editor.notice.reload_button, Qt.MouseButton.LeftButton)
    assert editor.form.value("title") == "Shelter at the school: full"
    assert editor.form.value("body") == "No room left."
    assert not editor.notice.isVisible() and not editor.is_dirty()


@pytest.mark.conflict
def test_saving_over_the_notice_keeps_the_typing_and_the_server_change(
    qtbot, editor_window, shared, store
):
    editor = editor_window.editor
    type_into_text(qtbot, editor, " Blankets needed.")
    olga_saves(shared, {"title": "Shelter at the school: full"})
    sync_now(qtbot, editor_window)
    assert editor.notice.isVisible()
    assert "(Title)" in editor.notice.label.text()
    assert editor.form.value("title") == "Shelter at the school"  # stale, and said so
    qtbot.keyClick(editor.form.widget("body"), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = store.reports.get(shared.report["id"])
    assert saved["title"] == "Shelter at the school: full"
    assert saved["body"] == "Room for 40 people. Blankets needed."
    assert editor.form.value("title") == "Shelter at the school: full"
    assert not editor.notice.isVisible()


def test_the_open_report_deleted_on_another_device_is_closed_and_said(qtbot, editor_window, shared):
    shared.other.reports.delete(shared.report["id"])
    assert shared.there.sync().complete
    sync_now(qtbot, editor_window)
    assert editor_window.editor.current_report() is None
    assert editor_window.status.currentMessage() == (
        "The report you had open was deleted on another device."
    )
