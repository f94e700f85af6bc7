"""Which reports fall inside an alert's area: holes, several parts, the antimeridian,
deleted and unplaced reports, and agreement with a brute-force ray cast on random data."""

from __future__ import annotations

import math
import random
from itertools import pairwise

import pytest

from fieldapp.alerts.inside import BadArea, reports_inside

SQUARE = [[0.0, 0.0], [10.0, 0.0], [10.0, 10.0], [0.0, 10.0], [0.0, 0.0]]
HOLE = [[4.0, 4.0], [6.0, 4.0], [6.0, 6.0], [4.0, 6.0], [4.0, 4.0]]


def place(store, operation, positions: dict[str, tuple[float, float] | None]) -> dict[str, str]:
    """Save one report per title at (lat, lon) or with no position; title -> id."""
    items = []
    for title, position in positions.items():
        values: dict = {"title": title}
        if position is not None:
            values["lat"], values["lon"] = position
        items.append(values)
    store.reports.add_bulk(operation["id"], items)
    rows = store.db.conn.execute(
        "SELECT title, id FROM reports WHERE operation_id = ?", (operation["id"],)
    )
    return {title: report_id for title, report_id in rows}


def inside(store, operation, geometry) -> set[str]:
    ids = reports_inside(store.db.conn, operation["id"], geometry)
    assert len(ids) == len(set(ids))
    titles = dict(store.db.conn.execute("SELECT id, title FROM reports"))
    return {titles[i] for i in ids}


def test_a_hole_is_outside_and_the_ring_around_it_inside(store, operation):
    place(store, operation, {"ring": (2.0, 2.0), "hole": (5.0, 5.0), "away": (20.0, 20.0)})
    polygon = {"type": "Polygon", "coordinates": [SQUARE, HOLE]}
    assert inside(store, operation, polygon) == {"ring"}
    assert inside(store, operation, {"type": "Polygon", "coordinates": [SQUARE]}) == {
        "ring", "hole"
    }  # fmt: skip


def test_each_part_of_a_multipolygon_counts_and_the_gap_between_does_not(store, operation):
    place(store, operation, {"west": (1.0, 1.0), "gap": (1.0, 25.0), "east": (1.0, 41.0)})
    east = [[[x + 40, y] for x, y in SQUARE]]
    area = {"type": "MultiPolygon", "coordinates": [[SQUARE], east]}
    assert inside(store, operation, area) == {"west", "east"}


def test_an_area_split_at_the_antimeridian_holds_reports_on_both_sides(store, operation):
    place(store, operation, {
        "fiji": (-17.7, 178.4), "samoa side": (-17.0, -179.5), "greenwich": (-17.0, 0.0),
        "lima": (-12.0, -77.0),
    })  # fmt: skip
    split = {"type": "MultiPolygon", "coordinates": [
        [[[175.0, -20.0], [180.0, -20.0], [180.0, -15.0], [175.0, -15.0], [175.0, -20.0]]],
        [[[-180.0, -20.0], [-178.0, -20.0], [-178.0, -15.0], [-180.0, -15.0], [-180.0, -20.0]]],
    ]}  # fmt: skip
    assert inside(store, operation, split) == {"fiji", "samoa side"}
    # The same area written past 180° rather than split.
    wide = {"type": "Polygon", "coordinates": [
        [[175.0, -20.0], [182.0, -20.0], [182.0, -15.0], [175.0, -15.0], [175.0, -20.0]]
    ]}  # fmt: skip
    assert inside(store, operation, wide) == {"fiji", "samoa side"}


def test_deleted_reports_and_reports_with_no_position_are_left_out(store, operation):
    ids = place(store, operation, {"kept": (5.0, 5.0), "gone": (5.0, 6.0), "nowhere": None})
    store.reports.delete(ids["gone"])
    other = store.operations.create("Another operation")
    store.reports.add_bulk(other["id"], [{"title": "elsewhere", "lat": 5.0, "lon": 5.0}])
    assert inside(store, operation, {"type": "Polygon", "coordinates": [SQUARE]}) == {"kept"}


@pytest.mark.parametrize(
    ("geometry", "words"),
    [
        ({"type": "Point", "coordinates": [1.0, 2.0]}, "'Point' is not Polygon or MultiPolygon"),
        ({"type": "Polygon", "coordinates": [[[0, 0], [1]]]}, "Polygon coordinates"),
        ({"type": "Polygon", "coordinates": []}, "no coordinates"),
        ("POLYGON ((0 0, 1 0, 1 1, 0 0))", "expected a GeoJSON object"),
    ],
)
def test_a_geometry_that_is_no_area_is_refused_in_words(store, operation, geometry, words):
    with pytest.raises(BadArea, match=words) as caught:
        reports_inside(store.db.conn, operation["id"], geometry)
    assert str(caught.value).startswith("alert area:")


def _ray_cast(lon: float, lat: float, ring: list[list[float]]) -> bool:
    hit = False
    for (x1, y1), (x2, y2) in pairwise(ring):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            hit = not hit
    return hit


def _random_ring(rng: random.Random, cx: float, cy: float, radius: float, n: int):
    angles = sorted(rng.uniform(0, 2 * math.pi) for _ in range(n))
    ring = []
    for a in angles:
        r = radius * rng.uniform(0.3, 1.0)
        ring.append([cx + r * math.cos(a), cy + r * math.sin(a)])
    return [*ring, ring[0]]


def test_random_reports_agree_with_a_brute_force_ray_cast(store, operation):
    rng = random.Random(15)
    outer = _random_ring(rng, 3.0, 45.0, 2.0, 300)  # star-shaped: a simple polygon
    hole = [[3.0 + 0.1 * math.cos(a / 10), 45.0 + 0.1 * math.sin(a / 10)] for a in range(63)]
    hole.append(hole[0])
    second = _random_ring(rng, 8.0, 45.0, 1.0, 100)
    positions = {f"r{n}": (rng.uniform(42.0, 48.0), rng.uniform(0.0, 10.0)) for n in range(3000)}
    positions |= {f"none{n}": None for n in range(50)}
    place(store, operation, positions)
    area = {"type": "MultiPolygon", "coordinates": [[outer, hole], [second]]}

    def covered(lat: float, lon: float) -> bool:
        in_first = _ray_cast(lon, lat, outer) and not _ray_cast(lon, lat, hole)
        return in_first or _ray_cast(lon, lat, second)

    expected = {title for title, at in positions.items() if at is not None and covered(*at)}
    assert len(expected) > 300  # the draw does put many reports inside
    assert inside(store, operation, area) == expected
