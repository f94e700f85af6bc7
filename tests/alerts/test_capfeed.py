"""CAP index feeds: the real MeteoAlarm Atom (tests/samples/feeds) and an NWS-style Atom
written for these tests (data/nws_atom_index.xml): which CAP documents to download, what
the index says of them, and which ones have expired before the download."""

from __future__ import annotations

import pytest
from alert_samples import DATA

from fieldapp.alerts.capfeed import CapIndexEntry, parse_cap_index
from fieldapp.alerts.capmodel import CapError

METEOALARM = "https://feeds.meteoalarm.org/api/v1/warnings/feeds-france/"


def nws() -> list[CapIndexEntry]:
    data = (DATA / "nws_atom_index.xml").read_bytes()
    return parse_cap_index(data, source="nws", base_url="https://alerts.weather.gov/cap/ca.php")


def test_meteoalarm_gives_12_entries_with_their_cap_links(meteoalarm_index):
    entries = parse_cap_index(meteoalarm_index, source="meteoalarm")
    assert len(entries) == 12
    assert {e.url for e in entries} == {
        METEOALARM + "04d497d4-d114-4d6b-93ba-13fa7ed577fe",
        METEOALARM + "2f32f9f9-06df-48aa-b0a0-10493ea07c51",
    }  # the typed cap+xml link, not the area's web page nor the entry's <id>
    first = entries[0]
    assert first.identifier == "2.49.0.0.250.0.FR.20221207160058.764028"
    assert first.sent == "2022-12-07T15:00:58.000Z"
    assert first.expires == "2022-12-08T15:00:00.000Z"
    assert (first.severity, first.event) == ("Moderate", "Moderate avalanches warning")
    assert first.title == "Yellow Avalanches Warning issued for France - Haute Savoie"
    assert entries[6].identifier == "2.49.0.0.250.0.FR.20221207060126.964028"


def test_meteoalarm_expired_entries_at_a_given_now(meteoalarm_index):
    entries = parse_cap_index(meteoalarm_index, source="meteoalarm")
    # The morning alert expired at 05:01 UTC on the 7th, the afternoon one at 15:00 on the 8th.
    on_the_8th = [e.is_expired("2022-12-08T00:36:08+00:00") for e in entries]
    assert on_the_8th == [False] * 6 + [True] * 6
    assert not any(e.is_expired("2022-12-07T06:00:00+01:00") for e in entries)  # 05:00 UTC
    assert all(e.is_expired("2022-12-08T16:00:00+01:00") for e in entries)  # 15:00 UTC: at it


def test_nws_entries_are_their_id_links_in_the_cap_11_namespace():
    entries = nws()
    assert [e.event for e in entries] == ["Flood Watch", "Wind Advisory", "Dense Fog Advisory"]
    flood, wind, fog = entries
    assert flood.url.startswith("https://alerts.weather.gov/cap/wwacapget.php?x=CA1264D1C1B0E0.")
    assert flood.expires == "2023-01-11T12:00:00.000Z" and flood.severity == "Severe"
    assert flood.identifier is None and flood.sent is None  # this index does not say them
    assert wind.url == (  # a relative link, resolved against the index's address
        "https://alerts.weather.gov/cap/wwacapget.php?x=CA1264D1C0A8F4.WindAdvisory."
        "1264D1CE1A00CA.STONPWSTO.9d1c7b5e2a0f"
    )
    assert fog.expires is None  # "2023-01-09T10:00:00" has no zone: unknown, downloaded


def test_nws_expired_entries_are_skipped_and_the_placeholder_is_not_an_alert():
    now = "2023-01-09T23:07:00Z"  # 15:07 PST, when the index was made
    to_download = [e.event for e in nws() if not e.is_expired(now)]
    assert to_download == ["Flood Watch", "Dense Fog Advisory"]  # the wind advisory ended
    # "There are no other active watches..." points back to the feed: never an entry.
    assert all("wwaatmget" not in e.url for e in nws())


def test_rss_items_with_a_cap_enclosure_and_a_relative_link():
    rss = b"""<?xml version="1.0"?><rss version="2.0"
      xmlns:cap="urn:oasis:names:tc:emergency:cap:1.2"><channel><title>Alerts</title>
      <item><title>Flood</title><link>https://example.org/page/1</link>
        <enclosure url="https://example.org/cap/1.xml" type="application/cap+xml" length="9"/>
        <cap:expires>2030-01-01T00:00:00+01:00</cap:expires></item>
      <item><title>Fire</title><link>alerts/2.xml</link></item>
      <item><title>No link</title><guid isPermaLink="false">abc-3</guid></item>
    </channel></rss>"""
    entries = parse_cap_index(rss, source="rss", base_url="https://example.org/feed.rss")
    assert [(e.title, e.url) for e in entries] == [
        ("Flood", "https://example.org/cap/1.xml"),
        ("Fire", "https://example.org/alerts/2.xml"),
    ]
    assert entries[0].expires == "2029-12-31T23:00:00.000Z"


def test_the_only_link_typed_xml_is_taken_and_javascript_never():
    atom = b"""<feed xmlns="http://www.w3.org/2005/Atom"><id>urn:x</id>
      <entry><id>urn:a</id><title>A</title>
        <link rel="related" href="https://example.org/a.xml" type="application/xml"/></entry>
      <entry><id>urn:b</id><title>B</title><link href="javascript:alert(1)"/></entry>
    </feed>"""
    assert [e.url for e in parse_cap_index(atom, source="atom")] == ["https://example.org/a.xml"]


@pytest.mark.parametrize(
    ("data", "element", "words"),
    [
        (b"<!DOCTYPE html><html><body>Login</body></html>", "document", "HTML page"),
        (b"", "document", "empty"),
        (b'<alert xmlns="urn:oasis:names:tc:emergency:cap:1.1"/>', "alert", "a CAP alert, not"),
        (b'<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
         b'<feed xmlns="http://www.w3.org/2005/Atom"><title>&x;</title></feed>',
         "<!DOCTYPE>", "entity"),
        (b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>cut', "feed", "cut short"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "svg", "root is <svg>"),
    ],
)  # fmt: skip
def test_what_is_not_a_feed_is_refused_naming_it(data, element, words):
    with pytest.raises(CapError) as caught:
        parse_cap_index(data, source="index.xml")
    assert str(caught.value).startswith(f"index.xml: {element}: ")
    assert words in caught.value.problem


def test_is_expired_needs_a_zone():
    entry = CapIndexEntry("https://x/1", None, None, "2024-01-01T00:00:00.000Z", None, None, "")
    with pytest.raises(ValueError, match="no time zone"):
        entry.is_expired("2024-01-02T00:00:00")
