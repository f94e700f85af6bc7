"""Helpers of the public form's tests: a real server, a coordinator's laptop that made
the operation, and a citizen's browser-like session (requests) that reads and posts the form."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

import peerkit
import requests
from PIL import Image

from fieldapp.sync.server.public import opening

kit = peerkit.load("public")
Peer, enroll, start_server = kit.Peer, kit.enroll, kit.start_server
TOKEN = re.compile(r'name="token" value="([^"]+)"')


@dataclass
class Form:
    server: object
    operation_id: str
    code: str

    @property
    def root(self) -> str:
        return self.server.url.rsplit("/api/v1", 1)[0]  # type: ignore[attr-defined]

    @property
    def url(self) -> str:
        return f"{self.root}/r/{self.code}"


def open_form(server, operation_id: str, **settings) -> Form:
    values = {"title": "Floods in Quillan", "text": "Report water and cut roads.", **settings}
    state = opening.switch(server.db, operation_id, True, values)
    return Form(server, operation_id, state["code"])


def token_of(html: str) -> str:
    found = TOKEN.search(html)
    assert found, "no token in the page"
    return found.group(1)


def fresh_token(form: Form, session: requests.Session | None = None) -> str:
    page = (session or requests).get(form.url, timeout=10)
    assert page.status_code == 200, page.text
    return token_of(page.text)


def good_fields(token: str, **values: str) -> dict[str, str]:
    return {"token": token, "text": "Water up to the doors, rue du Pont", "kind": "flooding",
            "place": "Quillan", "lat": "42.8751", "lon": "2.1823", "consent": "yes",
            "contact": "+33 6 12 34 56 78", "homepage": "", **values}  # fmt: skip


def post(form: Form, fields: dict[str, str], photo: tuple[str, bytes, str] | None = None,
         session: requests.Session | None = None, **headers: str) -> requests.Response:  # fmt: skip
    files = {"photo": photo} if photo else {"photo": ("", b"", "application/octet-stream")}
    headers = {"Accept-Language": "en", **headers}
    return (session or requests).post(form.url, data=fields, files=files, headers=headers,
                                      timeout=60)  # fmt: skip


def jpeg(size: tuple[int, int] = (640, 480), gps: tuple[float, float] | None = None) -> bytes:
    """A small JPEG photo, with a camera model and, if asked, a GPS position in its EXIF."""
    image = Image.new("RGB", size, (40, 90, 160))
    exif = Image.Exif()
    exif[0x0110] = "SpyCam 3000"  # Model
    if gps is not None:
        lat, lon = gps
        exif.get_ifd(0x8825).update({1: "N" if lat >= 0 else "S", 2: _dms(abs(lat)),
                                     3: "E" if lon >= 0 else "W", 4: _dms(abs(lon))})  # fmt: skip
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def _dms(value: float) -> tuple[float, float, float]:
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    return (float(degrees), float(minutes), round((value - degrees - minutes / 60) * 3600, 4))


def submissions(server) -> list:
    from sqlalchemy import select

    from fieldapp.sync.server.public import tables as pt

    with server.db.read() as conn:
        return conn.execute(select(pt.public_submissions)).all()


def public_items(server) -> list[dict]:
    """The item records the server holds that came by the public form (its own view)."""
    import json

    from sqlalchemy import select

    from fieldapp.sync.server import tables as t

    with server.db.read() as conn:
        rows = conn.execute(select(t.records).where(t.records.c.entity == "item")).all()
    return [{k: v for k, (v, _s) in json.loads(r.fields).items()} | {"id": r.id} for r in rows]


def photo_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and "partial" not in p.parts]
