"""The gazetteer's data and lookups: what Go to, the Place field and the guesses rely on."""

from __future__ import annotations

import json
import tarfile
from pathlib import Path

import pytest

from fieldapp.places.gazetteer import Gazetteer, GazetteerUnavailable, Place
from fieldapp.places.sources import SOURCES


def test_quillan_is_the_aude_commune_at_its_town_hall(gazetteer):
    [quillan] = gazetteer.find("Quillan")
    assert quillan.label() == "Quillan, Aude (11), FR"
    assert quillan.kind == "commune"
    assert abs(quillan.lat - 42.8755) < 0.01 and abs(quillan.lon - 2.1845) < 0.01
    assert 2000 < (quillan.population or 0) < 5000


def test_brives_charensac_is_found_however_it_is_typed(gazetteer):
    for typed in ("Brives-Charensac", "brives charensac", "BRIVES–CHARENSAC", " brives-charensac "):
        [place] = gazetteer.find(typed)
        assert place.label() == "Brives-Charensac, Haute-Loire (43), FR"


def test_accents_case_and_saint_abbreviations_meet_on_one_name(gazetteer):
    for typed in ("Saint-Étienne", "saint etienne", "SAINT-ETIENNE", "St Étienne", "st-etienne"):
        assert gazetteer.find(typed)[0].label() == "Saint-Étienne, Loire (42), FR"
    assert gazetteer.find("Espéraza")[0].name == "Espéraza"
    assert gazetteer.find("esperaza")[0].name == "Espéraza"


def test_every_french_commune_of_the_cog_is_there(gazetteer):
    """All current communes of the COG 2026, but the few that no source places."""
    cog = _cog_communes()
    metropolitan_and_overseas_departments = [c for c in cog if c["zone"] in ("metro", "drom")]
    assert len(metropolitan_and_overseas_departments) > 34_800
    have = gazetteer.count("commune", "FR")
    # Four restored Cantal communes have no position in any source yet (README).
    assert have >= len(metropolitan_and_overseas_departments) - 4
    assert have <= len(metropolitan_and_overseas_departments)
    # Quillan, Brives-Charensac, Paris, Ajaccio, Basse-Terre
    for code in ("11304", "43041", "75056", "2A004", "97105"):
        commune = next(c for c in cog if c["code"] == code)
        assert any(p.kind == "commune" for p in gazetteer.named(commune["nom"])), commune["nom"]


def test_an_ambiguous_name_gives_every_place_most_populous_first(gazetteer):
    valence = gazetteer.find("Valence")
    labels = [p.label() for p in valence]
    assert labels[:2] == ["Valence, Drôme (26), FR", "Valence, Tarn-et-Garonne (82), FR"]
    assert "Valence, Charente (16), FR" in labels
    named = gazetteer.named("Saint-Martin")
    saint_martin = [p for p in named if p.country == "FR" and p.name == "Saint-Martin"]
    assert len(saint_martin) >= 3
    assert named.index(saint_martin[0]) < 3  # before towns that only have it as a nickname
    assert len({p.admin for p in saint_martin}) == len(saint_martin)  # told apart by area


def test_a_big_city_abroad_and_its_french_name(gazetteer):
    [tokyo, *_] = gazetteer.find("Tokyo")
    assert tokyo.country == "JP" and (tokyo.population or 0) > 5_000_000
    assert gazetteer.find("Londres")[0].label() == "London, England, GB"
    assert gazetteer.find("São Paulo")[0].country == "BR"
    assert gazetteer.find("sao paulo")[0].country == "BR"


def test_a_geonames_town_and_its_commune_are_one_place(gazetteer):
    """GeoNames' Quillan and the COG's are the same place: one answer, not two."""
    assert len(gazetteer.named("Quillan")) == 1
    assert len([p for p in gazetteer.named("Carcassonne") if p.country == "FR"]) == 1


def test_completion_starts_with_the_most_populous(gazetteer):
    shown = [p.name for p in gazetteer.complete("Carca")]
    assert shown[0] == "Carcassonne"
    assert all(p.name.lower().startswith("carca") or p.kind for p in gazetteer.complete("Carca"))
    assert len(gazetteer.complete("s", 10)) == 10  # one letter: the biggest "S" places
    assert gazetteer.complete("", 10) == [] and gazetteer.find("   ") == []


def test_labels_of_a_valley_do_not_overlap(gazetteer):
    from fieldapp.places.labels import label_box

    shown = gazetteer.labels(1.9, 42.7, 2.5, 43.0, zoom=11)
    names = [p.name for p in shown]
    assert names[0] == "Quillan"  # the biggest town of the view comes first
    assert {"Espéraza", "Axat"} <= set(names)
    boxes = [label_box(p, 11) for p in shown]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])
    wide = gazetteer.labels(-5.0, 41.0, 9.0, 51.0, zoom=7, limit=50)
    assert len(wide) == 50 and wide[0].name == "Paris"


def test_a_missing_file_says_so_in_words(tmp_path: Path):
    missing = Gazetteer(tmp_path / "nowhere.sqlite")
    assert not missing.available()
    with pytest.raises(GazetteerUnavailable, match=r"not installed .*make gazetteer"):
        missing.find("Quillan")
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"not a database at all" * 100)
    with pytest.raises(GazetteerUnavailable, match="unreadable"):
        Gazetteer(garbage).find("Quillan")


def test_one_gazetteer_serves_several_threads(gazetteer):
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(4) as pool:
        found = list(pool.map(lambda name: gazetteer.find(name)[0], ["Quillan", "Limoux"] * 8))
    assert {p.name for p in found} == {"Quillan", "Limoux"}
    assert isinstance(found[0], Place)


def _cog_communes() -> list[dict]:
    """The COG as the build read it (the pinned npm package, kept in build/gazetteer)."""
    source = next(s for s in SOURCES if s.registry == "npm")
    tgz = Path(__file__).resolve().parents[2] / "build" / "gazetteer" / source.filename
    with tarfile.open(tgz) as archive:
        stream = archive.extractfile("package/data/communes.json")
        assert stream is not None
        return [c for c in json.load(stream) if c["type"] == "commune-actuelle"]
