"""The radio desk's screenshots named in the README are there, as real PNG pictures."""

from __future__ import annotations

import re
import struct
from pathlib import Path

ROOT = Path(__file__).parents[2]
SHOTS = (
    "radio-desk", "radio-entry", "radio-entry-ics213", "radio-entry-adrasec",
    "radio-form-radiogram", "radio-form-ics309",
)  # fmt: skip


def test_every_radio_screenshot_of_the_readme_is_a_png_picture():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    linked = set(re.findall(r"docs/screenshots/(radio[-\w]*)\.png", readme))
    assert linked == set(SHOTS)
    for name in SHOTS:
        data = (ROOT / "docs" / "screenshots" / f"{name}.png").read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n", name
        width, height = struct.unpack(">II", data[16:24])
        assert width >= 600 and height >= 600, name  # a window or a page, not an icon
