"""Hostile spreadsheets: refused in one line, before anything big is built (how fast:
bench/msel_bench.py)."""

from __future__ import annotations

import io

import openpyxl
import pytest

from fieldapp.exercises.msel import MselError, read_csv, read_xlsx


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("not_a_zip.xlsx", "not_a_zip.xlsx: not an XLSX workbook (an XLSX is a zip archive)"),
        (
            "zip_bomb.xlsx",
            "zip_bomb.xlsx: the workbook unpacks to over 100 MB: refused (zip bomb?)",
        ),
        (
            "billion_laughs.xlsx",
            "billion_laughs.xlsx: the workbook declares XML entities or a DTD: refused",
        ),
        (
            "too_many_rows.xlsx",
            "too_many_rows.xlsx: row 5002: more than 5000 injects: not a scenario",
        ),
    ],
)
def test_a_hostile_workbook_is_refused(data, name, message):
    with pytest.raises(MselError) as error:
        read_xlsx(data(name), source=name)
    assert str(error.value) == message


def test_files_over_10_mb_are_refused_unread():
    big = b"PK" + b"\0" * (10 * 1024 * 1024)
    for read in (read_xlsx, read_csv):
        with pytest.raises(MselError) as error:
            read(big, source="big")
        assert str(error.value) == "big: the file is over 10 MB: not a scenario"
        assert error.value.row is None and error.value.column is None


def test_a_csv_of_more_than_5000_injects_is_refused():
    rows = [f"{n},T+00:01,sms,x" for n in range(1, 5002)]
    data = "\n".join(["Inject #,Scheduled Time,Inject Mode,Message", *rows]).encode()
    with pytest.raises(MselError, match=r"^many\.csv: more than 5000 injects"):
        read_csv(data, source="many.csv")


def test_a_sheet_wider_than_200_columns_is_refused():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Inject #", "Scheduled Time", "Inject Mode", "Message"])
    sheet.append([1, "T+00:01", "sms", "x"])
    sheet.cell(row=2, column=16384, value="far away")  # XFD2, the last column there is
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(MselError) as error:
        read_xlsx(out.getvalue(), source="wide.xlsx")
    assert str(error.value) == "wide.xlsx: more than 200 columns: not a scenario"


def test_a_workbook_without_a_sheet_of_injects_or_header_is_refused():
    book = openpyxl.Workbook()
    book.active.title = "Scenario"
    book.active.append(["Title", "Only the scenario sheet"])
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(MselError, match=r"^meta\.xlsx: the workbook has no sheet of injects$"):
        read_xlsx(out.getvalue(), source="meta.xlsx")
    book.create_sheet("MSEL")
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(MselError, match=r"^empty\.xlsx: the sheet 'MSEL' is empty"):
        read_xlsx(out.getvalue(), source="empty.xlsx")


def test_a_broken_zip_part_is_refused_in_one_line(data):
    good = data("excel_like.xlsx")
    broken = good.replace(b"xl/workbook.xml", b"xl/workbook.xmm")  # the part goes missing
    with pytest.raises(MselError) as error:
        read_xlsx(broken, source="broken.xlsx")
    assert str(error.value).startswith("broken.xlsx: ")
    assert "\n" not in str(error.value)
