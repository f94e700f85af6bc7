"""TopoJSON decoding on a tiny hand-written topology: quantised, delta-encoded arcs shared
by two squares (one walks it backwards), a hole, a point; a broken topology is refused
naming the element."""

from __future__ import annotations

import copy

import pytest

from fieldapp.alerts.topodecode import TopologyError, features

# Two squares side by side, quantised in steps of 0.5° from (10°, 40°): "W" (x 0..2) and
# "E" (x 2..4). Arc 0 is their shared border (2,0)->(2,2); arc 1 the rest of W, arc 2 the
# rest of E. W walks arc 0 backwards (~0 = -1). E has a hole (arc 3).
TOPOLOGY = {
    "type": "Topology",
    "transform": {"scale": [0.5, 0.5], "translate": [10.0, 40.0]},
    "objects": {
        "squares": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "id": "W", "properties": {"name": "West"}, "arcs": [[-1, 1]]},
                {"type": "MultiPolygon", "id": 7, "arcs": [[[0, 2], [3]]]},
                {"type": None, "id": "nothing"},
            ],
        },
        "capital": {"type": "Point", "coordinates": [1, 1]},
    },
    "arcs": [
        [[2, 0], [0, 2]],  # (2,0) -> (2,2)
        [[2, 0], [-2, 0], [0, 2], [2, 0]],  # (2,0) -> (0,0) -> (0,2) -> (2,2)
        [[2, 2], [2, 0], [0, -2], [-2, 0]],  # (2,2) -> (4,2) -> (4,0) -> (2,0)
        [[3, 1], [0, 0]],  # a hole quantised to one point: a ring of 2, padded to 4
    ],
}


def test_shared_arcs_are_joined_into_closed_rings_in_degrees():
    west, east, nothing = features(TOPOLOGY, "squares", source="tiny.json")
    assert (west.id, west.properties) == ("W", {"name": "West"})
    assert west.geometry == {  # arc 0 backwards, then arc 1 without its first point
        "type": "Polygon",
        "coordinates": [[[11.0, 41.0], [11.0, 40.0], [10.0, 40.0], [10.0, 41.0], [11.0, 41.0]]],
    }
    assert east.id == "7" and east.geometry is not None
    outer, hole = east.geometry["coordinates"][0]
    assert outer == [[11.0, 40.0], [11.0, 41.0], [12.0, 41.0], [12.0, 40.0], [11.0, 40.0]]
    assert hole == [[11.5, 40.5]] * 4
    assert nothing.geometry is None


def test_a_point_is_scaled_but_not_delta_decoded():
    (capital,) = features(TOPOLOGY, "capital", source="tiny.json")
    assert capital.geometry == {"type": "Point", "coordinates": [10.5, 40.5]}


def test_without_a_transform_arcs_are_plain_positions():
    plain = {
        "type": "Topology",
        "objects": {"a": {"type": "LineString", "arcs": [0, ~1]}},
        "arcs": [[[1.5, 2.5], [3.0, 4.0]], [[5.0, 6.0], [3.0, 4.0]]],
    }
    (line,) = features(plain, "a", source="plain.json")
    assert line.geometry == {"type": "LineString",
                             "coordinates": [[1.5, 2.5], [3.0, 4.0], [5.0, 6.0]]}  # fmt: skip


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda t: t["objects"]["squares"]["geometries"][1].update(arcs=[[[0, 9]]]),
         r"tiny\.json: objects/squares/geometries\[1\]/arcs\[0\]\[0\]\[1\]: arc 9 does not"),
        (lambda t: t["objects"]["squares"]["geometries"][0].update(type="Blob"),
         r"objects/squares/geometries\[0\]/type: unknown geometry type 'Blob'"),
        (lambda t: t["arcs"][2].__setitem__(1, ["x", 0]), r"tiny\.json: arcs\[2\]\[1\]"),
        (lambda t: t.update(type="FeatureCollection"), "not a TopoJSON Topology"),
        (lambda t: t["objects"].pop("squares"), "objects/squares is missing"),
    ],
)  # fmt: skip
def test_a_broken_topology_is_refused_naming_the_element(change, message):
    broken = copy.deepcopy(TOPOLOGY)
    change(broken)
    with pytest.raises(TopologyError, match=message):
        features(broken, "squares", source="tiny.json")
