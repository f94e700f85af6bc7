"""Makes the radio desk's screenshots in docs/screenshots/ from a throw-away data directory.

    xvfb-run -a .venv/bin/python docs/screenshots/radio_screenshots.py

The desk (a message relayed twice is chosen: its relay chain shows every hop), the
entry form of each kind (radiogram with a check to pass on as 10/7 and a normalised
text, ICS-213, ADRASEC), and the printed forms: a radiogram and the ICS-309 log with a
line per hop, drawn from their PDF pages. Runs on the GUI thread of its own
QApplication; the desk reads its tables in its query thread as in the app.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from fieldapp.radio import forms
from fieldapp.store import Store

HERE = Path(__file__).parent
STATION = "F4ABC"


def wait(app: QApplication, seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


OTHERS = [
    {"text": "ROAD D6110 CLOSED AT ANDUZE BRIDGE", "number": "7", "received_from": "F5XYZ",
     "check_received": "5", "received_at": "2026-11-28T18:20Z"},
    {"text": "ARL FIFTY ARL SIXTY FOUR NIMES", "number": "44", "precedence": "W",
     "received_from": "F1PCT", "check_received": "ARL 6"},
    {"text": "DAM AT SAINTE CECILE OVERFLOWING EVACUATE VALLEY NOW", "number": "3",
     "precedence": "EMERGENCY", "received_from": "F6KRT", "check_received": "8",
     "origin_station": "F6KRT"},
]  # fmt: skip
RELAYED = {
    "text": "NEED 40 COTS AT ALES SCHOOL", "number": "12", "precedence": "P",
    "received_from": "F1PCT", "check_received": "6", "received_net": "GARD NET",
    "origin_station": "F1PCT", "place_of_origin": "ALES", "to_name": "PREFECTURE DU GARD",
    "signature": "MAIRE D ALES", "received_at": "2026-11-28T18:02Z",
}  # fmt: skip
HOPS = [
    {"to_station": "F5XYZ", "net": "RDRF 80M", "at": "2026-11-28T18:10Z", "frequency": "3.603",
     "mode": "LSB"},
    {"to_station": "F6KRT", "net": "VHF NIMES", "at": "2026-11-28T18:31Z"},
]  # fmt: skip


def fill(store: Store, op: dict) -> dict:
    """A little traffic: a message relayed twice, an EMERGENCY waiting, others."""
    relayed = store.radio.add(op["id"], RELAYED, station=STATION)
    for hop in HOPS:
        store.radio.relay(relayed["id"], station=STATION, **hop)
    for values in OTHERS:
        store.radio.add(op["id"], values, station=STATION)
    return store.radio.get(relayed["id"])


def type_into(widget, text: str) -> None:
    """Typed key by key; QTest has no keys for accented letters: those are inserted."""
    widget.setFocus()
    if text.isascii():
        QTest.keyClicks(widget, text)
    elif hasattr(widget, "insertPlainText"):
        widget.insertPlainText(text)
    else:
        widget.insert(text)


def copy_radiogram(desk) -> None:
    """The operator copies a radiogram as heard, and normalises its text (Ctrl+T)."""
    entry = desk.entry
    values = {
        "received_from": "F1PCT", "received_net": "GARD NET", "number": "13",
        "precedence": "P", "origin_station": "F1PCT", "check_received": "10",
        "place_of_origin": "ALES", "time_filed": "1912Z", "date_filed": "NOV 28",
        "to_name": "RED CROSS ALES", "text": "Shelter full. ? Send 9 more cots",
    }  # fmt: skip
    for name, value in values.items():
        type_into(entry.field(name), value)
    entry.normalise_text()


def grab(widget: QWidget, name: str) -> None:
    widget.grab().save(str(HERE / name))
    print("wrote", HERE / name)


def pdf_page(pdf: Path, name: str, width: int = 1100) -> None:
    document = QPdfDocument()
    document.load(str(pdf))
    size = document.pagePointSize(0)
    image = document.render(0, QSize(width, int(width * size.height() / size.width())))
    page = QImage(image.size(), QImage.Format.Format_RGB32)
    page.fill(Qt.GlobalColor.white)
    painter = QPainter(page)
    painter.drawImage(0, 0, image)
    painter.end()
    page.save(str(HERE / name))
    print("wrote", HERE / name)


def main() -> int:
    app = QApplication(sys.argv)
    from fieldapp.ui.radio import printing as radio_print
    from fieldapp.ui.radio.desk import RadioDesk

    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "data", user="jean") as store:
        op = store.operations.create("Crue du Gard")
        relayed = fill(store, op)
        desk = RadioDesk(store, None, station=STATION)
        desk.set_operation(op)
        desk.resize(1440, 960)
        desk.show()
        wait(app, 1.0)
        row = next(
            r for r in range(desk.log_model.rowCount())
            if desk.log_model.message_at(r)["id"] == relayed["id"]
        )  # fmt: skip
        desk.log_view.selectRow(row)
        copy_radiogram(desk)
        wait(app, 0.5)
        grab(desk, "radio-desk.png")
        grab(desk.entry, "radio-entry.png")
        entry = desk.entry
        for kind, values in (
            ("ics213", {"incident": "Crue du Gard", "to_name": "PC Préfecture",
                        "to_position": "COS", "from_name": "Mairie d'Alès",
                        "from_position": "Maire", "subject": "Hébergement",
                        "text": "Gymnase complet, 120 personnes. Besoin de 40 lits."}),
            ("adrasec", {"origin_station": "F1PCT", "number": "004", "precedence": "URGENT",
                         "from_name": "Maire d'Alès, mairie", "to_name": "Préfecture du Gard",
                         "text": "GYMNASE COMPLET BESOIN DE 40 LITS", "signature": "LE MAIRE",
                         "author_contact": "04 66 00 00 00"}),
        ):  # fmt: skip
            entry.kind_combo.setCurrentIndex(entry.kind_combo.findData(kind))
            entry.clear()
            for name, value in values.items():
                type_into(entry.field(name), value)
            wait(app, 0.2)
            grab(entry, f"radio-entry-{kind}.png")
        with tempfile.TemporaryDirectory() as pdfs:
            radiogram = Path(pdfs) / "radiogram.pdf"
            radio_print.message_pdf(store.radio.get(relayed["id"]), radiogram, exercise=False)
            pdf_page(radiogram, "radio-form-radiogram.png")
            now = datetime.now(UTC)
            period = tuple(
                (now + timedelta(hours=h)).strftime("%Y-%m-%dT%H:00:00.000Z") for h in (-12, 1)
            )
            messages = store.radio.period(op["id"], since=period[0], until=period[1])
            sheet = forms.build_ics309(
                op, messages, period=period, station=STATION, operator="Jean",
                net="GARD NET", prepared_at=now.strftime("%Y-%m-%d %H:%M"),
            )  # fmt: skip
            log = Path(pdfs) / "ics309.pdf"
            radio_print.ics309_pdf(sheet, log)
            pdf_page(log, "radio-form-ics309.png")
        desk.shutdown()
        desk.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
