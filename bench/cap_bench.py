"""Reading CAP alerts: how long the alerts desk's parsing layer takes.

Prints, each the median of repeated runs timed with time.perf_counter in this process:
parse_cap on every real sample (tests/samples/cap), the MeteoAlarm index, the JSON round
trip, and a document at the limits (1,000 areas, 100,000 polygon points in all, ~2 MB)
parsed, stored as JSON and drawn (alert_geometry); then a billion-laughs file refused.
All of it runs off the UI thread in the app; these figures say how long one alert holds
a worker. Run: .venv/bin/python bench/cap_bench.py
"""

from __future__ import annotations

import json
import math
import statistics
import time
from pathlib import Path

from fieldapp.alerts.cap import CapError, alert_from_json, alert_to_json, parse_cap
from fieldapp.alerts.capfeed import parse_cap_index
from fieldapp.alerts.shapes import alert_geometry

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "tests" / "samples"
BAD = ROOT / "tests" / "alerts" / "data" / "bad"


def median_ms(fn, runs: int = 20) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def at_the_limits() -> bytes:
    """1,000 areas, each a different 100-point polygon (1,000 x 100 = the 100,000-point
    cap), in 10 infos: the largest document the limits let through, short of 5 MB."""
    infos = []
    for i in range(10):
        areas = "".join(_area(45 + i * 0.1 + j * 0.001, 5.0) for j in range(100))
        infos.append(
            "<info><category>Met</category><event>Storm</event><urgency>Expected</urgency>"
            f"<severity>Severe</severity><certainty>Likely</certainty>{areas}</info>"
        )
    return (
        '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>BIG</identifier>'
        "<sender>bench@example.org</sender><sent>2024-01-01T00:00:00+00:00</sent>"
        "<status>Actual</status><msgType>Alert</msgType><scope>Public</scope>"
        + "".join(infos)
        + "</alert>"
    ).encode()


def _area(lat: float, lon: float) -> str:
    points = [f"{lat + 0.5 * math.sin(k / 16):.5f},{lon + 0.5 * math.cos(k / 16):.5f}"
              for k in range(99)]  # fmt: skip
    return (
        f"<area><areaDesc>Zone</areaDesc><polygon>{' '.join(points)} {points[0]}</polygon></area>"
    )


def main() -> None:
    for path in sorted((SAMPLES / "cap").glob("*.xml")):
        data = path.read_bytes()
        ms = median_ms(lambda d=data, n=path.name: parse_cap(d, source=n))
        print(f"parse_cap {path.name}: {len(data) / 1000:.1f} KB, {ms:.2f} ms")
    index = (SAMPLES / "feeds" / "atom_capindex_meteoalarm_france.xml").read_bytes()
    ms = median_ms(lambda: parse_cap_index(index, source="meteoalarm"))
    print(f"parse_cap_index MeteoAlarm (12 entries): {ms:.2f} ms")
    big = at_the_limits()
    alert = parse_cap(big, source="big")
    points = sum(len(r) for i in alert.infos for a in i.areas for r in a.polygons)
    ms = median_ms(lambda: parse_cap(big, source="big"), runs=5)
    print(f"parse_cap at the limits ({len(big) / 1e6:.1f} MB, {points:,} points): {ms:.0f} ms")
    text = json.dumps(alert_to_json(alert))
    ms = median_ms(lambda: alert_from_json(json.loads(json.dumps(alert_to_json(alert)))), runs=5)
    print(f"JSON round trip at the limits ({len(text) / 1e6:.1f} MB of JSON): {ms:.0f} ms")
    ms = median_ms(lambda: alert_geometry(alert), runs=5)
    print(f"alert_geometry at the limits (1,000 polygons): {ms:.0f} ms")
    bomb = (BAD / "billion_laughs.cap").read_bytes()

    def refuse() -> None:
        try:
            parse_cap(bomb, source="bomb")
        except CapError:
            return
        raise AssertionError("the billion laughs was read")

    print(f"billion laughs refused in {median_ms(refuse):.2f} ms")


if __name__ == "__main__":
    main()
