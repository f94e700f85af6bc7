"""Photos: dropped or chosen files are attached in the background and shown as thumbnails."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QImage
from PySide6.QtWidgets import QApplication

from fieldapp.reports.query import ReportQuery


def make_photo(folder: Path, name: str = "flood.png") -> Path:
    image = QImage(640, 480, QImage.Format.Format_RGB32)
    image.fill(QColor("#1565c0"))
    path = folder / name
    assert image.save(str(path))
    return path


def drag_enter(point: QPointF, mime: QMimeData) -> QDragEnterEvent:
    return QDragEnterEvent(
        point.toPoint(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )


def drop_files(widget, paths: list[Path]) -> bool:
    """Drag files over the widget and drop them, as a file manager would."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    point = QPointF(widget.rect().center())
    action = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(
        point.toPoint(), action, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(widget, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(
        point, action, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(widget, drop)
    return drop.isAccepted()


def open_first(qtbot, window) -> dict:
    window.report_list.view.selectRow(0)
    qtbot.waitUntil(lambda: window.editor.current_report() is not None)
    return window.editor.current_report()


def test_a_dropped_photo_is_attached_and_its_thumbnail_appears(qtbot, window, store, tmp_path):
    report = open_first(qtbot, window)
    editor = window.editor
    before = store.db.outbox_count()
    with qtbot.waitSignal(editor.attachments_changed, timeout=10_000):
        assert drop_files(editor, [make_photo(tmp_path)])
    model = editor.attachments.model
    assert model.thumbnail_count() == 1
    item = model.items()[0]
    assert item.filename == "flood.png" and item.thumb_path.exists()
    icon = model.index(0, 0).data(Qt.ItemDataRole.DecorationRole)
    assert not icon.isNull()
    assert [a["filename"] for a in store.attachments.list(report["id"])] == ["flood.png"]
    assert editor.tabs.currentWidget() is editor.attachments
    qtbot.waitUntil(lambda: window.status.outbox_count() == before + 1)


def test_dropping_nothing_but_text_is_refused(qtbot, window):
    open_first(qtbot, window)
    mime = QMimeData()
    mime.setText("hello")
    enter = drag_enter(QPointF(5, 5), mime)
    QApplication.sendEvent(window.editor, enter)
    assert not enter.isAccepted()


def test_files_dropped_on_a_new_report_are_attached_after_its_first_save(
    qtbot, window, store, operation, tmp_path
):
    editor = window.editor
    window.chrome.new_report_action.trigger()
    assert drop_files(editor, [make_photo(tmp_path, "roof.png")])
    assert store.reports.count(ReportQuery(operation["id"])) == 5  # nothing saved yet
    assert editor.attachments.model.items()[0].pending
    assert editor.is_dirty()
    editor.form.widget("title").setText("Roof damage")
    with qtbot.waitSignal(editor.attachments_changed, timeout=10_000):
        assert editor.save()
    saved = editor.current_report()
    assert [a["filename"] for a in store.attachments.list(saved["id"])] == ["roof.png"]
    assert editor.attachments.model.thumbnail_count() == 1


def test_a_file_that_cannot_be_attached_is_explained(qtbot, window, tmp_path, monkeypatch):
    import fieldapp.reports.attachments

    open_first(qtbot, window)
    editor = window.editor
    big = tmp_path / "huge.bin"
    big.write_bytes(b"x" * 2048)
    monkeypatch.setattr(fieldapp.reports.attachments, "MAX_ATTACHMENT_BYTES", 1024)
    assert drop_files(editor, [big])
    qtbot.waitUntil(lambda: not editor.is_attaching(), timeout=10_000)
    assert editor.attachments.errors.isVisibleTo(editor)
    assert "huge.bin" in editor.attachments.errors.text()
    assert editor.attachments.model.rowCount() == 0


def attach_photo(qtbot, window, tmp_path) -> dict:
    report = open_first(qtbot, window)
    with qtbot.waitSignal(window.editor.attachments_changed, timeout=10_000):
        drop_files(window.editor, [make_photo(tmp_path)])
    return report


def select_file(panel, row: int = 0) -> None:
    panel.view.setCurrentIndex(panel.model.index(row, 0))


def test_a_file_opens_in_the_system_viewer_under_its_own_name(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    attach_photo(qtbot, window, tmp_path)
    panel = window.editor.attachments
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    assert not panel.open_button.isEnabled()  # nothing selected yet
    select_file(panel)
    qtbot.mouseClick(panel.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(opened) == 1)
    shown = Path(opened[0].toLocalFile())
    assert shown.name == "flood.png"
    assert shown.read_bytes() == (tmp_path / "flood.png").read_bytes()


def test_a_copy_can_be_saved_where_the_user_says(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    attach_photo(qtbot, window, tmp_path)
    panel = window.editor.attachments
    target = tmp_path / "out" / "for-hq.png"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    select_file(panel)
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(target.exists)
    assert target.read_bytes() == (tmp_path / "flood.png").read_bytes()
    qtbot.waitUntil(lambda: "for-hq.png" in panel.busy_label.text())


def test_removing_a_file_asks_first_and_is_recorded_for_sync(
    qtbot, window, store, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QMessageBox

    report = attach_photo(qtbot, window, tmp_path)
    panel = window.editor.attachments
    select_file(panel)
    answers, asked = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes], []
    monkeypatch.setattr(
        QMessageBox, "question", lambda _p, *q, **k: asked.append(q[:2]) or answers.pop(0)
    )
    qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    [filename] = [a["filename"] for a in store.attachments.list(report["id"])]
    assert asked == [("Remove file", f"Remove {filename} from this report?")]
    assert len(store.attachments.list(report["id"])) == 1  # "No" keeps it
    before = store.db.outbox_count()
    with qtbot.waitSignal(window.editor.attachments_changed):
        qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    assert store.attachments.list(report["id"]) == []
    assert panel.model.rowCount() == 0
    assert store.db.outbox_count() == before + 1


def test_file_names_from_elsewhere_cannot_leave_their_folder():
    from fieldapp.ui.reports.jobs import safe_filename

    assert "/" not in safe_filename("../../etc/passwd")
    assert safe_filename("..") == "attachment"
    assert safe_filename("photo 1.jpg") == "photo 1.jpg"
    assert safe_filename('a\\b:c*?"<>|\x00.png') == "a_b_c_______.png"
