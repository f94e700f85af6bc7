"""A report of the public form in the monitoring desk: "Public form" with its receipt, its
photo fetched from the server (and shown again offline), and *Reveal contact…* for a
coordinator — asked first, then the phone reaches the laptops by sync; a volunteer has
no such button. A real `fieldapp serve` on loopback and a citizen's post over HTTP."""

from __future__ import annotations

import io
import re

import pytest
import requests
from PIL import Image
from ui_synckit import code_for

from fieldapp.core.settings import Settings
from fieldapp.store import Store
from fieldapp.sync.client.session import SyncClient, join
from fieldapp.sync.server import accounts
from fieldapp.sync.server.public import opening
from fieldapp.ui.sync.worker import SyncRunner

PHONE = "+33 6 12 34 56 78"


def _photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (640, 480), (200, 40, 40)).save(out, "JPEG")
    return out.getvalue()


def citizen_reports(server, operation_id: str, photo: bool = True) -> str:
    """A citizen's report through the form (as a browser posts it); its receipt."""
    state = opening.switch(server.db, operation_id, True, {"title": "Crue du Gardon"})
    url = server.url.rsplit("/api/v1", 1)[0] + state["path"]
    page = requests.get(url, timeout=10)
    found = re.search(r'name="token" value="([^"]+)"', page.text)
    assert found, page.text
    fields = {"token": found.group(1), "text": "Water in the school yard", "kind": "flooding",
              "place": "Alès", "lat": "44.1250", "lon": "4.0810", "consent": "yes",
              "contact": PHONE, "homepage": ""}  # fmt: skip
    files = {"photo": ("yard.jpg", _photo(), "image/jpeg")} if photo else None
    answer = requests.post(url, data=fields, files=files, timeout=30)
    assert answer.status_code == 201, answer.text
    return answer.text.split('id="receipt">')[1].split("<")[0]


def _joined(store: Store, server, user: str, role: str) -> SyncClient:
    if user not in {u["name"] for u in accounts.users(server.db)}:
        accounts.add_user(server.db, user, role)
    join(store, server.url, code_for(server, user), "laptop")
    return SyncClient(store, backoff_s=0.01)


@pytest.fixture
def public_op(store, server, monkeypatch):
    """An operation made by this coordinator's laptop, and a citizen's report in it."""
    monkeypatch.setattr(SyncRunner, "start", lambda self, joined: None)
    client = _joined(store, server, "tester", "coordinator")
    operation = store.operations.create("Gard floods")
    assert client.sync().complete
    receipt = citizen_reports(server, operation["id"])
    assert client.sync().complete
    return operation, receipt, client


def _chosen_post(qtbot, window):
    desk = window.monitoring.open_desk()
    qtbot.waitUntil(lambda: desk.model.is_loaded() and desk.model.rowCount() == 1, timeout=10_000)
    desk.select_row(0)
    qtbot.waitUntil(lambda: desk.card.posts.rowCount() == 1, timeout=10_000)
    return desk


def _photo_shown(qtbot, panel) -> None:
    def shown() -> bool:
        pixmap = panel.photo.pixmap()
        return pixmap is not None and not pixmap.isNull()

    qtbot.waitUntil(shown, timeout=20_000)


def test_a_coordinator_sees_the_photo_and_reveals_the_contact_after_a_warning(
    qtbot, make_window, store, server, public_op, monkeypatch
):
    operation, receipt, client = public_op
    window = make_window(Settings(last_operation_id=operation["id"], language="en"))
    desk = _chosen_post(qtbot, window)
    panel = desk.card.public
    assert desk.card.posts.index(0, 4).data() == "Public form"
    assert panel.isVisible() and panel.via.text() == f"Public form, receipt {receipt}"
    _photo_shown(qtbot, panel)
    colour = panel.photo.pixmap().toImage().pixelColor(panel.photo.pixmap().width() // 2, 40)
    assert colour.red() > 150 and colour.green() < 100  # the citizen's red picture
    assert panel.reveal_button.isVisible() and panel.reveal_button.text() == "Reveal &contact…"

    asked = []
    monkeypatch.setattr(
        "fieldapp.ui.monitoring.public_post.confirm",
        lambda _parent, title, question: asked.append(question) or True,
    )
    with qtbot.waitSignal(panel.contact_revealed, timeout=20_000) as revealed:
        panel.reveal_button.click()
    assert revealed.args == [PHONE]
    assert receipt in asked[0] and "every laptop of the operation" in asked[0]
    assert PHONE in desk.statusBar().currentMessage()
    assert not panel.reveal_button.isVisible()
    assert client.sync().complete  # the phone reaches this laptop (and every other) by sync
    (handle,) = store.conn.execute("SELECT handle FROM items").fetchone()
    assert handle == PHONE


def test_a_refused_warning_reveals_nothing(
    qtbot, make_window, store, server, public_op, monkeypatch
):
    operation, _receipt, client = public_op
    window = make_window(Settings(last_operation_id=operation["id"], language="en"))
    panel = _chosen_post(qtbot, window).card.public
    monkeypatch.setattr("fieldapp.ui.monitoring.public_post.confirm", lambda *args: False)
    panel.reveal_button.click()
    qtbot.wait(300)
    assert client.sync().complete
    assert store.conn.execute("SELECT handle FROM items").fetchone()[0] == ""
    assert panel.reveal_button.isVisible()


def test_the_photo_shows_offline_once_fetched(
    qtbot, make_window, store, server, public_op, monkeypatch
):
    operation, _receipt, _client = public_op
    window = make_window(Settings(last_operation_id=operation["id"], language="en"))
    panel = _chosen_post(qtbot, window).card.public
    _photo_shown(qtbot, panel)
    server.stop()
    panel.show_item(None)
    with qtbot.waitSignal(panel.photo_shown, timeout=20_000) as again:
        panel.show_item(window.monitoring.desk.card.current_item())
    assert again.args == [True] and not panel.photo.pixmap().isNull()


def test_a_volunteer_sees_the_report_and_its_photo_but_no_reveal_button(
    qtbot, make_window, store, server, tmp_path, monkeypatch
):
    monkeypatch.setattr(SyncRunner, "start", lambda self, joined: None)
    with Store(tmp_path / "cora", user="cora") as cora:
        lead = _joined(cora, server, "cora", "coordinator")
        operation = cora.operations.create("Gard floods")
        assert lead.sync().complete
    citizen_reports(server, operation["id"])
    assert _joined(store, server, "vera", "volunteer").sync().complete
    window = make_window(Settings(last_operation_id=operation["id"], language="en"))
    panel = _chosen_post(qtbot, window).card.public
    assert panel.isVisible()
    _photo_shown(qtbot, panel)
    assert not panel.reveal_button.isVisible()
    assert store.conn.execute("SELECT handle FROM items").fetchone()[0] == ""  # no phone here
