"""Building the boundary file: a gap of the source is filled, an enclave is kept, the same
areas give the same bytes, and a code naming two areas is refused; US counties and states
from a tiny us-atlas topology: their names and codes, a county with no area left out."""

from __future__ import annotations

from pathlib import Path

import pytest
import shapely
from shapely.geometry import box, shape

from fieldapp.alerts.boundaries import describe, resolve
from fieldapp.alerts.boundaries_build import (
    Area,
    BuildError,
    county_name,
    outlines,
    us_areas,
    write,
)


def wkb(*boxes: tuple[float, float, float, float]) -> list[bytes]:
    return [shapely.to_wkb(box(*b)) for b in boxes]


def test_a_gap_no_area_covers_is_filled_and_an_enclave_is_kept():
    # "A" is a ring of four boxes around (1..2, 1..2); "B" is an enclave inside a second
    # ring of "A"'s; the first ring's middle is a gap of the source.
    ring = wkb((0, 0, 3, 1), (0, 2, 3, 3), (0, 1, 1, 2), (2, 1, 3, 2))
    ring2 = wkb((10, 0, 13, 1), (10, 2, 13, 3), (10, 1, 11, 2), (12, 1, 13, 2))
    shapes = outlines({"A": ring + ring2, "B": wkb((11, 1, 12, 2))})
    assert shapely.intersects_xy(shapes["A"], 1.5, 1.5)  # the gap, filled
    assert not shapely.intersects_xy(shapes["A"], 11.5, 1.5)  # B's enclave, kept
    assert shapely.intersects_xy(shapes["B"], 11.5, 1.5)


def areas() -> list[Area]:
    shapes = outlines({"01": wkb((5, 45, 6, 46)), "74": wkb((6, 45.5, 7, 46.5))})
    return [
        Area("74", "Haute-Savoie", shapes["74"], {"NUTS3": {"FR718", "FRK28"}}),
        Area("01", "Ain", shapes["01"], {"NUTS3": {"FR711"}, "EMMA_ID": {"FR039"}}),
    ]


def test_the_same_areas_give_the_same_bytes_and_read_back(tmp_path: Path):
    first, second = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    write(areas(), first, "test")
    write(list(reversed(areas())), second, "test")
    assert first.read_bytes() == second.read_bytes()
    assert describe("NUTS3", "FRK28", path=first) == "Haute-Savoie"
    assert resolve("EMMA_ID", "FR039", path=first) == {
        "type": "Polygon",
        "coordinates": [[[5.0, 45.0], [5.0, 46.0], [6.0, 46.0], [6.0, 45.0], [5.0, 45.0]]],
    }


def test_a_code_naming_two_areas_is_refused(tmp_path: Path):
    clash = areas()
    clash[1].codes["NUTS3"].add("FR718")
    with pytest.raises(BuildError, match="names another area"):
        write(clash, tmp_path / "c.sqlite", "test")


# A tiny us-atlas: state 06 made of two square counties (037 and 059) sharing arc 0, and
# county 075 quantised to a line (no area). Steps of 0.5° from (-119°, 33°).
US_TOPOLOGY = {
    "type": "Topology",
    "transform": {"scale": [0.5, 0.5], "translate": [-119.0, 33.0]},
    "objects": {
        "states": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "id": "06", "properties": {"name": "California"},
             "arcs": [[1, 2]]},
        ]},
        "counties": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "id": "06059", "properties": {"name": "Orange"},
             "arcs": [[0, 2]]},
            {"type": "Polygon", "id": "06037", "properties": {"name": "Los Angeles"},
             "arcs": [[~0, 1]]},
            {"type": "Polygon", "id": "06075", "properties": {"name": "San Francisco"},
             "arcs": [[3]]},
        ]},
    },
    "arcs": [
        [[2, 0], [0, 2]],
        [[2, 0], [-2, 0], [0, 2], [2, 0]],
        [[2, 2], [2, 0], [0, -2], [-2, 0]],
        [[1, 5], [1, 0], [-1, 0]],
    ],
}  # fmt: skip
US_STATES = {"06": ("CA", "California")}


def test_us_counties_and_states_are_named_coded_and_written_the_same_twice(tmp_path: Path):
    us, collapsed = us_areas(US_TOPOLOGY, US_STATES, "tiny.json")
    assert collapsed == ["06075 San Francisco County, CA"]  # a line in the source: left out
    first, second = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    write(us + areas(), first, "test")
    again, _ = us_areas(US_TOPOLOGY, US_STATES, "tiny.json")
    write(list(reversed(again)) + areas(), second, "test")
    assert first.read_bytes() == second.read_bytes()
    for name, value in (("SAME", "006037"), ("SAME", "106037"), ("FIPS", "06037"),
                        ("FIPS6", "006037"), ("UGC", "CAC037")):  # fmt: skip
        assert describe(name, value, path=first) == "Los Angeles County, CA"
        assert shapely.equals(shape(resolve(name, value, path=first)), box(-119, 33, -118, 34))
    for name, value in (("FIPS", "06"), ("SAME", "006000"), ("ISO3166-2", "US-CA")):
        assert describe(name, value, path=first) == "California"
        assert shapely.equals(shape(resolve(name, value, path=first)), box(-119, 33, -117, 34))
    for name, value in (("UGC", "CAZ037"), ("SAME", "006075"), ("FIPS", "06075")):
        assert resolve(name, value, path=first) is None
    assert describe("NUTS3", "FRK28", path=first) == "Haute-Savoie"  # beside, unchanged


def test_a_state_us_states_csv_names_otherwise_is_refused():
    with pytest.raises(BuildError, match=r"state 06 'California' is not so in us_states\.csv"):
        us_areas(US_TOPOLOGY, {"06": ("CA", "Californie")}, "tiny.json")


@pytest.mark.parametrize(
    ("fips", "name", "usps", "named"),
    [("06037", "Los Angeles", "CA", "Los Angeles County, CA"),
     ("22071", "Orleans", "LA", "Orleans Parish, LA"),
     ("51760", "Richmond", "VA", "Richmond city, VA"),
     ("51159", "Richmond", "VA", "Richmond County, VA"),
     ("32510", "Carson City", "NV", "Carson City, NV"),
     ("02050", "Bethel", "AK", "Bethel, AK"),
     ("72127", "San Juan", "PR", "San Juan Municipio, PR")],
)  # fmt: skip
def test_a_county_is_named_as_its_state_calls_it(fips, name, usps, named):
    assert county_name(fips, name, usps) == named
