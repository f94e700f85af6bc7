"""Makes the monitoring desk's screenshots in docs/images/ from a throw-away data directory.

    xvfb-run -a .venv/bin/python docs/screenshots/monitoring_screenshots.py

The desk at 1280x800 and at 1024x600, a flood told by several accounts chosen (its
posts, one author noted as an impersonator), a watch rule flagging cards about roads and
bridges, and a source whose link was cut. Runs the real main window and desk on the GUI
thread of its own QApplication; the desk reads on the task manager as in the app.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication

from fieldapp.core.settings import Settings
from fieldapp.store import Store

IMAGES = Path(__file__).resolve().parent.parent / "images"
STORIES = [
    ("@prefet11@social.example", "Crue de l'Aude : la route D118 est coupée à Quillan, "
     "l'eau monte vite. Évitez le secteur.", 1),
    ("@anne@social.example", "RT @prefet11: Crue de l'Aude : la route D118 est coupée à "
     "Quillan, l'eau monte vite. Évitez le secteur.", 3),
    ("@prefet_aude_officiel@fake.example", "Crue de l'Aude : la route D118 est coupée à "
     "Quillan, l'eau monte très vite. Évacuez !", 4),
    ("@bob@x.example", "Pont fermé à Limoux, déviation par Couiza", 9),
    ("@carl@y.example", "Le pont de Limoux est fermé, déviation par Couiza", 12),
    ("@dora@z.example", "Coupure de courant à Cuxac-d'Aude depuis 6h", 15),
    ("@eve@z.example", "Les pompiers évacuent l'école de Lézignan, enfants au gymnase", 21),
    ("@fred@social.example", "Rumeur : le barrage de Matemale aurait cédé ?", 26),
    ("@gina@social.example", "Digue fragilisée près de Coursan, les riverains surveillent", 33),
]  # fmt: skip


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


def fill(store: Store, op_id: str) -> None:
    from fieldapp.monitoring.posts import Post

    posts = [
        Post(key=f"https://social.example/{n}", handle=handle, text=text,
             author=handle.strip("@").split("@")[0], url=f"https://social.example/{n}",
             language="fr", posted_at=f"2026-12-05T07:{minute:02d}:00.000Z")
        for n, (handle, text, minute) in enumerate(STORIES)
    ]  # fmt: skip
    from fieldapp.monitoring.intake import place_guesser

    store.items.take(op_id, posts, kind="mastodon", guess=place_guesser(store))
    store.authors.set(op_id, "@prefet_aude_officiel@fake.example", "impersonator",
                      "not the prefecture's account")  # fmt: skip
    store.authors.set(op_id, "@prefet11@social.example", "official", "prefecture of the Aude")
    rule = store.rules.add(op_id, {"name": "Roads and bridges", "expression": "route OR pont"})
    store.rules.enable(rule["id"])
    store.queue.settle()
    store.queue.refresh_hits(op_id)
    store.sources.add(op_id, "rss", "http://127.0.0.1:9/cut-link.xml", name="Préfecture (RSS)")


def main() -> int:
    app = QApplication(sys.argv)
    from fieldapp.ui.shell.main_window import MainWindow

    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp), user="camille") as store:
        op = store.operations.create("Crue de l'Aude")
        fill(store, op["id"])
        window = MainWindow(store, Settings(last_operation_id=op["id"]))
        window.show()
        desk = window.monitoring.open_desk()
        until(app, lambda: desk.model.rowCount() > 0)
        window.monitoring.poller.poll_now()  # the cut link: an error in words on its source
        until(app, lambda: not window.monitoring.poller.is_polling())
        desk.sources.refresh()
        model = desk.model
        flood = next(r for r in range(model.rowCount()) if model.card_at(r).posts == 3)
        desk.select_row(flood)
        until(app, lambda: desk.card.detail is not None and desk.card.posts.rowCount() == 3)
        desk.card.posts_view.selectRow(2)
        desk.sources.view.selectRow(0)
        for size, name in (((1280, 800), "monitoring-desk.png"),
                           ((1024, 600), "monitoring-desk-1024x600.png")):  # fmt: skip
            desk.resize(*size)
            wait(app)
            desk.grab().save(str(IMAGES / name))
            print("wrote", IMAGES / name)
        window.shutdown()
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
