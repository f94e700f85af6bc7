"""Makes the alerts and outreach desk's screenshots in docs/images/ from a throw-away data
directory.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots/alerts_screenshots.py

An orange flood warning for the Aude and the Hérault (the Météo-France sample, moved to
today, its areas drawn from the shipped départements) with a report inside its area and
a radio relay; a public message relaying it, approved by a second coordinator; a rumour
seen in three posts. The alerts tab at 1280x800, the message editor and the rumour board
at 1024x600. Runs the real main window and desk; the desk reads on the task manager as in
the app.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtWidgets import QApplication

from fieldapp.core.settings import Settings
from fieldapp.store import Store

ROOT = Path(__file__).resolve().parents[2]
IMAGES = ROOT / "docs" / "images"
SAMPLE = ROOT / "tests" / "samples" / "cap" / "fr_meteofrance_meteoalarm_cap12.xml"


def wait(app: QApplication, seconds: float = 0.5) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def until(app: QApplication, done, limit: float = 15.0) -> None:
    end = time.monotonic() + limit
    while not done() and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def flood_warning(folder: Path) -> Path:
    """The Météo-France sample as an orange flood warning in force for the Aude and the
    Hérault (NUTS 2013 FR811, FR813), sent an hour ago, ending tomorrow."""
    now = datetime.now(UTC)
    sent = (now - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%S+00:00")
    ends = (now + timedelta(hours=20)).strftime("%Y-%m-%dT%H:%M:%S+00:00")
    text = SAMPLE.read_text(encoding="utf-8")
    head, rest = text.split("<area>", 1)
    areas = "".join(
        f"<area><areaDesc>{name}</areaDesc><geocode><valueName>NUTS3</valueName>"
        f"<value>{code}</value></geocode></area>"
        for name, code in (("Aude", "FR811"), ("Hérault", "FR813"))
    )
    tail = rest[rest.rindex("</area>") + len("</area>") :]
    body = head + areas + tail
    refs = body[body.index("<references>") : body.index("</references>") + len("</references>")]
    for old, new in (
        (refs, ""),
        ("<msgType>Update</msgType>", "<msgType>Alert</msgType>"),
        ("<sent>2022-12-07T06:01:26+01:00</sent>", f"<sent>{sent}</sent>"),
        ("Vigilance jaune avalanches", "Vigilance orange crues"),
        ("<severity>Moderate</severity>", "<severity>Severe</severity>"),
        ("<urgency>Future</urgency>", "<urgency>Expected</urgency>"),
        ("<responseType>AllClear</responseType>", "<responseType>Prepare</responseType>"),
        ("2; yellow; Moderate", "3; orange; Severe"),
        ("9; avalanches", "12; flooding"),
        ("<expires>2022-12-07T06:01:00+01:00</expires>", f"<expires>{ends}</expires>"),
        ("<onset>2022-12-07T06:00:00+01:00</onset>", f"<onset>{sent}</onset>"),
        ("<effective>2022-12-07T06:01:00+01:00</effective>", f"<effective>{sent}</effective>"),
    ):
        body = body.replace(old, new)
    path = folder / "vigilance-orange-crues.xml"
    path.write_text(body, encoding="utf-8")
    return path


def fill(store: Store, op_id: str, folder: Path) -> None:
    from fieldapp.alerts.intake import import_files
    from fieldapp.alerts.relaying import message_values
    from fieldapp.monitoring.posts import Post

    store.reports.add(
        op_id,
        {
            "title": "Digue surveillée à Cuxac-d'Aude",
            "lat": 43.24,
            "lon": 3.00,
            "kind": "hazard",
            "severity": 4,
        },
    )
    store.reports.add(
        op_id,
        {
            "title": "Route D118 coupée à Quillan",
            "lat": 42.87,
            "lon": 2.18,
            "kind": "hazard",
            "severity": 3,
        },
    )
    alert_id = import_files(store, op_id, [flood_warning(folder)]).taken.new[0]
    store.relays.add(
        op_id,
        {"alert_id": alert_id, "channel": "radio", "via": "F4ABC", "note": "réseau départemental"},
    )
    message = store.messages.add(op_id, message_values(store.alerts.get(alert_id), "fr"))
    with Store(store.data_dir, user="bruno") as other:
        other.messages.approve(message["id"])
    posts = [
        Post(
            key=f"https://social.example/{n}",
            text=text,
            author=who,
            handle=f"@{who}",
            url=f"https://social.example/{n}",
            language="fr",
            posted_at=(datetime.now(UTC) - timedelta(minutes=50 - 10 * n)).strftime(
                "%Y-%m-%dT%H:%M:%S.000Z"
            ),
        )
        for n, (who, text) in enumerate(
            (
                ("fred", "Le barrage de Matemale aurait cédé !!"),
                ("gina", "On dit que le barrage de Matemale a lâché, quelqu'un confirme ?"),
                ("hugo", "RT barrage de Matemale rompu, partagez"),
            )
        )
    ]
    taken = store.items.take(op_id, posts, kind="mastodon")
    rumour = store.rumours.add(
        op_id,
        {
            "claim": "Le barrage de Matemale a cédé",
            "status": "checking",
            "verification": "EDF et la préfecture appelés à 9h10",
        },
    )
    for item_id in taken.new:
        store.rumours.link(rumour["id"], "item", item_id)
    store.rumours.add(op_id, {"claim": "Pillages à Limoux"})


def main() -> int:
    app = QApplication(sys.argv)
    from fieldapp.ui.shell.main_window import MainWindow

    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "data", user="camille") as store:
        op = store.operations.create("Crue de l'Aude")
        fill(store, op["id"], Path(tmp))
        window = MainWindow(store, Settings(last_operation_id=op["id"], language="fr"))
        window.show()
        desk = window.alerts.open_desk()
        until(app, lambda: desk.chains_model.rowCount() > 0)
        desk.alerts_view.selectRow(0)
        until(app, lambda: desk.alert_panel.detail is not None)
        shots = [
            ((1280, 800), 0, "alerts-desk.png"),
            ((1024, 600), 1, "alerts-messages-1024x600.png"),
            ((1024, 600), 2, "alerts-rumours-1024x600.png"),
        ]
        for size, tab, name in shots:
            desk.show_tab(tab)
            if tab == 1:
                desk.messages_view.selectRow(0)
            if tab == 2:
                desk.board_view.selectRow(0)
            desk.resize(*size)
            wait(app)
            desk.grab().save(str(IMAGES / name))
            print("wrote", IMAGES / name)
        window.shutdown()
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
