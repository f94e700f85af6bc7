"""Benchmark: the alerts desk (issue 15): a feed of 1,000 CAP alerts taken in, and the
map with 1,000 alert areas and 10,000 reports.

1. Import: 1,000 CAP documents made from the real samples (NSW RFS circles, the NWS
   thunderstorm polygon, Environment Canada's polygons in English and French, the USGS
   circle, Met Éireann's six polygons), each with its own identifier and times, its area
   moved onto a town of the demo data, circles of 3-40 km and polygons scaled 0.5-1.5.
   Timed separately: parsing the 1,000 documents (parse_cap), then `intake.take` of the
   parsed alerts (stored, shapes derived, chains checked), into a copy of the map
   benchmark's data folder (10,000 reports). Target: both together <= 5 s.
2. Map: the same measure as bench/map_bench.py (a fresh process: MapView created ->
   map_ready, which now waits for the alerts' areas as well as the reports), on that
   folder: 10,000 reports and the 1,000 alert areas, all active. Median of ROUNDS
   processes after one warm-up. Target <= 2 s.

    python bench/alert_bench.py
"""

from __future__ import annotations

import os
import random
import re
import shutil
import statistics
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import map_bench
from common import OUT, ROOT

ALERTS = 1_000
ROUNDS = 5
SAMPLES = ROOT / "tests" / "samples" / "cap"
TEMPLATES = (  # (file, what its area is)
    ("au_nsw_rfs_bushfire_cap12.xml", "circle"),
    ("us_nws_thunderstorm_cap12.xml", "polygon"),
    ("ca_envcanada_cap12.xml", "polygons"),
    ("us_usgs_earthquake_cap11.xml", "circle"),
    ("ie_meteireann_meteoalarm_cap12.xml", "polygons"),
)
SEVERITIES = ("Extreme", "Severe", "Moderate", "Moderate", "Minor", "Minor", "Unknown")
_ELEMENT = r"(<(?:cap:)?{}>)([^<]*)(</(?:cap:)?{}>)"


def _set(text: str, element: str, value: str) -> str:
    pattern = _ELEMENT.format(element, element)
    return re.sub(pattern, lambda m: m[1] + value + m[3], text)


def _points(text: str) -> list[tuple[float, float]]:
    return [(float(p.split(",")[0]), float(p.split(",")[1])) for p in text.split()]


def _centre(text: str) -> tuple[float, float]:
    """The middle (lat, lon) of every point of a sample's polygons and circles."""
    points = [p for m in re.finditer(_ELEMENT.format("polygon", "polygon"), text)
              for p in _points(m[2])]  # fmt: skip
    points += [
        _points(m[2].split()[0])[0] for m in re.finditer(_ELEMENT.format("circle", "circle"), text)
    ]
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    return (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2


def _move(text: str, centre: tuple[float, float], to: tuple[float, float], scale: float,
          rnd: random.Random) -> str:  # fmt: skip
    """The sample's areas moved from `centre` to `to`, polygons scaled, circles resized."""
    (lat0, lon0), (lat1, lon1) = centre, to

    def polygon(match: re.Match) -> str:
        moved = [
            f"{lat1 + (lat - lat0) * scale:.5f},{lon1 + (lon - lon0) * scale:.5f}"
            for lat, lon in _points(match[2])
        ]
        return match[1] + " ".join(moved) + match[3]

    def circle(match: re.Match) -> str:
        (lat, lon), radius = _points(match[2].split()[0])[0], rnd.uniform(3, 40)
        moved = f"{lat1 + (lat - lat0) * scale:.5f},{lon1 + (lon - lon0) * scale:.5f}"
        return f"{match[1]}{moved} {radius:.1f}{match[3]}"

    text = re.sub(_ELEMENT.format("polygon", "polygon"), polygon, text)
    return re.sub(_ELEMENT.format("circle", "circle"), circle, text)


def make_feed(count: int = ALERTS, seed: int = 15) -> list[bytes]:
    """`count` CAP documents made from the samples, active for a month from now."""
    from fieldapp.demo.data import TOWNS

    rnd = random.Random(seed)
    now = datetime.now(UTC).replace(microsecond=0)
    texts = [(SAMPLES / name).read_text(encoding="utf-8") for name, _ in TEMPLATES]
    centres = [_centre(text) for text in texts]
    feed = []
    for n in range(count):
        which = n % len(texts)
        text = re.sub(r"<(?:cap:)?references>[^<]*</(?:cap:)?references>", "", texts[which])
        _name, lat, lon, *_ = rnd.choice(TOWNS)
        to = (lat + rnd.uniform(-0.3, 0.3), lon + rnd.uniform(-0.3, 0.3))
        scale = rnd.uniform(0.5, 1.5) * (0.1 if which == 4 else 1)  # Ireland onto a county
        text = _move(text, centres[which], to, scale, rnd)
        sent = now - timedelta(minutes=rnd.randint(1, 600))
        for element, moment in (("sent", sent), ("effective", sent), ("onset", sent),
                                ("expires", now + timedelta(days=30))):  # fmt: skip
            text = _set(text, element, moment.isoformat())
        text = _set(text, "identifier", f"bench-{seed}-{n:05d}")
        text = _set(text, "msgType", "Alert")
        text = _set(text, "severity", SEVERITIES[n % len(SEVERITIES)])
        feed.append(text.encode())
    return feed


def _folder() -> tuple[Path, str]:
    """A fresh copy of the map benchmark's 10,000-report folder: (folder, operation id)."""
    from fieldapp.store import Store

    source = map_bench._data_dir()
    folder = OUT / f"alerts-map-{map_bench.REPORTS}"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(source, folder)
    with Store(folder) as store:
        return folder, store.operations.list()[0]["id"]


def import_feed(folder: Path, operation_id: str, feed: list[bytes]) -> tuple[float, float, int]:
    """(seconds to parse, seconds to take in, alerts stored)."""
    from fieldapp.alerts.cap import parse_cap
    from fieldapp.alerts.intake import take
    from fieldapp.store import Store

    started = time.perf_counter()
    parsed = [parse_cap(data, source=f"bench-{n}") for n, data in enumerate(feed)]
    parse_s = time.perf_counter() - started
    with Store(folder, user="bench") as store:
        started = time.perf_counter()
        done = take(store, operation_id, [(alert, "feed:bench") for alert in parsed])
        take_s = time.perf_counter() - started
    return parse_s, take_s, len(done.taken.new)


def main() -> dict:
    feed = make_feed()
    folder, operation_id = _folder()
    parse_s, take_s, stored = import_feed(folder, operation_id, feed)
    size = sum(len(d) for d in feed)
    print(
        f"import of {ALERTS:,} CAP alerts ({size / 1e6:.1f} MB, from the samples: circles and "
        f"polygons) in {parse_s + take_s:.2f} s (target <= 5 s): parse {parse_s:.2f} s "
        f"(parse_cap of each document), take {take_s:.2f} s (intake.take: stored, shapes "
        f"derived, chains checked) into a store of {map_bench.REPORTS:,} reports; "
        f"{stored:,} stored"
    )
    map_bench._map_start(folder)  # warm the OS cache, the .pyc files and the page cache
    runs = [map_bench._map_start(folder) for _ in range(ROUNDS)]
    ready = [run["ready"] for run in runs]
    print(
        f"map with {runs[0].get('alerts', '?')} alert areas and {runs[0]['markers']:,} "
        f"reports: ready in {statistics.median(ready):.2f} s (target <= 2 s): MapView "
        f"created -> map_ready (reports clustered and drawn, alert areas drawn), median of "
        f"{ROUNDS} processes, max {max(ready):.2f} s; "
        f"{max(r['blocked'] for r in runs)} blocked requests"
    )
    print("  " + map_bench._describe("breakdown", runs).partition("\n  ")[2])
    return {
        "alert_import_s": round(parse_s + take_s, 2),
        "alert_map_ready_s": round(statistics.median(ready), 2),
    }


if __name__ == "__main__":
    os.chdir(ROOT)
    main()
