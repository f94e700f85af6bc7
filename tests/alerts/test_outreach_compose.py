"""One outreach message, a version per channel: what each channel really publishes (the
exercise mark, hashtags, the link), its count there, and the problems in words."""

from __future__ import annotations

import pytest

from fieldapp.alerts.outreach.compose import (
    Draft,
    Problem,
    channel_text,
    counts,
    normal_hashtags,
    problems,
)

LINK = "https://www.haute-savoie.gouv.fr/crue"


def draft(language="fr", exercise=False, hashtags=(), link="", **texts):
    return Draft(language, texts, hashtags, link, exercise)


# -- what is published


def test_an_exercise_is_marked_in_the_language_of_the_message():
    assert channel_text(draft("fr-FR", True, sms="Crue à Annecy"), "sms") == (
        "EXERCICE Crue à Annecy"
    )
    assert channel_text(draft("en", True, sms="Flood in Annecy"), "sms") == (
        "EXERCISE Flood in Annecy"
    )
    assert channel_text(draft("de", True, sms="Hochwasser"), "sms") == "EXERCISE Hochwasser"
    assert channel_text(draft("fr", False, sms="Crue à Annecy"), "sms") == "Crue à Annecy"


def test_an_exercise_mark_already_there_is_not_doubled():
    assert channel_text(draft("fr", True, x="Exercice : crue à Annecy"), "x") == (
        "Exercice : crue à Annecy"
    )
    assert channel_text(draft("en", True, x="  EXERCISE - flood"), "x") == "EXERCISE - flood"
    # a word that only starts like the mark is not the mark
    assert channel_text(draft("en", True, x="Exercises cancelled"), "x") == (
        "EXERCISE Exercises cancelled"
    )


def test_hashtags_are_added_where_missing_but_not_on_sms():
    message = draft(
        "fr",
        hashtags=("inondation", "Haute Savoie", "crue"),
        mastodon="Crue du Fier #Inondation, restez chez vous #crue74",
        x="Crue du Fier",
        sms="Crue du Fier",
        long="Crue du Fier",
    )
    assert channel_text(message, "mastodon") == (
        "Crue du Fier #Inondation, restez chez vous #crue74\n\n#HauteSavoie #crue"
    )
    assert channel_text(message, "x") == "Crue du Fier #inondation #HauteSavoie #crue"
    assert channel_text(message, "sms") == "Crue du Fier"
    assert channel_text(message, "long") == "Crue du Fier\n\n#inondation #HauteSavoie #crue"


def test_the_link_is_added_where_the_text_does_not_hold_it():
    message = draft(link=LINK, hashtags=("crue",), sms="Crue du Fier", x=f"Infos : {LINK}")
    assert channel_text(message, "sms") == f"Crue du Fier {LINK}"
    assert channel_text(message, "x") == f"Infos : {LINK} #crue"


def test_an_empty_channel_publishes_nothing():
    message = draft("fr", True, hashtags=("crue",), link=LINK, sms="Crue", x="   ")
    assert channel_text(message, "x") == ""
    assert channel_text(message, "mastodon") == ""
    assert counts(message)["x"].used == 0


def test_the_published_text_is_nfc_so_an_accent_typed_apart_stays_gsm7():
    message = draft(sms="E\u0301vacuation du quartier")  # É typed as E + combining acute
    assert channel_text(message, "sms") == "Évacuation du quartier"
    assert counts(message)["sms"].encoding == "GSM-7"


def test_hashtags_are_normalised():
    assert normal_hashtags(["crue", "#Inondation", "haute savoie", "#Haute-Savoie", "", "#",
                            "CRUE", " #feu_de_forêt "]) == (
        "#crue", "#Inondation", "#HauteSavoie", "#feu_de_forêt")  # fmt: skip
    assert draft(hashtags=("a b",)).hashtags == ("#AB",)


def test_an_unknown_channel_is_named():
    with pytest.raises(ValueError, match="'fax'"):
        channel_text(draft(sms="x"), "fax")


# -- counts and problems


def test_counts_are_of_the_published_text():
    message = draft("fr", True, hashtags=("crue",), link=LINK, x="Crue", sms="Crue")
    measured = counts(message)
    assert list(measured) == ["mastodon", "x", "sms", "long"]
    assert measured["x"].used == len("EXERCICE Crue #crue ") + 23
    assert measured["sms"].used == len(f"EXERCICE Crue {LINK}")


def test_a_draft_that_fits_has_no_problems():
    message = draft("fr", True, ("crue",), LINK, mastodon="Crue", x="Crue", sms="Crue")
    assert problems(message) == []


def test_x_and_mastodon_say_how_many_characters_too_long():
    message = draft(x="a" * 292, mastodon="é" * 501)
    found = problems(message)
    assert [(p.kind, p.channel) for p in found] == [("too-long", "mastodon"), ("too-long", "x")]
    assert str(found[0]) == "The Mastodon text is 1 character too long (501 of 500)"
    assert str(found[1]) == "The X text is 12 characters too long (292 of 280)"


def test_an_sms_of_two_messages_is_named_with_the_characters_to_blame():
    assert [str(p) for p in problems(draft(sms="a" * 171))] == [
        "The SMS text is 2 messages long (171 characters; one message holds 160)"
    ]
    text = "Feu de forêt près de Chamonix : ne vous approchez pas, laissez passer les secours."
    (found,) = problems(draft(sms=text))
    assert found == Problem("sms-parts", "sms", "")
    (several,) = problems(draft(sms="Forêt, château, glaçons : " + "a" * 60))
    assert "(86 characters; ê â ç are outside the SMS alphabet" in str(several)
    assert str(found) == (
        "The SMS text is 2 messages long (82 characters; ê is outside the SMS alphabet, "
        "so one message holds 70, not 160)"
    )


def test_blanks_left_by_a_template_are_listed_per_channel():
    message = draft(sms="Crue [area] jusqu'à [until] [area]", x="Crue [area]", long="[sic]")
    assert [str(p) for p in problems(message)] == [
        "The X text still has blanks to fill: [area]",
        "The SMS text still has blanks to fill: [area], [until]",
    ]


def test_a_bad_link_and_no_text_at_all_are_said():
    found = problems(draft(link="ftp://example.org/x", sms=" "))
    assert [(p.kind, str(p)) for p in found] == [
        ("no-text", "There is no text for any channel"),
        ("bad-link", "The link is not an http(s) address: ftp://example.org/x"),
    ]
