"""Bad and hostile CAP documents (tests/alerts/data/bad, README there): each refused with one
CapError whose line names the file and the element, and nothing of it returned. Also what
is accepted with a warning, and the limits on size and counts."""

from __future__ import annotations

import pickle
import time

import pytest

from fieldapp.alerts.cap import CapError, alert_from_json, parse_cap

MINIMAL = """<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>TEST-1</identifier><sender>test@example.org</sender>
  <sent>{sent}</sent><status>{status}</status><msgType>Alert</msgType><scope>Public</scope>
  {infos}
</alert>"""
INFO = """<info><category>Met</category><event>Storm</event><urgency>Expected</urgency>
  <severity>Minor</severity><certainty>{certainty}</certainty>{extra}{areas}</info>"""


def document(
    infos: int = 1, areas: str = "", sent: str = "2024-01-01T00:00:00+00:00", **fields: str
) -> bytes:
    info = INFO.format(
        certainty=fields.get("certainty", "Likely"), extra=fields.get("extra", ""), areas=areas
    )
    text = MINIMAL.format(sent=sent, status=fields.get("status", "Actual"), infos=info * infos)
    return text.encode()


def refused(data: bytes, source: str, element: str) -> CapError:
    with pytest.raises(CapError) as caught:
        parse_cap(data, source=source)
    error = caught.value
    line = str(error)
    assert "\n" not in line and line.startswith(f"{source}: {element}: ")
    assert (error.source, error.element) == (source, element)
    copied = pickle.loads(pickle.dumps(error))  # e.g. handed over by a worker process
    assert (str(copied), copied.problem) == (line, error.problem)
    return error


@pytest.mark.parametrize(
    ("name", "element", "words"),
    [
        ("wrong_namespace.cap", "alert", "http://www.incident.com/cap/1.0"),
        ("no_namespace.cap", "alert", "no namespace"),
        ("missing_identifier.cap", "identifier", "missing"),
        ("missing_info_event.cap", "info[1]/event", "missing"),
        ("unknown_severity.cap", "info[1]/severity", '"Catastrophic"'),
        ("negative_radius.cap", "info[1]/area[1]/circle", "radius -5 km is negative"),
        ("polygon_not_closed.cap", "info[1]/area[1]/polygon",
         "polygon is not closed: first point 38.47,-120.14, last 38.62,-119.89"),
        ("polygon_three_points.cap", "info[1]/area[1]/polygon", "at least 4 points"),
        ("latitude_out_of_range.cap", "info[1]/area[1]/polygon", "latitude 98.47 out of range"),
        ("sent_without_zone.cap", "sent", "no time zone"),
        ("expires_without_zone.cap", "info[1]/expires", "no time zone"),
        ("malformed_references.cap", "references", 'reference 2 "KSTO1055870000;2003'),
        ("html_page.cap", "document", "HTML page"),
        ("empty.cap", "document", "empty"),
        ("truncated.cap", "alert", "cut short"),
    ],
)  # fmt: skip
def test_each_bad_file_is_refused_naming_the_file_and_the_element(bad, name, element, words):
    error = refused(bad(name), name, element)
    assert words in error.problem


@pytest.mark.parametrize("name", ["external_entity.cap", "billion_laughs.cap"])
def test_entity_declarations_are_refused_before_any_expansion(bad, name):
    started = time.process_time()
    error = refused(bad(name), name, "<!DOCTYPE>")
    assert "DTD or entity declaration" in error.problem
    assert time.process_time() - started < 5  # far from what a billion laughs takes


def test_an_external_entity_never_brings_a_local_files_contents(bad, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-7f3a9c")
    hostile = bad("external_entity.cap").replace(b"file:///etc/passwd", secret.as_uri().encode())
    error = refused(hostile, "xxe.cap", "<!DOCTYPE>")
    assert "TOP-SECRET" not in str(error)


def test_a_file_over_5_mb_is_refused_unread(tmp_path):
    big = tmp_path / "big.cap"
    padding = "<note>" + "x" * (6 * 1024 * 1024) + "</note>"
    big.write_bytes(document().replace(b"<scope>Public</scope>", padding.encode() + b"<scope>"
                                       b"Public</scope>"))  # fmt: skip
    assert big.stat().st_size > 6_000_000
    error = refused(big.read_bytes(), "big.cap", "document")
    assert error.problem.startswith("too large")


def test_more_than_100_infos_are_refused():
    assert len(parse_cap(document(infos=100), source="ok").infos) == 100
    error = refused(document(infos=101), "many.cap", "info")
    assert "101 info blocks" in error.problem


def test_more_than_1000_areas_are_refused():
    areas = "<area><areaDesc>A</areaDesc></area>" * 11
    assert sum(len(i.areas) for i in parse_cap(document(90, areas), source="ok").infos) == 990
    refused(document(100, areas), "areas.cap", "info[91]/area")


def test_more_than_100000_polygon_points_are_refused():
    ring = " ".join(f"{i % 80}.5,{i % 170}.5" for i in range(9_999)) + " 0.5,0.5"
    area = f"<area><areaDesc>A</areaDesc><polygon>{ring}</polygon></area>"
    parsed = parse_cap(document(10, area), source="ok")  # 10 x 10,000: exactly the limit
    assert sum(len(a.polygons[0]) for i in parsed.infos for a in i.areas) == 100_000
    refused(document(11, area), "points.cap", "info[11]/area[1]/polygon")


def test_what_is_accepted_is_said_in_warnings():
    alert = parse_cap(
        document(sent="2024-01-01T10:00:00Z", status="actual", certainty="Very Likely",
                 extra="<expires>2024-01-02T10:00:00.5+02:00</expires><foo>bar</foo>"),
        source="lenient.cap",
    )  # fmt: skip
    assert alert.sent == "2024-01-01T10:00:00.000Z" and alert.status == "Actual"
    assert alert.infos[0].certainty == "Likely"
    assert alert.infos[0].expires == "2024-01-02T08:00:00.500Z"
    assert set(alert.warnings) == {
        'sent: "2024-01-01T10:00:00Z" uses "Z"; CAP asks for +00:00 (read as UTC)',
        'status: "actual" read as "Actual" (CAP words are case-sensitive)',
        'info[1]/certainty: "Very Likely" (CAP 1.0) read as "Likely"',
        'info[1]/expires: "2024-01-02T10:00:00.5+02:00" has fractions of a second (CAP has none)',
        "info[1]/foo: not a CAP element (skipped)",
    }


def test_minus_zero_is_utc_and_other_zones_are_converted():
    assert parse_cap(document(sent="2024-03-10T23:30:00-00:00"), source="a").sent == (
        "2024-03-10T23:30:00.000Z"
    )
    assert parse_cap(document(sent="2024-03-10T23:30:00-05:30"), source="a").sent == (
        "2024-03-11T05:00:00.000Z"
    )
    refused(document(sent="2024-02-30T10:00:00+01:00"), "feb30.cap", "sent")


def test_control_characters_are_removed_and_markup_kept_as_text():
    extra = (
        "<headline>  Flood\x7f <b>now</b>\u202e  </headline>"
        "<description>\n  Line one\x9b\n\tLine two  \n</description>"
    )
    info = parse_cap(
        document(extra=extra.replace("<b>", "&lt;b&gt;").replace("</b>", "&lt;/b&gt;")), source="t"
    ).infos[0]
    assert info.headline == "Flood <b>now</b>"
    assert info.description == "Line one\n\tLine two"  # stripped; line break and tab kept


@pytest.mark.parametrize(
    ("field", "element"),
    [
        ("<responseType>Run</responseType>", "info[1]/responseType"),
        ("<category>Weather</category>", "info[1]/category[2]"),
        ("<effective>tomorrow</effective>", "info[1]/effective"),
        ("<event>Again</event>", "info[1]/event"),  # given twice
    ],
)
def test_unknown_words_and_doubled_elements_are_named(field, element):
    refused(document(extra=field), "words.cap", element)


@pytest.mark.parametrize(
    ("area", "element"),
    [
        ("<circle>38.4,-120.1</circle>", "info[1]/area[1]/circle"),
        ("<polygon>1,2 3,4 5,x 1,2</polygon>", "info[1]/area[1]/polygon"),
        ("<circle>1,2 5</circle><circle>1,200 5</circle>", "info[1]/area[1]/circle[2]"),
        ("<altitude>high</altitude>", "info[1]/area[1]/altitude"),
    ],
)
def test_bad_shapes_are_named_with_their_area(area, element):
    refused(document(areas=f"<area><areaDesc>A</areaDesc>{area}</area>"), "shape.cap", element)


def test_an_area_without_description_is_refused():
    refused(
        document(areas="<area><circle>1,2 0</circle></area>"), "a.cap", "info[1]/area[1]/areaDesc"
    )


def test_a_feed_given_as_an_alert_says_so():
    feed = b'<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>'
    assert "read it as a CAP index" in refused(feed, "index.xml", "feed").problem


def test_an_alert_inside_an_edxl_de_distribution_is_read():
    alert = document().decode().split("?>", 1)[1]
    wrapped = (
        '<EDXLDistribution xmlns="urn:oasis:names:tc:emergency:EDXL:DE:1.0">'
        "<distributionID>d-1</distributionID><contentObject><xmlContent><embeddedXMLContent>"
        f"{alert}</embeddedXMLContent></xmlContent></contentObject></EDXLDistribution>"
    ).encode()
    parsed = parse_cap(wrapped, source="de.xml")
    assert parsed.identifier == "TEST-1" and "EDXL-DE" in parsed.warnings[0]
    empty = wrapped.replace(alert.encode(), b"")
    refused(empty, "de.xml", "EDXLDistribution/contentObject")


def test_stored_json_that_is_not_an_alert_is_refused():
    with pytest.raises(CapError) as caught:
        alert_from_json({"identifier": "x"})
    assert str(caught.value).startswith("stored alert: alert: not an alert as stored")
