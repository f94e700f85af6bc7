"""The form's address as a QR code: text for a terminal, SVG or PNG for a poster.

segno (pure Python, no dependency) makes the code; error correction level M survives a
poster's creases. Pure: any thread.
"""

from __future__ import annotations

import io
from pathlib import Path

import segno


def _code(url: str) -> segno.QRCode:
    return segno.make(url, error="m", micro=False)


def text(url: str) -> str:
    """The QR code drawn with block characters, two modules per character row."""
    matrix = [list(row) for row in _code(url).matrix_iter(scale=1, border=2)]
    if len(matrix) % 2:
        matrix.append([0] * len(matrix[0]))
    glyphs = {(0, 0): "█", (1, 0): "▄", (0, 1): "▀", (1, 1): " "}  # dark drawn as blank
    return "\n".join(
        "".join(glyphs[(bool(top), bool(bottom))] for top, bottom in zip(up, down, strict=True))
        for up, down in zip(matrix[::2], matrix[1::2], strict=True)
    )


def svg(url: str) -> bytes:
    out = io.BytesIO()
    _code(url).save(out, kind="svg", scale=8, border=4, title=url)
    return out.getvalue()


def save(url: str, path: Path) -> None:
    """A poster's QR code: PNG or SVG by the file's suffix; ValueError for another."""
    suffix = path.suffix.lower()
    if suffix not in (".png", ".svg"):
        raise ValueError(f"{path.name}: the QR code is written as .png or .svg")
    _code(url).save(str(path), scale=12 if suffix == ".png" else 8, border=4)
