"""This station is asked for: on the radio desk's first use, in the settings, and before a
log is written without it; a report goes on the air with its place, its position and a
precedence from its severity."""

from __future__ import annotations

from fieldapp.core.settings import Settings


def test_the_desk_asks_this_station_s_call_on_first_use(qtbot, make_window, operation, monkeypatch):
    monkeypatch.delenv("FIELDAPP_STATION")
    window = make_window(Settings(last_operation_id=operation["id"]))
    desk = window.radio.open_desk()
    dialog = desk.station_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert "ICS-309" in dialog.why.text()
    dialog.call_edit.setText("F4 ABC")
    dialog.buttons.accepted.emit()
    assert dialog.isVisible() and "is not a call sign" in dialog.problem.text()
    dialog.call_edit.setText("f4abc")
    dialog.buttons.accepted.emit()
    assert not dialog.isVisible()
    assert desk.station() == "F4ABC" and window.settings.station == "F4ABC"
    assert Settings.load(window.data_dir).station == "F4ABC"  # kept for the next start
    desk.hide()
    window.radio.open_desk()
    assert desk.station_dialog is dialog  # not asked again


def test_a_log_is_never_written_without_this_station(qtbot, make_window, operation, monkeypatch):
    monkeypatch.delenv("FIELDAPP_STATION")
    window = make_window(Settings(last_operation_id=operation["id"]))
    desk = window.radio.open_desk()
    desk.station_dialog.reject()
    desk.actions_.ics309_action.trigger()
    asked = desk.station_dialog
    qtbot.waitUntil(asked.isVisible)
    assert "A log names this station" in asked.why.text()
    assert desk.actions_.period_dialog is None  # no log asked for before the station
    asked.call_edit.setText("F1PCT")
    asked.buttons.accepted.emit()
    qtbot.waitUntil(lambda: desk.actions_.period_dialog is not None)  # then the log's period
    assert desk.actions_.period_dialog.isVisible() and desk.station() == "F1PCT"


def test_the_station_is_set_in_the_settings(qtbot, make_window, operation, monkeypatch):
    from fieldapp.ui.kit.dialogs import SettingsDialog

    window = make_window(Settings(last_operation_id=operation["id"]))
    monkeypatch.setattr(
        SettingsDialog, "exec", lambda self: self.station_edit.setText("f5xyz") or 1
    )
    window.open_settings()
    assert window.settings.station == "F5XYZ"
    assert window.radio.open_desk().station() == "F5XYZ"


def test_a_report_goes_on_the_air_with_its_place_position_and_precedence(
    qtbot, make_window, store, operation
):
    report = store.reports.add(
        operation["id"],
        {"title": "Famille sur le toit", "body": "Trois personnes sur le toit",
         "kind": "request_for_help", "severity": 5, "place": "Aramon",
         "lat": 43.8917, "lon": 4.6808},
    )  # fmt: skip
    window = make_window(Settings(last_operation_id=operation["id"]))
    assert window.editor.show_report(report["id"])
    window.radio.radiogram_action.trigger()
    entry = window.radio.desk.entry
    assert entry.field("precedence").text() == "EMERGENCY"
    assert entry.field("place_of_origin").text() == "ARAMON"
    text = entry.field("text").toPlainText()
    assert "ARAMON LOCATOR JN23" in text and "POSITION 43.89170 N 4.68080 E" in text
    window.radio.ics213_action.trigger()
    assert entry.field("subject").text() == "EMERGENCY: Famille sur le toit"
    assert "Place: Aramon" in entry.field("text").toPlainText()


def test_the_settings_refuse_a_call_sign_that_is_not_one(qtbot, make_window, operation):
    """Settings took any text as the station: "F4 ABC" then printed on every log."""
    from fieldapp.ui.kit.dialogs import SettingsDialog

    window = make_window(Settings(last_operation_id=operation["id"]))
    dialog = SettingsDialog(window.settings, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.station_edit.setText("F4 ABC")
    dialog.buttons.accepted.emit()
    assert dialog.isVisible() and dialog.result() == 0
    assert dialog.station_problem.isVisible()
    assert "“F4 ABC” is not a call sign" in dialog.station_problem.text()
    dialog.station_edit.clear()
    qtbot.keyClicks(dialog.station_edit, "f4abc")
    assert not dialog.station_problem.isVisible()
    dialog.buttons.accepted.emit()
    assert dialog.result() == 1 and dialog.station() == "F4ABC"
