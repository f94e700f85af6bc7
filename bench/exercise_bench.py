"""Benchmark: an exercise's injects on their way to the players, and the desk's UI thread.

1. Release to player, over loopback (a `fieldapp serve` subprocess, SQLite). Two devices
   in this process, each with the window's own sync machinery: a task manager and the
   SyncRunner of fieldapp/ui/sync/worker.py, whose schedule is the window's (a local
   change is sent NUDGE_MS = 2 s after it is saved; while online, a device looks for news
   every ONLINE_S = 60 s, and every EXERCISE_S = 5 s while an exercise's clock runs). The
   exercise's clock runs, as in a played exercise. The trainer's device releases a post
   inject with the desk's own job (ui/exercises/jobs.release_one, writes lane), its commit
   nudges its runner as the main window does; the player's device only runs its schedule.
   Measured: from the release to the round that stores the post on the player's device
   (its task manager's `records_changed`, which the player's open views refresh on).
   Releases are 2.3 s apart, so they fall at every phase of the player's 5 s schedule.
2. The exercise desk (ui/exercises/desk.py, offscreen) on a 500-inject scenario (the
   sample's injects again and again, one every 4 exercise seconds) running at x10: the
   clock started from the desk's buttons, its timer releasing what the clock reaches
   (every 2 s, on the writes lane) and reading the timeline again after each release.
   The garbage collector as in the app: paused during start-up, then the start-up's
   objects frozen (ui/shell/app.collect_from_now_on) before the desk is opened; without
   that, a full collection (~30-50 ms in this process, more in the whole window) stops
   every thread whenever one of them allocates at the wrong moment. A 1 ms heartbeat
   timer on the UI thread runs for RUN_S seconds: the longest gap between two beats is
   the longest time the UI thread was blocked, whatever blocked it (our code, Qt, the
   collector, or a worker holding the GIL). Target: no block over 50 ms. Then the same
   heartbeat for 10 s with the clock stopped: what the machine itself adds.

Usage: python bench/exercise_bench.py [SAMPLES] [RUN_S]   (default 8 samples, 60 s)
"""

from __future__ import annotations

import gc
import itertools
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import replace
from functools import partial
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import OUT, ROOT, percentile
from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication

from fieldapp.exercises.injects import from_scenario
from fieldapp.exercises.msel import read_csv
from fieldapp.store import Store
from fieldapp.sync.client.session import SyncClient, join
from fieldapp.sync.server import accounts
from fieldapp.sync.server.serve import open_database

SAMPLES = int(sys.argv[1]) if len(sys.argv) > 1 else 8
RUN_S = float(sys.argv[2]) if len(sys.argv) > 2 else 60.0
SPACING_S = 2.3  # between two releases: prime to the 5 s schedule
SAMPLE = ROOT / "resources" / "exercises" / "crue-eclair.csv"


# -- helpers -------------------------------------------------------------------------------


def run_until(done, limit_s: float) -> tuple[list[float], float]:
    """Run the event loop until done() or limit_s; the gaps between 1 ms heartbeats, and
    the time it ran."""
    beats: list[float] = [time.perf_counter()]
    loop = QEventLoop()

    def beat() -> None:
        beats.append(time.perf_counter())
        if done():
            loop.quit()

    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(1)
    timer.timeout.connect(beat)
    timer.start()
    QTimer.singleShot(int(limit_s * 1000), loop.quit)
    loop.exec()
    timer.stop()
    return [b - a for a, b in itertools.pairwise(beats)], beats[-1] - beats[0]


def start_server(folder: Path) -> tuple[subprocess.Popen, str, object]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    db_url = str(folder / "server.db")
    db = open_database(db_url)
    cmd = [sys.executable, "-m", "fieldapp", "--data-dir", str(folder), "serve", "--db", db_url,
           "--port", str(port)]  # fmt: skip
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return proc, f"http://127.0.0.1:{port}", db
        time.sleep(0.05)
    raise RuntimeError("the server did not start")


def device(folder: Path, name: str, role: str, url: str, db) -> Store:
    accounts.add_user(db, name, role)
    code, _ = accounts.enroll(db, name)
    store = Store(folder / name, user=name)
    join(store, url, code, name)
    return store


def summary_s(values: list[float]) -> str:
    if not values:
        return "nothing arrived"
    return (
        f"n={len(values)} median={statistics.median(values):.1f} s "
        f"p95={percentile(values, 95):.1f} s max={max(values):.1f} s"
    )


# -- 1. release to player ------------------------------------------------------------------


class Devices:
    """The trainer's and the player's devices, each with the window's sync schedule."""

    def __init__(self, trainer: Store, player: Store):
        from fieldapp.ui.kit.taskman import TaskManager
        from fieldapp.ui.sync.worker import SyncRunner

        self.trainer, self.player = trainer, player
        self.tasks = {s: TaskManager(s.data_dir) for s in (trainer, player)}
        self.runners = {s: SyncRunner(s, self.tasks[s]) for s in (trainer, player)}
        for store, runner in self.runners.items():
            self.tasks[store].user = store.db.user
            self.tasks[store].records_changed.connect(
                lambda changes, r=runner: r.nudge() if changes.local else None
            )  # as the main window does after a local write
        self.arrived: dict[str, float] = {}
        self.tasks[player].records_changed.connect(self._on_player_changed)

    def _on_player_changed(self, changes) -> None:
        if not changes.touches("item"):
            return
        for (key,) in self.player.conn.execute("SELECT post_key FROM items"):
            inject_id = key.removeprefix("exercise:").split()[0].split("#")[0]
            self.arrived.setdefault(inject_id, time.perf_counter())

    def start(self) -> None:
        for runner in self.runners.values():
            runner.start(joined=True)
        synced: set[str] = set()
        for store, runner in self.runners.items():
            runner.sync_finished.connect(lambda _report, name=store.db.user: synced.add(name))
        run_until(lambda: len(synced) == len(self.runners), 30)

    def release(self, inject_id: str) -> None:
        from fieldapp.ui.exercises import jobs
        from fieldapp.ui.kit.taskman import Lane

        self.tasks[self.trainer].submit(partial(jobs.release_one, inject_id), lane=Lane.WRITES)

    def stop(self) -> None:
        for store, runner in self.runners.items():
            runner.stop()
            self.tasks[store].shutdown()


def release_latency(samples: int, spacing_s: float) -> list[float]:
    folder = OUT / "exercise-latency"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    proc, url, db = start_server(folder)
    try:
        trainer = device(folder, "tom", "trainer", url, db)
        player = device(folder, "paul", "volunteer", url, db)
        drill = trainer.operations.create("EXERCISE latency", exercise=True)["id"]
        posts = [
            {"number": str(n), "at_s": 0, "channel": "social", "content": f"EXERCICE post {n}"}
            for n in range(1, samples + 1)
        ]
        ids = trainer.injects.add_many(drill, posts)
        trainer.clocks.start(drill)  # the exercise is being played
        for store in (trainer, player):
            assert SyncClient(store).sync().complete
        devices = Devices(trainer, player)
        devices.start()
        released: dict[str, float] = {}
        for n, inject_id in enumerate(ids):
            run_until(lambda: False, spacing_s if n else 0.5)
            released[inject_id] = time.perf_counter()
            devices.release(inject_id)
        run_until(lambda: len(devices.arrived) == len(ids), 60)
        devices.stop()
        trainer.close()
        player.close()
        return [devices.arrived[i] - released[i] for i in ids if i in devices.arrived]
    finally:
        proc.terminate()
        proc.wait(10)
        db.close()  # type: ignore[attr-defined]


# -- 2. the desk at x10 on 500 injects -----------------------------------------------------


def scenario_of(count: int) -> list[dict]:
    """The sample's injects again and again, renumbered, one every 4 exercise seconds."""
    sample = read_csv(SAMPLE.read_bytes(), source=SAMPLE.name)
    injects = []
    for n in range(count):
        inject = sample.injects[n % len(sample.injects)]
        injects.append(from_scenario(replace(inject, number=str(n + 1), at_s=n * 4, follows="")))
    return injects


def desk_blocks(count: int, run_s: float) -> dict:
    from fieldapp.ui.exercises.desk import ExerciseDesk
    from fieldapp.ui.kit.taskman import TaskManager
    from fieldapp.ui.shell.app import collect_from_now_on
    from fieldapp.ui.shell.store_changes import StoreChanges

    gc.disable()  # as `fieldapp` starts the window (cli/main.py)
    folder = OUT / "exercise-desk"
    shutil.rmtree(folder, ignore_errors=True)
    store = Store(folder, user="tom")
    operation = store.operations.create("EXERCISE desk bench", exercise=True)
    store.injects.add_many(operation["id"], scenario_of(count))
    collect_from_now_on()  # the window's end of start-up (ui/shell/app.py): gc frozen
    tasks = TaskManager(folder)
    tasks.user = "tom"
    desk = ExerciseDesk(store, tasks)  # opened later, from the Exercise menu
    own = StoreChanges(store, desk)  # the desk's clock buttons write on the GUI store
    own.changes_committed.connect(desk.show_changes)
    tasks.records_changed.connect(desk.show_changes)
    desk.resize(1024, 600)
    desk.show()
    desk.set_operation(operation)
    run_until(lambda: desk.model.rowCount() == count, 30)
    idle, _ = run_until(lambda: False, min(10.0, run_s))  # the clock stopped: the machine
    reads = []
    desk.rows_loaded.connect(lambda: reads.append(time.perf_counter()))
    desk.speed_combo.setCurrentIndex(desk.speed_combo.findData(10))
    desk.speed_combo.activated.emit(desk.speed_combo.currentIndex())
    started = time.perf_counter()
    desk.start_button.click()
    clicked = time.perf_counter() - started
    gaps, ran = run_until(lambda: False, run_s)
    injects = store.injects.list(operation["id"])
    clock = store.clocks.get(operation["id"])
    released = [i for i in injects if i["status"] == "released"]
    desk.shutdown()
    desk.close()
    tasks.shutdown()
    own.stop()
    store.close()
    return {
        "gaps": [clicked, *gaps],
        "idle": idle,
        "ran": ran,
        "released": len(released),
        "reads": len(reads),
        "clock": clock,
    }


def main() -> dict:
    app = QApplication.instance() or QApplication([])
    from fieldapp.ui.sync.worker import SyncRunner

    shipped = release_latency(SAMPLES, SPACING_S)
    desk = desk_blocks(500, RUN_S)
    app.processEvents()
    print(
        "release to player, the window's schedule while the exercise's clock runs (news every "
        f"{SyncRunner.EXERCISE_S:.0f} s, changes sent {SyncRunner.NUDGE_MS / 1000:.0f} s after "
        f"saving): {summary_s(shipped)} (arrived {len(shipped)} of {SAMPLES})"
    )
    worst = max(desk["gaps"])
    print(
        f"exercise desk, 500 injects at x10 for {desk['ran']:.0f} s: {desk['released']} released,"
        f" timeline read {desk['reads']} times; longest UI-thread block {worst * 1000:.1f} ms,"
        f" {sum(g > 0.05 for g in desk['gaps'])} over 50 ms (target: none);"
        f" p99 of the 1 ms heartbeat's gaps {percentile(desk['gaps'], 99) * 1000:.1f} ms"
    )
    print(
        f"  the same desk with its clock stopped, {sum(desk['idle']):.0f} s: longest gap"
        f" {max(desk['idle']) * 1000:.1f} ms (what the machine itself adds)"
    )
    return {
        "exercise_release_to_player_median_s": round(statistics.median(shipped), 1),
        "exercise_release_to_player_max_s": round(max(shipped), 1),
        "exercise_desk_x10_longest_block_ms": round(worst * 1000, 1),
        "exercise_desk_x10_released": desk["released"],
    }


if __name__ == "__main__":
    main()
