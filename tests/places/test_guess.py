"""Place guesses on French and English crisis posts: what is found, and what is not."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldapp.places.guess import guess_places

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def found(gazetteer, text: str, **options) -> list[tuple[str, str]]:
    return [(g.text, g.place.label()) for g in guess_places(gazetteer, text, **options)]


@pytest.mark.parametrize(
    ("post", "expected"),
    [
        ("Crue de l'Aude : la D117 est coupée à Quillan, évitez le secteur.",
         [("Quillan", "Quillan, Aude (11), FR")]),
        ("Brives-Charensac inondé ce matin, la Loire a débordé sur la zone commerciale",
         [("Brives-Charensac", "Brives-Charensac, Haute-Loire (43), FR")]),
        ("Évacuation en cours près de Saint Paul de Fenouillet, pompiers sur place",
         [("Saint Paul de Fenouillet", "Saint-Paul-de-Fenouillet, Pyrénées-Orientales (66), FR")]),
        ("Orages violents attendus au Puy-en-Velay cette nuit",
         [("Puy-en-Velay", "Le Puy-en-Velay, Haute-Loire (43), FR")]),
        ("Le Puy-en-Velay : routes fermées",
         [("Le Puy-en-Velay", "Le Puy-en-Velay, Haute-Loire (43), FR")]),
        ("Les secours arrivent de Carcassonne vers Limoux et Espéraza.",
         [("Carcassonne", "Carcassonne, Aude (11), FR"), ("Limoux", "Limoux, Aude (11), FR"),
          ("Espéraza", "Espéraza, Aude (11), FR")]),
        ("Route d'Aurillac coupée par un éboulement",
         [("Aurillac", "Aurillac, Cantal (15), FR")]),
        ("Quillan : l'eau monte vite près du pont",
         [("Quillan", "Quillan, Aude (11), FR")]),
        ("Flash flooding reported near Carcassonne, roads closed",
         [("Carcassonne", "Carcassonne, Aude (11), FR")]),
        ("Toulouse sous l'eau après une nuit d'orages",
         [("Toulouse", "Toulouse, Haute-Garonne (31), FR")]),
    ],
)  # fmt: skip
def test_places_named_in_real_crisis_posts_are_found(gazetteer, post, expected):
    assert found(gazetteer, post, country_hint="FR") == expected


@pytest.mark.parametrize(
    "post",
    [
        "Mer agitée, vagues de 4 m attendues demain",  # "Mer" is a commune of Loir-et-Cher
        "Nice day for a walk after the storm",
        "Vila means town in Portuguese",
        "Orange : vigilance rouge pour les orages",  # Orange is a town, here a colour
        "Suivez https://www.lemonde.fr/paris/article/crue.html pour les infos",
        "RT @Paris: alerte maintenue",
        "La Loire déborde dans le Gard et en Ardèche",  # rivers and départements, not towns
        "Mars arrive, la saison des crues commence",
        "SDIS et EDF mobilisés",
    ],
)
def test_common_words_links_and_areas_are_not_taken_for_places(gazetteer, post):
    assert found(gazetteer, post, country_hint="FR") == []


def test_a_place_cue_lets_a_common_word_count(gazetteer):
    assert found(gazetteer, "Inondations à Nice, le Paillon déborde")[0] == (
        "Nice", "Nice, Alpes-Maritimes (06), FR"
    )  # fmt: skip
    assert found(gazetteer, "Vigilance rouge à Orange et Avignon")[0][0] == "Orange"


def test_offsets_point_at_the_words_in_the_post(gazetteer):
    post = "Situation à Couiza : l'Aude est sortie de son lit."
    [guess] = guess_places(gazetteer, post)
    assert post[guess.start : guess.end] == "Couiza" == guess.text


def test_near_and_country_hint_choose_among_places_of_one_name(gazetteer):
    post = "Heavy rain near Valence tonight"
    assert found(gazetteer, post)[0][1] == "Valence, Drôme (26), FR"  # the biggest
    aude = (43.0, 2.2)  # an operation in the Aude: the Tarn-et-Garonne's is nearer
    assert found(gazetteer, post, near=aude)[0][1] == "Valence, Tarn-et-Garonne (82), FR"
    assert found(gazetteer, "Floods in Valencia", country_hint="ES")[0][1].endswith(", ES")


def test_each_place_is_given_once_best_evidence_first(gazetteer):
    post = "Pluie sur Limoux. Saint-Paul-de-Fenouillet isolé, Saint-Paul-de-Fenouillet et Axat"
    guesses = guess_places(gazetteer, post, country_hint="FR")
    assert [g.place.name for g in guesses] == ["Limoux", "Saint-Paul-de-Fenouillet", "Axat"]
    lone = guess_places(gazetteer, "Crues: Axat coupé, pluie sur Limoux", country_hint="FR")
    assert [g.place.name for g in lone] == ["Limoux", "Axat"]  # after a cue first


def test_a_lone_small_town_needs_the_context_of_the_operation(gazetteer):
    post = "Routes coupées, Axat isolé depuis ce matin"
    assert found(gazetteer, post) == []  # a village of 500 people: could be anyone's name
    assert found(gazetteer, post, country_hint="FR")[0][0] == "Axat"
    assert found(gazetteer, post, near=(42.9, 2.2))[0][0] == "Axat"
    assert found(gazetteer, "Smith and Wilson met Donald in the morning") == []


def test_a_real_french_news_feed_gives_few_false_places(gazetteer):
    """Google News (fr, Belgium, 2020), a real feed: its places are Belgian and French."""
    feed = SAMPLES / "feeds" / "rss2_fr_google_actualites_be.xml"
    import html
    import re

    text = html.unescape(re.sub(r"<[^>]+>", " ", html.unescape(feed.read_text("utf-8"))))
    countries = {g.place.country for g in guess_places(gazetteer, text)}
    assert countries <= {"BE", "FR", "NL", "LU", "DE", "IT", "CN", "US", "GB", "ES", "CH"}
