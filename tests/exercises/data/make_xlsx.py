"""Makes the XLSX files of this folder (README.md says what each is). Run once:
PYTHONPATH=. python tests/exercises/data/make_xlsx.py; the files are committed."""

from __future__ import annotations

import io
import zipfile
from datetime import time, timedelta
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent


def excel_like() -> None:
    """As a trainer types it in Excel: numbers as numbers, times as times, a formula."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "MSEL"
    sheet.append(["Inject #", "Scheduled Time", "Inject Mode", "From", "To", "Message",
                  "Expected Player Action", "Notes", "Responsible Controller", "Follows",
                  "detail:severity", "Message (fr)"])  # fmt: skip
    sheet.append([1, time(0, 15), "Radio", "Town hall", "Prefecture", "Bridge closed", "Log it",
                  "", "Ana", None, None, "Pont fermé"])  # fmt: skip
    sheet.append([2, timedelta(hours=26, minutes=5), "Email", "Prefecture", "All", "=1+1",
                  "Read it", "a formula, read as its text", "Ana", 1, None, None])  # fmt: skip
    sheet.append([3, "T+00:30", "CAP alert", "Météo-France", "All", "Red warning", "Relay",
                  "", "Ana", None, "Extreme", "Vigilance rouge"])  # fmt: skip
    sheet["B2"].number_format = "hh:mm"
    sheet["B3"].number_format = "[h]:mm"
    meta = book.create_sheet("Scénario")
    meta.append(["Titre", "Crue du Gardon"])
    meta.append(["Langue", "EN"])
    meta.append(["Description", "Typed by hand in a spreadsheet"])
    book.save(HERE / "excel_like.xlsx")


def bad_time() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["N°", "Heure prévue", "Canal", "Contenu"])
    sheet.append([1, "T+00:10", "SMS", "Eau dans la rue"])
    sheet.append([2, "=B2+1", "SMS", "Eau dans la cave"])
    book.save(HERE / "formula_time.xlsx")


def too_many_rows() -> None:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("MSEL")
    sheet.append(["Inject #", "Scheduled Time", "Inject Mode", "Message"])
    for number in range(1, 5002):
        sheet.append([number, "T+00:01", "sms", "x"])
    book.save(HERE / "too_many_rows.xlsx")


def zip_bomb() -> None:
    """A workbook whose sheet unpacks to 101 MB of blanks (about 100 KB packed)."""
    source = io.BytesIO()
    book = openpyxl.Workbook()
    book.active.append(["Inject #", "Scheduled Time", "Inject Mode", "Message"])
    book.save(source)
    out = io.BytesIO()
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(out, "w") as bomb:
        for item in original.infolist():
            data = original.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                head, tail = data.split(b"<sheetData>", 1)
                data = head + b" " * (101 * 1024 * 1024) + b"<sheetData>" + tail
            bomb.writestr(item.filename, data, zipfile.ZIP_DEFLATED, compresslevel=9)
    (HERE / "zip_bomb.xlsx").write_bytes(out.getvalue())


def billion_laughs() -> None:
    """The nested-entity bomb in a cell of a real workbook (10^9 "lol" once expanded)."""
    source = io.BytesIO()
    book = openpyxl.Workbook()
    book.active.append(["Inject #", "Scheduled Time", "Inject Mode", "Message"])
    book.active.append([1, "T+00:10", "sms", "&lol9;"])
    book.save(source)
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    out = io.BytesIO()
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(out, "w") as bomb:
        for item in original.infolist():
            data = original.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode().replace("&amp;lol9;", "&lol9;")
                data = f"<!DOCTYPE worksheet [{entities}]>{text}".encode()
            bomb.writestr(item.filename, data, zipfile.ZIP_DEFLATED)
    (HERE / "billion_laughs.xlsx").write_bytes(out.getvalue())


if __name__ == "__main__":
    excel_like()
    bad_time()
    too_many_rows()
    zip_bomb()
    billion_laughs()
    (HERE / "not_a_zip.xlsx").write_bytes((HERE / "minimal.csv").read_bytes())
