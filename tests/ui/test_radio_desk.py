"""The radio desk driven as an operator drives it: keyboard only, under pressure."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication

from fieldapp.core.settings import Settings

CTRL = Qt.KeyboardModifier.ControlModifier


def focused():
    return QApplication.focusWidget()


def type_fields(qtbot, *values: str) -> None:
    """Type each value into the focused field, Tab between them (as an operator copies)."""
    for index, value in enumerate(values):
        if value:
            qtbot.keyClicks(focused(), value)
        if index < len(values) - 1:
            qtbot.keyClick(focused(), Qt.Key.Key_Tab)


def reread(qtbot, desk) -> None:
    """Re-read the log and queue after the store changed behind the desk's back."""
    with qtbot.waitSignal(desk.rows_loaded):
        desk.refresh()


def key(qtbot, k, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.waitUntil(lambda: focused() is not None)  # a dialog just closed: focus comes back
    qtbot.keyClick(focused(), k, modifier)


def normalise_typed(qtbot, desk, text: str):
    """Type `text` into the entry form's text box, then Ctrl+T; returns the entry form."""
    desk.entry.field("text").setFocus()
    qtbot.keyClicks(focused(), text)
    key(qtbot, Qt.Key.Key_T, CTRL)
    return desk.entry


@pytest.fixture
def desk(qtbot, store, operation, tasks):
    from fieldapp.ui.radio.desk import RadioDesk

    made = RadioDesk(store, tasks, None, station="F4ABC")
    made.set_operation(operation)
    made.show()
    made.activateWindow()
    qtbot.waitExposed(made)
    qtbot.waitUntil(made.isActiveWindow)
    made.focus_entry()
    qtbot.waitUntil(lambda: focused() is made.entry.field("received_from"))
    yield made
    made.shutdown()
    made.close()
    made.deleteLater()


def test_an_operator_logs_relays_and_delivers_by_keyboard_alone(qtbot, make_window, operation):
    window = make_window(Settings(last_operation_id=operation["id"], station="F4ABC"))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.report_list.view, Qt.Key.Key_3, CTRL)
    qtbot.waitUntil(lambda: window.radio._desk is not None and window.radio._desk.isVisible())
    desk = window.radio._desk
    qtbot.waitUntil(desk.isActiveWindow)
    qtbot.waitUntil(lambda: focused() is desk.entry.field("received_from"))
    # a radiogram, copied in on-air order; Enter in the signature saves it
    type_fields(
        qtbot,
        "f1pct",
        "GARD NET",
        "12",
        "P",
        "",
        "F1PCT",
        "5",
        "ALES",
        "1830Z",
        "NOV 28",
        "MAIRIE DE NIMES",
        "",
        "",
        "NEED 40 COTS AT SCHOOL",
        "PREFECTURE",
    )
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: desk.log_model.rowCount() == 1)
    assert focused() is desk.entry.field("received_from")  # the next blank form, at once
    assert desk.entry.field("text").toPlainText() == ""
    assert "NR 12" in desk.statusBar().currentMessage()
    # F3: the queue; Ctrl+R: to whom, which net (kept from the message), Enter
    key(qtbot, Qt.Key.Key_F3)
    qtbot.waitUntil(lambda: desk.current is not None)
    key(qtbot, Qt.Key.Key_R, CTRL)
    qtbot.waitUntil(
        lambda: (
            desk.actions_.relay_dialog is not None
            and focused() is not None
            and focused().window() is desk.actions_.relay_dialog
        )
    )
    type_fields(qtbot, "f5xyz")
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: desk.current["status"] == "relayed")
    hops = desk.current["hops"]
    assert [(h["from_station"], h["to_station"], h["net"]) for h in hops] == [
        ("F1PCT", "F4ABC", "GARD NET"),
        ("F4ABC", "F5XYZ", "GARD NET"),
    ]
    qtbot.waitUntil(lambda: desk.queue_model.rowCount() == 0)  # read in the query thread
    assert "F5XYZ" in desk.view.toPlainText()
    # a second message, for a local addressee: delivered with Ctrl+D
    key(qtbot, Qt.Key.Key_F2)
    type_fields(
        qtbot,
        "F1PCT",
        "",
        "13",
        "R",
        "",
        "F1PCT",
        "2",
        "ALES",
        "",
        "",
        "MAIRIE",
        "",
        "",
        "ALL SAFE",
        "JEAN",
    )
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: desk.queue_model.rowCount() == 1)
    key(qtbot, Qt.Key.Key_F3)
    qtbot.waitUntil(lambda: desk.current is not None and desk.current["number"] == "13")
    key(qtbot, Qt.Key.Key_D, CTRL)
    qtbot.waitUntil(lambda: desk.current["status"] == "delivered")
    assert desk.current["delivered_at"]
    qtbot.waitUntil(lambda: desk.queue_model.rowCount() == 0)
    statuses = {m["number"]: m["status"] for m in window.store.radio.list(operation["id"])}
    assert statuses == {"12": "relayed", "13": "delivered"}


def test_the_received_check_is_kept_and_the_recount_shown_live(qtbot, desk):
    entry = desk.entry
    type_fields(qtbot, "W1AW", "", "7", "R", "", "W1AW", "10", "NEWINGTON", "", "", "", "", "", "")
    assert focused() is entry.field("text")
    assert entry.note_text("check_received") == ""  # no recount before the text comes
    qtbot.keyClicks(focused(), "ONE TWO THREE FOUR FIVE SIX SEVEN EIGHT")
    assert "10/8" in entry.note_text("check_received")
    qtbot.keyClicks(focused(), " NINE")  # each keystroke recounts
    assert "10/9" in entry.note_text("check_received")
    key(qtbot, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: desk.log_model.rowCount() == 1)
    saved = desk.log_model.message_at(0)
    assert (saved["check_received"], saved["check"]) == ("10", "10/9")


def test_warnings_sit_beside_the_field_and_the_value_is_kept(qtbot, desk):
    type_fields(qtbot, "F1PCT", "", "1", "FLASH", "", "", "", "", "2561Z")
    entry = desk.entry
    assert "Not a precedence" in entry.note_text("precedence")
    assert "Not a time of day" in entry.note_text("time_filed")
    assert entry.field("precedence").text() == "FLASH"
    type_fields(qtbot, "", "", "", "", "", "WATER")
    key(qtbot, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: desk.log_model.rowCount() == 1)
    saved = desk.log_model.message_at(0)
    assert (saved["precedence"], saved["time_filed"]) == ("FLASH", "2561Z")


def test_saving_without_text_says_so_beside_the_text(qtbot, desk):
    type_fields(qtbot, "F1PCT")
    key(qtbot, Qt.Key.Key_S, CTRL)
    assert desk.entry.note_text("text") == "A message needs a text."
    assert focused() is desk.entry.field("text") and desk.log_model.rowCount() == 0


def test_normalising_shows_what_changed_and_ctrl_z_undoes_it(qtbot, desk):
    entry = normalise_typed(qtbot, desk, "Need water. Is it 146.52?")
    assert entry.field("text").toPlainText() == "NEED WATER X IS IT 146R52"
    assert entry.changes_label.isVisible() and "→ X" in entry.changes_label.text()
    assert "Counted 6" in entry.note_text("check_received")
    key(qtbot, Qt.Key.Key_Z, CTRL)
    assert entry.field("text").toPlainText() == "Need water. Is it 146.52?"
    assert not entry.changes_label.isVisible()


def test_arl_texts_are_expanded_on_demand(qtbot, desk):
    entry = desk.entry
    entry.field("text").setFocus()
    qtbot.keyClicks(focused(), "ARL SIXTY FOUR NEWINGTON")
    assert not entry.arl_label.isVisible()
    key(qtbot, Qt.Key.Key_L, CTRL)
    assert "Arrived safely at NEWINGTON" in entry.arl_label.text()
    assert entry.field("text").toPlainText() == "ARL SIXTY FOUR NEWINGTON"  # never rewritten


def test_the_queue_puts_emergency_first(qtbot, store, operation, desk):
    for precedence in ("R", "W", "EMERGENCY", "P", "R"):
        store.radio.add(
            operation["id"], {"text": f"{precedence} TRAFFIC", "precedence": precedence}
        )
    store.radio.add(
        operation["id"], {"text": "DONE", "precedence": "EMERGENCY", "status": "serviced"}
    )
    reread(qtbot, desk)
    column = 3
    shown = [desk.queue_model.index(r, column).data() for r in range(desk.queue_model.rowCount())]
    assert shown == ["EMERGENCY", "PRIORITY", "WELFARE", "ROUTINE", "ROUTINE"]
    assert desk.log_model.rowCount() == 6


def test_sent_messages_get_the_station_serial_and_utc_time(qtbot, store, operation, desk):
    store.radio.add(operation["id"], {"text": "FIRST", "direction": "sent"}, station="F4ABC")
    entry = desk.entry
    entry.direction_combo.setCurrentIndex(entry.direction_combo.findData("sent"))
    assert entry.field("number").text() == "2"
    assert entry.field("origin_station").text() == "F4ABC"
    assert entry.field("time_filed").text().endswith("Z")


def test_a_refused_status_is_explained_in_words(qtbot, store, operation, desk):
    message = store.radio.add(operation["id"], {"text": "X", "received_from": "F1PCT"})
    store.radio.set_status(message["id"], "delivered")
    reread(qtbot, desk)
    key(qtbot, Qt.Key.Key_F4)
    qtbot.waitUntil(lambda: desk.current is not None)
    key(qtbot, Qt.Key.Key_R, CTRL)
    dialog = desk.actions_.relay_dialog
    qtbot.keyClicks(dialog.to_edit, "F5XYZ")
    qtbot.keyClick(dialog.to_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(desk.view.problem()))
    assert "“delivered” can become serviced, not “relayed”" in desk.view.problem()
    assert store.radio.get(message["id"])["status"] == "delivered"


def test_a_message_becomes_a_report(qtbot, store, operation, desk):
    store.radio.add(
        operation["id"], {"text": "BRIDGE AT ALES CLOSED", "number": "12", "received_from": "F1PCT"}
    )
    reread(qtbot, desk)
    key(qtbot, Qt.Key.Key_F4)
    qtbot.waitUntil(lambda: desk.current is not None)
    with qtbot.waitSignal(desk.report_added) as signal:
        key(qtbot, Qt.Key.Key_R, CTRL | Qt.KeyboardModifier.ShiftModifier)
    report = store.reports.get(signal.args[0]["id"])
    assert report["title"] == "BRIDGE AT ALES CLOSED"
    assert (report["source"], report["source_ref"]) == ("radio", "F1PCT NR 12")
    assert "BRIDGE AT ALES CLOSED" in report["body"]


def test_a_report_goes_out_as_a_radiogram_or_an_ics213(qtbot, window):
    window.report_list.view.selectRow(0)
    qtbot.waitUntil(lambda: window.editor.current_report() is not None)
    report = window.editor.current_report()
    window.radio.radiogram_action.trigger()
    entry = window.radio.desk.entry
    assert entry.direction() == "sent" and entry.kind() == "radiogram"
    assert entry.field("text").toPlainText().startswith(report["body"] or report["title"])
    window.radio.ics213_action.trigger()  # (place, position: tests/ui/test_radio_station.py)
    assert entry.kind() == "ics213" and entry.field("subject").text().endswith(report["title"])
    assert entry.field("incident").text() == "Gard floods"


def test_the_tables_pass_the_model_tester_and_search(qtbot, store, operation, desk):
    items = [({"text": f"MESSAGE {i} WATER", "number": str(i)}, {}) for i in range(250)]
    store.radio.add_many(operation["id"], items)
    reread(qtbot, desk)
    QAbstractItemModelTester(desk.log_model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    QAbstractItemModelTester(desk.queue_model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    assert desk.log_model.rowCount() == 250
    assert desk.log_model.index(0, 4).data() == "249"  # newest first
    assert desk.log_model.cached_pages() <= 1
    with qtbot.waitSignal(desk.rows_loaded):
        desk.search_edit.setText("249")
    assert [desk.log_model.index(r, 4).data() for r in range(desk.log_model.rowCount())] == ["249"]


def test_after_a_save_the_log_and_queue_are_read_off_the_ui_thread(
    qtbot, store, operation, desk, monkeypatch
):
    import threading

    from fieldapp.radio.repository import RadioTraffic

    readers: list[str] = []
    for name in ("seqs", "queue"):
        original = getattr(RadioTraffic, name)

        def spy(self, *args, _original=original, **kwargs):
            readers.append(threading.current_thread().name)
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(RadioTraffic, name, spy)
    type_fields(qtbot, "F1PCT", "", "12", "P", "", "", "", "", "", "", "", "", "", "WATER")
    key(qtbot, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: desk.log_model.rowCount() == 1 and desk.queue_model.rowCount() == 1)
    assert readers and threading.main_thread().name not in readers


def test_the_chosen_message_stays_chosen_when_new_traffic_is_logged(qtbot, store, operation, desk):
    for number in ("1", "2", "3"):
        store.radio.add(operation["id"], {"text": f"MESSAGE {number}", "number": number})
    reread(qtbot, desk)
    desk.log_view.selectRow(1)
    desk.queue_view.selectRow(2)
    chosen_log = desk.log_model.message_at(1)["id"]
    chosen_queue = desk.queue_model.message_at(2)["id"]
    desk.focus_entry()
    type_fields(qtbot, "F1PCT", "", "4", "EMERGENCY", "", "", "", "", "", "", "", "", "", "FIRE")
    key(qtbot, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: desk.log_model.rowCount() == 4)
    qtbot.waitUntil(lambda: desk.queue_model.rowCount() == 4)
    log_rows = desk.log_view.selectionModel().selectedRows()
    queue_rows = desk.queue_view.selectionModel().selectedRows()
    assert [desk.log_model.message_at(i.row())["id"] for i in log_rows] == [chosen_log]
    assert [desk.queue_model.message_at(i.row())["id"] for i in queue_rows] == [chosen_queue]
    assert desk.queue_model.index(0, 3).data() == "EMERGENCY"  # the new one went on top


def test_a_dropped_final_question_mark_is_explained(qtbot, desk):
    # many changes before it: the note must not be lost in "… and N more"
    entry = normalise_typed(qtbot, desk, "please, please send nine more cots to the school now?")
    assert entry.field("text").toPlainText().endswith("SCHOOL NOW")
    note = entry.changes_label.text()
    assert "question mark at the end was removed" in note and "QUERY" in note
    key(qtbot, Qt.Key.Key_Z, CTRL)
    assert entry.field("text").toPlainText().endswith("now?")


def test_a_question_after_a_period_becomes_query_and_the_form_says_why(qtbot, desk):
    entry = normalise_typed(qtbot, desk, "Shelter full. ? Send cots")
    assert entry.field("text").toPlainText() == "SHELTER FULL QUERY SEND COTS"
    note = entry.changes_label.text()
    assert "“.” → (removed)" in note and "“?” → QUERY" in note
    assert "QUERY takes the place of the X, so the question is kept" in note
    tip = entry.changes_label.toolTip()
    assert "“.” → (removed): removed: the “?” after it becomes QUERY instead" in tip
    assert "“?” → QUERY: QUERY for a question mark" in tip
    key(qtbot, Qt.Key.Key_Z, CTRL)
    assert entry.field("text").toPlainText() == "Shelter full. ? Send cots"


def test_a_removed_question_mark_is_never_hidden_among_many_changes(qtbot, desk):
    from fieldapp.radio.check import normalise

    typed = "one, two, three, four, five, six, seven, eight, nine?? ten"
    entry = normalise_typed(qtbot, desk, typed)
    assert entry.field("text").toPlainText().endswith("NINE QUERY TEN")
    note = entry.changes_label.text()
    assert "more" in note  # the list is cut short...
    assert note.count("“?” →") == 2  # ...but not what became of either question mark
    assert "“?” → QUERY" in note and "“?” → (removed)" in note
    assert "the question is already asked there" in note
    tip = entry.changes_label.toolTip().splitlines()
    assert len(tip) == 1 + len(normalise(typed).changes())  # every change, a line each
    assert "“nine” → NINE: capitals, without accents" in tip
    assert "“,” → X: X for a period (and for , ; : !)" in tip


def test_a_doubtful_message_shows_its_warnings_with_the_values_as_copied(
    qtbot, store, operation, desk
):
    store.radio.add(
        operation["id"],
        {"text": "ONE TWO THREE", "number": "9", "precedence": "FLASH", "check_received": "4",
         "time_filed": "2561Z", "date_filed": "FEB 30", "received_from": "F1PCT"},
    )  # fmt: skip
    reread(qtbot, desk)
    key(qtbot, Qt.Key.Key_F4)
    qtbot.waitUntil(lambda: desk.current is not None)
    shown = desk.view.toPlainText()
    assert "Look at:" in shown
    assert "Precedence “FLASH”: Not a precedence: kept as copied, queued as PRIORITY." in shown
    assert "Check “4”: Counted 3 words: pass it on as 4/3." in shown
    assert "Time filed “2561Z”: Not a time of day (00:00 to 23:59)." in shown
    assert "Date “FEB 30”: This day does not exist." in shown
    assert "NR 9 FLASH 4/3 2561Z FEB 30" in shown  # on air: as copied, the check both ways
