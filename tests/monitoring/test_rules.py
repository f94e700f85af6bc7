"""Watch rules' keyword expressions: folding, phrases, operators, errors, the FTS5 narrowing."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fieldapp.core.errors import ValidationError
from fieldapp.monitoring.rules import RuleError, fold, fts_query, matches, parse_rule, words


def found(expression: str, text: str) -> bool:
    return matches(parse_rule(expression), text)


@pytest.mark.parametrize(
    ("expression", "text", "expected"),
    [
        ("inondation", "INONDATIONS dans l'Aude", True),
        ("crue", "Crues de l'Aude", True),
        ("crue", "une recrue des pompiers", False),
        ("évacuation", "EVACUATION du camping", True),
        ("evacuation", "Évacuation du camping", True),
        ("INONDATION", "inondation", True),
        ("inondation", "l'inondation à Quillan", True),  # élision
        ("inondation", "l’inondation à Quillan", True),  # typographic apostrophe
        ("eau", "montée d'eau rapide", True),
        ("Quillan", "#Quillan sous l'eau", True),
        ("Brives-Charensac", "BRIVES CHARENSAC : la Loire déborde", True),
        ("Brives-Charensac", "Brives et Charensac", False),
        ("d118", "La D118 est coupée", True),
        ("d118", "La D117 est coupée", False),
    ],
)
def test_words_ignore_case_and_accents_and_match_word_starts(expression, text, expected):
    assert found(expression, text) is expected


def test_fold_and_words_are_the_desk_s_folding():
    assert fold("Crues à QUILLAN, Espéraza") == "crues a quillan, esperaza"
    assert words("L'Aude déborde !") == ["l", "aude", "deborde"]
    assert words("Brives-Charensac") == ["brives", "charensac"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Crues de l'Aude à Quillan", True),
        ("crue de l’AUDE", True),
        ("La crue de la Loire, l'Aude monte", False),  # the words, but not in a row
        ("l'Aude, de crue", False),
    ],
)
def test_a_phrase_matches_consecutive_words(text, expected):
    assert found('"crue de l\'Aude"', text) is expected


def test_implicit_and_between_terms():
    assert found("crue Quillan", "Quillan : la crue monte")
    assert not found("crue Quillan", "Quillan : l'incendie est fixé")


def test_or_binds_looser_than_and():
    rule = "crue Quillan OR Limoux"  # (crue AND Quillan) OR Limoux
    assert found(rule, "Limoux : école fermée")
    assert found(rule, "crue à Quillan")
    assert not found(rule, "Quillan : école fermée")
    assert found("crue (Quillan OR Limoux)", "crue à Limoux")
    assert not found("crue (Quillan OR Limoux)", "Limoux : école fermée")


def test_not_binds_tighter_than_and_and_or():
    assert found("crue NOT exercice", "crue de l'Aude")
    assert not found("crue NOT exercice", "EXERCICE : crue de l'Aude")
    assert not found("crue -exercice", "exercice crue")
    assert found("NOT crue OR feu", "feu de forêt et crue")  # (NOT crue) OR feu
    assert not found("NOT (crue OR feu)", "feu de forêt")
    assert found('crue -"pas de crue"', "la crue monte")
    assert not found('crue -"pas de crue"', "pas de crue cette nuit")


def test_french_operators_and_lowercase_words():
    assert found("Quillan OU Limoux", "Limoux")
    assert found("crue SAUF exercice", "crue")
    assert not found("crue SAUF exercice", "crue exercice")
    assert found("feu ET forêt", "feu de forêt")
    # lowercase "or" and "ou" are words (French "or", "où"), not operators
    assert not found("orage or grêle", "orage")
    assert found("orage or grêle", "orage or grêle")


def test_an_empty_rule_matches_every_post():
    assert found("", "n'importe quoi")
    assert found("   ", "")
    assert fts_query(parse_rule("")) is None


@pytest.mark.parametrize(
    ("expression", "message", "position"),
    [
        ("crue \"de l'Aude", "unclosed quote at 6", 5),
        ("crue NOT", "NOT needs a word after it at 6", 5),
        ("crue NOT )", "NOT needs a word after it at 6", 5),
        ("OR crue", "OR needs a word before it at 1", 0),
        ("crue OR", "OR needs a word after it at 6", 5),
        ("crue OR OR feu", "OR needs a word after it at 6", 5),
        ("crue AND", "AND needs a word after it at 6", 5),
        ("(crue OR feu", "unclosed parenthesis at 1", 0),
        ("crue) feu", "unexpected ) at 5", 4),
        ("crue ()", "empty parentheses at 6", 5),
        ("crue - feu", "- needs a word right after it at 6", 5),
        ('crue ""', "empty quotes at 6", 5),
        ("crue !!!", "nothing to look for in !!! at 6: no letter or digit", 5),
    ],
)
def test_errors_name_the_problem_and_its_place(expression, message, position):
    with pytest.raises(RuleError) as caught:
        parse_rule(expression)
    assert str(caught.value) == message
    assert caught.value.position == position
    assert isinstance(caught.value, ValidationError)  # the store's way of refusing a value
    assert caught.value.errors == {"expression": ("invalid", message)}


@settings(max_examples=300, deadline=None)
@given(text=st.text())
def test_matches_never_raises_on_any_text(text):
    for expression in ("crue", '"crue de l aude"', "crue -exercice OR (feu NOT forêt)", ""):
        assert matches(parse_rule(expression), text) in (True, False)


@settings(max_examples=200, deadline=None)
@given(expression=st.text(alphabet='ab "()-ORNTAD|é', max_size=20))
def test_parsing_any_expression_either_parses_or_says_why(expression):
    try:
        rule = parse_rule(expression)
    except RuleError as error:
        assert " at " in str(error) and "\n" not in str(error)
    else:
        matches(rule, "a b ab ba")
        fts_query(rule)


# -- the FTS5 narrowing: a superset of the matching posts -----------------------------------

# the tokenizer of the posts' full-text index (core/migrations/m005_monitoring.py)
FTS = "CREATE VIRTUAL TABLE posts USING fts5(text, tokenize='unicode61 remove_diacritics 2')"
RULES = [
    "crue",
    "crue Quillan",
    "crue Quillan OR Limoux",
    '"crue de l aude"',
    "Brives-Charensac",
    "(inondation OR crue) -exercice",
    "crue OR NOT feu",
    "NOT feu",
    "évacuation",
]
# Words of posts with a character slipped in somewhere: accents precomposed or combining
# (U+0301 removed by FTS5, U+0305 a separator there), stacked accents, ligatures, emoji,
# apostrophes; FTS5 must find every word the rules find.
WORDS = ["crue", "Quillan", "Limoux", "AUDE", "de", "l", "inondation", "exercice", "feu",
         "évacuation", "Brives", "Charensac", "E\u0301vacuation"]  # fmt: skip
SLIPPED = ["", "\u0301", "\u0305", "\u0302", "\u0327", "ǡ", "œ", "🌊", "'", "’", "-", "é"]
PIECE = st.tuples(st.sampled_from(WORDS), st.integers(0, 12), st.sampled_from(SLIPPED)).map(
    lambda t: t[0][: t[1]] + t[2] + t[0][t[1] :]
)
POST = st.tuples(st.lists(PIECE, max_size=6), st.sampled_from([" ", "", ", "])).map(
    lambda t: t[1].join(t[0])
)


@pytest.fixture(scope="module")
def index():
    conn = sqlite3.connect(":memory:")
    conn.execute(FTS)
    return conn


def test_fts_query_expresses_what_it_can():
    assert fts_query(parse_rule("crue Quillan OR Limoux")) == (
        '(("crue" * AND "quillan" *) OR "limoux" *)'
    )
    assert fts_query(parse_rule('"crue de l\'Aude"')) == '"crue" * + "de" * + "l" * + "aude" *'
    assert fts_query(parse_rule("crue -exercice")) == '("crue" *)'  # NOT only in `matches`
    assert fts_query(parse_rule("NOT feu")) is None
    assert fts_query(parse_rule("crue OR NOT feu")) is None


@settings(max_examples=300, deadline=None)
@given(texts=st.lists(POST, max_size=8))
def test_fts_query_selects_every_post_the_rule_matches(index, texts):
    index.execute("DELETE FROM posts")
    index.executemany("INSERT INTO posts(rowid, text) VALUES (?, ?)", list(enumerate(texts)))
    for expression in RULES:
        rule = parse_rule(expression)
        query = fts_query(rule)
        matching = {i for i, text in enumerate(texts) if matches(rule, text)}
        if query is None:
            continue
        selected = {
            r[0] for r in index.execute("SELECT rowid FROM posts WHERE posts MATCH ?", [query])
        }
        assert matching <= selected, (expression, query)
