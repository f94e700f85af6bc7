"""Makes the screenshots of official alerts on the map in docs/images/ (1280x800).

    xvfb-run -a .venv/bin/python docs/screenshots/alerts_map_screenshots.py

Two real CAP samples (tests/samples/cap), their times moved to today so that they are
active: the NSW Rural Fire Service's bushfire (a circle of 25 km, Minor) with a more
severe update drawn over it, and Met Éireann's ice warning (six polygons, Moderate), each
with a few reports inside its area and the pointer resting on the last alert (its
tooltip). Runs the real main window on the GUI thread of its own QApplication, in a
throw-away data directory; the map reads on the task manager as in the app.
"""

from __future__ import annotations

import json
import re
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
SAMPLES = ROOT / "tests" / "samples" / "cap"
SHOTS = (  # (image, sample, changes, reports (title, kind, severity, lat, lon), view,
    #         where the pointer rests on the last alert)
    (
        "alerts-map-nsw-bushfire.png",
        "au_nsw_rfs_bushfire_cap12.xml",
        [{}, {"identifier": "nsw-upgrade", "severity": "Severe",
              "headline": "Yerong Creek fire: watch and act, move to Lockhart",
              "circle": "-35.44,146.98 8.0"}],
        [("Smoke over Cox Street", "observation", 3, -35.389, 147.060),
         ("Family asks for a lift to Lockhart", "request_for_help", 4, -35.40, 147.02),
         ("Road closed at Pleasant Hills", "hazard", 4, -35.46, 146.91),
         ("Shed burnt out", "damage", 2, -35.30, 147.15)],
        (-35.42, 147.06, 10),
        (-35.47, 146.96),
    ),
    (
        "alerts-map-met-eireann-ice.png",
        "ie_meteireann_meteoalarm_cap12.xml",
        [{}],
        [("Black ice on the N7 near Naas", "hazard", 4, 53.22, -6.66),
         ("Gritting lorry needed in Athlone", "request_for_help", 3, 53.42, -7.94),
         ("Minor crash, Cork ring road", "damage", 2, 51.89, -8.47)],
        (53.3, -7.8, 7),
        (52.6, -8.9),
    ),
)  # fmt: skip


def live(name: str, changes: dict[str, str]) -> bytes:
    """A sample sent a minute ago and ending in a day, with elements replaced."""
    text = (SAMPLES / name).read_text(encoding="utf-8")
    now = datetime.now(UTC).replace(microsecond=0)
    values = {"sent": now - timedelta(minutes=1), "effective": now - timedelta(minutes=1),
              "onset": now - timedelta(minutes=1), "expires": now + timedelta(days=1)}  # fmt: skip
    for element, value in [*((k, v.isoformat()) for k, v in values.items()), *changes.items()]:
        pattern = rf"(<(?:cap:)?{element}>)[^<]*(<)"
        text = re.sub(pattern, lambda m, v=value: m[1] + v + m[2], text)
    return text.encode()


def until(app: QApplication, done, limit: float = 20.0) -> None:
    end = time.monotonic() + limit
    while not done() and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def evaluate(app: QApplication, view, script: str):
    results: list = []
    view.run_js(script, results.append)
    until(app, lambda: bool(results))
    return results[0] if results else None


def shoot(app: QApplication, tmp: Path, image: str, sample: str, changes, reports, at, tip):
    from fieldapp.alerts.intake import import_files
    from fieldapp.ui.shell.main_window import MainWindow

    folder = tmp / image
    with Store(folder, user="camille") as store:
        op = store.operations.create("Feux et verglas")
        paths = []
        for n, change in enumerate(changes):
            path = folder / f"{n}.xml"
            path.write_bytes(live(sample, change))
            paths.append(path)
        ids = import_files(store, op["id"], paths).taken.new
        for title, kind, severity, lat, lon in reports:
            store.reports.add(op["id"], {"title": title, "kind": kind, "severity": severity,
                                         "lat": lat, "lon": lon})  # fmt: skip
        window = MainWindow(store, Settings(last_operation_id=op["id"]))
        window.resize(1280, 800)
        window.show()
        panel = window.reports_pane.map_panel
        window.reports_pane.show_map()
        until(app, lambda: panel.view is not None)
        view = panel.view
        until(app, lambda: view._ready_sent and view.alerts.count == len(ids))
        view.fly_to(*at)
        until(app, lambda: False, 8.0)  # the flight (across the world: seconds), the tiles
        touch = f"FieldAppAlerts.touch({json.dumps(ids[-1])}, 'mouseover', {json.dumps(tip)})"
        evaluate(app, view, touch)
        until(app, lambda: False, 1.0)
        window.grab().save(str(IMAGES / image))
        print("wrote", IMAGES / image, f"({len(ids)} alerts, {len(reports)} reports)")
        window.shutdown()
        window.close()


def main() -> int:
    app = QApplication(sys.argv)
    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for shot in SHOTS:
            shoot(app, Path(tmp), *shot)
    return 0


if __name__ == "__main__":
    sys.exit(main())
