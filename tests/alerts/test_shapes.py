"""An alert's areas as GeoJSON: circles on the sphere (checked with the haversine distance),
the NSW bushfire and NWS thunderstorm samples as MultiPolygons, and geocodes drawn through
a fake NUTS3 resolver (the real boundary lookup is written elsewhere)."""

from __future__ import annotations

import math
from itertools import pairwise

import pytest

from fieldapp.alerts.cap import parse_cap
from fieldapp.alerts.capmodel import CapArea
from fieldapp.alerts.shapes import (
    EARTH_RADIUS_KM,
    alert_geometry,
    area_geometry,
    circle_ring,
    unresolved_geocodes,
)

# Two rough NUTS3 boxes, enough to be drawn: what a boundary lookup would give.
NUTS3 = {
    "FR821": {"type": "Polygon", "coordinates": [[[5.5, 43.7], [6.9, 43.7], [6.9, 44.7],
                                                  [5.5, 44.7], [5.5, 43.7]]]},
    "FR822": {"type": "MultiPolygon", "coordinates": [[[[5.4, 44.2], [7.1, 44.2], [7.1, 45.1],
                                                        [5.4, 45.1], [5.4, 44.2]]]]},
}  # fmt: skip


def fake_nuts3(name: str, value: str) -> dict | None:
    return NUTS3.get(value) if name == "NUTS3" else None


def haversine_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def signed_area(ring: list[list[float]]) -> float:
    return sum(a[0] * b[1] - b[0] * a[1] for a, b in pairwise(ring)) / 2


@pytest.mark.parametrize(
    ("lon", "lat", "radius"),
    [(147.0598, -35.3888, 25.0), (2.35, 48.85, 1.5), (-20.0, 78.0, 400.0), (10.0, 0.0, 3000.0)],
)
def test_a_circles_ring_is_closed_counterclockwise_and_radius_km_from_its_centre(lon, lat, radius):
    ring = circle_ring(lon, lat, radius)
    assert len(ring) == 65 and ring[0] == ring[-1] and signed_area(ring) > 0
    for x, y in ring:
        assert haversine_km(lon, lat, x, y) == pytest.approx(radius, rel=1e-5, abs=1e-3)


def test_a_circle_of_radius_0_is_a_10_metre_ring():
    ring = circle_ring(-173.274, -16.053, 0.0, segments=16)
    assert len(ring) == 17
    assert all(haversine_km(-173.274, -16.053, x, y) == pytest.approx(0.01, rel=1e-3)
               for x, y in ring)  # fmt: skip


def test_a_circle_across_the_antimeridian_is_cut_in_two_parts():
    area = CapArea("Fiji", (), ((179.9, -17.0, 100.0),), (), None, None)
    geometry = area_geometry(area)
    assert geometry is not None and geometry["type"] == "MultiPolygon"
    east, west = geometry["coordinates"]
    assert all(178 < x <= 180 for x, _ in east[0]) and all(-180 <= x < -178 for x, _ in west[0])
    assert any(x == 180 for x, _ in east[0]) and any(x == -180 for x, _ in west[0])
    # Every point of both parts is still 100 km from the centre, but those on the cut line.
    on_circle = [p for part in (east[0], west[0]) for p in part if abs(p[0]) != 180]
    assert all(haversine_km(179.9, -17.0, x, y) == pytest.approx(100, rel=1e-5)
               for x, y in on_circle)  # fmt: skip


def test_a_circle_over_the_north_pole_reaches_it():
    ring = circle_ring(30.0, 88.0, 500.0)
    assert [180.0, 90.0] in ring and [-180.0, 90.0] in ring
    assert min(y for _, y in ring) == pytest.approx(88.0 - 500 / EARTH_RADIUS_KM * 180 / math.pi)
    assert ring[0] == ring[-1] and signed_area(ring) > 0


def test_bad_circles_are_refused():
    for args in ((0.0, 0.0, -1.0), (0.0, 0.0, math.nan), (0.0, 0.0, 1.0, 2)):
        with pytest.raises(ValueError):
            circle_ring(*args)


def test_nsw_bushfire_is_one_25_km_circle_drawn_once(cap_sample):
    alert = parse_cap(cap_sample("au_nsw_rfs_bushfire_cap12.xml"), source="nsw")
    geometry = alert_geometry(alert)  # both infos give the same circle: one part
    assert geometry is not None and len(geometry["coordinates"]) == 1
    (ring,) = geometry["coordinates"][0]
    assert all(haversine_km(147.0598, -35.3888, x, y) == pytest.approx(25, rel=1e-5)
               for x, y in ring)  # fmt: skip
    # Its geocodes (AU-NSW, a postcode) are not drawn over the circle nor reported missing.
    assert unresolved_geocodes(alert, fake_nuts3) == []


def test_nws_thunderstorm_polygon_is_drawn_without_its_counties(cap_sample):
    alert = parse_cap(cap_sample("us_nws_thunderstorm_cap12.xml"), source="nws")
    geometry = alert_geometry(alert, lambda name, value: NUTS3["FR821"])
    assert geometry == {
        "type": "MultiPolygon",
        "coordinates": [[[[-120.14, 38.47], [-119.95, 38.34], [-119.74, 38.52],
                          [-119.89, 38.62], [-120.14, 38.47]]]],
    }  # fmt: skip
    with_counties = alert_geometry(alert, fake_nuts3, geocodes_with_shapes=True)
    assert with_counties is not None and len(with_counties["coordinates"]) == 1
    assert unresolved_geocodes(alert, fake_nuts3, geocodes_with_shapes=True) == [
        ("SAME", "006109"), ("SAME", "006009"), ("SAME", "006003"),
    ]  # fmt: skip


def test_meteo_france_departements_through_a_nuts3_resolver(cap_sample):
    alert = parse_cap(cap_sample("fr_meteofrance_meteoalarm_cap12.xml"), source="mf")
    geometry = alert_geometry(alert, fake_nuts3)
    assert geometry is not None
    assert geometry["coordinates"] == [
        NUTS3["FR821"]["coordinates"],
        NUTS3["FR822"]["coordinates"][0],
    ]  # fmt: skip  (French and English infos name the same areas: each drawn once)
    assert unresolved_geocodes(alert, fake_nuts3) == [
        ("NUTS3", "FR823"), ("NUTS3", "FR714"), ("NUTS3", "FR717"), ("NUTS3", "FR718"),
    ]  # fmt: skip
    isere = alert.infos[0].areas[3]
    assert area_geometry(isere, fake_nuts3) is None  # only an unknown geocode
    assert alert_geometry(alert) is None and len(unresolved_geocodes(alert, None)) == 6


def test_environment_canada_gives_its_two_polygons_once(cap_sample):
    alert = parse_cap(cap_sample("ca_envcanada_cap12.xml"), source="ec")
    geometry = alert_geometry(alert)
    assert geometry is not None and len(geometry["coordinates"]) == 2  # en and fr: the same two
    assert all(signed_area(part[0]) > 0 for part in geometry["coordinates"])


def test_a_resolver_giving_a_point_is_a_mistake_said_at_once():
    area = CapArea("Somewhere", (), (), (("NUTS3", "FR821"),), None, None)
    with pytest.raises(ValueError, match="'Point' for NUTS3=FR821"):
        area_geometry(area, lambda name, value: {"type": "Point", "coordinates": [1.0, 2.0]})


def test_a_clockwise_polygon_is_turned_counterclockwise():
    clockwise = ((0.0, 0.0), (0.0, 1.0), (1.0, 1.0), (1.0, 0.0), (0.0, 0.0))
    area = CapArea("Square", (clockwise,), (), (), None, None)
    geometry = area_geometry(area)
    assert geometry is not None
    assert geometry["coordinates"] == [
        [[[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]]]
    ]
