"""The radiogram check and text normalisation: RADIO.md's examples and the public vectors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fieldapp.radio import arl
from fieldapp.radio.check import (
    Check,
    check_problem,
    check_to_send,
    compute_check,
    denormalise,
    normalise,
    parse_check,
)

VECTORS = Path(__file__).parent.parent / "samples" / "radio" / "ectlogger_nts_text_vectors.json"


# RADIO.md's check examples, verbatim; when the shared RADIO.md is at hand its examples
# are read from it as well, so that an example added there is tested at once.
RADIO_MD = Path(__file__).parents[3] / "shared" / "RADIO.md"
CHECK_EXAMPLES = [
    ("HAPPY BIRTHDAY X SEE YOU SOON X LOVE", "8"),
    ("NEW YORK CITY", "3"),
    ("NYC", "1"),
    ("527B", "1"),
    ("W1YL/4", "1"),
    ("860 594 0301", "3"),
    ("ARL FIFTY ARL SIXTY ONE", "ARL 5"),
    ("ARL FORTY SIX", "ARL 3"),
]
_EXAMPLE = re.compile(r"`([^`]+)`\s*→\s*(?:`([^`]+)`|(\d+))")


def radio_md_examples(text: str) -> list[tuple[str, str]]:
    """The `TEXT` → check pairs of RADIO.md's paragraph on the check."""
    section = text[text.index("Check = ") : text.index("ARL numbered radiograms:")]
    return [(m[1], m[2] or m[3]) for m in _EXAMPLE.finditer(section)]


def _examples() -> list[tuple[str, str]]:
    found = list(CHECK_EXAMPLES)
    if RADIO_MD.is_file():
        found += [pair for pair in radio_md_examples(RADIO_MD.read_text()) if pair not in found]
    return found


@pytest.mark.parametrize(("text", "check"), _examples())
def test_the_check_examples_of_radio_md(text, check):
    assert compute_check(text) == check


def test_the_examples_are_read_from_radio_md_as_written():
    sample = (
        "Check = number of words\n- `HAPPY X LOVE` → 3;\n- `NYC` → 1, `527B` → 1;\n"
        "- `ARL FIFTY ARL SIXTY ONE`\n  → `ARL 5`; `ARL FORTY SIX` → `ARL 3`;\n"
        "ARL numbered radiograms: `ONE` → 9"
    )
    assert radio_md_examples(sample) == [
        ("HAPPY X LOVE", "3"), ("NYC", "1"), ("527B", "1"),
        ("ARL FIFTY ARL SIXTY ONE", "ARL 5"), ("ARL FORTY SIX", "ARL 3"),
    ]  # fmt: skip


def test_x_query_and_an_empty_text_count_as_radio_md_says():
    assert compute_check("WHERE ARE YOU QUERY") == "4"  # X and QUERY count
    assert compute_check("") == "0"


def test_a_relay_that_counts_otherwise_sends_both_counts():
    text = "HAPPY BIRTHDAY X SEE YOU SOON X LOVE X"  # 9 words, the originator wrote 10
    assert check_to_send("10", text) == "10/9"
    assert check_to_send("ARL 10", "ARL FIFTY " + " ".join(["W"] * 7)) == "ARL 10/9"
    assert check_to_send("9", text) == "9"  # agreeing: unchanged
    assert check_to_send("", text) == "9"  # nothing received: our own count
    assert check_to_send("10/9", text) == "10/9"  # a second relay keeps the originator's 10
    code, message = check_problem("10", text)
    assert code == "check_mismatch" and "10/9" in message


def test_unreadable_and_arl_checks_are_named():
    assert check_problem("TEN", "A B")[0] == "bad_check"
    assert check_problem("3", "ARL FORTY SIX")[0] == "arl_prefix"
    assert parse_check("arl 5") is not None and str(parse_check("ARL 5")) == "ARL 5"


@pytest.mark.parametrize("vector", json.loads(VECTORS.read_text()), ids=lambda v: v["raw"])
def test_every_ectlogger_vector(vector):
    result = normalise(vector["raw"])
    assert result.text == vector["expected_normalized"]
    assert denormalise(result) == vector["raw"]


def test_normalisation_reports_what_it_changed():
    result = normalise("Is it 146.52? Yes.")
    assert result.text == "IS IT 146R52 QUERY YES"
    rules = [(c["rule"], c["from"], c["to"].strip()) for c in result.changes()]
    assert ("decimal", ".", "R") in rules
    assert ("query", "?", "QUERY") in rules
    assert ("period", ".", "") in rules  # the final period is dropped, and says so
    assert ("capitals", "Is", "IS") in rules
    assert normalise("DÉJÀ VU").text == "DEJA VU"  # no accents in Morse


def test_normalised_text_is_left_alone():
    text = "HAPPY BIRTHDAY X SEE YOU SOON X LOVE"
    assert normalise(text).text == text and normalise(text).changes() == []


@given(st.text(max_size=80))
def test_normalise_then_undo_gives_the_original_back(text):
    result = normalise(text)
    assert denormalise(result) == text
    assert result.text == result.text.strip()
    assert "  " not in result.text


@given(st.text(alphabet="abc ?.,-&@ 12/:", max_size=60))
def test_normalised_text_has_only_radiogram_characters(text):
    out = normalise(text).text
    assert out == out.upper()
    assert not set(out) & set("?.,&@:")
    assert not out.endswith(" X") and not out.endswith("QUERY")


def test_arl_texts_expand_to_plain_language():
    assert len(arl.table()) == 48 and arl.by_number(46).words == "FORTY SIX"
    assert arl.plain_language("ARL SIXTY FOUR NEWINGTON X LOVE MOM") == (
        "Arrived safely at NEWINGTON. X LOVE MOM"
    )
    found = arl.find("ARL FIFTY ARL SIXTY ONE")
    assert [f.number for f in found] == [50, 61]  # SIXTY ONE, not SIXTY
    two = arl.plain_language("ARL SIXTY FIVE BOSTON X JUNE 5")
    assert two == "Arriving BOSTON on JUNE 5. Please arrange to meet me there."


def test_a_final_question_mark_is_dropped_as_the_vectors_say_and_named():
    result = normalise("Send 9 more cots?")
    assert result.text == "SEND 9 MORE COTS"  # ectlogger: "Ends with question?" -> no QUERY
    assert ("final_query", "?", "") in [(c["rule"], c["from"], c["to"]) for c in result.changes()]
    inside = normalise("Cots? Send 9").changes()
    assert [c["rule"] for c in inside if c["from"] == "?"] == ["query"]  # inside: QUERY


@pytest.mark.parametrize(
    ("raw", "text", "rules"),
    [
        ("Ok. ? Yes", "OK QUERY YES", [("replaced_by_query", "."), ("query", "?")]),
        ("Shelter full - ? Send cots", "SHELTER FULL QUERY SEND COTS",
         [("replaced_by_query", "-"), ("query", "?")]),
        ("Why?? Now", "WHY QUERY NOW", [("query", "?"), ("repeated_query", "?")]),
        ("QUERY? yes", "QUERY YES", [("repeated_query", "?")]),
        ("?Where", "WHERE", [("leading_query", "?")]),
        ("Cots?Send 9", "COTS QUERY SEND 9", [("query", "?")]),
    ],
)  # fmt: skip
def test_a_question_mark_inside_the_text_is_never_lost_and_each_change_is_named(raw, text, rules):
    result = normalise(raw)
    assert result.text == text
    named = [(c["rule"], c["from"]) for c in result.changes() if c["from"] in ".-?"]
    assert named == rules
    assert denormalise(result) == raw


@given(st.text(alphabet="ab .?-!", max_size=40))
def test_a_question_mark_between_two_words_always_leaves_a_query(text):
    if re.search(r"[ab][^ab]*\?[^ab]*[ab]", text):
        assert "QUERY" in normalise(text).text.split()


def test_a_long_text_is_normalised_whole():
    """Its speed (it was quadratic) is measured in bench/radio_bench.py."""
    text = "Shelter full. ? Send 9 more cots, please; now! " * 400  # 19,000 characters
    result = normalise(text)
    assert result.text.count("QUERY") == 400 and denormalise(result) == text


# (received check, text): an ARL prefix on one side only, in both directions.
ARL_ONLY_MISMATCHES = [
    ("3", "ARL FORTY SIX"),  # ARL text, the originator forgot the prefix
    ("ARL 3", "FORTY SIX X"),  # prefix written, but no ARL text
]


@pytest.mark.parametrize(("received", "text"), ARL_ONLY_MISMATCHES)
def test_a_check_wrong_only_by_its_arl_prefix_is_flagged_and_recounted(received, text):
    code, message = check_problem(received, text)
    assert code == "arl_prefix" and compute_check(text) in message
    # The relay does not pass it on as if all were well: its own count follows.
    assert check_to_send(received, text) == "ARL 3/3"


@pytest.mark.parametrize(
    ("received", "text", "sent"),
    [
        ("10", "A B C D E F G H I", "10/9"),  # the originator counted one word too many
        ("8", "A B C D E F G H I", "8/9"),  # ...or one too few
        ("ARL 4", "ARL FORTY SIX", "ARL 4/3"),
        ("ARL 2", "ARL FORTY SIX", "ARL 2/3"),
    ],
)
def test_a_count_off_either_way_is_flagged_and_both_counts_passed_on(received, text, sent):
    code, message = check_problem(received, text)
    assert code == "check_mismatch" and sent in message
    assert check_to_send(received, text) == sent


@pytest.mark.parametrize("text", ["ARRIVED CARLISLE X LOVE", "CARL WILL CALL", "SNARL UP ON I80"])
def test_arl_inside_a_word_is_not_an_arl_radiogram(text):
    count = str(len(text.split()))
    assert compute_check(text) == count
    assert check_problem(count, text) is None
    assert check_to_send(count, text) == count
    assert check_problem(f"ARL {count}", text)[0] == "arl_prefix"


def test_arl_is_found_as_a_word_in_any_case():
    assert compute_check("arl sixty four NEWINGTON") == "ARL 4"


@pytest.mark.parametrize("received", ["TEN", "1O", "ARL", "10/", "12345"])
def test_an_unreadable_received_check_is_passed_on_as_received(received):
    text = "HAPPY BIRTHDAY X SEE YOU SOON X LOVE"
    # The originator's check is never replaced by our count, even when it is unreadable:
    # the form warns, the operator asks for a repeat.
    assert check_to_send(f" {received} ", text) == received
    assert check_problem(received, text)[0] == "bad_check"


def test_a_matching_check_passes_unchanged_and_raises_nothing():
    assert check_to_send("ARL 3", "ARL FORTY SIX") == "ARL 3"
    assert check_problem("ARL 3", "ARL FORTY SIX") is None
    assert check_problem(" ", "A B") is None and check_to_send(" ", "ARL FORTY SIX") == "ARL 3"


def test_the_arl_advice_says_which_way_the_prefix_is_wrong():
    assert check_problem("3", "ARL FORTY SIX") == (
        "arl_prefix",
        "the text has ARL texts: the check should be ARL 3",
    )
    assert check_problem("ARL 2", "A B") == (
        "arl_prefix",
        "the text has no ARL text: the check should be 2",
    )


def test_a_relayed_check_reads_back_with_both_counts():
    assert parse_check("10/9") == Check(False, 10, 9)
    assert parse_check("ARL 10 / 9") == Check(True, 10, 9)
    assert parse_check(None) is None and check_problem(None, "A B") is None


# What the entry form lists as changed: (rule, original, new, offset in the original).
# Every piece counts, offsets add up over the whole text, unchanged single spaces are not
# listed.
@pytest.mark.parametrize(
    ("raw", "text", "changes"),
    [
        ("  Send  cots ", "SEND COTS", [
            ("spaces", "  ", "", 0), ("capitals", "Send", "SEND", 2),
            ("spaces", "  ", " ", 6), ("capitals", "cots", "COTS", 8), ("spaces", " ", "", 12),
        ]),
        ("a-b", "A X B", [
            ("capitals", "a", "A", 0), ("hyphen", "-", " X ", 1), ("capitals", "b", "B", 2),
        ]),
        ("A-BC-D", "A X BC X D", [("hyphen", "-", " X ", 1), ("hyphen", "-", " X ", 4)]),
        ("Ok. ? Yes. Go", "OK QUERY YES X GO", [
            ("capitals", "Ok", "OK", 0), ("replaced_by_query", ".", "", 2),
            ("spaces", " ", "", 3), ("query", "?", " QUERY ", 4), ("spaces", " ", "", 5),
            ("capitals", "Yes", "YES", 6), ("period", ".", " X ", 9), ("spaces", " ", "", 10),
            ("capitals", "Go", "GO", 11),
        ]),
        ("Go. . now", "GO X NOW", [
            ("capitals", "Go", "GO", 0), ("period", ".", " X ", 2), ("spaces", " ", "", 3),
            ("period", ".", "", 4), ("spaces", " ", "", 5), ("capitals", "now", "NOW", 6),
        ]),
        ("é\tb", "E B", [
            ("capitals", "é", "E", 0), ("spaces", "\t", " ", 1), ("capitals", "b", "B", 2),
        ]),
        ("Cots.? x", "COTS QUERY X", [
            ("capitals", "Cots", "COTS", 0), ("replaced_by_query", ".", "", 4),
            ("query", "?", " QUERY ", 5), ("spaces", " ", "", 6), ("capitals", "x", "X", 7),
        ]),
        # Marks at either end go, each named by its own rule.
        ("a ?", "A", [
            ("capitals", "a", "A", 0), ("spaces", " ", "", 1), ("final_query", "?", "", 2),
        ]),
        ("a -", "A", [("capitals", "a", "A", 0), ("spaces", " ", "", 1), ("hyphen", "-", "", 2)]),
        (".", "", [("period", ".", "", 0)]),
        ("-", "", [("hyphen", "-", "", 0)]),
        ("a?.", "A", [
            ("capitals", "a", "A", 0), ("final_query", "?", "", 1), ("period", ".", "", 2),
        ]),
        ("a-?", "A", [
            ("capitals", "a", "A", 0), ("hyphen", "-", "", 1), ("final_query", "?", "", 2),
        ]),
        # A hyphen with a space on one side only joins nothing: it is a space, not an X.
        ("a -a", "A A", [
            ("capitals", "a", "A", 0), ("hyphen", "-", "", 2), ("capitals", "a", "A", 3),
        ]),
        ("a- a", "A A", [
            ("capitals", "a", "A", 0), ("hyphen", "-", " ", 1), ("spaces", " ", "", 2),
            ("capitals", "a", "A", 3),
        ]),
        # A word made from a sign ends the text without a trailing space.
        ("a &.", "A AND", [
            ("capitals", "a", "A", 0), ("amp", "&", "AND", 2), ("period", ".", "", 3),
        ]),
        ("a&", "A AND", [("capitals", "a", "A", 0), ("amp", "&", " AND", 1)]),
        # The letter X typed as a word is a word, not an X made from a period.
        ("x?", "X", [("capitals", "x", "X", 0), ("final_query", "?", "", 1)]),
        ("Take x? ok", "TAKE X QUERY OK", [
            ("capitals", "Take", "TAKE", 0), ("capitals", "x", "X", 5),
            ("query", "?", " QUERY ", 6), ("spaces", " ", "", 7), ("capitals", "ok", "OK", 8),
        ]),
        ("x'x.x", "XX X X", [
            ("capitals", "x", "X", 0), ("drop", "'", "", 1), ("capitals", "x", "X", 2),
            ("period", ".", " X ", 3), ("capitals", "x", "X", 4),
        ]),
        ("GO HOME", "GO HOME", []),
    ],
)  # fmt: skip
def test_every_change_is_listed_where_it_is(raw, text, changes):
    result = normalise(raw)
    assert result.text == text
    assert [(c["rule"], c["from"], c["to"], c["at"]) for c in result.changes()] == changes


def test_signs_that_decompose_to_spaces_never_leave_a_double_space():
    # NFKD turns a diaeresis alone into a space and a combining mark: inside a word too.
    assert normalise("ab\u00a8\u00a8c").text == "AB C"
    assert normalise("ab\u00a8\u00a8").text == "AB"
