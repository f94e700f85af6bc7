"""The application's task manager: results and exception objects on the GUI thread, newest
request wins by key, cancel, a serial write lane, a bounded shutdown, the synchronous mode
and the thread's own Store. Real threads, a real data directory."""

from __future__ import annotations

import threading
import time

import pytest

from fieldapp.core.tasks import Cancelled, JobState, run_inline
from fieldapp.store import Store
from fieldapp.ui.kit.taskman import Lane, TaskManager

WAIT_MS = 10_000


def on_gui() -> bool:
    return threading.current_thread() is threading.main_thread()


def test_a_result_comes_back_on_the_gui_thread(qtbot, tasks, operation):
    got: list = []

    def job(ctx):
        return threading.current_thread().name, [op["name"] for op in ctx.store.operations.list()]

    done = tasks.submit(job, on_done=lambda result: got.append((result, on_gui())))
    qtbot.waitUntil(lambda: bool(got), timeout=WAIT_MS)
    (thread_name, names), delivered_on_gui = got[0]
    assert thread_name.startswith("fieldapp-reads") and names == ["Gard floods"]
    assert delivered_on_gui and done.state is JobState.FINISHED and not tasks.is_busy()


def test_a_failure_delivers_the_exception_object_on_the_gui_thread(qtbot, tasks):
    error = LookupError("no such tile set: aude")
    got: list = []

    def job(ctx):
        raise error

    failed = tasks.submit(job, lane=Lane.FILES, on_failed=lambda exc: got.append((exc, on_gui())))
    qtbot.waitUntil(lambda: bool(got), timeout=WAIT_MS)
    assert got == [(error, True)]  # the object itself, not its text
    assert got[0][0] is error and failed.state is JobState.FAILED and failed.error is error


def test_the_newest_request_of_a_key_wins(qtbot, tasks):
    gate = threading.Event()
    results: list = []
    ended: list = []
    tasks.job_finished.connect(ended.append)

    def job(number):
        def run(ctx):
            gate.wait(WAIT_MS / 1000)
            return number

        return run

    jobs = [tasks.submit(job(0), key="search", on_done=results.append)]
    qtbot.waitUntil(lambda: jobs[0].state is JobState.RUNNING, timeout=WAIT_MS)
    jobs += [tasks.submit(job(n), key="search", on_done=results.append) for n in (1, 2, 3)]
    assert jobs[0].cancel_requested()  # told to stop: its answer will not be wanted
    assert tasks.is_busy("search")
    gate.set()
    qtbot.waitUntil(lambda: len(ended) == 4, timeout=WAIT_MS)
    assert results == [3]  # the stale answers of 0 and 1 were dropped
    assert [job.state for job in jobs] == [JobState.DROPPED] * 3 + [JobState.FINISHED]
    assert not tasks.is_busy("search")


def test_cancel_stops_a_running_job_and_it_reports_cancelled(qtbot, tasks):
    started = threading.Event()
    cancelled: list = []
    steps: list[int] = []

    def job(ctx):
        started.set()
        for step in range(100_000):
            ctx.check()  # raises Cancelled once asked
            steps.append(step)
            ctx.progress(step, 100_000)
            time.sleep(0.001)
        return "finished anyway"

    running = tasks.submit(
        job, lane=Lane.NETWORK, name="A long job", on_cancelled=lambda: cancelled.append(on_gui())
    )
    assert started.wait(WAIT_MS / 1000)
    running.cancel()
    qtbot.waitUntil(lambda: bool(cancelled), timeout=WAIT_MS)
    assert cancelled == [True] and running.state is JobState.CANCELLED
    assert len(steps) < 100_000


def test_a_queued_job_cancelled_never_runs(qtbot, tasks):
    gate = threading.Event()
    ran: list = []
    outcome: list = []
    blocker = tasks.submit(lambda ctx: gate.wait(WAIT_MS / 1000), lane=Lane.WRITES)
    queued = tasks.submit(
        lambda ctx: ran.append(1),
        lane=Lane.WRITES,
        on_cancelled=lambda: outcome.append("cancelled"),
    )
    tasks.cancel(queued)
    assert outcome == ["cancelled"] and queued.state is JobState.CANCELLED
    gate.set()
    qtbot.waitUntil(lambda: blocker.ended, timeout=WAIT_MS)
    assert ran == []


def test_the_write_lane_runs_one_job_at_a_time_in_order(qtbot, tasks):
    gate = threading.Event()
    order: list[str] = []

    def write(name):
        def run(ctx):
            order.append(f"{name} started")
            if name == "first":
                gate.wait(WAIT_MS / 1000)
            order.append(f"{name} ended")

        return run

    writes = [tasks.submit(write(n), lane=Lane.WRITES) for n in ("first", "second", "third")]
    # Two reads run side by side while the first write holds the write lane.
    reads_gate = threading.Event()
    reads = [tasks.submit(lambda ctx: reads_gate.wait(WAIT_MS / 1000)) for _ in range(2)]
    qtbot.waitUntil(lambda: all(job.state is JobState.RUNNING for job in reads), timeout=WAIT_MS)
    assert writes[0].state is JobState.RUNNING
    assert [job.state for job in writes[1:]] == [JobState.QUEUED, JobState.QUEUED]
    gate.set()
    reads_gate.set()
    qtbot.waitUntil(lambda: all(job.ended for job in writes + reads), timeout=WAIT_MS)
    assert order == [
        "first started",
        "first ended",
        "second started",
        "second ended",
        "third started",
        "third ended",
    ]


def test_each_worker_thread_has_its_own_store_kept_between_jobs(qtbot, tasks, store):
    seen: list = []

    def job(ctx):
        return id(ctx.store), threading.get_ident(), isinstance(ctx.store, Store)

    for _ in range(2):
        tasks.submit(job, lane=Lane.WRITES, on_done=seen.append)
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=WAIT_MS)
    assert seen[0] == seen[1]  # one thread, one Store, opened once
    assert seen[0][0] != id(store) and seen[0][1] != threading.get_ident() and seen[0][2]


def test_shutdown_with_running_jobs_returns_within_its_bound(qtbot, store):
    manager = TaskManager(store.data_dir)
    stuck = threading.Event()  # a job that ignores cancel (a hung request, say)
    stuck_started, polite_started = threading.Event(), threading.Event()
    calls: list = []

    def hung(ctx):
        stuck_started.set()
        return stuck.wait(30)

    def polite(ctx):
        polite_started.set()
        while not ctx.cancelled():
            time.sleep(0.01)
        raise Cancelled

    manager.submit(hung, lane=Lane.WRITES, on_done=calls.append)
    manager.submit(polite, lane=Lane.FILES, on_cancelled=lambda: calls.append("cancelled"))
    for _ in range(3):  # queued behind the stuck one: never started
        manager.submit(lambda ctx: calls.append("never"), lane=Lane.WRITES)
    # Both running before the shutdown (under load a lane's thread may start late).
    assert stuck_started.wait(WAIT_MS / 1000) and polite_started.wait(WAIT_MS / 1000)
    began = time.monotonic()
    try:
        assert manager.shutdown(timeout=0.5) is False  # the stuck one is still there
        assert time.monotonic() - began < 2
    finally:
        stuck.set()
    qtbot.wait(50)
    assert calls == []  # nothing is delivered after the shutdown
    assert manager.shutdown() is True  # safe twice
    assert manager.submit(lambda ctx: 1).state is JobState.DROPPED


def test_shutdown_cancels_cooperative_jobs_and_closes_their_stores(qtbot, store):
    manager = TaskManager(store.data_dir)
    opened: list = []
    started = threading.Event()

    def job(ctx):
        opened.append(ctx.store)
        started.set()
        while not ctx.cancelled():
            time.sleep(0.01)
        return "stopped"

    manager.submit(job, lane=Lane.NETWORK)
    assert started.wait(WAIT_MS / 1000)
    began = time.monotonic()
    assert manager.shutdown(timeout=5) is True
    assert time.monotonic() - began < 2
    assert _closed(opened[0])  # the worker thread closed its Store as it ended


def _closed(store: Store) -> bool:
    import sqlite3

    try:
        store.conn.execute("select 1")
    except sqlite3.ProgrammingError:
        return True
    return False


def test_the_synchronous_mode_runs_inline_and_still_calls_back(qtbot, store, operation):
    manager = TaskManager(store.data_dir, synchronous=True)
    got: list = []
    progress: list = []

    def job(ctx):
        ctx.progress(1, 2, "reading")
        return threading.current_thread() is threading.main_thread(), len(
            ctx.store.operations.list()
        )

    done = manager.submit(
        job,
        name="Inline",
        on_done=got.append,
        on_progress=lambda job, data: progress.append((job.done, job.total, job.text)),
    )
    assert done.state is JobState.FINISHED and got == [(True, 1)]  # before submit returned
    assert progress == [(1, 2, "reading")]
    errors: list = []
    manager.submit(lambda ctx: 1 / 0, on_failed=errors.append)
    assert isinstance(errors[0], ZeroDivisionError)
    assert manager.shutdown()


def test_a_job_function_runs_inline_without_qt(store, operation):
    assert run_inline(lambda ctx: ctx.store.operations.get(operation["id"])["name"], store) == (
        "Gard floods"
    )
    with pytest.raises(Cancelled):
        run_inline(lambda ctx: ctx.check() or ctx.job.cancel() or ctx.check(), store)


def test_what_a_job_wrote_goes_out_on_records_changed_before_its_callback(qtbot, tasks, operation):
    order: list[str] = []
    tasks.records_changed.connect(lambda changes: order.append(f"changed {sorted(changes.ids)}"))

    def job(ctx):
        return ctx.store.reports.add(operation["id"], {"title": "Bridge closed"})["id"]

    tasks.submit(job, lane=Lane.WRITES, on_done=lambda report_id: order.append("done"))
    qtbot.waitUntil(lambda: "done" in order, timeout=WAIT_MS)
    assert order == ["changed ['report']", "done"]


def test_a_job_that_failed_after_a_commit_still_says_what_it_changed(qtbot, tasks, operation):
    announced: list = []
    tasks.records_changed.connect(announced.append)
    failed: list = []

    def job(ctx):
        saved = ctx.store.reports.add(operation["id"], {"title": "Bridge closed"})
        raise OSError(f"the photo for {saved['id']} could not be read")

    tasks.submit(job, lane=Lane.WRITES, on_failed=failed.append)
    qtbot.waitUntil(lambda: bool(failed), timeout=WAIT_MS)
    saved_id = str(failed[0]).split()[3]
    assert len(announced) == 1 and announced[0].ids == {"report": {saved_id}}
    assert announced[0].local


def test_a_read_only_job_announces_nothing(qtbot, tasks, operation):
    announced: list = []
    tasks.records_changed.connect(announced.append)
    done: list = []
    tasks.submit(lambda ctx: ctx.store.operations.list(), on_done=done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=WAIT_MS)
    assert announced == []
