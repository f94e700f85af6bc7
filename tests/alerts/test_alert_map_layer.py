"""The map's layer of official alerts: every real sample with an area shows where it says,
and only while it is active (a cancelled, expired, Test or foreign Exercise alert is not
on the map); the most severe is drawn last, on top."""

from __future__ import annotations

import itertools
import json

import pytest
from conftest import samples

from fieldapp.alerts.intake import import_files
from fieldapp.alerts.maplayer import alert_layer, read_alert_layer
from fieldapp.core.errors import NotFoundError

THUNDERSTORM = "us_nws_thunderstorm_cap12.xml"  # Severe, sent 21:57Z, expires 23:00Z
DURING = "2003-06-17T22:30:00.000Z"
AFTER = "2003-06-17T23:00:00.000Z"
SENT = "2003-06-17T14:57:00-07:00"

# (sample, a place inside its area (lon, lat), the box its whole area lies in)
PLACED = [
    ("au_nsw_rfs_bushfire_cap12.xml", (147.0598, -35.3888), (146.5, -35.7, 147.5, -35.0)),
    (THUNDERSTORM, (-119.93, 38.49), (-120.3, 38.2, -119.6, 38.7)),
    ("ca_envcanada_cap12.xml", (-82.7, 42.1), (-84.0, 41.5, -74.0, 46.5)),
    ("us_usgs_earthquake_cap11.xml", (-173.274, -16.053), (-178.0, -22.0, -170.0, -14.0)),
    ("ie_meteireann_meteoalarm_cap12.xml", (-8.57, 52.31), (-11.0, 51.0, -5.5, 55.5)),
]


def sample_path(name: str):
    return samples() / "cap" / name


def inside(point: tuple[float, float], geometry: dict) -> bool:
    """Whether a point is in a MultiPolygon (even-odd rule over every ring)."""
    x, y = point
    crossings = 0
    for polygon in geometry["coordinates"]:
        for ring in polygon:
            for (x1, y1), (x2, y2) in itertools.pairwise(ring):
                if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                    crossings += 1
    return crossings % 2 == 1


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def variant(tmp_path, name: str, **changes: str):
    """The thunderstorm sample with elements replaced (identifier, severity, status...)."""
    text = sample_path(THUNDERSTORM).read_text(encoding="utf-8")
    for element, value in changes.items():
        start, end = text.index(f"<{element}>"), text.index(f"</{element}>")
        text = text[:start] + f"<{element}>{value}" + text[end:]
    return write(tmp_path, name, text)


@pytest.mark.parametrize(("name", "place", "box"), PLACED)
def test_every_sample_with_an_area_shows_where_it_says(store, operation, name, place, box):
    taken = import_files(store, operation["id"], [sample_path(name)]).taken
    alert = store.alerts.get(taken.new[0])
    layer = alert_layer(store.conn, operation["id"], alert["sent"])
    (feature,) = layer["features"]
    assert feature["properties"]["id"] == alert["id"]
    assert feature["properties"]["headline"] == alert["headline"]
    assert feature["properties"]["severity"] == alert["cap"]["infos"][0]["severity"]
    geometry = feature["geometry"]
    assert geometry["type"] == "MultiPolygon"
    assert inside(place, geometry), place
    points = [p for polygon in geometry["coordinates"] for ring in polygon for p in ring]
    assert box[0] <= min(p[0] for p in points) and max(p[0] for p in points) <= box[2]
    assert box[1] <= min(p[1] for p in points) and max(p[1] for p in points) <= box[3]
    assert not inside((place[0] + 20, place[1]), geometry)


def test_an_alert_leaves_the_layer_when_it_expires(store, operation):
    import_files(store, operation["id"], [sample_path(THUNDERSTORM)])
    (shown,) = alert_layer(store.conn, operation["id"], DURING)["features"]
    assert shown["properties"]["ends"] == AFTER
    assert alert_layer(store.conn, operation["id"], AFTER)["features"] == []


def test_a_cancelled_alert_leaves_the_layer_and_an_update_replaces_its_area(
    store, operation, tmp_path
):
    op = operation["id"]
    import_files(store, op, [sample_path(THUNDERSTORM)])
    ref = f"KSTO@NWS.NOAA.GOV,KSTO1055887203,{SENT}"
    update = variant(
        tmp_path, "update.xml", identifier="KSTO-update", msgType="Update",
        sent="2003-06-17T15:10:00-07:00", headline="THUNDERSTORM MOVING EAST",
        polygon="38.47,-119.64 38.34,-119.45 38.52,-119.24 38.47,-119.64",
    )  # fmt: skip
    _add_references(update, ref)
    import_files(store, op, [update])
    (feature,) = alert_layer(store.conn, op, DURING)["features"]
    assert feature["properties"]["headline"] == "THUNDERSTORM MOVING EAST"
    assert inside((-119.45, 38.45), feature["geometry"])
    assert not inside((-119.93, 38.49), feature["geometry"])
    cancel = variant(
        tmp_path, "cancel.xml", identifier="KSTO-cancel", msgType="Cancel",
        sent="2003-06-17T15:20:00-07:00",
    )  # fmt: skip
    _add_references(cancel, "KSTO@NWS.NOAA.GOV,KSTO-update,2003-06-17T15:10:00-07:00")
    import_files(store, op, [cancel])
    assert alert_layer(store.conn, op, DURING)["features"] == []


def _add_references(path, refs: str) -> None:
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "<scope>Public</scope>", f"<scope>Public</scope><references>{refs}</references>"
    )
    path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("status", ["Test", "System", "Draft"])
def test_test_system_and_draft_messages_are_never_on_the_map(store, operation, tmp_path, status):
    path = variant(tmp_path, "test.xml", status=status)
    import_files(store, operation["id"], [path])
    assert store.alerts.rows(operation["id"])  # taken in, listed, but not drawn
    assert alert_layer(store.conn, operation["id"], DURING)["features"] == []


def test_an_exercise_alert_is_drawn_in_its_exercise_operation_and_says_so(store, tmp_path):
    drill = store.operations.create("Drill", exercise=True)["id"]
    import_files(store, drill, [variant(tmp_path, "exercise.xml", status="Exercise")])
    (feature,) = alert_layer(store.conn, drill, DURING)["features"]
    assert feature["properties"]["exercise"] is True


def test_an_alert_drawn_in_another_operation_is_not_on_this_one(store, operation):
    other = store.operations.create("Other")["id"]
    import_files(store, other, [sample_path(THUNDERSTORM)])
    assert alert_layer(store.conn, operation["id"], DURING)["features"] == []
    with pytest.raises(NotFoundError):
        alert_layer(store.conn, "no-such-operation", DURING)


def test_the_most_severe_is_drawn_last_on_top(store, operation, tmp_path):
    for identifier, severity in (("a", "Extreme"), ("b", "Minor"), ("c", "Unknown"),
                                 ("d", "Severe"), ("e", "Moderate")):  # fmt: skip
        path = variant(tmp_path, f"{identifier}.xml", identifier=identifier, severity=severity)
        import_files(store, operation["id"], [path])
    layer = alert_layer(store.conn, operation["id"], DURING)
    order = [f["properties"]["severity"] for f in layer["features"]]
    assert order == ["Unknown", "Minor", "Moderate", "Severe", "Extreme"]


def test_an_area_nobody_can_draw_is_left_out_and_the_rest_shows(store, operation, tmp_path):
    text = sample_path("us_amber_alert_bilingual_cap12.xml").read_text(encoding="utf-8")
    amber = write(tmp_path, "amber.xml", text.replace("006037", "099999"))  # no such county
    import_files(store, operation["id"], [amber, sample_path(THUNDERSTORM)])
    layer = alert_layer(store.conn, operation["id"], "2003-06-17T22:30:00.000Z")
    assert [f["properties"]["event"] for f in layer["features"]] == ["SEVERE THUNDERSTORM"]


def test_the_read_job_settles_new_shapes_and_says_when_the_next_one_ends(store, operation):
    taken = store.alerts.take(operation["id"], [_parsed(THUNDERSTORM)], source="sync")
    assert store.conn.execute("SELECT count(*) FROM alert_shapes").fetchone()[0] == 0
    layer = read_alert_layer(store, operation["id"], DURING)
    document = json.loads(layer.data)
    assert [f["id"] for f in document["features"]] == taken.new
    assert (layer.count, layer.next_end) == (1, AFTER)


def _parsed(name: str):
    from fieldapp.alerts.cap import parse_cap

    return parse_cap(sample_path(name).read_bytes(), source=name)
