"""The map has a legend: marker shapes by kind, colours by severity, the EX badge, what a
cluster's colour and red ring say, and the list's greyed and struck-out rows; in English
and French, folded away until asked for so that a small screen keeps the map."""

from __future__ import annotations

from fieldapp.core.settings import Settings


def test_the_legend_explains_every_mark_and_folds_away(qtbot, make_window, operation):
    window = make_window(Settings(last_operation_id=operation["id"]))
    panel = window.reports_pane.map_panel
    window.reports_pane.show_map()
    legend = panel.legend
    assert not legend.isVisible()  # folded: the map keeps the room
    panel.legend_button.click()
    assert legend.isVisible()
    texts = legend.texts()
    for words in ("Request for help", "Missing person", "Hazard", "5 – critical",
                  "EX, hatched: a report of an exercise",
                  "Ringed in red: it holds a severity 5 report",
                  "In the list, greyed: closed or duplicate",
                  "In the list, struck out: debunked"):  # fmt: skip
        assert words in texts, words
    pictures = [picture for picture, _words in legend.rows if not picture.pixmap().isNull()]
    assert len(pictures) == len(texts) - 2  # every mark is drawn; the list lines are words
    assert legend.rows[-1][1].font().strikeOut()
    assert legend.sizeHint().height() < 300 and legend.minimumSizeHint().width() < 1024
    panel.legend_button.click()
    assert not legend.isVisible()


def test_the_legend_is_in_french(qtbot, make_window, operation, languages):
    window = make_window(Settings(last_operation_id=operation["id"]), languages=languages)
    languages.apply("fr")
    panel = window.reports_pane.map_panel
    qtbot.waitUntil(lambda: panel.legend_button.text() == "&Légende")  # LanguageChange
    texts = panel.legend.texts()
    assert "EX, hachuré : un rapport d’exercice" in texts
    assert "Dans la liste, barré : démenti" in texts
