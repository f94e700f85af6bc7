"""The report form stands still: an error that appears, a long one, or typing moves no
field, so a click aimed at a field lands on it (the error lines used to appear and wrap,
pushing every field below down)."""

from __future__ import annotations

from fieldapp.core.settings import Settings


def field_ys(window) -> dict[str, int]:
    form = window.editor.form
    return {name: row.widget.mapTo(window, row.widget.rect().topLeft()).y()
            for name, row in form.rows.items()}  # fmt: skip


def test_errors_and_typing_move_no_field(qtbot, make_window, store, operation):
    report = store.reports.add(operation["id"], {"title": "Digue fissurée"})
    window = make_window(Settings(last_operation_id=operation["id"]))
    window.resize(1024, 600)
    qtbot.waitUntil(lambda: window.width() == 1024)
    editor = window.editor
    assert editor.show_report(report["id"])
    form = editor.form
    form_height = form.height()
    before = field_ys(window)
    form.widget("title").clear()
    form.widget("lat").setText("north of the bridge")  # not a number, and no longitude
    form.widget("observed_at").setText("yesterday at noon, after the storm had passed")
    assert not editor.save()
    qtbot.wait(20)
    assert form.error_text("title") and form.error_text("lat") and form.error_text("observed_at")
    assert field_ys(window) == before
    assert form.height() == form_height
    qtbot.keyClicks(form.widget("title"), "Digue fissuree, l'eau passe par-dessus la route")
    qtbot.wait(20)
    assert field_ys(window) == before
    assert editor.save() is False  # the position is still wrong: its message stays
    assert form.error_text("title") is None and form.error_text("lat")
    assert field_ys(window) == before
