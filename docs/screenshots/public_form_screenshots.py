"""Makes the public form's screenshots in docs/images/ from throw-away folders.

    .venv/bin/python docs/screenshots/public_form_screenshots.py

A real `fieldapp serve` on loopback and a coordinator's laptop joined to it; the
coordinator opens the operation to the public from the window's dialog (shot at
1024x600), then Debian's chromium (headless, through Selenium and chromedriver: apt-get
install chromium chromium-driver) shows the form as a 360x640 phone does, in French and
in English, fills it in French with a position and a photo, and shows the receipt.
Last, the laptop syncs and the monitoring desk shows the report with its photo.
"""

from __future__ import annotations

import io
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import requests
from PIL import Image, ImageDraw
from PySide6.QtWidgets import QApplication

from fieldapp.core.settings import Settings
from fieldapp.store import Store

IMAGES = Path(__file__).resolve().parent.parent / "images"
PHONE = (360, 640)
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage")  # fmt: skip


def until(app: QApplication, done, limit: float = 30.0) -> None:
    end = time.monotonic() + limit
    while not done() and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)
    if not done():
        raise SystemExit("timed out")


def start_server(folder: Path) -> tuple[subprocess.Popen, str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    cmd = [sys.executable, "-m", "fieldapp", "--data-dir", str(folder / "srv"), "serve",
           "--db", str(folder / "server.db"), "--port", str(port)]  # fmt: skip
    server = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    root = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            requests.get(root + "/api/v1/status", timeout=1)
            return server, root
        except requests.ConnectionError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("the server did not start")


def coordinator_laptop(folder: Path, root: str) -> tuple[Store, dict]:
    from fieldapp.sync.client.session import SyncClient, join
    from fieldapp.sync.server import accounts
    from fieldapp.sync.server.serve import open_database

    db = open_database(str(folder / "server.db"))
    accounts.add_user(db, "camille", "coordinator")
    code = accounts.enroll(db, "camille")[0]
    db.close()
    store = Store(folder / "laptop", user="camille")
    join(store, root + "/api/v1", code, "ADPC laptop")
    operation = store.operations.create("Crue de l'Aude")
    assert SyncClient(store).sync().complete
    return store, operation


def open_to_the_public(app: QApplication, window) -> str:
    """The coordinator's dialog, filled and switched on; its shot; the form's path."""
    dialog = window.public_form.open_dialog()
    until(app, lambda: not dialog.busy and bool(dialog.view.state))
    settings = dialog.settings
    settings.languages.setCurrentIndex(settings.languages.findData("fr,en"))
    settings.title.setText("Crue de l'Aude : signalez ce que vous voyez")
    settings.organiser.setText("ADPC 11, protection civile de l'Aude")
    settings.ends.setChecked(True)
    settings.base_url.setText("https://crise.adpc11.example")
    dialog.open_button.click()
    until(app, lambda: not dialog.busy and dialog.view.opened)
    dialog.resize(1024, 600)
    until(app, lambda: True, 0)
    time.sleep(0.3)
    app.processEvents()
    save(dialog.grab(), "public-form-dialog-1024x600.png")
    return str(dialog.view.state["path"])


def save(pixmap, name: str) -> None:
    pixmap.save(str(IMAGES / name))
    print("wrote", IMAGES / name)


def phone(folder: Path, language: str):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={folder / ('profile-' + language)}")
    options.add_argument(f"--window-size={PHONE[0]},{PHONE[1]}")
    options.add_argument(f"--lang={language}")
    options.add_experimental_option("prefs", {"intl.accept_languages": language})
    chrome = webdriver.Chrome(options=options, service=Service(shutil.which("chromedriver")))
    metrics = {"width": PHONE[0], "height": PHONE[1], "deviceScaleFactor": 2, "mobile": True}
    chrome.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
    return chrome


def photo(folder: Path) -> Path:
    image = Image.new("RGB", (1200, 900), (120, 150, 170))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 520, 1200, 900), fill=(105, 85, 50))  # muddy water
    draw.rectangle((420, 250, 780, 560), fill=(200, 190, 170))  # a house
    path = folder / "crue.jpg"
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    path.write_bytes(out.getvalue())
    return path


def browser_shots(folder: Path, url: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    english = phone(folder, "en")
    try:
        english.get(url)
        english.save_screenshot(str(IMAGES / "public-form-en-360x640.png"))
        print("wrote", IMAGES / "public-form-en-360x640.png")
    finally:
        english.quit()
    french = phone(folder, "fr-FR")
    try:
        origin = url.split("/r/")[0]
        french.execute_cdp_cmd(
            "Browser.grantPermissions", {"origin": origin, "permissions": ["geolocation"]}
        )
        quillan = {"latitude": 43.0586, "longitude": 2.2181, "accuracy": 20}
        french.execute_cdp_cmd("Emulation.setGeolocationOverride", quillan)
        french.get(url)
        french.save_screenshot(str(IMAGES / "public-form-fr-360x640.png"))
        print("wrote", IMAGES / "public-form-fr-360x640.png")
        french.find_element(By.ID, "text").send_keys("La rue du Pont est inondée, 30 cm d'eau.")
        french.find_element(By.CSS_SELECTOR, "input[name=kind][value=flooding]").click()
        french.find_element(By.ID, "locate").click()
        WebDriverWait(french, 20).until(
            lambda d: d.find_element(By.ID, "lat").get_attribute("value")
        )
        french.find_element(By.ID, "photo").send_keys(str(photo(folder)))
        french.find_element(By.ID, "contact").send_keys("06 12 34 56 78")
        french.find_element(By.ID, "consent").click()
        french.execute_script("document.getElementById('where-set').scrollIntoView()")
        french.save_screenshot(str(IMAGES / "public-form-filled-fr-360x640.png"))
        print("wrote", IMAGES / "public-form-filled-fr-360x640.png")
        french.find_element(By.CSS_SELECTOR, "button.send").click()
        WebDriverWait(french, 30).until(lambda d: d.find_elements(By.ID, "receipt"))
        french.save_screenshot(str(IMAGES / "public-form-receipt-360x640.png"))
        print("wrote", IMAGES / "public-form-receipt-360x640.png")
    finally:
        french.quit()


def desk_shot(app: QApplication, window, store: Store) -> None:
    from fieldapp.sync.client.session import SyncClient

    assert SyncClient(store).sync().complete
    desk = window.monitoring.open_desk()
    desk.resize(1024, 600)
    until(app, lambda: desk.model.is_loaded() and desk.model.rowCount() == 1)
    desk.select_row(0)
    panel = desk.card.public
    until(app, lambda: panel.photo.pixmap() is not None and not panel.photo.pixmap().isNull())
    time.sleep(0.3)
    app.processEvents()
    save(desk.grab(), "public-form-desk-1024x600.png")


def main() -> int:
    app = QApplication(sys.argv)
    from fieldapp.ui.kit.i18n import LanguageManager
    from fieldapp.ui.shell.main_window import MainWindow

    IMAGES.mkdir(parents=True, exist_ok=True)
    LanguageManager(app).apply("en")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        server, root = start_server(folder)
        try:
            store, operation = coordinator_laptop(folder, root)
            window = MainWindow(store, Settings(last_operation_id=operation["id"]))
            window.show()
            path = open_to_the_public(app, window)
            browser_shots(folder, root + path)
            desk_shot(app, window, store)
            window.shutdown()
            window.close()
            store.close()
        finally:
            server.terminate()
            server.wait(10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
