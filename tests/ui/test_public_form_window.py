"""Operation ▸ Open to the public…: a coordinator opens the operation's public form from
the window against a real `fieldapp serve` on loopback, gets its address, QR code and
poster, and closes it; a volunteer, a device that never joined and an unreachable server
are each told why, with nothing changed."""

from __future__ import annotations

import requests
from PySide6.QtGui import QImage
from ui_synckit import code_for

from fieldapp.core.settings import Settings
from fieldapp.sync.client.public import DEFAULT_TEXT
from fieldapp.sync.client.session import SyncClient, join
from fieldapp.sync.server import accounts
from fieldapp.ui.sync.worker import SyncRunner


def _joined(store, server, user: str = "tester", role: str = "coordinator") -> None:
    if user not in {u["name"] for u in accounts.users(server.db)}:
        accounts.add_user(server.db, user, role)
    join(store, server.url, code_for(server, user), "laptop")
    report = SyncClient(store, backoff_s=0.01).sync()
    assert report.complete or role == "volunteer"  # a volunteer may not push an operation


def _opened(qtbot, window):
    action = window.public_form.action
    assert action.isEnabled(), action.text()
    dialog = window.public_form.open_dialog()
    qtbot.waitUntil(lambda: not dialog.busy and bool(dialog.view.state), timeout=20_000)
    return dialog


def _answered(qtbot, dialog, click) -> None:
    with qtbot.waitSignal(dialog.form_changed, timeout=20_000):
        click()


def test_a_coordinator_opens_the_form_gets_its_address_and_qr_code_then_closes_it(
    qtbot, make_window, store, operation, server, monkeypatch, tmp_path
):
    monkeypatch.setattr(SyncRunner, "start", lambda self, joined: None)
    _joined(store, server)
    window = make_window(Settings(last_operation_id=operation["id"], language="en"))
    dialog = _opened(qtbot, window)
    assert dialog.status.text() == "This operation is not open to the public."
    assert dialog.settings.title.text() == "Gard floods"  # the operation's name, proposed
    assert "call 112" in dialog.settings.text.toPlainText()
    assert dialog.address.text() == "" and not dialog.poster_button.isEnabled()
    assert dialog.minimumSizeHint().width() <= 1024 and dialog.minimumSizeHint().height() <= 600
    assert dialog.banner is None  # not an exercise

    dialog.settings.title.setText("Crue du Gardon")
    dialog.settings.retention.setValue(10)
    _answered(qtbot, dialog, dialog.open_button.click)
    root = server.url.rsplit("/api/v1", 1)[0]
    address = dialog.address.text()
    assert address.startswith(root + "/r/") and dialog.address.isReadOnly()
    assert dialog.status.text().startswith("The form is open to the public.")
    assert dialog.open_button.text() == "&Save and keep open"
    page = requests.get(address, headers={"Accept-Language": "en"}, timeout=10)
    assert page.status_code == 200 and "Crue du Gardon" in page.text
    assert "kept for 10 days" in page.text or "10 days" in page.text
    image = dialog.qr.pixmap().toImage()
    dark = sum(
        image.pixelColor(x, y).lightness() < 128 for x in range(0, 200, 4) for y in range(0, 200, 4)
    )
    assert dark > 200  # a QR code is drawn, not an empty square

    dialog.copy_button.click()
    from PySide6.QtGui import QGuiApplication

    assert QGuiApplication.clipboard().text() == address

    for name in ("poster.pdf", "poster.png", "poster.svg"):
        with qtbot.waitSignal(window.tasks.job_finished, timeout=20_000):
            dialog.save_poster(tmp_path / name)
        qtbot.waitUntil(lambda n=name: dialog.status.text().endswith(f"{n}."), timeout=5000)
    assert (tmp_path / "poster.pdf").read_bytes().startswith(b"%PDF")
    assert not QImage(str(tmp_path / "poster.png")).isNull()
    assert b"<svg" in (tmp_path / "poster.svg").read_bytes()

    _answered(qtbot, dialog, dialog.close_form_button.click)
    assert dialog.status.text().startswith("The form is closed; its address stays the same.")
    assert dialog.address.text() == address
    assert requests.get(address, timeout=10).status_code == 410


def test_the_proposed_text_follows_the_page_s_first_language_until_edited(
    qtbot, make_window, store, operation, server, monkeypatch
):
    monkeypatch.setattr(SyncRunner, "start", lambda self, joined: None)
    _joined(store, server)
    window = make_window(Settings(last_operation_id=operation["id"], language="en"))
    settings = _opened(qtbot, window).settings
    settings.languages.setCurrentIndex(settings.languages.findData("fr,en"))
    assert settings.text.toPlainText() == DEFAULT_TEXT["fr"]
    settings.text.setPlainText("Signalez les routes coupées.")
    settings.languages.setCurrentIndex(settings.languages.findData("en"))
    assert settings.text.toPlainText() == "Signalez les routes coupées."


def test_bad_settings_are_named_and_nothing_is_sent(
    qtbot, make_window, store, operation, server, monkeypatch
):
    monkeypatch.setattr(SyncRunner, "start", lambda self, joined: None)
    _joined(store, server)
    window = make_window(Settings(last_operation_id=operation["id"], language="en"))
    dialog = _opened(qtbot, window)
    dialog.settings.title.setText("  ")
    dialog.open_button.click()
    assert dialog.problem.text().startswith("Give the form a title")
    dialog.settings.title.setText("Crue")
    dialog.settings.base_url.setText("crise.example.org")
    dialog.open_button.click()
    assert dialog.problem.text().startswith("The public address must start with https://")
    assert not dialog.busy
    state = requests.get(
        f"{server.url}/operations/{operation['id']}/public",
        headers={"Authorization": f"Bearer {_token(store)}"},
        timeout=10,
    ).json()
    assert state["code"] is None  # nothing was sent


def _token(store) -> str:
    from fieldapp.sync.client.config import read_token

    return read_token(store.data_dir) or ""


def test_an_unreachable_server_is_said_and_the_form_stays_as_it_was(
    qtbot, make_window, store, operation, server, monkeypatch
):
    monkeypatch.setattr(SyncRunner, "start", lambda self, joined: None)
    _joined(store, server)
    window = make_window(Settings(last_operation_id=operation["id"], language="en"))
    dialog = _opened(qtbot, window)
    server.stop()
    with qtbot.waitSignal(dialog.problem_shown, timeout=30_000) as shown:
        dialog.open_button.click()
    assert shown.args[0].startswith("The server could not be reached")
    assert dialog.address.text() == "" and not dialog.busy
    assert dialog.open_button.isEnabled()


def test_an_operation_the_server_does_not_hold_yet_asks_for_a_sync(
    qtbot, make_window, store, server, monkeypatch
):
    monkeypatch.setattr(SyncRunner, "start", lambda self, joined: None)
    _joined(store, server)
    operation = store.operations.create("Not synced yet")
    window = make_window(Settings(last_operation_id=operation["id"], language="en"))
    dialog = window.public_form.open_dialog()
    with qtbot.waitSignal(dialog.problem_shown, timeout=20_000) as shown:
        pass
    assert shown.args[0].startswith("The server does not hold this operation yet: sync")


def test_a_volunteer_or_a_device_without_a_server_is_told_why_the_item_is_off(
    qtbot, make_window, store, operation, server, monkeypatch
):
    monkeypatch.setattr(SyncRunner, "start", lambda self, joined: None)
    window = make_window(Settings(last_operation_id=operation["id"], language="en"))
    action = window.public_form.action
    assert not action.isEnabled()
    assert action.text() == "Open to the &public… (join a sync server first)"
    assert action in window.chrome.operation_menu.actions()
    _joined(store, server, "vera", "volunteer")
    window.public_form.refresh()
    assert not action.isEnabled()
    assert action.text() == "Open to the &public… (only a coordinator may)"
    assert window.public_form.open_dialog() is None


def test_in_an_exercise_a_trainer_may_and_the_dialog_says_exercise(
    qtbot, make_window, store, server, monkeypatch
):
    monkeypatch.setattr(SyncRunner, "start", lambda self, joined: None)
    exercise = store.operations.create("Exercice Crue 2026", exercise=True)
    _joined(store, server, "tina", "trainer")
    window = make_window(Settings(last_operation_id=exercise["id"], language="en"))
    dialog = _opened(qtbot, window)
    assert dialog.banner is not None and dialog.banner.isVisible()
    assert "EXERCISE" in dialog.banner.text()
    _answered(qtbot, dialog, dialog.open_button.click)
    assert dialog.view.opened
    page = requests.get(dialog.address.text(), headers={"Accept-Language": "en"}, timeout=10)
    assert "EXERCISE" in page.text
