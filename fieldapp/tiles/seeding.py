"""Downloading an area of tiles from a tile server into a tile set ("seeding").

plan_seed() says how many tiles and roughly how many bytes before anything is fetched.
seed() downloads them: N worker threads (one HTTP connection each, rules in fetch.py) take
tiles from a shared feed that skips what the set already has; one writer thread stores
results as they arrive, in small transactions (WAL, synchronous=FULL), grouping whatever
has arrived since the last commit. A crash or kill -9 loses at most the tiles in flight,
and a later run with the same arguments resumes and fetches nothing the set already has.

Threading: seed() blocks until the download ends: call it from a worker thread, never
the UI thread. `progress` is called from the download's own threads (the UI forwards it
with a signal). SeedControl's methods may be called from any thread; one control per run.
"""

from __future__ import annotations

import queue
import sqlite3
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from .errors import InvalidRequestError
from .fetch import FetchResult, RateGate, SeedOptions, TileFetcher, UrlTemplate
from .formats import sniff_format
from .grid import (
    MAX_LAT,
    BBox,
    ZoomRange,
    iter_tiles,
    parse_bbox,
    parse_zooms,
    tile_counts,
    tile_ranges,
)
from .mbtiles import MBTilesReader, MBTilesWriter, parse_bounds, parse_int
from .progress import SeedControl, SeedPlan, SeedProgress, SeedSummary
from .registry import SEED_KEY, check_set_id, make_set_id, seed_state, set_path

DEFAULT_TILE_BYTES = 20_000  # a typical street-map PNG; replaced by the set's own average
_DONE = object()


ProgressCallback = Callable[[SeedProgress], None]


def plan_seed(
    data_dir: Path | str,
    *,
    bbox: str | BBox | tuple[float, float, float, float],
    zooms: str | int | ZoomRange | tuple[int, int],
    url: str,
    name: str | None = None,
    options: SeedOptions | None = None,
) -> SeedPlan:
    """Count the tiles of an area and estimate their size; raises InvalidRequestError."""
    options = options or SeedOptions()
    options.check()
    box, levels = parse_bbox(bbox), parse_zooms(zooms)
    template = UrlTemplate(url, options.subdomains)
    set_id = check_set_id(name) if name else make_set_id(template.host)
    path = set_path(data_dir, set_id)
    per_zoom = tile_counts(box, levels)
    total = sum(per_zoom.values())
    if total > options.max_tiles:
        raise InvalidRequestError(
            f"the area holds {total} tiles at zoom {levels}, more than the limit of "
            f"{options.max_tiles}: choose a smaller area or fewer zoom levels"
        )
    present, average = _already_there(path, template, set_id, box, levels)
    missing = total - present
    plan = SeedPlan(set_id, str(path), template.template, box, levels, total, per_zoom, 0, 0, 0)
    plan.present, plan.to_fetch = present, missing
    plan.estimated_bytes = missing * average
    return plan


def _already_there(
    path: Path, template: UrlTemplate, set_id: str, box: BBox, levels: ZoomRange
) -> tuple[int, int]:
    """Tiles of the area the set already has, and its average tile size (for estimates)."""
    if not path.exists():
        return 0, DEFAULT_TILE_BYTES
    with MBTilesReader(path) as reader:
        _check_resumable(reader, template, set_id)
        present = sum(reader.count_in(*r) for z in levels.levels() for r in tile_ranges(box, z))
        count = reader.tile_count()
        average = reader.stored_bytes() // count if count >= 10 else DEFAULT_TILE_BYTES
    return present, average


def _check_resumable(reader: MBTilesReader, template: UrlTemplate, set_id: str) -> None:
    state = seed_state(reader.metadata().get(SEED_KEY))
    if reader.schema != "tiles" or state is None:
        raise InvalidRequestError(
            f"the tile set {set_id!r} was imported, not downloaded, so it cannot be added to; "
            "choose another name"
        )
    if state.get("url") != template.template:
        raise InvalidRequestError(
            f"the tile set {set_id!r} was downloaded from {state.get('url')}; "
            f"choose another name to download from {template.template}"
        )


def seed(
    data_dir: Path | str,
    *,
    bbox: str | BBox | tuple[float, float, float, float],
    zooms: str | int | ZoomRange | tuple[int, int],
    url: str,
    name: str | None = None,
    options: SeedOptions | None = None,
    progress: ProgressCallback | None = None,
    control: SeedControl | None = None,
) -> SeedSummary:
    """Download the tiles of an area into tile set `name` (default: the server's host).

    Resumes a set downloaded earlier from the same URL. Returns a summary; raises
    InvalidRequestError for bad arguments, before anything is fetched.
    """
    options = options or SeedOptions()
    plan = plan_seed(data_dir, bbox=bbox, zooms=zooms, url=url, name=name, options=options)
    return _SeedRun(plan, options, control or SeedControl(), progress).run()


class _Feed:
    """Hands out the planned tiles one at a time, skipping those already stored."""

    def __init__(self, plan: SeedPlan, options: SeedOptions):
        self._tiles = iter_tiles(plan.bbox, plan.zooms)
        self._reader = MBTilesReader(plan.path)
        self._retry_missing = options.retry_missing
        self._lock = threading.Lock()
        self.skipped = 0
        self.known_missing = 0

    def next(self) -> tuple[int, int, int] | None:
        with self._lock:
            for tile in self._tiles:
                if self._reader.has(*tile):
                    self.skipped += 1
                elif not self._retry_missing and self._reader.known_missing(*tile):
                    self.known_missing += 1
                else:
                    return tile
            return None

    def close(self) -> None:
        self._reader.close()


class _SeedRun:
    """One download: the worker threads, the writer thread and the counts."""

    def __init__(
        self,
        plan: SeedPlan,
        options: SeedOptions,
        control: SeedControl,
        progress: ProgressCallback | None,
    ):
        self.plan, self.options, self.control, self.progress = plan, options, control, progress
        self.template = UrlTemplate(plan.url, options.subdomains)
        self.summary = SeedSummary(plan.set_id, plan.path, plan.total)
        self.gate = RateGate()
        self.results: queue.Queue = queue.Queue(maxsize=options.connections * 64)
        self._lock = threading.Lock()
        self._in_a_row = 0
        self._started = time.monotonic()
        self._last_progress = 0.0
        self._feed: _Feed | None = None  # set by run() before any thread starts
        self._has_format = False

    @property
    def feed(self) -> _Feed:
        """The tiles to fetch; there is one from the start of run() to its end."""
        assert self._feed is not None, "only while run() runs"
        return self._feed

    def run(self) -> SeedSummary:
        path = Path(self.plan.path)
        created = not path.exists()
        path.parent.mkdir(parents=True, exist_ok=True)
        writer = MBTilesWriter(path)
        try:
            existing = writer.metadata()
            self._has_format = bool(existing.get("format"))
            writer.write(metadata=self._start_metadata(existing))
            self._feed = _Feed(self.plan, self.options)
            try:
                self._run_threads(writer)
            finally:
                self._feed.close()
            self._save_final_state(writer)
        finally:
            writer.close()
        if created and self.summary.stored == 0 and self.summary.missing == 0:
            for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
                leftover.unlink(missing_ok=True)  # nothing came: leave no empty layer behind
        return self.summary

    def _save_final_state(self, writer: MBTilesWriter) -> None:
        try:
            writer.write(metadata={SEED_KEY: self._state(self._final_status())})
        except sqlite3.Error as exc:
            # The tiles are safe; only the note of how the download ended is missing.
            if self.summary.stopped_reason is None:
                self.summary.stopped_reason = f"cannot write to {writer.path.name}: {exc}"

    def _run_threads(self, writer: MBTilesWriter) -> None:
        writer_thread = threading.Thread(
            target=self._write_loop, args=(writer,), name="tiles-writer", daemon=True
        )
        workers = [
            threading.Thread(target=self._work, name=f"tiles-fetch-{i}", daemon=True)
            for i in range(self.options.connections)
        ]
        writer_thread.start()
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        self.results.put(_DONE)
        writer_thread.join()
        self._emit(force=True)
        self._finish_counts()

    def _work(self) -> None:
        fetcher = TileFetcher(self.template, self.options, self.gate, self.control.halted)
        try:
            while self.control.wait_if_paused():
                tile = self.feed.next()
                if tile is None:
                    return
                result = fetcher.fetch(*tile)
                if result.kind == "cancelled":
                    return
                self._watch(result)
                self.results.put((tile, result))
        except Exception as exc:  # a bug must not hang the download: stop it, in words
            self.control.stop(f"the download failed unexpectedly: {exc!r}")
        finally:
            self.control.idle()
            fetcher.close()

    def _watch(self, result: FetchResult) -> None:
        """Stop on 'not allowed', and when so many tiles fail in a row that something is in
        the way: the link is down, or a Wi-Fi login page answers instead of the server."""
        if result.kind == "fatal":
            self.control.stop(result.reason)
            return
        with self._lock:
            blocked = result.network or result.kind == "invalid"
            self._in_a_row = self._in_a_row + 1 if blocked else 0
            in_a_row = self._in_a_row
        if in_a_row >= self.options.max_consecutive_failures:
            self.control.stop(
                f"{in_a_row} tiles in a row failed (last: {result.reason}); the network is "
                "down, or the tile server or a Wi-Fi login page is answering instead"
            )

    def _write_loop(self, writer: MBTilesWriter) -> None:
        broken = False
        while True:
            batch = [self.results.get()]
            while len(batch) < self.options.batch_limit:
                try:
                    batch.append(self.results.get_nowait())
                except queue.Empty:
                    break
            items = [item for item in batch if item is not _DONE]
            if items and not broken:
                try:
                    self._store(writer, items)
                except Exception as exc:  # disk full, file gone, or a bug: stop, in words
                    broken = True  # keep draining so that workers never block on a full queue
                    self.control.stop(f"cannot write to {writer.path.name}: {exc}")
            self._emit()
            if len(items) < len(batch):
                return

    def _store(
        self, writer: MBTilesWriter, items: list[tuple[tuple[int, int, int], FetchResult]]
    ) -> None:
        # An "ok" result always carries its body: the second test only tells the type checker.
        tiles = [(*tile, r.data) for tile, r in items if r.kind == "ok" and r.data is not None]
        missing = [(*tile, str(r.status)) for tile, r in items if r.kind == "missing"]
        metadata = None
        if tiles and not self._has_format:
            metadata = {"format": sniff_format(tiles[0][3])}
        writer.write(tiles, missing, metadata)
        self._has_format = self._has_format or bool(tiles)
        for tile, result in items:
            self._count(tile, result)

    def _count(self, tile: tuple[int, int, int], result: FetchResult) -> None:
        s = self.summary
        s.retries += result.retries
        s.rate_limited += result.rate_limited
        if result.kind == "ok":
            s.stored += 1
            s.bytes += len(result.data or b"")
            return
        if result.kind == "missing":
            s.missing += 1
            return
        if result.kind == "invalid":
            s.invalid += 1
        else:
            s.failed += 1
        s.failures[result.reason] = s.failures.get(result.reason, 0) + 1
        if len(s.failed_tiles) < 20:
            s.failed_tiles.append(f"{tile[0]}/{tile[1]}/{tile[2]}: {result.reason}")

    def _emit(self, *, force: bool = False) -> None:
        now = time.monotonic()
        interval = self.options.progress_interval
        if self.progress is None or (not force and now - self._last_progress < interval):
            return
        self._last_progress = now
        s, feed = self.summary, self.feed
        missing = s.missing + feed.known_missing
        done = s.stored + feed.skipped + missing + s.invalid + s.failed
        report = SeedProgress(
            s.planned,
            done,
            s.stored,
            feed.skipped,
            missing,
            s.invalid,
            s.failed,
            s.bytes,
            now - self._started,
        )
        try:
            self.progress(report)
        except Exception as exc:
            self.progress = None
            self.control.stop(f"the progress display failed: {exc!r}")

    def _finish_counts(self) -> None:
        s, feed = self.summary, self.feed
        s.skipped, s.missing = feed.skipped, s.missing + feed.known_missing
        s.stopped_reason, s.cancelled = self.control.stop_reason, self.control.cancelled
        s.elapsed = time.monotonic() - self._started

    def _start_metadata(self, existing: dict[str, str]) -> dict[str, object]:
        levels = self.plan.zooms
        old_min, old_max = parse_int(existing.get("minzoom")), parse_int(existing.get("maxzoom"))
        meta: dict[str, object] = {
            "name": existing.get("name") or self.plan.set_id,
            "type": existing.get("type") or "baselayer",
            "version": existing.get("version") or "1.0",
            "description": existing.get("description")
            or f"Downloaded by FieldApp from {self.template.host}",
            "minzoom": str(levels.min if old_min is None else min(old_min, levels.min)),
            "maxzoom": str(levels.max if old_max is None else max(old_max, levels.max)),
            "bounds": _union_bounds(parse_bounds(existing.get("bounds")), self.plan.bbox),
            SEED_KEY: self._state("running"),
        }
        if self.options.attribution:
            meta["attribution"] = self.options.attribution
        return meta

    def _state(self, status: str) -> dict[str, object]:
        """What the set remembers of its download, to resume it and to show it."""
        return {
            "url": self.plan.url,
            "bbox": list(self.plan.bbox),
            "zooms": str(self.plan.zooms),
            "status": status,
            "updated": datetime.now(UTC).isoformat(timespec="seconds"),
            "planned": self.plan.total,
            "stored_this_run": self.summary.stored,
            "stopped_reason": self.summary.stopped_reason,
        }

    def _final_status(self) -> str:
        s = self.summary
        if s.complete:
            return "complete"
        if s.cancelled:
            return "cancelled"
        return "stopped" if s.stopped_reason else "incomplete"


def _union_bounds(old: tuple[float, float, float, float] | None, box: BBox) -> str:
    """MBTiles bounds covering the old ones and the new box (whole width across ±180°)."""
    w, s, e, n = box.west, max(box.south, -MAX_LAT), box.east, min(box.north, MAX_LAT)
    if old:
        if old[0] > old[2] or w > e:
            w, e = -180.0, 180.0
        else:
            w, e = min(w, old[0]), max(e, old[2])
        s, n = min(s, old[1]), max(n, old[3])
    elif w > e:
        w, e = -180.0, 180.0
    return f"{w:.6f},{s:.6f},{e:.6f},{n:.6f}"
