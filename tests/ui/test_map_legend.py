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


def test_a_severity_has_one_colour_in_the_list_on_the_map_and_in_the_legend(qtbot):
    """A severity-2 dot in the list was olive (#9e9d24) while the map and its legend drew
    it light green: a volunteer matching the list to the map saw two levels."""
    import re
    from pathlib import Path

    from PySide6.QtGui import QColor

    from fieldapp.ui.kit import i18n
    from fieldapp.ui.maps.legend import MapLegend
    from fieldapp.ui.reports.model import severity_icon

    css = (Path(__file__).parents[2] / "resources/web/fieldapp/map.css").read_text()
    on_map = {int(n): c for n, c in re.findall(r"\.fa-sev-(\d) \{ --fa-colour: (#\w+);", css)}
    assert len(on_map) == 5
    legend = dict((words, picture) for picture, words in MapLegend().entries())
    for level, colour in on_map.items():
        in_list = severity_icon(level).pixmap(12, 12).toImage().pixelColor(6, 6)
        in_legend = legend[i18n.severity_labels()[level]].toImage().pixelColor(11, 11)
        assert in_list.name() == QColor(colour).name(), level
        assert in_legend.name() == QColor(colour).name(), level
