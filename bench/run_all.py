"""Run every benchmark and print their figures (`make bench`).

Each benchmark prints its own lines; this script prints them one after the other and
then the machine it ran on. The 200,000-report data set is built once and cached in
bench/out/.
"""

from __future__ import annotations

import os
import platform
import sys

import aar_bench
import alert_bench
import alert_inside_bench
import cap_bench
import cluster_bench
import cluster_quality
import demo_bench
import gazetteer_bench
import intake_bench
import map_bench
import msel_bench
import outreach_bench
import polling_bench
import queue_bench
import radio_bench
import radio_ui_bench
import scroll_bench
import search_bench
import shared_folder_bench
import startup_bench
import sync_bench
import tiles_bench


def main() -> None:
    for bench in (
        demo_bench,
        startup_bench,
        search_bench,
        gazetteer_bench,
        scroll_bench,
        tiles_bench,
        map_bench,
        radio_bench,
        radio_ui_bench,
        sync_bench,
        shared_folder_bench,
        polling_bench,
        cap_bench,
        cluster_bench,
        cluster_quality,
        intake_bench,
        queue_bench,
        alert_inside_bench,
        outreach_bench,
        alert_bench,
        msel_bench,
        aar_bench,
    ):
        print(f"== {bench.__name__}", flush=True)
        bench.main()
    print(
        f"== machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {sys.version.split()[0]}, {platform.platform()}"
    )


if __name__ == "__main__":
    main()
