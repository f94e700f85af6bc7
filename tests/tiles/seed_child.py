"""Runs one download in its own process and prints a line after each durable write.

Used by the kill -9 test: argv is data_dir, url, bbox, zooms, connections, name.
"""

from __future__ import annotations

import sys

from fieldapp.tiles import SeedOptions, seed


def main() -> None:
    data_dir, url, bbox, zooms, connections, name = sys.argv[1:7]
    options = SeedOptions(connections=int(connections), progress_interval=0)
    summary = seed(
        data_dir,
        bbox=bbox,
        zooms=zooms,
        url=url,
        name=name,
        options=options,
        progress=lambda p: print(f"stored {p.stored}", flush=True),
    )
    print(f"done {summary.stored}", flush=True)


if __name__ == "__main__":
    main()
