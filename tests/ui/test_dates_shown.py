"""Dates follow one format across the window: ISO 8601 in every desk's list ("2026-12-05
08:01", local time unless the desk keeps UTC and says so), the locale's own long form in
sentences (the status bar, the sync panel, tooltips), in English, in French and under
the C locale (LANG=C) where the window is English and so are its dates.

The laptop is put in Paris (UTC+1 in December) so that local time shows."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from monitoring_kit import take
from PySide6.QtCore import QLocale, Qt
from PySide6.QtTest import QTest

from fieldapp.sync.client.status import SyncStatus

SENT = "2026-12-06T13:05:00.000Z"  # 14:05 in Paris


@pytest.fixture
def paris(monkeypatch):
    """The laptop's clock set to Paris time; the test machine's zone again after."""
    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def c_locale(qapp):
    """QLocale as a LANG=C system gives it before any language is chosen."""
    before = QLocale()
    QLocale.setDefault(QLocale.c())
    yield
    QLocale.setDefault(before)


def status(last_success: str | None = SENT, oldest_s: float | None = None) -> SyncStatus:
    return SyncStatus(
        joined=True, server="https://sync.example:8443", device_id="d1", device_name="",
        user="olga", role="volunteer", metered=False, pending=1 if oldest_s else 0,
        oldest_pending=None, oldest_age_s=oldest_s, rejected=0, conflicts=0, parked=0,
        set_aside=0, set_aside_records=[], last_success=last_success, last_attempt=None,
        last_error=None,
    )  # fmt: skip


def status_bar(qtbot, last_success: str = SENT, oldest_s: float | None = None):
    from fieldapp.ui.shell.status import FieldStatusBar
    from fieldapp.ui.sync.texts import ONLINE

    bar = FieldStatusBar()
    qtbot.addWidget(bar)
    bar.show_sync(ONLINE, status(last_success, oldest_s))
    return bar


# -- lists: ISO on every desk ------------------------------------------------------------


def test_the_monitoring_queue_shows_iso_local_times(qtbot, paris, window, store, operation):
    take(store, operation["id"])  # posted 2026-12-05 07:01Z and on: 08:01 in Paris
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keyClick(window.report_list.view, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.monitoring._desk is not None)
    desk = window.monitoring._desk
    qtbot.waitUntil(lambda: desk.model.rowCount() == 3 and desk.model.is_loaded(), timeout=10_000)
    seen = sorted(desk.model.index(row, 2).data() for row in range(3))
    assert seen[0] == "2026-12-05 08:01 by @anne@social.example"  # was "05/12 08:01 by …"


def test_the_radio_log_shows_utc_times_with_seconds(store, operation):
    from fieldapp.ui.radio.models import cells, headers

    message = store.radio.add(
        operation["id"], {"text": "NEED 40 COTS", "received_from": "F1PCT"}, station="F4ABC"
    )
    logged = message["logged_at"]  # 2026-12-06T13:05:07.123Z
    assert cells(message)[0] == f"{logged[:10]} {logged[11:19]}"  # the operators' UTC
    assert headers()[0] == "Logged (UTC)"


def test_the_alerts_list_says_its_times_are_utc(store, operation):
    from fieldapp.alerts.intake import import_files
    from fieldapp.ui.alerts.models import ChainsModel

    samples = Path(os.environ.get("FIELDAPP_SAMPLES", Path(__file__).parents[1] / "samples"))
    import_files(store, operation["id"], [samples / "cap" / "us_nws_thunderstorm_cap12.xml"])
    model = ChainsModel()
    model.set_rows(store.alerts.chains(operation["id"], now="2003-06-17T22:00:00.000Z"))
    assert model.headerData(3, Qt.Orientation.Horizontal) == "Ends (UTC)"
    assert model.index(0, 3).data() == "2003-06-17 23:00"  # 16:00-07:00


def test_the_exercise_timeline_shows_the_wall_time_as_an_iso_local_time(qapp, paris):
    from fieldapp.ui.exercises.actions_pane import ActionsModel
    from fieldapp.ui.exercises.jobs import ActionRow

    model = ActionsModel()
    model.set_rows([ActionRow(65, "2026-12-05T09:42:05.120Z", "olga", "report_added")])
    assert model.index(0, 0).data() == "T+00:01:05"
    assert model.index(0, 1).data() == "2026-12-05 10:42:05"  # was "10:42:05"


def test_sync_history_lists_show_iso_local_times_in_every_language(qapp, paris, languages):
    from fieldapp.sync.client.refused import RefusedChange
    from fieldapp.ui.sync.conflict_models import when_text
    from fieldapp.ui.sync.refused_dialog import RefusedModel

    languages.apply("fr")
    model = RefusedModel()
    model.set_rows([RefusedChange("report", "r1", "Pont fermé", ("title",), "not yours", SENT)])
    assert model.index(0, 3).data() == "2026-12-06 14:05"  # was "06/12/2026 14:05"
    stamp = "1765026300000-0000-d1"  # a conflict version's HLC: ms since the epoch first
    assert when_text(stamp) == "2025-12-06 14:05"


def test_the_report_list_keeps_iso_utc_times(qtbot, paris, window):
    from fieldapp.ui.reports.model import column_of

    column = column_of("created_at")
    created = window.report_model.report_at(0)["created_at"]
    assert window.report_model.headerData(column, Qt.Orientation.Horizontal) == "Created (UTC)"
    assert window.report_model.index(0, column).data() == f"{created[:10]} {created[11:16]}"


# -- sentences: the locale's long form -----------------------------------------------------


def test_the_status_bar_says_the_last_sync_in_english_words(qtbot, paris, languages):
    languages.apply("en")
    bar = status_bar(qtbot)
    assert bar.last_label.text() == "Last sync: December 6, 2026 at 2:05\u202fPM"  # en_US


def test_the_status_bar_words_the_last_sync_in_french(qtbot, paris, languages):
    languages.apply("fr")
    bar = status_bar(qtbot)
    text = bar.last_label.text()
    assert "6 décembre 2026" in text and "14:05" in text, text  # was "06/12/2026 14:05"


def test_ages_are_words_with_their_plural(qtbot, languages):
    languages.apply("en")
    assert status_bar(qtbot, oldest_s=1.4).outbox_label.text().endswith("(oldest 1 second)")
    assert status_bar(qtbot, oldest_s=4).outbox_label.text().endswith("(oldest 4 seconds)")
    assert status_bar(qtbot, oldest_s=3700).outbox_label.text().endswith("(oldest 1 hour)")
    assert status_bar(qtbot, oldest_s=3 * 86400).outbox_label.text().endswith("(oldest 3 days)")


def test_a_sources_tooltip_says_its_times_in_words_and_its_column_in_iso(paris, languages):
    from fieldapp.monitoring.polling import PollState
    from fieldapp.monitoring.sources import Source
    from fieldapp.ui.monitoring.sources_panel import state_words

    languages.apply("en")
    fetched = 1796562300.0  # SENT in epoch seconds, as the poll state keeps it
    state = PollState(last_fetch_at=fetched, next_due=fetched + 300)
    source = Source("s1", "op", "rss", "https://feed.example", "k", "Feed", 300, True, "", state)
    short, full = state_words(source, now=fetched)
    assert short == "OK at 2026-12-06 14:05"  # was "OK at 14:05"
    assert "Last fetch: December 6, 2026 at 2:05\u202fPM" in full.splitlines()
    assert "Next poll: December 6, 2026 at 2:10\u202fPM" in full.splitlines()


# -- the C locale ---------------------------------------------------------------------------


def test_under_the_c_locale_sentences_are_english_and_lists_iso(qtbot, paris, c_locale):
    from fieldapp.sync.client.refused import RefusedChange
    from fieldapp.ui.sync.refused_dialog import RefusedModel

    bar = status_bar(qtbot)
    assert bar.last_label.text() == "Last sync: December 6, 2026 at 2:05\u202fPM"
    assert "6 12 2026" not in bar.last_label.text()  # Qt's C form, before
    model = RefusedModel()
    model.set_rows([RefusedChange("report", "r1", "Pont fermé", ("title",), "not yours", SENT)])
    assert model.index(0, 3).data() == "2026-12-06 14:05"


def test_a_window_started_with_lc_all_c_words_dates_in_english(tmp_path):
    """The app started by a LANG=C session (a bare server, a rescue stick): the language
    manager falls back to English; the dates are English words, never raw C forms."""
    script = (
        "from PySide6.QtWidgets import QApplication\n"
        "from fieldapp.ui.kit.i18n import LanguageManager\n"
        "from fieldapp.ui.kit import dates\n"
        "from fieldapp.ui.sync.texts import time_text\n"
        "app = QApplication([])\n"
        "print(LanguageManager(app).apply('system'))\n"
        f"print(time_text({SENT!r}))\n"
        f"print(dates.list_time({SENT!r}))\n"
        "print(dates.duration_words(120))\n"
    )
    env = {
        **os.environ,
        "LC_ALL": "C",
        "LANG": "C",
        "LANGUAGE": "",
        "TZ": "Europe/Paris",
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
    }
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    language, prose, listed, age = done.stdout.splitlines()
    assert language == "en"
    assert prose == "December 6, 2026 at 2:05\u202fPM"  # was "12/6/26 2:05 PM"
    assert listed == "2026-12-06 14:05"
    assert age == "2 minutes"
