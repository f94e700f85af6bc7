"""Building the boundary file: a gap of the source is filled, an enclave is kept, the same
areas give the same bytes, and a code naming two areas is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
import shapely
from shapely.geometry import box

from fieldapp.alerts.boundaries import describe, resolve
from fieldapp.alerts.boundaries_build import Area, BuildError, outlines, write


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
