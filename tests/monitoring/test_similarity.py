"""Whether two posts tell the same story (similarity.py): shapes, link keys, the check."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fieldapp.monitoring.similarity import THRESHOLD, Shape, keys, link_key, score, shape

ORIGINAL = (
    "Quillan : l'Aude est sortie de son lit cette nuit, la ville basse est inondée. "
    "Le camping municipal est en cours d'évacuation. Restez chez vous."
)
ARTICLE = "https://www.lindep-aude.example/2026/10/14/quillan-ville-basse-inondee"
KEY = "lindep-aude.example/2026/10/14/quillan-ville-basse-inondee"


def same_story(a: str, b: str, url_a: str = "", url_b: str = "") -> float:
    return score(shape(a, url_a), shape(b, url_b))


@pytest.mark.parametrize(
    ("url", "key"),
    [
        (ARTICLE, KEY),
        (ARTICLE + "/?utm_source=twitter&utm_medium=social", KEY),
        ("http://m." + KEY + "#video", KEY),
        ("https://news.example/article.php?id=42&fbclid=x", "news.example/article.php?id=42"),
        ("https://www.aude.gouv.fr/", ""),  # a home page says nothing about the story
        ("https://www.aude.gouv.fr/index.html", ""),
        ("not a link at all", ""),
    ],
)  # fmt: skip
def test_links_are_keyed_by_host_and_path(url, key):
    assert link_key(url) == key


def test_a_shape_keeps_what_copies_keep():
    post = shape(f"RT @mairie_quillan: {ORIGINAL} #CrueAude @vost_aude {ARTICLE}?utm_source=x 😱")
    assert post.norm.startswith("quillan aude sortie lit nuit ville basse inondee")
    assert post.norm.endswith("crue aude")  # the hashtag's words, without RT, mentions, emoji
    assert "rt" not in post.words and "mairie_quillan" not in post.norm
    assert post.links == {KEY}
    assert "quillan" in post.names and post.hazards == {"flood"}
    assert Shape.load(post.dump()) == post


def test_road_numbers_are_read_in_their_usual_spellings():
    for text in ("La D118 est coupée", "la RD 118 est coupée", "RD118 coupée"):
        assert shape(text).roads == {"d118"}
    assert shape("A61 fermée, N88 coupée").roads == {"a61", "n88"}
    assert shape("rendez-vous à 14 heures").roads == frozenset()


@pytest.mark.parametrize(
    "copy",
    [
        f"RT @mairie_quillan: {ORIGINAL}",
        f"Pensées pour nos amis 🙏 RT @mairie_quillan: {ORIGINAL}",  # a quote
        ORIGINAL[:110] + "…",  # a truncated retweet
        "A Quillan l'Aude est sortie de son lit cette nuit : ville basse inondée, camping "
        "municipal en cours d'évacuation. Restez chez vous !",  # a few words changed
        "quillan : l'aude est sorti de son lit cette nuit la ville basse est inondé le "
        "camping est en cour d'evacuation",  # typos, no accents, no capitals
        "#Quillan l'Aude déborde, ville basse sous l'eau, évacuation du camping municipal "
        "en cours. #CrueAude",
    ],
)
def test_copies_retweets_and_quotes_tell_the_same_story(copy):
    assert same_story(ORIGINAL, copy) >= THRESHOLD


@pytest.mark.parametrize(
    "other",
    [
        ORIGINAL.replace("Quillan", "Limoux"),  # the same hazard in another town
        ORIGINAL.replace("Quillan", "Espéraza"),
        "Quillan : incendie d'un entrepôt cette nuit, la ville basse est enfumée. Le camping "
        "municipal est en cours d'évacuation. Restez chez vous.",  # another hazard, same town
    ],
)
def test_different_events_sharing_words_do_not(other):
    assert same_story(ORIGINAL, other) == 0


def test_two_roads_are_two_stories():
    d118 = (
        "Route D118 coupée entre Quillan et Axat après un glissement de terrain, évitez le secteur"
    )
    assert same_story(d118, d118.replace("D118", "D117")) == 0
    assert same_story(d118, d118.replace("D118", "RD 118")) >= THRESHOLD


def test_the_same_link_joins_other_words_even_a_translation():
    french = "Les images de Quillan ce matin sont impressionnantes"
    english = "Quillan (France): the Aude river burst its banks, the lower town is flooded"
    assert same_story(french, english, ARTICLE, ARTICLE + "?utm_source=tw") == 100
    assert same_story(french, english) == 0  # no link: no word in common
    # a shared link does not join two posts that name different places and hazards
    fire = "Limoux : incendie d'une maison"
    assert same_story(ORIGINAL, fire, ARTICLE, ARTICLE) == 0


def test_short_texts_join_only_on_the_same_text_or_link():
    assert same_story("Quillan sous l'eau 😱", "QUILLAN SOUS L'EAU !!!") == 100
    assert same_story("Quillan sous l'eau", "Quillan sous la neige") == 0
    assert same_story("Quillan sous l'eau", ORIGINAL) == 0
    assert same_story("Quillan sous l'eau", "Ça monte", ARTICLE, ARTICLE) == 100
    # the same comment on two articles: the links tell, and they differ
    assert same_story("Incroyable 😱", "Incroyable 😱", ARTICLE, "https://news.example/fire") == 0
    # a link keeps its words to itself, apostrophes and query included
    one = "Courage à tous https://a.example/1-l'eau-du-robinet-coupee?utm_source=tw"
    other = "Courage à tous https://b.example/2-l'orbieu-deborde-a-lagrasse?utm_source=tw"
    assert shape(one).norm == "courage"
    assert same_story(one, other) == 0


def test_posts_with_no_words_do_not_join_each_other():
    assert same_story("😱😱😱", "🙏") == 0
    assert same_story("", "") == 0


def test_index_keys_are_the_same_in_every_process():
    """Keys are stored: Python's salted hash() would lose them at the next start."""
    post = shape(ORIGINAL)
    script = (
        "from fieldapp.monitoring.similarity import keys, shape; import sys; "
        "print(keys('op', shape(sys.argv[1])))"
    )
    run = subprocess.run(
        [sys.executable, "-c", script, ORIGINAL],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONHASHSEED": "12345", "PATH": ""},
    )
    assert run.stdout.strip() == str(keys("op", post))
    assert len(keys("op", post)) == 13  # 12 bands and the text
    assert set(keys("op", post)).isdisjoint(keys("another operation", post))


@settings(max_examples=300, deadline=None)
@given(text=st.text(), url=st.text())
def test_any_post_has_a_shape_that_is_stored_and_read_back_whole(text, url):
    post = shape(text, url)
    assert Shape.load(post.dump()) == post
    assert keys("op", Shape.load(post.dump())) == keys("op", post)  # forget() relies on it
    assert score(post, post) in (0.0, 100.0)
