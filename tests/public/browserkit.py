"""A real phone-sized browser for the public form's tests: Debian's chromium driven by
Selenium through Debian's chromedriver, headless, 360x640, with the flags this machine
needs (no background traffic, no sandbox as root) and a fresh profile.

`phone(tmp_path, language)` fails the test — never skips it — when chromium or its
driver is missing: .ci/run installs both (apt-get install chromium chromium-driver).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

WIDTH, HEIGHT = 360, 640
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage")  # fmt: skip
# Every resource the page loaded and the page itself, by address (Performance API).
LOADED = """return [performance.getEntriesByType('navigation')[0].name].concat(
    performance.getEntriesByType('resource').map(function (e) { return e.name; }));"""
# The inputs a person fills (not the hidden ones) that no label names.
UNLABELLED = """return Array.from(document.querySelectorAll('input, textarea, select'))
    .filter(function (e) { return e.type !== 'hidden'; })
    .filter(function (e) { return !(e.labels && e.labels.length) && !e.getAttribute('aria-label')
        && !e.getAttribute('aria-labelledby'); })
    .map(function (e) { return e.name || e.id; });"""
SCROLL_WIDTH = "return document.documentElement.scrollWidth;"


def binaries() -> tuple[str, str]:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if browser is None or driver is None:
        pytest.fail(
            "the browser tests need Debian's chromium and chromium-driver:"
            " apt-get install -y chromium chromium-driver (.ci/run does it)"
        )
    return browser, driver


def phone(profile: Path, language: str = "en"):
    """A headless chromium the size of a phone, speaking `language`; quit() it after."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    browser, driver = binaries()
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.add_argument(f"--window-size={WIDTH},{HEIGHT}")
    options.add_argument(f"--lang={language}")
    options.add_experimental_option("prefs", {"intl.accept_languages": language})
    chrome = webdriver.Chrome(options=options, service=Service(driver))
    chrome.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 2, "mobile": True},
    )
    return chrome


def allow_position(chrome, origin: str, lat: float, lon: float) -> None:
    """The person consented to share their position, and the phone is at (lat, lon)."""
    chrome.execute_cdp_cmd(
        "Browser.grantPermissions", {"origin": origin, "permissions": ["geolocation"]}
    )
    chrome.execute_cdp_cmd(
        "Emulation.setGeolocationOverride", {"latitude": lat, "longitude": lon, "accuracy": 15}
    )
