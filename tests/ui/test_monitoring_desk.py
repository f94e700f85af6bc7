"""The monitoring desk: opened from the main window, its queue of cards, triage keys,
the chosen card, watch rules, a report's sources, the 1024x600 fit and French."""

from __future__ import annotations

import pytest
from monitoring_kit import FLOOD, MARKUP, ROAD, card_texts, row_with, take
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester, QTest

from fieldapp.core.settings import Settings
from fieldapp.store import Store


@pytest.fixture
def desk(qtbot, window, store, operation):
    """The desk of the main window, opened with Ctrl+4 on five posts (three of one flood)."""
    take(store, operation["id"])
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keyClick(window.report_list.view, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.monitoring._desk is not None)
    desk = window.monitoring._desk
    assert desk.isVisible()
    qtbot.waitUntil(lambda: len(card_texts(desk)) == 3, timeout=10_000)
    return desk


def choose(qtbot, desk, text: str) -> None:
    qtbot.waitUntil(lambda: desk.model.is_loaded())
    desk.select_row(row_with(desk, text))
    qtbot.waitUntil(
        lambda: (
            desk.card.detail is not None
            and desk.card.detail.card is not None
            and desk.card.detail.card.text.startswith(text)
        )
    )


def press(desk, key: str, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(desk.view, key, modifier)


def test_the_desk_opens_from_the_menu_and_shows_one_card_per_story(qtbot, window, desk):
    assert window.monitoring.open_action.shortcut().toString() == "Ctrl+4"
    assert "Gard floods" in desk.windowTitle()
    flood = desk.model.card_at(row_with(desk, FLOOD))
    assert (flood.posts, flood.authors) == (3, 3)
    header = [desk.model.headerData(c, Qt.Orientation.Horizontal) for c in range(7)]
    assert header[0] == "Posts" and header[2] == "First seen"
    assert desk.model.index(row_with(desk, FLOOD), 2).data().endswith("by @anne@social.example")
    QAbstractItemModelTester(desk.model, QAbstractItemModelTester.FailureReportingMode.Fatal)


def test_the_card_shows_each_post_as_plain_text_with_its_authors_credibility(
    qtbot, desk, store, operation
):
    store.authors.set(operation["id"], "@bob@x.example", "impersonator", "fake prefecture")
    qtbot.waitUntil(lambda: desk.model.is_loaded())
    choose(qtbot, desk, FLOOD)
    qtbot.waitUntil(lambda: "Impersonator" in desk.card.posts.index(1, 1).data())
    assert desk.card.posts.rowCount() == 3
    assert desk.card.heading.text().startswith("3 posts, 3 authors, first seen")
    choose(qtbot, desk, "<b>Alerte")
    assert desk.card.text.toPlainText().endswith(MARKUP)  # the markup as characters
    assert desk.card.link.text() == "https://social.example/5"


def test_each_triage_key_does_what_it_says_and_the_list_follows(qtbot, desk, store):
    choose(qtbot, desk, FLOOD)
    press(desk, "c")
    qtbot.waitUntil(lambda: desk.model.card_at(row_with(desk, FLOOD)).claimed_by == "tester")
    press(desk, "u")
    qtbot.waitUntil(lambda: desk.model.card_at(row_with(desk, FLOOD)).claimed_by == "")
    press(desk, "d")
    qtbot.waitUntil(lambda: FLOOD not in card_texts(desk))
    assert desk.chosen_cluster_ids()  # the next card is chosen, as in a mail client
    desk.status_combo.setCurrentIndex(desk.status_combo.findData("dismissed"))
    qtbot.waitUntil(lambda: card_texts(desk) == [FLOOD])
    desk.select_row(0)
    press(desk, "n")
    qtbot.waitUntil(lambda: card_texts(desk) == [])
    desk.status_combo.setCurrentIndex(desk.status_combo.findData("new"))
    qtbot.waitUntil(lambda: FLOOD in card_texts(desk))
    choose(qtbot, desk, ROAD)
    press(desk, "r")
    qtbot.waitUntil(lambda: ROAD not in card_texts(desk))
    rows = store.conn.execute("SELECT status FROM items WHERE text = ?", [ROAD]).fetchall()
    assert [row[0] for row in rows] == ["rumour"]


def test_merge_makes_one_card_and_split_takes_posts_out_again(qtbot, desk):
    desk.view.setFocus()
    desk.view.selectAll()
    press(desk, "m")
    qtbot.waitUntil(lambda: desk.model.rowCount() == 1)
    qtbot.waitUntil(lambda: desk.card.posts.rowCount() == 5)
    desk.card.posts_view.setFocus()
    desk.card.posts_view.selectRow(4)
    QTest.keyClick(desk.card.posts_view, "s")
    qtbot.waitUntil(lambda: desk.model.rowCount() == 2)


def test_a_card_claimed_by_a_teammate_is_refused_in_words_then_taken_over(qtbot, desk, store):
    ids = store.queue.members(desk.model.card_at(row_with(desk, FLOOD)).cluster_id)
    with Store(store.data_dir, user="ben") as ben:
        ben.items.claim(ids)
    choose(qtbot, desk, FLOOD)
    with qtbot.waitSignal(desk.problem_shown, timeout=10_000) as said:
        press(desk, "c")
    assert said.args == ["Already claimed by ben. Press Shift+C to take it over."]
    press(desk, "c", Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: {store.items.get(i)["claimed_by"] for i in ids} == {"tester"})


def test_promote_makes_a_report_shown_in_the_main_window_with_its_sources(
    qtbot, window, desk, store
):
    choose(qtbot, desk, FLOOD)
    press(desk, "p")
    qtbot.waitUntil(
        lambda: window.shown_report() is not None and window.shown_report()["title"] == FLOOD
    )
    report = window.shown_report()
    assert report["source"] == "social_media" and report["source_ref"] == "https://social.example/1"
    line = window.monitoring.sources_line
    qtbot.waitUntil(lambda: line.isVisible() and "3 posts" in line.text())
    assert (
        "3 independent authors" in line.text() and 'href="https://social.example/2"' in line.text()
    )
    qtbot.waitUntil(lambda: FLOOD not in card_texts(desk))


def test_attach_puts_the_card_under_an_existing_report(qtbot, desk, store, reports):
    choose(qtbot, desk, ROAD)
    press(desk, "a")
    dialog = desk.triage.attach_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.edit.setText(reports[0]["id"])
    dialog.accept()
    qtbot.waitUntil(lambda: len(store.items.of_report(reports[0]["id"])) == 1)
    qtbot.waitUntil(lambda: ROAD not in card_texts(desk))


def test_the_triage_keys_are_letters_when_typing_a_search(qtbot, desk):
    desk.focus_search()
    QTest.keyClicks(desk.search_edit, "digue")
    qtbot.waitUntil(lambda: card_texts(desk) == [MARKUP])
    assert desk.search_edit.text() == "digue"


def test_a_rule_is_previewed_then_switched_on_and_flags_its_cards(qtbot, desk):
    rules = desk.open_rules()
    editor = rules.open_editor(None)
    editor.name.setText("Routes")
    editor.words.setText("route OR pont")
    with qtbot.waitSignal(editor.preview_shown, timeout=10_000) as shown:
        editor.preview_button.click()
    assert shown.args[0].count == 4  # the three posts of the flood and the bridge
    assert editor.preview_label.text().startswith("4 stored posts match.")
    assert editor.matches.count() == 4
    editor.save_on_button.click()
    qtbot.waitUntil(lambda: rules.model.rowCount() == 1 and rules.model.rules[0]["enabled"])
    desk.flagged_check.setChecked(True)
    qtbot.waitUntil(lambda: sorted(card_texts(desk)) == sorted([FLOOD, ROAD]))
    assert desk.model.index(0, 6).data() == "Flagged"


def test_the_desk_fits_1024_by_600(qtbot, desk):
    desk.resize(1024, 600)
    qtbot.waitUntil(lambda: desk.width() == 1024 and desk.height() == 600)
    hint = desk.minimumSizeHint()
    assert hint.width() <= 1024 and hint.height() <= 600
    assert desk.view.height() >= 120 and desk.card.height() >= 120
    desk.splitter.setSizes([0, 1024])  # the sources panel folds away...
    desk.focus_sources()  # ...and F2 brings it back
    assert desk.splitter.sizes()[0] > 0 and desk.sources.view.hasFocus()


def test_the_desk_speaks_french(qtbot, make_window, operation, reports, store, languages):
    languages.apply("fr")
    window = make_window(Settings(language="fr", last_operation_id=operation["id"]))
    take(store, operation["id"])
    desk = window.monitoring.open_desk()
    qtbot.waitUntil(lambda: desk.model.rowCount() == 3, timeout=10_000)
    assert window.monitoring.menu.title() == "Veille"
    assert desk.model.headerData(0, Qt.Orientation.Horizontal) == "Messages"
    assert desk.triage.actions["dismiss"].text() == "É&carter"
    ids = store.queue.members(desk.model.card_at(row_with(desk, FLOOD)).cluster_id)
    with Store(store.data_dir, user="ben") as ben:
        ben.items.claim(ids)
    choose(qtbot, desk, FLOOD)
    with qtbot.waitSignal(desk.problem_shown, timeout=10_000) as said:
        press(desk, "c")
    assert said.args[0].startswith("Déjà prise en charge par ben")
