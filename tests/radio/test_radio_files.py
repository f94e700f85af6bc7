"""flmsg and B2F files: the real samples, byte-exact round trips, malformed files refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fieldapp.radio import b2f, files, flmsg, forms
from fieldapp.radio.flmsg import FlmsgError, FlmsgFile

SAMPLES = Path(__file__).parent.parent / "samples" / "radio"
B2F_SAMPLE = SAMPLES / "wl2k-go_LPE5NXDVLVSQ.b2f"


def _form(form: str, *fields: tuple[str, str]) -> bytes:
    """An flmsg file as RADIO.md describes it, written independently of fieldapp: CRLF
    lines, each length the UTF-8 bytes of the value with LF line breaks (flmsg's count)."""
    out = "<flmsg>4.0.20\r\n"
    for tag, value in fields:
        if tag == "form":
            out += f"<{form}>\r\n"
            continue
        out += f":{tag}:{len(value.encode())} " + value.replace("\n", "\r\n") + "\r\n"
    return out.encode()


RADIOGRAM = _form(
    "radiogram",
    ("hdr_fm", "\nW1AW 20261128183000"), ("hdr_ed", "\nW1AW 20261128183000"), ("form", ""),
    ("nbr", "101"), ("prec", "1"), ("hx", "HXG"), ("d1", "DEC 25"), ("t1", "1830Z"),
    ("to", "JOHN SMITH\n1 MAIN ST\nHARTFORD CT"), ("tel", "860 594 0301"),
    ("msg", "HAPPY BIRTHDAY X SEE YOU SOON X LOVE\n"), ("sig", "DIANE"), ("ck", "8"),
    ("sta", "W1AW"), ("org", "NEWINGTON CT"), ("svc", "F"), ("std", "T"),
)  # fmt: skip
ICS213 = _form(
    "ics213",
    ("form", ""), ("inc", "Crue Aude"), ("to", "K2LBM"), ("fm", "W1HKJ"),
    ("sb", "Situation Report - F3 tornado"), ("d1", "2009-09-29"), ("t1", "00:03 UTC"),
    ("mg", "1. # injured 4\n2. # déplacés 30"), ("s1", "Dave Freese"), ("rp", "Shelter ready."),
)  # fmt: skip


def _import(store, operation, tmp_path, data: bytes, name: str) -> list[dict]:
    path = tmp_path / name
    path.write_bytes(data)
    return files.import_file(store, operation["id"], path, station="F4ABC")


def test_the_real_winlink_message_imports_with_its_photo(store, operation, tmp_path):
    [message] = files.import_file(store, operation["id"], B2F_SAMPLE)
    assert message["subject"] == "73 fra Brekke" and message["received_from"] == "LA5NTA"
    assert "prøver meg på å sende" in message["text"]  # ISO-8859-1 body read as such
    assert message["msg_date"] == "2016-07-20" and message["received_at"].startswith("2016-07-20")
    [photo] = message["format_meta"]["b2f"]["files"]
    assert photo["name"] == "1469042410710.jpg" and photo["size"] == 31028
    assert store.attachments.blobs.path(photo["sha256"]).read_bytes()[:2] == b"\xff\xd8"  # a JPEG
    exported = files.export_message(store, message, "b2f", exercise=False)
    assert exported == B2F_SAMPLE.read_bytes()


def test_an_edited_winlink_message_exports_its_new_subject(store, operation):
    [message] = files.import_file(store, operation["id"], B2F_SAMPLE)
    edited = store.radio.update(message["id"], {"subject": "73 from Brekke"})
    parsed = b2f.parse(files.export_message(store, edited, "b2f", exercise=True))
    assert parsed.get("Subject") == "EXERCISE 73 from Brekke"
    assert parsed.files[0][1] == b2f.parse(B2F_SAMPLE.read_bytes()).files[0][1]


@pytest.mark.parametrize(("data", "name"), [(RADIOGRAM, "a.m2s"), (ICS213, "b.213")])
def test_flmsg_forms_round_trip_byte_for_byte(store, operation, tmp_path, data, name):
    [message] = _import(store, operation, tmp_path, data, name)
    assert files.export_message(store, message, "flmsg", exercise=False) == data


def test_an_imported_radiogram_reads_as_copied(store, operation, tmp_path):
    [message] = _import(store, operation, tmp_path, RADIOGRAM, "a.m2s")
    assert (message["number"], message["precedence"], message["handling"]) == (
        "101", "WELFARE", "HXG",
    )  # fmt: skip
    assert message["check"] == "8" and message["origin_station"] == "W1AW"
    assert message["to_name"].splitlines() == ["JOHN SMITH", "1 MAIN ST", "HARTFORD CT"]
    text = forms.message_text(message)
    assert text.splitlines()[0] == "NR 101 W HXG W1AW 8 NEWINGTON CT 1830Z DEC 25"
    assert "HAPPY BIRTHDAY X SEE YOU\nSOON X LOVE\nBT\nDIANE" in text


DOUBTFUL = _form(
    "radiogram",
    ("form", ""), ("nbr", "7"), ("prec", "9"), ("d1", "FEB 30"), ("t1", "2561Z"),
    ("msg", "HAPPY BIRTHDAY X SEE YOU SOON X LOVE"), ("ck", "10"), ("sta", "W1AW"),
)  # fmt: skip


def test_an_imported_radiogram_keeps_its_doubtful_values_with_warnings(store, operation, tmp_path):
    """Unknown precedence, impossible time and date, check mismatch: all kept as copied,
    each a warning, and the file exported again is the file received (nothing rewritten)."""
    [message] = _import(store, operation, tmp_path, DOUBTFUL, "doubtful.m2s")
    assert (message["precedence"], message["time_filed"], message["date_filed"]) == (
        "9", "2561Z", "FEB 30",
    )  # fmt: skip
    assert (message["check_received"], message["check"]) == ("10", "10/8")
    assert {name: w["code"] for name, w in message["warnings"].items()} == {
        "precedence": "unknown_precedence",
        "time_filed": "impossible_time",
        "date_filed": "impossible_date",
        "check_received": "check_mismatch",
    }
    assert files.export_message(store, message, "flmsg", exercise=False) == DOUBTFUL


def test_an_edited_field_is_written_from_the_message(store, operation, tmp_path):
    [message] = _import(store, operation, tmp_path, RADIOGRAM, "a.m2s")
    edited = store.radio.update(message["id"], {"signature": "DIANE AND BOB"})
    doc = flmsg.parse(files.export_message(store, edited, "flmsg", exercise=False))
    assert doc.get("sig") == "DIANE AND BOB" and doc.get("msg") == message["text"] + "\n"


def test_exports_of_an_exercise_say_so(store, tmp_path):
    exercise = store.operations.create("Exercice Rhône", exercise=True)
    [message] = _import(store, exercise, tmp_path, RADIOGRAM, "a.m2s")
    doc = flmsg.parse(files.export_message(store, message, "flmsg", exercise=True))
    assert doc.get("prec") == "5"  # TEST WELFARE
    text = files.export_message(store, message, "text", exercise=True).decode()
    assert text.startswith("EXERCISE") and "NR 101 TEST W" in text


def test_a_message_can_be_sent_as_the_other_form(store, operation, tmp_path):
    [message] = _import(store, operation, tmp_path, ICS213, "b.213")
    doc = flmsg.parse(files.export_message(store, message, "radiogram", exercise=False))
    assert doc.form == "radiogram" and doc.get("sig") == "W1HKJ"
    assert doc.get("msg").startswith("Situation Report - F3 tornado X 1.")


def test_an_ics309_file_round_trips_and_imports_its_lines(store, operation, tmp_path):
    sheet = forms.Ics309Log("Crue", "2026-11-28T08:00", "2026-11-28T20:00", net="RDRF")
    sheet.rows = [{"time": "08:10", "from": "F1PCT #1", "to": "F4ABC", "message": "R EAU"}]
    data = forms.ics309_flmsg(sheet)
    assert flmsg.write(flmsg.parse(data)) == data
    [line] = _import(store, operation, tmp_path, data, "c.309")
    assert (line["received_from"], line["sent_to"], line["subject"]) == (
        "F1PCT #1",
        "F4ABC",
        "R EAU",
    )


@pytest.mark.parametrize(
    ("data", "line", "words"),
    [
        (RADIOGRAM.replace(b":nbr:3 101", b":nbr:4 101"), 7, "length of :nbr:"),
        (RADIOGRAM[:-40], 21, "truncated"),
        (RADIOGRAM[: RADIOGRAM.index(b":msg:") + 20], 16, "truncated"),
        (b"<flmsg>4.0.20\r\n<radiogram>\r\n\x00\x01\x02junk\r\n", 3, "binary"),
        (RADIOGRAM.replace(b":tel:12", b"tel 12"), 15, "expected a field"),
        (b"\x89PNG\r\n\x1a\n", 1, "neither an flmsg form"),
        ((SAMPLES / "flmsg_ics213_textout.txt").read_bytes(), 1, "text view of an ICS-213"),
        ((SAMPLES / "flmsg_W1HKJ-14.c2s").read_bytes(), 7, "<csvform> forms cannot"),
    ],
)
def test_malformed_flmsg_files_name_the_line_and_import_nothing(
    store, operation, tmp_path, data, line, words
):
    before = store.db.outbox_count()
    with pytest.raises(FlmsgError) as caught:
        _import(store, operation, tmp_path, data, "bad.m2s")
    assert caught.value.line == line and words in str(caught.value)
    assert store.db.outbox_count() == before and store.radio.list(operation["id"]) == []


@pytest.mark.parametrize(
    ("cut", "line", "words"),
    [
        (lambda d: d[:5000], 6, "truncated"),
        (lambda d: d[:200], 1, "no blank line"),
        (lambda d: d.replace(b"Body: 104", b"Body: 1O4"), 2, "not a number"),
        (lambda d: d.replace(b"Body: 104", b"Body: 100"), 2, "where Body says"),
        (lambda d: d.replace(b"From: LA5NTA", b"\x00\x01\x02"), 7, "not a header"),
        (lambda d: d.replace(b"2016/07/20 19:21", b"20/07/2016 7pm!!"), 5, "Date"),
    ],
)
def test_malformed_b2f_files_name_the_line_and_import_nothing(
    store, operation, tmp_path, cut, line, words
):
    with pytest.raises(b2f.B2fError) as caught:
        _import(store, operation, tmp_path, cut(B2F_SAMPLE.read_bytes()), "bad.b2f")
    assert caught.value.line == line and words in str(caught.value)
    assert store.radio.list(operation["id"]) == []


_VALUES = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\0"), max_size=40
)


@settings(max_examples=60)
@given(
    st.lists(st.tuples(st.sampled_from(["nbr", "msg", "to", "sig", "ck"]), _VALUES), max_size=6),
    st.booleans(),
)
def test_any_flmsg_file_we_write_reads_back_the_same(fields, crlf):
    doc = FlmsgFile("radiogram", [(t, v) for t, v in fields if v], crlf=crlf)
    data = flmsg.write(doc)
    again = flmsg.parse(data)
    assert again.fields == doc.fields and flmsg.write(again) == data


@settings(max_examples=40)
@given(st.binary(max_size=300), st.lists(st.binary(max_size=200), max_size=3))
def test_any_b2f_message_we_write_reads_back_the_same(body, attachments):
    message = b2f.B2fMessage(
        [("Mid", " ABC123"), ("Body", f" {len(body)}"), ("Date", " 2026/11/28 18:30")], body
    )
    for index, data in enumerate(attachments):
        message.headers.append(("File", f" {len(data)} photo{index}.jpg"))
        message.files.append((f"photo{index}.jpg", data))
    data = b2f.write(message)
    again = b2f.parse(data)
    assert again.body == body and again.files == message.files and b2f.write(again) == data
