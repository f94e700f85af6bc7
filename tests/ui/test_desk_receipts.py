"""Read receipts from the players' desks: a player who opens what an inject delivered —
the post's card on the monitoring desk, the alert on the alerts desk, the message in the
radio log, the report in the main window's form — leaves one receipt (the "seen" of the
controllers' timeline), however often it is opened again. In a real operation, opening a
record that looks like an inject's writes nothing and asks for nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from test_alerts_desk import THUNDERSTORM, live

from fieldapp.alerts.intake import import_files
from fieldapp.core.bookkeeping import set_state
from fieldapp.core.settings import Settings
from fieldapp.exercises.release import EXERCISE_SENDER, release
from fieldapp.monitoring.posts import Post
from fieldapp.store import Store
from fieldapp.ui.kit.receipts import KEY
from fieldapp.ui.kit.taskman import Lane

INJECTS = [
    {"number": "1", "at_s": 0, "channel": "social", "content": "Le pont de Sommières a cédé"},
    {
        "number": "2",
        "at_s": 60,
        "channel": "alert",
        "content": "Vigilance rouge crues",
        "details": {"area": "INSEE:30"},
    },
    {"number": "3", "at_s": 120, "channel": "radio", "content": "NEED SANDBAGS AT ARAMON"},
    {"number": "4", "at_s": 180, "channel": "phone", "content": "Famille sur le toit"},
]
MARK = "EXERCISE inject 9 (00000000)"  # what a real record may say, whatever it means


@pytest.fixture
def drill(store):
    """An exercise whose four injects (a post, an alert, a radiogram, a call) the
    controllers' device released."""
    operation = store.operations.create("Exercice crue", exercise=True)
    delivered = {}
    for inject_id in store.injects.add_many(operation["id"], INJECTS):
        (record,) = release(store, inject_id)
        delivered[record["entity"]] = record["id"]
    return operation, delivered


@pytest.fixture
def lookalikes(store, operation, tmp_path):
    """In the real operation: a post, an alert, a radio message and a report that say
    what an inject's would (a feed, a sender or an operator may write anything)."""
    post = Post(key=f"exercise:0000 {MARK}", author="x", handle="@x@exemple.fr",
                posted_at="2026-12-05T07:00:00.000Z", text="Le pont de Lézan est fermé",
                url="", language="fr")  # fmt: skip
    store.items.take(operation["id"], [post], kind="feed")
    now = datetime.now(UTC)
    times = {
        "2003-06-17T14:57:00-07:00": (now - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%S-00:00"),
        "2003-06-17T16:00:00-07:00": (now + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%S-00:00"),
        "KSTO@NWS.NOAA.GOV": EXERCISE_SENDER,
    }
    import_files(store, operation["id"], [live(THUNDERSTORM, tmp_path, **times)])
    store.radio.add(
        operation["id"],
        {"text": "NEED SANDBAGS AT ARAMON", "received_from": "F1PCT", "op_note": MARK},
        station="F4ABC",
    )
    store.reports.add(operation["id"], {"title": "Famille sur le toit", "source_ref": MARK})
    return operation


@pytest.fixture
def paul(store):
    """This data folder as the device of Paul, who plays: joined to a server as a
    volunteer (a test asks for the records it needs made before this)."""
    with store.db.transaction() as conn:
        set_state(conn, {"role": "volunteer"})
    with Store(store.data_dir, user="paul") as opened:
        yield opened


@pytest.fixture
def player_window(qtbot, paul):
    """player_window(operation): Paul's main window on that operation, started whole."""
    from fieldapp.ui.shell.main_window import MainWindow

    made = []

    def make(operation: dict) -> MainWindow:
        window = MainWindow(paul, Settings(last_operation_id=operation["id"]))
        made.append(window)
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: window.alerts is not None, timeout=10_000)
        return window

    yield make
    for window in made:
        window.shutdown()
        window.close()
        window.deleteLater()


def receipts(store, operation) -> list[tuple[str, str, str]]:
    return [
        (r["author"], r["entity"], r["record_id"]) for r in store.receipts.list(operation["id"])
    ]


def receipt_jobs(window) -> list[str]:
    """The receipt jobs the window's desks submit from now on (their keys), as they come."""
    asked: list[str] = []
    window.tasks.job_queued.connect(
        lambda job: asked.append(job.key) if (job.key or "").startswith(KEY) else None
    )
    return asked


def writes_done(qtbot, screen) -> None:
    """Every job queued so far on the writes lane has run (it runs them one by one)."""
    done: list[object] = []
    screen.tasks.submit(lambda _ctx: None, lane=Lane.WRITES, on_done=done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=10_000)


def test_a_player_choosing_an_inject_s_post_leaves_one_receipt(qtbot, drill, player_window, paul):
    operation, delivered = drill
    window = player_window(operation)
    asked = receipt_jobs(window)
    desk = window.monitoring.open_desk()
    qtbot.waitUntil(lambda: desk.model.is_loaded() and desk.model.rowCount() == 1, timeout=10_000)
    desk.select_row(0)
    seen = [("paul", "item", delivered["item"])]
    qtbot.waitUntil(lambda: receipts(paul, operation) == seen, timeout=10_000)
    desk.view.clearSelection()
    qtbot.waitUntil(lambda: desk.card.detail is None)
    desk.select_row(0)  # chosen again
    qtbot.waitUntil(lambda: desk.card.detail is not None, timeout=10_000)
    writes_done(qtbot, desk)
    assert receipts(paul, operation) == seen
    assert len(asked) == 1  # the same record shown again asks nothing


def test_a_player_choosing_an_inject_s_alert_leaves_one_receipt(qtbot, drill, player_window, paul):
    operation, delivered = drill
    window = player_window(operation)
    asked = receipt_jobs(window)
    desk = window.alerts.open_desk()
    qtbot.waitUntil(lambda: desk.chains_model.rowCount() == 1, timeout=10_000)
    with qtbot.waitSignal(desk.alert_shown, timeout=10_000):
        desk.alerts_view.selectRow(0)
    seen = [("paul", "alert", delivered["alert"])]
    qtbot.waitUntil(lambda: receipts(paul, operation) == seen, timeout=10_000)
    with qtbot.waitSignal(desk.alert_shown, timeout=10_000):
        desk.open_alert(delivered["alert"])  # chosen again (from the map, a notice)
    writes_done(qtbot, desk)
    assert receipts(paul, operation) == seen
    assert len(asked) == 1  # the same record shown again asks nothing


def test_a_player_opening_an_inject_s_radio_message_leaves_one_receipt(
    qtbot, drill, player_window, paul
):
    operation, delivered = drill
    window = player_window(operation)
    asked = receipt_jobs(window)
    desk = window.radio.open_desk()
    qtbot.waitUntil(lambda: desk.log_model.rowCount() == 1, timeout=10_000)
    desk.log_view.selectRow(0)
    assert desk.current is not None and desk.current["id"] == delivered["radio_message"]
    seen = [("paul", "radio_message", delivered["radio_message"])]
    qtbot.waitUntil(lambda: receipts(paul, operation) == seen, timeout=10_000)
    desk.log_view.clearSelection()
    desk.log_view.selectRow(0)  # opened again
    writes_done(qtbot, desk)
    assert receipts(paul, operation) == seen
    assert len(asked) == 1  # the same record shown again asks nothing


def test_a_player_opening_an_inject_s_report_leaves_one_receipt(qtbot, drill, player_window, paul):
    operation, delivered = drill
    own = paul.reports.add(operation["id"], {"title": "Vu par Paul"})["id"]
    window = player_window(operation)
    asked = receipt_jobs(window)
    model = window.report_model
    qtbot.waitUntil(lambda: model.is_complete() and model.rowCount() == 2, timeout=10_000)
    row = {model.report_at(r)["id"]: r for r in range(2)}
    window.report_list.view.selectRow(row[delivered["report"]])
    qtbot.waitUntil(lambda: window.editor.current_report_id() == delivered["report"])
    seen = [("paul", "report", delivered["report"])]
    qtbot.waitUntil(lambda: receipts(paul, operation) == seen, timeout=10_000)
    window.report_list.view.selectRow(row[own])  # no inject delivered it: no receipt
    qtbot.waitUntil(lambda: window.editor.current_report_id() == own)
    window.report_list.view.selectRow(row[delivered["report"]])  # opened again
    qtbot.waitUntil(lambda: window.editor.current_report_id() == delivered["report"])
    writes_done(qtbot, window)
    assert receipts(paul, operation) == seen
    assert len(asked) == 1  # the same record shown again asks nothing


def test_in_a_real_operation_opening_what_looks_like_an_inject_asks_for_nothing(
    qtbot, store, lookalikes, player_window, paul
):
    operation = lookalikes
    window = player_window(operation)
    asked = receipt_jobs(window)
    model = window.report_model
    qtbot.waitUntil(lambda: model.is_complete() and model.rowCount() == 1, timeout=10_000)
    window.report_list.view.selectRow(0)
    qtbot.waitUntil(lambda: window.editor.current_report_id() is not None)
    monitoring = window.monitoring.open_desk()
    qtbot.waitUntil(lambda: monitoring.model.is_loaded() and monitoring.model.rowCount() == 1)
    monitoring.select_row(0)
    qtbot.waitUntil(lambda: monitoring.card.detail is not None, timeout=10_000)
    alerts = window.alerts.open_desk()
    qtbot.waitUntil(lambda: alerts.chains_model.rowCount() == 1, timeout=10_000)
    with qtbot.waitSignal(alerts.alert_shown, timeout=10_000):
        alerts.alerts_view.selectRow(0)
    radio = window.radio.open_desk()
    qtbot.waitUntil(lambda: radio.log_model.rowCount() == 1, timeout=10_000)
    radio.log_view.selectRow(0)
    assert radio.current is not None and radio.current["op_note"] == MARK
    writes_done(qtbot, window)
    assert asked == []  # no receipt job at all
    assert receipts(paul, operation) == []
