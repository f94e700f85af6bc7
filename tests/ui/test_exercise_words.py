"""A player's action, as the after-action report and the desk show it, is in the window's
language: the core words it ("item status: rumour"), the screen translates it."""

from __future__ import annotations

from fieldapp.ui.exercises.words import action_text


def test_a_player_s_action_is_in_words_of_the_window_s_language(qapp, languages):
    assert action_text("item status: rumour") == "Post, status: rumour"
    assert action_text("relay radio F4ABC") == "Relayed (radio) F4ABC"
    languages.apply("fr")
    assert action_text("item status: rumour") == "Publication, statut : rumeur"
    assert action_text("report verification: confirmed") == "Signalement, vérification : confirmé"
    assert action_text("radio_message status: delivered") == "Message radio, statut : remis"
    assert action_text("hop to F5XYZ") == "Transmis à F5XYZ"
    assert action_text("public message drafted") == "Message au public rédigé"
    assert action_text("something new") == "something new"  # an older release's words
