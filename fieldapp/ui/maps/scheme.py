"""The `fieldapp:` URL scheme: everything the map page loads, served from this process.

- `fieldapp://app/map.html`: the page (set by the map view);
- `fieldapp://app/web/<path>`: files under resources/web (Leaflet, plugins, our script);
  a path that leaves that folder is refused;
- `fieldapp://app/qwebchannel.js`: Qt's own QWebChannel client, read from Qt's resources;
- `fieldapp://app/data/<name>`: documents the map view prepared (the reports' JSON, the
  official alerts' GeoJSON);
- `fieldapp://app/places/...`: answered later, by the map view's job (the place names of
  a view, read from the gazetteer in a worker): `defer(prefix, answer)`;
- `fieldapp://basemap/{z}/{x}/{y}`: the world basemap shipped in resources/basemap;
- `fieldapp://tiles/<set>/{z}/{x}/{y}`: tiles of the data directory's MBTiles registry, XYZ
  numbering, with their own MIME type. A missing tile (or set) is a neutral grey PNG, so
  the page never shows a broken image.

`register_map_scheme()` must run before the first Qt WebEngine object exists; the map
view calls it, so that start-up of the main window never imports QtWebEngine.
`MapSchemeHandler.respond(url)` is the whole request path without Qt's job, so tests and
benchmarks can call it. Qt calls requestStarted on the GUI thread: every answer comes from
memory or one indexed read (~40 µs for a tile); the reports' JSON is prepared in a worker.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import ClassVar
from urllib.parse import unquote

import shiboken6
from PySide6.QtCore import QBuffer, QByteArray, QFile, QIODevice
from PySide6.QtGui import QColor, QImage
from PySide6.QtWebEngineCore import (
    QWebEngineUrlRequestJob,
    QWebEngineUrlScheme,
    QWebEngineUrlSchemeHandler,
)

from fieldapp.core.resources import basemap_path, web_dir
from fieldapp.maps.urls import SCHEME
from fieldapp.tiles import MBTilesReader, TileError, TileRegistry
from fieldapp.tiles.formats import mime_type, sniff_format

log = logging.getLogger(__name__)
SCHEME_BYTES = SCHEME.encode()
PLACEHOLDER_GREY = "#dcdcdc"
_MIME = {
    ".js": "text/javascript",
    ".css": "text/css",
    ".png": "image/png",
    ".svg": "image/svg+xml",
    ".json": "application/json",
    ".html": "text/html",
}
_registered = False


def register_map_scheme() -> None:
    """Declare the `fieldapp` scheme to Qt WebEngine (once, before any WebEngine object)."""
    global _registered
    if _registered:
        return
    scheme = QWebEngineUrlScheme(SCHEME_BYTES)
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Host)
    flags = QWebEngineUrlScheme.Flag
    # Not a LocalScheme: Chromium would then drop remote requests before the request
    # guard sees them, and the guard must see (and record) every one.
    scheme.setFlags(flags.SecureScheme | flags.CorsEnabled | flags.FetchApiAllowed)
    QWebEngineUrlScheme.registerScheme(scheme)
    _registered = True


@dataclass(frozen=True)
class Reply:
    """An answer of the scheme: `error` set means the request fails with that error."""

    mime: bytes = b""
    data: bytes = b""
    error: QWebEngineUrlRequestJob.Error | None = None

    ABORTED: ClassVar = QWebEngineUrlRequestJob.Error.RequestAborted


NOT_FOUND = Reply(error=QWebEngineUrlRequestJob.Error.UrlNotFound)
DENIED = Reply(error=QWebEngineUrlRequestJob.Error.RequestDenied)


def placeholder_png(size: int = 256) -> bytes:
    """A flat light-grey tile: what the map shows where a tile set has no tile."""
    image = QImage(size, size, QImage.Format.Format_RGB32)
    image.fill(QColor(PLACEHOLDER_GREY))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # PySide6's stub types the format as bytes, but only str passes at run time (bytes raises
    # ValueError: "called with wrong argument values").
    image.save(buffer, "PNG")  # pyright: ignore[reportCallIssue, reportArgumentType]
    return bytes(buffer.data().data())


def _qt_resource(path: str) -> bytes:
    file = QFile(path)
    if not file.open(QIODevice.OpenModeFlag.ReadOnly):
        return b""
    try:
        return bytes(file.readAll().data())
    finally:
        file.close()


class MapSchemeHandler(QWebEngineUrlSchemeHandler):
    """Answers every `fieldapp:` request of the map page. GUI thread."""

    def __init__(self, tiles: TileRegistry | None, parent=None, *, web_root: Path | None = None):
        super().__init__(parent)
        self.tiles = tiles
        self.web_root = (web_root or web_dir()).resolve()
        self.page_html = b""
        self._documents: dict[str, bytes] = {}
        self._files: dict[str, Reply] = {}
        self._placeholder = Reply(b"image/png", placeholder_png())
        self._basemap: MBTilesReader | None = None
        self._deferred: dict[str, Callable[[str, Callable[[Reply], None]], None]] = {}

    # -- what the map view gives it ----------------------------------------------------

    def set_page(self, html: str) -> None:
        self.page_html = html.encode()

    def put_document(self, name: str, data: bytes, keep: int = 2) -> None:
        """Serve `data` at fieldapp://app/data/<name>; only the newest `keep` of its kind
        (the name up to its first "-": reports, alerts) stay."""
        kind = name.partition("-")[0]
        self._documents[name] = data
        same = [key for key in self._documents if key.partition("-")[0] == kind]
        for old in same[:-keep]:
            del self._documents[old]

    def defer(self, prefix: str, answer: Callable[[str, Callable[[Reply], None]], None]) -> None:
        """Requests for fieldapp://app/<prefix>... go to `answer(url, reply)`, which calls
        `reply(Reply)` once, later, on the GUI thread (a job's result)."""
        self._deferred[prefix] = answer

    def close(self) -> None:
        if self._basemap is not None:
            self._basemap.close()
            self._basemap = None

    # -- the request path --------------------------------------------------------------

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:
        url = job.requestUrl().toString()
        answer = self._deferred_answer(url)
        if answer is not None:
            answer(url, partial(self._finish, job))
            return
        self._finish(job, self.respond(url))

    def _deferred_answer(self, url: str) -> Callable[[str, Callable[[Reply], None]], None] | None:
        host, _, path = url.partition("://")[2].partition("?")[0].partition("/")
        if host != "app":
            return None
        return next((a for p, a in self._deferred.items() if path.startswith(p)), None)

    @staticmethod
    def _finish(job: QWebEngineUrlRequestJob, reply: Reply) -> None:
        if not shiboken6.isValid(job):
            return  # the page went away (reloaded, closed) before the answer came
        if reply.error is not None:
            job.fail(reply.error)
            return
        buffer = QBuffer(parent=job)
        buffer.setData(QByteArray(reply.data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        job.reply(reply.mime, buffer)

    def respond(self, url: str) -> Reply:
        """The answer to one `fieldapp:` URL (no Qt job involved)."""
        rest = url.partition("://")[2].partition("?")[0].partition("#")[0]
        host, _, path = rest.partition("/")
        if host == "tiles":
            return self._tile(path)
        if host == "basemap":
            return self._basemap_tile(path)
        if host == "app":
            return self._app(path)
        return NOT_FOUND

    def _app(self, path: str) -> Reply:
        if path == "map.html":
            return (
                Reply(b"text/html;charset=utf-8", self.page_html) if self.page_html else NOT_FOUND
            )
        if path == "qwebchannel.js":
            return Reply(b"text/javascript", _qt_resource(":/qtwebchannel/qwebchannel.js"))
        if path.startswith("data/"):
            data = self._documents.get(path[5:])
            return NOT_FOUND if data is None else Reply(b"application/json", data)
        if path.startswith("web/"):
            return self._web_file(path[4:])
        return NOT_FOUND

    def _web_file(self, path: str) -> Reply:
        cached = self._files.get(path)
        if cached is not None:
            return cached
        target = self._inside_web_root(path)
        if target is None:
            log.warning("map page asked for a file outside resources/web: %r", path)
            return DENIED
        if not target.is_file():
            return NOT_FOUND
        mime = _MIME.get(target.suffix.lower(), "application/octet-stream")
        reply = Reply(mime.encode(), target.read_bytes())
        self._files[path] = reply
        return reply

    def _inside_web_root(self, path: str) -> Path | None:
        """The file a web/ path names, or None if it leaves resources/web in any way."""
        parts = unquote(path).split("/")
        if any(p in ("", ".", "..") or "\\" in p or "\0" in p or ":" in p for p in parts):
            return None
        target = self.web_root.joinpath(*parts).resolve()
        return target if target.is_relative_to(self.web_root) else None

    def _tile(self, path: str) -> Reply:
        set_id, _, zxy = path.partition("/")
        numbers = _zxy(zxy)
        if numbers is None or self.tiles is None:
            return self._placeholder
        try:
            tile = self.tiles.get_tile(set_id, *numbers)
        except TileError as exc:  # an unknown or damaged set: grey, and say why in the log
            log.info("tile %s/%s: %s", set_id, zxy, exc)
            return self._placeholder
        return self._placeholder if tile is None else Reply(tile.mime.encode(), tile.data)

    def _basemap_tile(self, path: str) -> Reply:
        numbers = _zxy(path)
        if numbers is None:
            return self._placeholder
        if self._basemap is None:
            try:
                self._basemap = MBTilesReader(basemap_path())
            except (TileError, OSError) as exc:
                log.warning("the world basemap cannot be read: %s", exc)
                return self._placeholder
        data = self._basemap.get(*numbers)
        if not data:
            return self._placeholder
        return Reply(mime_type(sniff_format(data) or "png").encode(), data)


def _zxy(text: str) -> tuple[int, int, int] | None:
    parts = text.split("/")
    if len(parts) != 3:
        return None
    parts[2] = parts[2].partition(".")[0]  # {y}.png is accepted too
    try:
        z, x, y = (int(p) for p in parts)
    except ValueError:
        return None
    return (z, x, y) if 0 <= z <= 30 and 0 <= x < (1 << z) and 0 <= y < (1 << z) else None
