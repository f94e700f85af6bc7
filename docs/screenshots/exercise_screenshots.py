"""Makes the exercise desk's screenshots in docs/images/ from a throw-away data directory.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots/exercise_screenshots.py

The sample exercise (a flash flood in the Gard, resources/exercises/crue-eclair.csv)
started as *Exercise > Start the sample exercise* starts it, forty minutes into its run:
the injects the clock reached released on their channels, one skipped by the
controller, an observer's note, the players' laptops' read receipts ("Seen after") and
two answers; then what the players received: the Exercise alert on the alerts desk.
Both at 1024x600, in French. Then two players answer some injects, the trainer writes a
strength and an action, and the first page of the after-action report's PDF is rendered
(exercise-aar-page1.png). Runs the real main window and desks on the GUI thread of its
own QApplication; the desks read on the task manager as in the app.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from fieldapp.core.settings import Settings
from fieldapp.store import Store

IMAGES = Path(__file__).resolve().parents[1] / "images"
SIZE = (1024, 600)
RUN_FOR = timedelta(minutes=40)  # T+00:40: the Gardons rising, the first red warning near
SKIPPED = "13"  # a rumour by phone the controller drops: the players have enough
CHOSEN = "10"  # the desk shows this inject (a radio message from Anduze), released
NOTE = "Le COD a répondu en 3 min, mais la hauteur n'a pas été reportée au tableau."


def wait(app: QApplication, seconds: float = 0.5) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def until(app: QApplication, done: Callable[[], bool], limit: float = 15.0) -> None:
    end = time.monotonic() + limit
    while not done() and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)
    if not done():
        raise SystemExit("the window did not get there in time")


def run_forty_minutes(store: Store) -> str:
    """The sample exercise started forty minutes ago: what the clock reached released,
    one inject skipped, an observer's note; the operation's id."""
    from fieldapp.demo.exercise import start_sample_exercise
    from fieldapp.exercises.release import release

    sample = start_sample_exercise(store)
    op_id = sample.operation["id"]
    started = (datetime.now(UTC) - RUN_FOR).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    store.clocks.pause(op_id)
    store.clocks.start(op_id, now=started)  # running since then: T+00:40 now
    injects = {i["number"]: i for i in store.injects.list(op_id)}
    store.injects.skip(injects[SKIPPED]["id"])
    for inject in store.injects.due(op_id, int(RUN_FOR.total_seconds())):
        release(store, inject["id"])
    store.notes.add(
        op_id, NOTE, inject_id=injects[CHOSEN]["id"], player="Mairie d'Anduze", exercise_s=2340
    )
    players_open(store, op_id)
    return op_id


def players_open(store: Store, op_id: str) -> None:
    """The players open what the first six injects delivered (their laptops send read
    receipts: "Seen after"), and answer the first two ("Answered after")."""
    from fieldapp.core.bookkeeping import set_state

    played = [i for i in store.injects.list(op_id) if i["status"] == "released"][:6]
    time.sleep(2)  # the players look a moment after the release
    with store.db.transaction() as conn:  # the same data folder, as a player's laptop
        set_state(conn, {"role": "volunteer"})
    for index, inject in enumerate(played):
        with Store(store.data_dir, user=("lucie", "paul")[index % 2]) as device:
            for record in inject["delivered"]:
                device.receipts.saw(record["entity"], record["id"])
                if index < 2:
                    answer(device, op_id, record)
    with store.db.transaction() as conn:  # back to the trainer's laptop
        set_state(conn, {"role": ""})


def shoot(app: QApplication, widget: QWidget, name: str) -> None:
    widget.resize(*SIZE)
    wait(app)
    widget.grab().save(str(IMAGES / name))
    print("wrote", IMAGES / name)


def main() -> int:
    app = QApplication(sys.argv)
    from fieldapp.ui.kit.i18n import LanguageManager
    from fieldapp.ui.shell.main_window import MainWindow

    LanguageManager(app).apply("fr")
    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "data", user="camille") as store:
        op_id = run_forty_minutes(store)
        window = MainWindow(store, Settings(last_operation_id=op_id, language="fr"))
        window.show()
        until(app, lambda: window.exercises is not None and window.alerts is not None)
        assert window.exercises is not None and window.alerts is not None
        desk = window.exercises.open_desk()
        until(app, lambda: desk.model.rowCount() > 40)
        desk.view.selectRow(desk.model.row_of(chosen_id(store, op_id, CHOSEN)))
        shoot(app, desk, "exercise-desk-1024x600.png")
        desk.shutdown()  # its clock would go on releasing while the players' desks are shot
        desk.close()

        alerts = window.alerts.open_desk()
        until(app, lambda: alerts.chains_model.rowCount() > 0)
        alerts.alerts_view.selectRow(0)
        until(app, lambda: alerts.alert_panel.detail is not None)
        shoot(app, alerts, "exercise-alert-1024x600.png")
        alerts.close()
        window.shutdown()
        window.close()
        shoot_report(store, op_id, Path(tmp) / "aar.pdf")
    return 0


def shoot_report(store: Store, op_id: str, pdf: Path) -> None:
    """Two players answer what the clock released; the report's first page as a PNG."""
    from PySide6.QtCore import QSize
    from PySide6.QtPdf import QPdfDocument

    from fieldapp.exercises.aar import build
    from fieldapp.ui.exercises.aar_pdf import aar_pdf

    played = [i for i in store.injects.list(op_id) if i["status"] == "released"]
    for index, inject in enumerate(played[:8]):
        player = ("lucie", "paul")[index % 2]
        with Store(store.data_dir, user=player) as device:
            for record in inject["delivered"]:
                answer(device, op_id, record)
    store.aar.add(op_id, "strength", "Vigilance relayée aux mairies en quelques minutes")
    store.aar.add(op_id, "action", "Former les opérateurs au relais radio", "Communications",
                  "ADRASEC 30", "2027-02-01")  # fmt: skip
    aar_pdf(build(store, op_id), pdf)
    document = QPdfDocument()
    document.load(str(pdf))
    document.render(0, QSize(850, 1200)).save(str(IMAGES / "exercise-aar-page1.png"))
    print("wrote", IMAGES / "exercise-aar-page1.png")


def answer(device: Store, op_id: str, record: dict) -> None:
    """A player's first action on what an inject became."""
    if record["entity"] == "item":
        device.items.set_status([record["id"]], "rumour")
    elif record["entity"] == "alert":
        device.relays.add(op_id, {"alert_id": record["id"], "channel": "radio", "via": "F4ABC"})
    elif record["entity"] == "report":
        device.reports.update(record["id"], {"status": "in_progress"})
    elif record["entity"] == "radio_message":
        device.radio.set_status(record["id"], "delivered")


def chosen_id(store: Store, op_id: str, number: str) -> str:
    return next(i["id"] for i in store.injects.list(op_id) if i["number"] == number)


if __name__ == "__main__":
    sys.exit(main())
