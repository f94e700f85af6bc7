"""The alerts and outreach desk: opened from the main window (Ctrl+5), its chains of
alerts (a cancelled one leaves the list), an alert shown as text with its reports inside,
relaying by radio, two people publishing a message, the rumour board, the notice of a
severe alert, the 1024x600 fit."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester, QTest

from fieldapp.alerts.intake import import_files
from fieldapp.store import Store

SAMPLES = Path(os.environ.get("FIELDAPP_SAMPLES", Path(__file__).parents[1] / "samples")) / "cap"
THUNDERSTORM = SAMPLES / "us_nws_thunderstorm_cap12.xml"
NOW = "2003-06-17T22:00:00.000Z"  # while the thunderstorm warning is in force


def live(path: Path, tmp_path: Path, **changes: str) -> Path:
    """A sample moved to today (its times replaced), so that it is in force now."""
    text = path.read_text(encoding="utf-8")
    for old, new in changes.items():
        text = text.replace(old, new)
    out = tmp_path / path.name
    out.write_text(text, encoding="utf-8")
    return out


@pytest.fixture
def storm(tmp_path):
    """The NWS thunderstorm warning, sent an hour ago and ending in two hours."""
    from datetime import UTC, datetime, timedelta

    now = datetime.now(UTC)
    sent = (now - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%S-00:00")
    ends = (now + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%S-00:00")
    return live(THUNDERSTORM, tmp_path, **{"2003-06-17T14:57:00-07:00": sent,
                                            "2003-06-17T16:00:00-07:00": ends})  # fmt: skip


def imported(qtbot, desk, paths: list[Path], rows: int) -> None:
    desk.import_paths(paths)
    qtbot.waitUntil(lambda: desk.chains_model.rowCount() == rows, timeout=10_000)


@pytest.fixture(autouse=True)
def _alerts_menu_built(qtbot, request):
    """The Alerts menu comes once the first rows are painted (start-up time): wait for it."""
    if "window" in request.fixturenames:
        window = request.getfixturevalue("window")
        qtbot.waitUntil(lambda: window.alerts is not None, timeout=10_000)


@pytest.fixture
def desk(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keyClick(window.report_list.view, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.alerts._desk is not None)
    desk = window.alerts._desk
    assert desk.isVisible()
    return desk


def test_an_imported_alert_is_listed_shown_as_text_and_leaves_when_cancelled(
    qtbot, window, desk, store, operation, storm, tmp_path
):
    store.reports.add(operation["id"], {"title": "Grêle à Sonora", "lat": 38.45, "lon": -119.9})
    imported(qtbot, desk, [storm], 1)
    QAbstractItemModelTester(desk.chains_model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    assert desk.chains_model.index(0, 0).data() == "Severe"
    assert desk.chains_model.index(0, 2).data() == "SEVERE THUNDERSTORM WARNING"
    with qtbot.waitSignal(desk.alert_shown, timeout=10_000):
        desk.alerts_view.selectRow(0)
    panel = desk.alert_panel
    assert panel.headline.text() == "SEVERE THUNDERSTORM WARNING"
    assert "TAKE COVER IN A SUBSTANTIAL SHELTER" in panel.body.toPlainText()
    assert panel.report_list.count() == 1 and panel.report_list.item(0).text() == "Grêle à Sonora"
    # a Cancel of it: the chain leaves the active list
    identifier = store.alerts.get(desk.chains_model.rows[0].current["id"])["identifier"]
    text = storm.read_text(encoding="utf-8")
    sent = text.split("<sent>")[1].split("</sent>")[0]
    cancel = tmp_path / "cancel.xml"
    cancel.write_text(text.replace("<msgType>Alert</msgType>", "<msgType>Cancel</msgType>")
                      .replace(f"<identifier>{identifier}</identifier>",
                               f"<identifier>{identifier}-C</identifier><references>"
                               f"KSTO@NWS.NOAA.GOV,{identifier},{sent}</references>"),
                      encoding="utf-8")  # fmt: skip
    imported(qtbot, desk, [cancel], 0)
    desk.show_ended.setChecked(True)
    assert desk.chains_model.index(0, 1).data() == "Cancelled"


def test_a_headline_with_markup_is_shown_as_text(qtbot, desk, store, operation, storm, tmp_path):
    (tmp_path / "hostile").mkdir()
    markup = {"SEVERE THUNDERSTORM WARNING": "&lt;img src=x onerror=alert(1)&gt;"}
    hostile = live(storm, tmp_path / "hostile", **markup)
    imported(qtbot, desk, [hostile], 1)
    with qtbot.waitSignal(desk.alert_shown, timeout=10_000):
        desk.alerts_view.selectRow(0)
    assert desk.alert_panel.headline.text() == "<img src=x onerror=alert(1)>"
    assert desk.alert_panel.headline.textFormat() == Qt.TextFormat.PlainText


def test_relay_as_radiogram_opens_the_radio_desk_prefilled(qtbot, window, desk, storm):
    imported(qtbot, desk, [storm], 1)
    with qtbot.waitSignal(desk.alert_shown, timeout=10_000):
        desk.alerts_view.selectRow(0)
    desk.alert_panel.radiogram_button.click()
    qtbot.waitUntil(lambda: window.radio._desk is not None and window.radio._desk.isVisible())
    entry = window.radio._desk.entry
    values = entry.values() if hasattr(entry, "values") else {}
    text = str(values.get("text", ""))
    assert text.startswith("SEVERE THUNDERSTORM EXTREME NORTH CENTRAL TUOLUMNE")
    assert text.endswith("X REF KSTO1055887203")
    assert values.get("precedence") == "PRIORITY"


def test_two_people_publish_a_message_and_the_rumour_board_lists_it(qtbot, desk, store, operation):
    desk.outreach.new_message()
    editor = desk.editor
    editor.title_edit.setText("D118 coupée")
    editor.texts["sms"].setPlainText("Crue: evitez la D118 entre Quillan et Limoux.")
    assert "1 SMS (GSM-7)" in editor.count_labels["sms"].text()
    editor.texts["sms"].setPlainText("Crue: évitez la forêt de Quillan.")
    assert "(UCS-2)" in editor.count_labels["sms"].text()
    editor.save_button.click()
    qtbot.waitUntil(lambda: desk.messages_model.rowCount() == 1, timeout=10_000)
    editor.approve_button.click()  # the author: refused, in words
    assert "cannot approve" in desk.problem.text()
    with Store(store.data_dir, user="bruno") as other:
        other.messages.approve(desk.messages_model.rows[0]["id"])
    desk.refresh()
    qtbot.waitUntil(lambda: desk.messages_model.index(0, 0).data() == "Approved", timeout=10_000)
    desk.outreach.new_rumour()
    desk.rumour_panel.claim_edit.setText("Le barrage a cédé")
    desk.rumour_panel.save_button.click()
    qtbot.waitUntil(lambda: desk.board_model.rowCount() == 1, timeout=10_000)
    assert desk.board_model.index(0, 3).data() == "Le barrage a cédé"


GARD_POLYGON = "43.7,4.4 44.0,4.4 44.0,4.9 43.7,4.9 43.7,4.4"  # over Aramon, in the Gard


def test_a_severe_alert_in_force_is_announced_once_without_taking_the_focus(
    qtbot, window, store, operation, storm, tmp_path
):
    (tmp_path / "gard").mkdir()
    gard = live(storm, tmp_path / "gard", **{
        "38.47,-120.14 38.34,-119.95 38.52,-119.74 38.62,-119.89 38.47,-120.14": GARD_POLYGON,
        "KSTO1055887203": "KSTO-GARD"})  # fmt: skip
    store.reports.add(operation["id"], {"title": "Digue d'Aramon", "lat": 43.89, "lon": 4.68})
    window.report_list.view.setFocus()
    import_files(store, operation["id"], [storm])  # in California: not this operation's area
    with qtbot.waitSignal(window.alerts.alert_noticed, timeout=10_000) as noticed:
        import_files(store, operation["id"], [gard])
        window.alerts.check_notices()
    assert noticed.args[0]["headline"] == "SEVERE THUNDERSTORM WARNING"
    assert window.alerts.notice.isVisible() and "Severe alert" in window.alerts.notice.text()
    assert window.alerts._desk is None  # nothing opened by itself
    window.alerts.check_notices()  # once only, and never the Californian one
    qtbot.wait(300)
    assert [a["identifier"] for a in window.alerts._noticed] == ["KSTO-GARD"]
    assert window.report_list.view.hasFocus()
    window.alerts.notice.click()
    qtbot.waitUntil(lambda: window.alerts._desk is not None and window.alerts._desk.isVisible())


def test_the_desk_fits_1024x600(qtbot, desk):
    desk.resize(1024, 600)
    hint = desk.minimumSizeHint()
    assert hint.width() <= 1024 and hint.height() <= 600
    for index in range(3):
        desk.show_tab(index)
        qtbot.wait(50)
        assert desk.minimumSizeHint().height() <= 600


def test_an_alert_clicked_on_the_map_opens_in_the_desk(qtbot, window, store, operation, storm):
    alert_id = import_files(store, operation["id"], [storm]).taken.new[0]
    window.map_controller.alert_clicked.emit(alert_id)
    qtbot.waitUntil(lambda: window.alerts._desk is not None, timeout=10_000)
    desk = window.alerts._desk
    qtbot.waitUntil(
        lambda: (
            desk.alert_panel.detail is not None and desk.alert_panel.detail.alert["id"] == alert_id
        ),
        timeout=10_000,
    )
    assert desk.tabs.currentIndex() == 0


def test_a_post_marked_as_rumour_is_linked_from_the_board(qtbot, desk, store, operation):
    from fieldapp.monitoring.posts import Post

    post = Post(
        key="https://social.example/9",
        text="Le barrage a cédé !",
        author="x",
        handle="@x",
        posted_at="2026-12-05T10:00:00.000Z",
        url="",
        language="fr",
    )
    (item_id,) = store.items.take(operation["id"], [post], kind="paste").new
    store.items.set_status([item_id], "rumour")
    rumour = store.rumours.add(operation["id"], {"claim": "Le barrage a cédé"})
    qtbot.waitUntil(lambda: desk.board_model.rowCount() == 1, timeout=10_000)
    desk.show_tab(2)
    desk.board_view.selectRow(0)
    panel = desk.rumour_panel
    qtbot.waitUntil(lambda: panel.candidates.count() == 1)
    assert "@x: Le barrage a cédé !" in panel.candidates.item(0).text()
    panel.candidates.setCurrentRow(0)
    panel.link_button.click()
    assert panel.candidates.count() == 0 and panel.sightings.count() == 1
    assert [s["target_id"] for s in store.rumours.sightings(rumour["id"])] == [item_id]


def test_the_alerts_menu_comes_even_when_no_row_is_ever_painted(qtbot, store, operation):
    from fieldapp.core.settings import Settings
    from fieldapp.ui.shell.main_window import MainWindow

    store.reports.add(operation["id"], {"title": "Digue"})  # rows to paint, never painted
    window = MainWindow(store, Settings(last_operation_id=operation["id"]))  # never shown
    try:
        qtbot.waitUntil(lambda: window.alerts is not None, timeout=8_000)
        titles = [a.text() for a in window.menuBar().actions()]
        assert titles.index("Alerts") == titles.index("Monitoring") + 1
    finally:
        window.shutdown()
        window.close()
        window.deleteLater()
