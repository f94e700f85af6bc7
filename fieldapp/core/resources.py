"""Where the shipped resources are: resources/ of a source checkout or of a PyInstaller
bundle (sys._MEIPASS), the same rule as the translations (fieldapp.ui.kit.i18n).

Pure path arithmetic, no I/O besides what the caller does with the path; any thread.
"""

from __future__ import annotations

import sys
from pathlib import Path

WEB_DIR = "web"
BASEMAP_FILE = ("basemap", "world-z0-6.mbtiles")


def resources_dir() -> Path:
    """The resources/ folder, from a PyInstaller bundle or a source checkout."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def web_dir() -> Path:
    """The vendored web assets (Leaflet and plugins) and FieldApp's own map script."""
    return resources_dir() / WEB_DIR


def basemap_path() -> Path:
    """The offline world basemap shipped with the app (zooms 0-6)."""
    return resources_dir().joinpath(*BASEMAP_FILE)
