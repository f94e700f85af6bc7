"""The situation report's content: key figures counted from the data (reports by kind,
severity and verification, requests for help open and closed, alerts active, radio
traffic handled, rumours debunked), the situation by area, needs by place, the most
important verified reports, the box of the located reports, and the coordinator's text
checked."""

from __future__ import annotations

from pathlib import Path

import pytest
from sitrep_kit import coloured_tiles

from fieldapp.alerts.intake import import_files
from fieldapp.core.errors import ValidationError
from fieldapp.exports import sitrep
from fieldapp.exports.sitrep_map import snapshot

CAP = Path(__file__).resolve().parents[1] / "samples" / "cap"
NOW = "2022-12-08T12:30:00.000Z"  # the Irish ice warning has expired, the UK one has not


def add(store, op, **values):
    base = {"title": values.pop("title", "A report"), "kind": "observation", "severity": 3}
    return store.reports.add(op, {**base, **values})


@pytest.fixture
def busy(store, operation):
    """An operation with reports of every sort, radio traffic, alerts and rumours."""
    op = operation["id"]
    first = add(store, op, kind="request_for_help", status="new", place="Alès", severity=5)
    add(store, op, kind="request_for_help", status="in_progress", place=" alès ", severity=3)
    add(store, op, kind="request_for_help", status="closed", place="Alès")
    add(store, op, kind="request_for_help", status="duplicate", place="Nîmes",
        duplicate_of=first["id"])  # fmt: skip
    add(store, op, kind="request_for_help", status="triaged", place="Nîmes", severity=4)
    add(store, op, title="Dike breached", kind="damage", severity=5, verification="confirmed",
        place="Remoulins", lat=43.94, lon=4.56, observed_at="2026-11-28T10:00Z")  # fmt: skip
    add(store, op, title="Road cut", kind="hazard", severity=5, verification="confirmed",
        place="Anduze", lat=44.05, lon=3.98, observed_at="2026-11-28T11:00Z")  # fmt: skip
    add(store, op, title="Shelter open", kind="information", severity=1,
        verification="confirmed", lat=44.12, lon=4.08)  # fmt: skip
    add(store, op, title="Dam burst", kind="rumour", severity=4, verification="debunked")
    for text, status in (("NEED COTS", "relayed"), ("WATER OK", "delivered"), ("HI", None)):
        message = store.radio.add(op, {"text": text, "received_from": "F1PCT"}, station="F4ABC")
        if status:
            store.radio.set_status(message["id"], status)
    import_files(store, op, [CAP / "ie_meteireann_meteoalarm_cap12.xml"])
    import_files(store, op, [CAP / "uk_metoffice_meteoalarm_cap12.xml"])
    dam = store.rumours.add(op, {"claim": "The dam has burst"})
    store.rumours.edit(dam["id"], {"status": "debunked", "verification": "EDF: no damage"})
    store.rumours.add(op, {"claim": "Looting in Limoux"})
    return op


def test_key_figures_count_what_the_operation_holds(store, busy):
    report = sitrep.build(store, busy, now=NOW)
    figures = report.figures
    assert figures.reports == 9
    assert figures.by_kind["request_for_help"] == 5 and figures.by_kind["damage"] == 1
    assert figures.by_severity == {1: 1, 2: 0, 3: 3, 4: 2, 5: 3}
    assert figures.by_verification == {"unverified": 5, "confirmed": 3, "debunked": 1}
    assert (figures.help_open, figures.help_closed) == (3, 1)  # the duplicate is neither
    assert figures.alerts_active == 1
    assert report.alerts == ["Some disruption is likely due to icy surfaces."]
    assert figures.radio_handled == 2 and figures.radio_total == 3
    assert figures.rumours_debunked == 1
    assert [(r.claim, r.verification) for r in report.rumours] == [
        ("The dam has burst", "EDF: no damage")
    ]


def test_areas_needs_and_top_reports(store, busy):
    report = sitrep.build(store, busy, now=NOW)
    first = report.areas[0]
    assert (first.place, first.reports, first.help_open, first.worst) == ("Alès", 3, 2, 5)
    assert {a.place for a in report.areas} >= {"Alès", "Nîmes", "Remoulins", ""}
    assert report.other_areas is None
    assert [(n.place, n.open, n.worst) for n in report.needs] == [("Alès", 2, 5), ("Nîmes", 1, 4)]
    # the most severe first, then the newest; debunked and unverified reports are not listed
    assert [t.title for t in report.top] == ["Road cut", "Dike breached", "Shelter open"]
    assert report.bbox == (3.98, 43.94, 4.56, 44.12) and report.located == 3


def test_many_places_are_summed_beyond_the_listed_ones(store, operation):
    op = operation["id"]
    for n in range(sitrep.TOP_AREAS + 3):
        for _ in range(n + 1):
            add(store, op, place=f"Village {n:02d}")
    report = sitrep.build(store, op)
    assert len(report.areas) == sitrep.TOP_AREAS
    assert report.areas[0].place == f"Village {sitrep.TOP_AREAS + 2:02d}"
    assert report.other_areas is not None
    assert report.other_areas.place == "3" and report.other_areas.reports == 1 + 2 + 3


def test_an_empty_operation_has_zeros_and_no_map_box(store, operation):
    report = sitrep.build(store, operation["id"], highlights="  Quiet night.  ")
    assert report.figures.reports == 0 and report.figures.alerts_active == 0
    assert report.areas == [] and report.top == [] and report.bbox is None
    assert report.highlights == "Quiet night."
    shot = snapshot(store, operation["id"], report.bbox)
    assert shot.tiles == [] and shot.cells == []


def test_the_coordinators_text_and_the_next_time_are_checked(store, operation):
    with pytest.raises(ValidationError, match="highlights are 4001 characters long"):
        sitrep.build(store, operation["id"], highlights="x" * 4001)
    assert sitrep.parse_next("1800Z", now="2026-11-28T17:00:00.000Z") == "2026-11-28T18:00:00.000Z"
    assert sitrep.parse_next("06:00", now="2026-11-28T17:00:00.000Z") == "2026-11-29T06:00:00.000Z"
    assert sitrep.parse_next("2026-11-29T09:30Z") == "2026-11-29T09:30:00.000Z"
    assert sitrep.parse_next("  ") is None
    for bad in ("2561Z", "tomorrow"):
        with pytest.raises(ValidationError, match="is not a time"):
            sitrep.parse_next(bad)


def test_the_map_snapshot_places_markers_and_numbered_pins(store, busy):
    report = sitrep.build(store, busy, now=NOW)
    pins = [(n, t.lat, t.lon, t.severity) for n, t in enumerate(report.top, 1)]
    shot = snapshot(store, busy, report.bbox, pins, width=600, height=400)
    assert sum(cell.count for cell in shot.cells) == 3
    assert [pin.number for pin in shot.pins] == [1, 2, 3]
    for pin in shot.pins:  # inside the picture
        assert 0 < pin.x < 600 and 0 < pin.y < 400
    road, dike = shot.pins[0], shot.pins[1]
    assert road.x < dike.x and road.y < dike.y  # Anduze is west and north of Remoulins
    # zoom 10: the shipped world basemap (zooms 0-6) would be enlarged 16 times: no tiles
    assert shot.zoom == 10 and shot.tiles == [] and shot.tile_set == ""


def test_the_best_tile_set_of_the_data_folder_covers_the_picture(store, busy):
    report = sitrep.build(store, busy, now=NOW)
    coloured_tiles(store.data_dir, report.bbox, range(8, 10))  # up to zoom 9: enlarged 2x
    shot = snapshot(store, busy, report.bbox, width=600, height=400)
    assert (shot.tile_set, shot.attribution) == ("Area", "Test tiles")
    assert {tile.size for tile in shot.tiles} == {512}
    left = min(t.left for t in shot.tiles)
    right = max(t.left + t.size for t in shot.tiles)
    top = min(t.top for t in shot.tiles)
    bottom = max(t.top + t.size for t in shot.tiles)
    assert left <= 0 and top <= 0 and right >= 600 and bottom >= 400
