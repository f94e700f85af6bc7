"""Offline tiles benchmark: tiles served per second, and download rate vs connections.

1. get_tile: random reads through TileRegistry.get_tile (the map's path) from a synthetic
   20,000-tile MBTiles (plain schema) and from the real sample plain_1.mbtiles (map/images
   view schema). Target: at least 2,000 tiles/s.
2. seed: 30 tiles per connection from the local test tile server (tests/tiles/tileserver.py)
   run in its own process with 50 ms latency per tile, with 1, 2, 4, 8 and 16
   connections. If the rate follows connections / latency, the download is bounded by
   the connections, not by our code; the CPU time per tile says how far off our limit is.

Run: .venv/bin/python bench/tiles_bench.py   (about 30 s; prints its figures)
"""

from __future__ import annotations

import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fieldapp.tiles import (  # noqa: E402
    MBTilesWriter,
    SeedOptions,
    TileRegistry,
    import_mbtiles,
    seed,
)
from fieldapp.tiles.grid import tile_bbox  # noqa: E402

SAMPLES = Path(os.environ.get("FIELDAPP_SAMPLES", ROOT.parent / "shared" / "samples"))
LATENCY = 0.05


def _synthetic_set(data_dir: Path, count: int = 20_000) -> list[tuple[int, int, int]]:
    """A set of `count` tiles of 8-24 KB at zoom 14, in blocks like a real city."""
    rng = random.Random(7)
    side = int(count**0.5)
    tiles = [(14, 8200 + i % side, 5600 + i // side) for i in range(side * side)]
    path = data_dir / "tiles" / "synthetic.mbtiles"
    path.parent.mkdir(parents=True)
    with MBTilesWriter(path, durable=False) as writer:
        for start in range(0, len(tiles), 1000):
            chunk = tiles[start : start + 1000]
            writer.write(
                [
                    (*t, b"\x89PNG\r\n\x1a\n" + rng.randbytes(rng.randint(8, 24) << 10))
                    for t in chunk
                ]
            )
    return tiles


def _read_rate(registry: TileRegistry, set_id: str, tiles: list, seconds: float = 3.0) -> tuple:
    rng = random.Random(1)
    picks = [rng.choice(tiles) for _ in range(200_000)]
    done = nbytes = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        for tile in picks[done % 150_000 : done % 150_000 + 1000]:
            nbytes += len(registry.get_tile(set_id, *tile).data)
        done += 1000
    elapsed = time.perf_counter() - start
    return done / elapsed, nbytes / elapsed / 1e6


def bench_get_tile() -> None:
    print("get_tile (one thread, random tiles, warm cache)")
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        tiles = _synthetic_set(data_dir)
        import_mbtiles(data_dir, SAMPLES / "geo" / "mbtiles" / "plain_1.mbtiles")
        with TileRegistry(data_dir) as registry:
            rate, mb = _read_rate(registry, "synthetic", tiles)
            print(
                f"  synthetic, {len(tiles)} tiles of 8-24 KB: {rate:8.0f} tiles/s ({mb:.0f} MB/s)"
            )
            sample_tiles = _sample_tiles(registry)
            rate, mb = _read_rate(registry, "plain_1", sample_tiles)
            print(f"  plain_1.mbtiles (view schema):    {rate:8.0f} tiles/s ({mb:.0f} MB/s)")
    print("  target: >= 2000 tiles/s")


def _sample_tiles(registry: TileRegistry) -> list[tuple[int, int, int]]:
    found = []
    for z in range(5):
        for x in range(1 << z):
            found += [(z, x, y) for y in range(1 << z) if registry.get_tile("plain_1", z, x, y)]
    return found


def _strip(columns: int) -> str:
    """A box of exactly `columns` x 6 tiles at zoom 16 (in Paris)."""
    x0, y0 = 33200, 22540
    west, _, _, north = tile_bbox(16, x0, y0)
    _, south, east, _ = tile_bbox(16, x0 + columns - 1, y0 + 5)
    pad = 1e-7  # stay inside the edge tiles
    return f"{west + pad},{south + pad},{east - pad},{north - pad}"


def _start_server(latency: float) -> tuple[subprocess.Popen, str]:
    server_script = ROOT / "tests" / "tiles" / "tileserver.py"
    server = subprocess.Popen(
        [sys.executable, str(server_script), "--latency", str(latency)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    return server, server.stdout.readline().strip()


def _seed_once(url: str, connections: int, columns: int) -> tuple[float, float, int]:
    with tempfile.TemporaryDirectory() as tmp:
        options = SeedOptions(connections=connections)
        cpu = time.process_time()
        summary = seed(tmp, bbox=_strip(columns), zooms="16", url=url, name="b", options=options)
        cpu = time.process_time() - cpu
    assert summary.complete and summary.stored == columns * 6, summary
    return summary.stored / summary.elapsed, cpu / summary.stored * 1000, summary.stored


def _raw_requests_rate(url: str, count: int = 30) -> float:
    """The same server through a bare requests.Session loop: the floor set by HTTP alone."""
    import requests

    with requests.Session() as session:
        start = time.perf_counter()
        for i in range(count):
            assert session.get(url.format(z=16, x=40000 + i, y=20000), timeout=10).content
        return count / (time.perf_counter() - start)


def bench_seed() -> None:
    print(f"\nseed (local server in its own process, {LATENCY * 1000:.0f} ms per tile)")
    server, url = _start_server(LATENCY)
    try:
        raw = _raw_requests_rate(url)
        print(f"  baseline: a bare requests.Session loop on one connection: {raw:.1f} tiles/s")
        print("  connections  tiles   tiles/s   ideal (conn/latency)  efficiency  our CPU ms/tile")
        for connections in (1, 2, 4, 8, 16):
            rate, cpu_ms, count = _seed_once(url, connections, columns=5 * connections)
            ideal = connections / LATENCY
            print(
                f"  {connections:11d} {count:6d} {rate:9.1f} {ideal:16.0f} {rate / ideal:15.0%}"
                f" {cpu_ms:12.2f}"
            )
    finally:
        server.stdin.close()
        server.wait(10)
    server, url = _start_server(0.0)
    try:
        rate, cpu_ms, count = _seed_once(url, 4, columns=100)
        print(
            f"  no latency, 4 connections, {count} tiles: {rate:.0f} tiles/s, "
            f"{cpu_ms:.2f} CPU ms/tile (client and server share this machine's 2 cores)"
        )
    finally:
        server.stdin.close()
        server.wait(10)


def main() -> None:
    print(
        f"FieldApp tiles benchmark on {platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}\n"
    )
    bench_get_tile()
    bench_seed()


if __name__ == "__main__":
    main()
