"""CAP geocodes to areas: every département by INSEE, NUTS3 (2013 and 2016/2021) and
EMMA_ID; MeteoAlarm's codes land on the right shape; US counties by SAME, FIPS and county
UGC and states by FIPS; unknown codes and a missing file."""

from __future__ import annotations

import csv
import threading
from pathlib import Path

import pytest
import shapely
from shapely.geometry import shape

from fieldapp.alerts import boundaries
from fieldapp.alerts.boundaries import (
    BoundariesUnavailable,
    departement_codes,
    describe,
    resolve,
)
from fieldapp.alerts.boundaries_build import tables_dir

ANNECY = (6.13, 45.90)  # lon, lat
LYON = (4.835, 45.764)
DIGNE = (6.2356, 44.0925)
CHAMBERY = (5.92, 45.566)
DOWNTOWN_LA = (-118.25, 34.05)
SAN_DIEGO = (-117.16, 32.72)
RENO = (-119.81, 39.53)


@pytest.fixture(scope="module", autouse=True)
def shipped() -> None:
    assert boundaries.default_path().is_file(), "no boundary file: `make boundaries` builds it"


def table() -> list[dict[str, str]]:
    with (tables_dir() / "nuts_fr.csv").open(encoding="utf-8") as stream:
        return list(csv.DictReader(stream))


def emma() -> dict[str, str]:
    nuts = {row["nuts2013"]: row["insee"] for row in table()}
    with (tables_dir() / "meteoalarm_emma_fr.csv").open(encoding="utf-8") as stream:
        return {nuts[row["nuts3_2013"]]: row["emma_id"] for row in csv.DictReader(stream)}


def contains(geometry: dict | None, lon_lat: tuple[float, float]) -> bool:
    assert geometry is not None
    return bool(shapely.intersects_xy(shape(geometry), *lon_lat))


def test_the_file_holds_all_101_departements_with_2a_2b_and_overseas():
    codes = dict(departement_codes())
    assert len(codes) == 101
    assert codes["2A"] == "Corse-du-Sud" and codes["2B"] == "Haute-Corse"
    assert {"971", "972", "973", "974", "976"} <= set(codes)
    assert codes["74"] == "Haute-Savoie"


def test_every_departement_resolves_by_insee_and_both_nuts_versions_to_one_shape():
    for row in table():
        by_insee = resolve("INSEE", row["insee"])
        assert by_insee is not None and by_insee["type"] in ("Polygon", "MultiPolygon")
        assert resolve("NUTS3", row["nuts2013"]) == by_insee, row
        assert resolve("NUTS3", row["nuts2016"]) == by_insee, row
        assert describe("NUTS3", row["nuts2016"]) == row["name"]
        if row["nuts2010"]:
            assert resolve("NUTS3", row["nuts2010"]) == by_insee, row


def test_every_emma_id_resolves_to_its_departement():
    codes = emma()
    assert len(codes) == 93  # the Paris inner ring (92, 93, 94) and overseas have none
    assert set(dict(departement_codes())) - set(codes) == {
        "92", "93", "94", "971", "972", "973", "974", "976"
    }  # fmt: skip
    for insee, emma_id in codes.items():
        assert resolve("EMMA_ID", emma_id) == resolve("INSEE", insee), emma_id


def test_meteoalarm_haute_savoie_holds_annecy_and_not_lyon():
    for name, value in (("NUTS3", "FR718"), ("EMMA_ID", "FR035"), ("NUTS3", "FRK28")):
        area = resolve(name, value)
        assert describe(name, value) == "Haute-Savoie"
        assert contains(area, ANNECY) and not contains(area, LYON)
        assert not contains(area, CHAMBERY)  # Savoie's
    assert contains(resolve("EMMA_ID", "FR036"), CHAMBERY)


def test_fr821_holds_digne_les_bains():
    assert describe("NUTS3", "FR821") == "Alpes-de-Haute-Provence"
    assert contains(resolve("NUTS3", "FR821"), DIGNE)


def test_an_enclave_is_a_hole_of_the_departement_around_it():
    valreas = (4.9917, 44.3847)  # Vaucluse's Enclave des papes, inside the Drôme
    assert not contains(resolve("INSEE", "26"), valreas)
    assert contains(resolve("INSEE", "84"), valreas)


@pytest.mark.parametrize(
    ("name", "value"),
    [("nuts3", " fr718 "), ("NUTS", "FR718"), ("emma", "fr035"), ("FR-DEP", "74"),
     ("iso3166-2", "FR-74"), ("Iso 3166-2", "fr-74")],
)  # fmt: skip
def test_names_and_values_match_without_case_or_spaces(name, value):
    assert describe(name, value) == "Haute-Savoie"


def test_a_one_digit_insee_code_is_read_with_its_leading_zero():
    assert describe("INSEE", "1") == "Ain" and describe("INSEE", "01") == "Ain"


@pytest.mark.parametrize(
    ("name", "value"),
    [("NUTS3", "FR999"), ("NUTS3", "DE111"), ("EMMA_ID", "FR001"), ("EMMA_ID", "FR095"),
     ("INSEE", "20"), ("INSEE", "975"), ("FIPS", "74"), ("NUTS3", ""), ("ISO3166-2", "74"),
     ("SAME", "006999"), ("SAME", "099037"), ("SAME", "06037"), ("SAME", "00603X"),
     ("FIPS", "06999"), ("UGC", "CAZ072"), ("UGC", "AKZ185"), ("UGC", "ZZC037"),
     ("ISO3166-2", "US-ZZ")],
)  # fmt: skip
def test_an_unknown_code_or_name_is_none(name, value):
    assert resolve(name, value) is None
    assert describe(name, value) is None


@pytest.mark.parametrize(
    ("name", "value"),
    [("SAME", "006037"), ("same", " 006037 "), ("FIPS6", "006037"), ("FIPS", "06037"),
     ("UGC", "CAC037"), ("ugc", "cac037"), ("SAME", "806037"), ("FIPS", "006037")],
)  # fmt: skip
def test_los_angeles_county_by_same_fips_and_ugc_holds_downtown_and_not_san_diego(name, value):
    area = resolve(name, value)
    assert describe(name, value) == "Los Angeles County, CA"
    assert contains(area, DOWNTOWN_LA) and not contains(area, SAN_DIEGO)
    assert area == resolve("FIPS", "06037")  # a part of the county ("8...") is all of it


def test_a_state_by_fips_same_or_iso_holds_its_counties():
    for name, value in (("FIPS", "06"), ("SAME", "006000"), ("ISO3166-2", "US-CA")):
        area = resolve(name, value)
        assert describe(name, value) == "California"
        assert contains(area, DOWNTOWN_LA) and contains(area, SAN_DIEGO)
        assert not contains(area, RENO)
    assert contains(resolve("FIPS", "32"), RENO) and describe("UGC", "NVC031") == (
        "Washoe County, NV"
    )


def test_every_us_state_of_the_table_resolves():
    with (tables_dir() / "us_states.csv").open(encoding="utf-8") as stream:
        states = list(csv.DictReader(stream))
    assert len(states) == 56  # 50 states, DC, American Samoa, Guam, N. Marianas, PR, USVI
    for row in states:
        area = resolve("FIPS", row["fips"])
        assert area is not None and area["type"] in ("Polygon", "MultiPolygon"), row
        assert resolve("ISO3166-2", f"US-{row['usps']}") == area
        assert describe("SAME", f"0{row['fips']}000") == row["name"]


def test_a_caller_changing_its_geometry_does_not_change_the_next_answer():
    first = resolve("INSEE", "74")
    assert first is not None
    first["coordinates"].clear()
    again = resolve("INSEE", "74")
    assert again is not None and again["coordinates"]


def test_threads_read_at_once():
    answers: list[str | None] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for code in ("FR718", "FRK28", "FR821", "FRL01"):
                answers.append(describe("NUTS3", code))
                assert resolve("NUTS3", code) is not None
        except BaseException as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert answers.count("Haute-Savoie") == 8 and answers.count("Alpes-de-Haute-Provence") == 8


def test_a_missing_file_names_it_and_make_boundaries(tmp_path: Path):
    missing = tmp_path / "boundaries.sqlite"
    with pytest.raises(BoundariesUnavailable, match="make boundaries") as caught:
        resolve("NUTS3", "FR718", path=missing)
    assert str(missing) in str(caught.value)


def test_a_file_that_is_not_a_boundary_file_is_refused_in_words(tmp_path: Path):
    garbage = tmp_path / "boundaries.sqlite"
    garbage.write_bytes(b"not a database at all" * 100)
    with pytest.raises(BoundariesUnavailable, match="unreadable") as caught:
        describe("NUTS3", "FR718", path=garbage)
    assert str(garbage) in str(caught.value)
