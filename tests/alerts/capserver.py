"""CAP feeds on loopback for the alerts tests: the monitoring tests' FeedServer
(tests/monitoring/feedserver.py: scripted replies, ETag and 304, delays, a request log)
serving CAP indexes and the CAP documents they link to.

    with FeedServer() as server:
        feed = CapFeed(server)
        feed.meteoalarm(etag='"v1"')           # the real MeteoAlarm France index, on loopback
        feed.document("/cap/a", cap_alert("A", "2026-12-05T08:00:00+01:00"))
        feed.index([Entry("/cap/a", "A", ...)], etag='"v2"')   # an index written for a test
        server.requests("/cap/a")              # what was asked

The MeteoAlarm index (tests/samples/feeds) links to two documents: the real Météo-France
Update of tests/samples/cap (expired at 05:01 UTC on 7 December 2022) and an Alert whose
document is made here from that sample (its identifier, sent and expiry as the index
says; no references).
"""

from __future__ import annotations

import importlib.util
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

TESTS = Path(__file__).resolve().parents[1]
SAMPLES = TESTS / "samples"
METEOALARM_INDEX = SAMPLES / "feeds" / "atom_capindex_meteoalarm_france.xml"
FRENCH_UPDATE = SAMPLES / "cap" / "fr_meteofrance_meteoalarm_cap12.xml"
METEOALARM_DOCS = "https://feeds.meteoalarm.org/api/v1/warnings/feeds-france/"
ALERT_DOC = "/cap/04d497d4-d114-4d6b-93ba-13fa7ed577fe"  # identifier ...160058.764028
UPDATE_DOC = "/cap/2f32f9f9-06df-48aa-b0a0-10493ea07c51"  # the sample, expired
ALERT_ID = "2.49.0.0.250.0.FR.20221207160058.764028"
UPDATE_ID = "2.49.0.0.250.0.FR.20221207060126.964028"
ATOM_TYPE = "application/atom+xml; charset=utf-8"
CAP_TYPE = "application/cap+xml; charset=utf-8"


def _feedserver():
    """tests/monitoring/feedserver.py, one module whichever folder's tests load it."""
    if "feedserver" not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            "feedserver", TESTS / "monitoring" / "feedserver.py"
        )
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["feedserver"] = module
        spec.loader.exec_module(module)
    return sys.modules["feedserver"]


FeedServer = _feedserver().FeedServer
Reply = _feedserver().Reply


@dataclass(frozen=True)
class Entry:
    """One entry of an index written for a test, in MeteoAlarm's shape."""

    path: str  # of the CAP document on the server
    identifier: str
    sent: str
    expires: str
    msg_type: str = "Alert"
    title: str = "Yellow Flood Warning issued for France - Aude"


def meteoalarm_alert() -> bytes:
    """The Alert the MeteoAlarm index lists beside the sample's Update, made from it."""
    text = FRENCH_UPDATE.read_text(encoding="utf-8")
    text = text.replace("20221207060126.964028", "20221207160058.764028")
    text = text.replace("2022-12-07T06:01:26+01:00", "2022-12-07T16:00:58+01:00")
    text = text.replace("<msgType>Update</msgType>", "<msgType>Alert</msgType>")
    text = re.sub(r"\s*<references>[^<]*</references>", "", text)
    text = text.replace("<expires>2022-12-07T06:01:00+01:00", "<expires>2022-12-08T16:00:00+01:00")
    return text.encode("utf-8")


def cap_alert(
    identifier: str,
    sent: str,
    *,
    expires: str = "2026-12-06T18:00:00+01:00",
    msg_type: str = "Alert",
    references: str = "",
    sender: str = "vigilance@meteo.fr",
    status: str = "Actual",
    headline: str = "Vigilance orange crues",
) -> bytes:
    """A small CAP 1.2 alert (Météo-France's shape) written for a test."""
    refs = f"<references>{escape(references)}</references>" if references else ""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>{escape(identifier)}</identifier>
  <sender>{escape(sender)}</sender>
  <sent>{sent}</sent>
  <status>{status}</status>
  <msgType>{msg_type}</msgType>
  <scope>Public</scope>
  {refs}
  <info>
    <language>fr-FR</language>
    <category>Met</category>
    <event>Vigilance orange crues</event>
    <urgency>Immediate</urgency>
    <severity>Severe</severity>
    <certainty>Likely</certainty>
    <expires>{expires}</expires>
    <headline>{escape(headline)}</headline>
    <area>
      <areaDesc>Aude</areaDesc>
      <polygon>42.6,1.7 43.5,1.7 43.5,3.2 42.6,3.2 42.6,1.7</polygon>
    </area>
  </info>
</alert>
""".encode()


def xxe_alert(secret_url: str) -> bytes:
    """A CAP alert whose DTD declares an external entity (google/cap-library's xee.cap
    attack, pointed at a URL of the test server: fetching it would show in the log)."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE alert [<!ENTITY xxe SYSTEM "{secret_url}">]>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>XXE-1</identifier>
  <sender>attacker@example.org</sender>
  <sent>2026-12-05T08:00:00+01:00</sent>
  <status>Actual</status>
  <msgType>Alert</msgType>
  <scope>Public</scope>
  <note>&xxe;</note>
</alert>
""".encode()


class CapFeed:
    """Indexes and documents on a FeedServer."""

    def __init__(self, server) -> None:
        self.server = server

    def url(self, path: str = "/index.atom") -> str:
        return self.server.url(path)

    def meteoalarm(self, path: str = "/meteoalarm.atom", **reply: object) -> str:
        """Serve the real MeteoAlarm France index (its CAP links on this server) and its
        two documents; returns the index's URL."""
        text = METEOALARM_INDEX.read_text(encoding="utf-8")
        text = text.replace(METEOALARM_DOCS, self.server.url("/cap/"))
        self.server.serve(path, text.encode("utf-8"), content_type=ATOM_TYPE, **reply)
        self.document(ALERT_DOC, meteoalarm_alert())
        self.document(UPDATE_DOC, FRENCH_UPDATE.read_bytes())
        return self.url(path)

    def index(self, entries: list[Entry], path: str = "/index.atom", **reply: object) -> str:
        """Serve an Atom index of these entries (MeteoAlarm's shape); returns its URL."""
        self.server.serve(path, self.atom(entries), content_type=ATOM_TYPE, **reply)
        return self.url(path)

    def document(self, path: str, body: bytes, **reply: object) -> None:
        self.server.serve(path, body, content_type=CAP_TYPE, **reply)

    def atom(self, entries: list[Entry]) -> bytes:
        items = "".join(
            f"""
  <entry>
    <cap:event>Flood warning</cap:event>
    <cap:sent>{e.sent}</cap:sent>
    <cap:expires>{e.expires}</cap:expires>
    <cap:severity>Severe</cap:severity>
    <cap:message_type>{e.msg_type}</cap:message_type>
    <cap:status>Actual</cap:status>
    <cap:identifier>{escape(e.identifier)}</cap:identifier>
    <link href="{self.server.url(e.path)}" type="application/cap+xml"/>
    <link href="https://meteoalarm.org?region=FR" hreflang="en" rel="related" title="France"/>
    <id>{self.server.url(e.path)}?index_info=0</id>
    <title>{escape(e.title)}</title>
    <updated>2026-12-05T07:00:00Z</updated>
  </entry>"""
            for e in entries
        )
        return f"""<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:cap="urn:oasis:names:tc:emergency:cap:1.2">
  <link href="{self.url()}" rel="self" type="application/atom+xml"/>
  <id>tag:meteoalarm.org,2021-02-19:FR</id>
  <title>Meteoalarm - severe weather warnings for Europe</title>
  <updated>2026-12-05T07:00:00Z</updated>{items}
</feed>
""".encode()
