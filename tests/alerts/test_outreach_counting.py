"""Counting an outreach text the way each channel counts it: SMS by the GSM 03.38
alphabet (or UCS-2 once one character is outside it), Mastodon by grapheme clusters with
URLs as 23 and mentions as @user, X by twitter-text's weights."""

from __future__ import annotations

import pytest

from fieldapp.alerts.outreach.counting import (
    CHANNELS,
    count,
    non_gsm_characters,
)

LINK = "https://www.haute-savoie.gouv.fr/Actions-de-l-Etat/Securite/crue-du-Fier-2026"

# -- SMS: the GSM-7 table


@pytest.mark.parametrize(
    "character",
    [*"@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ!\"#¤%&'()*+,-./:;<=>?¡ÄÖÑÜ§¿äöñüà", "\n", "\r", " "],
)
def test_basic_gsm_characters_count_one_septet(character):
    sms = count("sms", "a" + character)
    assert (sms.encoding, sms.used) == ("GSM-7", 2)


@pytest.mark.parametrize("character", ["^", "{", "}", "\\", "[", "]", "~", "|", "€", "\f"])
def test_extension_table_characters_count_two_septets(character):
    sms = count("sms", "a" + character)
    assert (sms.encoding, sms.used) == ("GSM-7", 3)


@pytest.mark.parametrize(
    "character",
    ["ê", "â", "î", "ô", "û", "ç", "ë", "ï", "œ", "Ê", "’", "«", "\u00a0", "\x1b", "🌊"],
)
def test_characters_outside_gsm7_switch_the_message_to_ucs2(character):
    sms = count("sms", "Alerte " + character)
    assert sms.encoding == "UCS-2"
    assert non_gsm_characters("Alerte " + character) == [character]


def test_french_words_with_gsm_accents_stay_gsm7():
    text = "Évacuation immédiate du secteur de la rivière. Ça déborde à Annecy: où aller?"
    sms = count("sms", text)
    assert (sms.encoding, sms.used, sms.fits, sms.segments) == ("GSM-7", len(text), True, 1)
    assert sms.remaining == 160 - len(text)


def test_one_circumflex_halves_the_room_of_a_french_sms():
    text = "Feu de forêt près de Chamonix : ne vous approchez pas, laissez passer les secours."
    assert len(text) == 82
    sms = count("sms", text)
    assert (sms.encoding, sms.used, sms.fits, sms.segments, sms.limit) == (
        "UCS-2",
        82,
        False,
        2,
        134,
    )
    assert non_gsm_characters(text) == ["ê"]
    without = count("sms", text.replace("forêt", "foret"))
    assert (without.encoding, without.fits) == ("GSM-7", True)


def test_a_full_gsm7_sms_is_160_and_one_more_makes_two_parts_of_153():
    one = count("sms", "x" * 160)
    assert (one.fits, one.segments, one.limit, one.remaining) == (True, 1, 160, 0)
    two = count("sms", "x" * 161)
    assert (two.fits, two.segments, two.limit, two.remaining) == (False, 2, 306, 145)
    assert count("sms", "x" * 306).segments == 2
    assert count("sms", "x" * 307).segments == 3


def test_euro_signs_count_two_and_are_never_split_between_parts():
    # 152 plain characters then a euro sign: 154 septets in one message, but the escape
    # and the euro cannot straddle the 153-septet boundary once concatenated.
    text = "x" * 152 + "€" + "y" * 10
    sms = count("sms", text)
    assert (sms.used, sms.segments) == (164, 2)
    assert count("sms", "€" * 80).used == 160 and count("sms", "€" * 80).fits
    assert count("sms", "€" * 81).segments == 2


def test_ucs2_counts_utf16_units_so_an_emoji_counts_two():
    text = "Crue: restez chez vous 🌊"
    sms = count("sms", text)
    assert (sms.encoding, sms.used, sms.limit) == ("UCS-2", len(text) + 1, 70)
    assert count("sms", "ê" * 70).fits
    over = count("sms", "ê" * 71)
    assert (over.fits, over.segments, over.limit, over.remaining) == (False, 2, 134, 63)
    assert count("sms", "ê" * 135).segments == 3


def test_an_emoji_is_not_split_between_two_ucs2_parts():
    text = "ê" * 66 + "🌊" + "ê" * 10  # the emoji would take units 67 and 68
    sms = count("sms", text)
    assert (sms.used, sms.segments) == (78, 2)
    assert count("sms", "ê" * 133 + "🌊").segments == 3  # 135 units: two full parts + 1


def test_empty_sms_is_one_empty_message():
    sms = count("sms", "")
    assert (sms.used, sms.fits, sms.segments, sms.encoding) == (0, True, 1, "GSM-7")


# -- Mastodon


def test_mastodon_counts_any_url_as_23():
    text = f"Crue du Fier : suivez les consignes de la préfecture {LINK}"
    assert len(LINK) > 23
    assert (
        count("mastodon", text).used
        == len("Crue du Fier : suivez les consignes de la préfecture ") + 23
    )
    short = count("mastodon", "voir https://ex.fr")
    assert short.used == 5 + 23
    # unlike X, Mastodon gives no concession to an address without http(s)
    assert count("mastodon", "voir vigilance.meteofrance.fr").used == 29


def test_mastodon_counts_a_remote_mention_as_the_user_only():
    text = "Merci @prefet74@mastodon.social et @SDIS74 pour le relais"
    assert count("mastodon", text).used == len("Merci @prefet74 et @SDIS74 pour le relais")


def test_mastodon_counts_grapheme_clusters():
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # one family emoji, 5 code points
    flag = "\U0001f1eb\U0001f1f7"  # the French flag, two regional indicators
    decomposed = "E\u0301vacuation"  # É typed as E + combining acute
    assert count("mastodon", family + flag).used == 2
    assert count("mastodon", decomposed).used == 10


def test_mastodon_limit_is_500():
    ok = count("mastodon", "a" * 500)
    assert (ok.fits, ok.limit, ok.remaining) == (True, 500, 0)
    over = count("mastodon", "é" * 501)
    assert (over.fits, over.remaining) == (False, -1)
    with_link = count("mastodon", "a" * 476 + " " + LINK)
    assert with_link.used == 500 and with_link.fits


# -- X


def test_x_weighs_latin_and_accents_one():
    text = "Évacuation immédiate : forêt de Sévrier, dégagez les accès pour les pompiers."
    assert count("x", text).used == len(text)


def test_x_counts_urls_23_with_or_without_protocol():
    assert count("x", f"Infos : {LINK}").used == 8 + 23
    assert count("x", "Infos : vigilance.meteofrance.fr").used == 8 + 23


def test_x_counts_emoji_sequences_and_cjk_as_two():
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert count("x", "Crue 🌊").used == 5 + 2
    assert count("x", family).used == 2
    assert count("x", "洪水警報").used == 8


def test_x_limit_is_280():
    assert count("x", "a" * 280).fits
    over = count("x", "a" * 270 + " 🌊🌊🌊🌊🌊")
    assert (over.used, over.fits, over.remaining) == (281, False, -1)


# -- long, and bad input


def test_long_has_no_limit_and_counts_characters():
    long = count("long", "Évacuation 🇫🇷 " * 1000)
    assert (long.used, long.limit, long.fits, long.remaining) == (13000, None, True, None)
    assert (long.segments, long.encoding) == (None, None)


def test_every_channel_is_counted_and_an_unknown_one_is_named():
    assert [count(channel, "test").channel for channel in CHANNELS] == list(CHANNELS)
    with pytest.raises(ValueError, match=r"'telegram'.*mastodon, x, sms, long"):
        count("telegram", "test")
