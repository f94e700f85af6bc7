"""A real browser fills the public form on a phone-sized screen: Debian's chromium through
Selenium, 360x640, its position given with consent (CDP), a photo with a GPS position in
its EXIF; the receipt comes back, and a volunteer's laptop has the report after a sync,
with the phone's position and the photo, cleaned. The same browser checks the page: no
horizontal scroll at 360 px, a label on every input, nothing asked of another host."""

from __future__ import annotations

from urllib.parse import urlsplit

import browserkit
import publickit
import pytest
from PIL import Image
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from fieldapp.sync.client import public

HERE = (44.1250, 4.0810)  # Alès: where the phone says it is
PHOTO_GPS = (43.2, 2.35)  # where the photo's EXIF says it was taken (not asked for)
PHONE = "+33 6 98 76 54 32"


@pytest.fixture
def chrome(tmp_path):
    browser = browserkit.phone(tmp_path / "profile", "en")
    yield browser
    browser.quit()


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _check_page(chrome, origin: str) -> None:
    assert chrome.execute_script(browserkit.SCROLL_WIDTH) <= browserkit.WIDTH
    assert chrome.execute_script(browserkit.UNLABELLED) == []
    loaded = chrome.execute_script(browserkit.LOADED)
    assert loaded and all(_origin(address) == origin for address in loaded), loaded


def test_a_phone_browser_reports_with_its_position_and_a_photo_and_a_laptop_gets_it(
    chrome, form, server, tmp_path
):
    origin = _origin(form.url)
    browserkit.allow_position(chrome, origin, *HERE)
    chrome.get(form.url)
    wait = WebDriverWait(chrome, 30)
    assert chrome.find_element(By.TAG_NAME, "h1").text == "Floods in Quillan"
    assert chrome.execute_script("return window.innerWidth") == browserkit.WIDTH
    _check_page(chrome, origin)

    chrome.find_element(By.ID, "text").send_keys("Water in the school yard, rising")
    chrome.find_element(By.CSS_SELECTOR, "input[name=kind][value=flooding]").click()
    chrome.find_element(By.ID, "locate").click()
    status = chrome.find_element(By.ID, "where-status")
    wait.until(lambda _d: status.text == "Position taken.")
    assert chrome.find_element(By.ID, "lat").get_attribute("value") == "44.125000"
    photo = tmp_path / "yard.jpg"
    photo.write_bytes(publickit.jpeg((1200, 900), gps=PHOTO_GPS))
    chrome.find_element(By.ID, "photo").send_keys(str(photo))
    chrome.find_element(By.ID, "contact").send_keys(PHONE)
    chrome.find_element(By.ID, "consent").click()
    _check_page(chrome, origin)  # the script's requests too, if any
    chrome.find_element(By.CSS_SELECTOR, "button.send").click()

    receipt = wait.until(lambda d: d.find_elements(By.ID, "receipt"))[0].text
    assert len(receipt) == 7 and receipt[3] == "-"
    assert chrome.execute_script(browserkit.SCROLL_WIDTH) <= browserkit.WIDTH
    assert _origin(chrome.execute_script(browserkit.LOADED)[0]) == origin

    token = publickit.enroll(server, "vera", "volunteer")
    vera = publickit.Peer(tmp_path, "vera", server.url, token)
    try:
        vera.sync_ok()
        (item,) = vera.store.conn.execute(
            "SELECT * FROM items WHERE post_key = ?", [f"public:{receipt}"]
        ).fetchall()
        assert item["text"] == "Water in the school yard, rising\n\n#flooding"
        assert (round(item["lat"], 4), round(item["lon"], 4)) == HERE  # the phone's, not EXIF's
        assert item["handle"] == ""  # the phone number stays on the server
        sha = public.photo_sha(item["media"])
        with Image.open(public.fetch_photo(vera.store, sha)) as image:
            assert image.format == "JPEG" and image.size == (1200, 900)
            assert not image.getexif()  # the camera and its GPS position are gone
    finally:
        vera.close()


def test_a_french_phone_gets_the_form_in_french_and_it_fits_its_screen(form, tmp_path):
    chrome = browserkit.phone(tmp_path / "profile-fr", "fr-FR")
    try:
        chrome.get(form.url)
        assert chrome.find_element(By.CSS_SELECTOR, "html").get_attribute("lang") == "fr"
        assert chrome.find_element(By.CSS_SELECTOR, "button.send").text == "Envoyer"
        _check_page(chrome, _origin(form.url))
    finally:
        chrome.quit()
