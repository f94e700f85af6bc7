"""Several programs on one data folder at once: nothing saved is lost, no WAL is deleted.

The window, a script, a scheduled backup or sync may all use one data folder. These
tests run real processes (Linux: they read /proc/PID/fd to see a deleted WAL under a
live connection, the way the bug of issue 10 lost saves).
"""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from shared_folder_kit import Run, deleted_database_files, fieldapp

from fieldapp.cli.main import main
from fieldapp.store import Store
from fieldapp.tiles import MBTilesReader

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="reads /proc/PID/fd; needs SIGKILL"
)

HOLDER = textwrap.dedent(
    """
    import sys
    from fieldapp.store import Store

    store = Store(sys.argv[1], user="window")
    Store(sys.argv[1]).close()  # as every worker thread of the window does
    op_id = sys.argv[2]
    print("ready", flush=True)
    for line in sys.stdin:  # one save per line asked for
        print(store.reports.add(op_id, {"title": line.strip()})["id"], flush=True)
    """
)


def run_cli(data: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        fieldapp("--data-dir", str(data), *args), capture_output=True, text=True, timeout=120
    )


def test_a_command_beside_an_open_store_deletes_nothing_and_loses_nothing(tmp_path):
    """The reproduction of issue 10, in its script form."""
    data = tmp_path / "data"
    with Store(data) as store:
        op_id = store.operations.create("Tempête")["id"]
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(data), op_id],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        saved = []
        for n in range(3):
            holder.stdin.write(f"window {n}\n")
            holder.stdin.flush()
            saved.append(holder.stdout.readline().strip())
            listing = run_cli(data, "report", "list", "--operation", op_id)
            assert listing.returncode == 0, listing.stderr
            added = run_cli(data, "report", "add", "--operation", op_id, "--title", f"cli {n}")
            assert added.returncode == 0, added.stderr
            assert deleted_database_files(holder.pid) == []
            assert {p.name for p in data.iterdir()} >= {"fieldapp.db-wal", "fieldapp.db-shm"}
    finally:
        holder.send_signal(signal.SIGKILL)  # no clean close: what it saved must be on disk
        holder.wait()
    with Store(data) as store:
        titles = {r["title"] for r in store.conn.execute("SELECT title FROM reports")}
        assert titles == {f"window {n}" for n in range(3)} | {f"cli {n}" for n in range(3)}
        for report_id in saved:
            assert store.reports.get(report_id)["operation_id"] == op_id
        assert [r[0] for r in store.conn.execute("PRAGMA integrity_check")] == ["ok"]


def test_every_command_beside_a_writer_and_kills_lose_nothing(tmp_path):
    """The short run of the multi-process test (bench/shared_folder_bench.py: the long one)."""
    figures = Run(tmp_path, seconds=25, seed=10, writer_every=6).run()
    assert figures.problems == [], "\n".join(figures.problems)
    assert figures.lost == []
    # the run did what it claims: saves on both sides, kills of both sides
    assert figures.writer_saves > 50 and figures.command_saves > 0
    assert figures.writer_kills >= 2 and figures.command_kills >= 1


def test_programs_opening_a_new_folder_at_once_all_succeed(tmp_path):
    """The first migration runs once, under SQLite's write lock; the others wait for it."""
    data = tmp_path / "data"
    procs = [
        subprocess.Popen(
            fieldapp("--data-dir", str(data), "operation", "create", f"op {n}"),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(6)
    ]
    results = [(p.wait(120), p.stderr.read()) for p in procs]
    assert results == [(0, "")] * 6
    with Store(data) as store:
        assert sorted(op["name"] for op in store.operations.list()) == [f"op {n}" for n in range(6)]


@pytest.mark.parametrize(
    ("command", "target"),
    [
        (["report", "add", "--title", "the database", "--photo"], "fieldapp.db"),
        (["report", "add", "--title", "the journal", "--photo"], "fieldapp.db-wal"),
        (["radio", "import"], "fieldapp.db"),
        (["feature", "add", "--name", "zone", "--category", "area", "--file"], "fieldapp.db"),
        (["tiles", "import"], "tiles/aude.mbtiles"),
        (["radio", "log", "--from", "2026-01-01", "--to", "2026-12-31", "-o"], "fieldapp.db"),
        (["tiles", "get", "0", "0", "0", "--set", "aude", "-o"], "fieldapp.db"),
        (["server", "import-bundle"], "server.db"),
    ],
)
def test_the_folders_own_databases_are_refused_as_plain_files(tmp_path, capsys, command, target):
    """Attaching, importing or writing over a live database would read or close it behind
    SQLite's back (or destroy it): refused in words, while a Store holds it open."""
    data = tmp_path / "data"
    with Store(data) as store:
        store.operations.create("Crue")
        assert (
            main(["--data-dir", str(data), "tiles", "import", str(_tiles()), "--name", "aude"]) == 0
        )
        assert main(["--data-dir", str(data), "server", "init"]) == 0
        capsys.readouterr()
        before = store.conn.execute("SELECT count(*) FROM outbox").fetchone()[0]
        code = main(["--data-dir", str(data), *command, str(data / target)])
        err = capsys.readouterr().err
        assert code != 0
        assert "FieldApp's own" in err and "Traceback" not in err
        assert store.conn.execute("SELECT count(*) FROM outbox").fetchone()[0] == before
        assert (data / "fieldapp.db-wal").exists()  # the open store's files are all there
    with Store(data) as store:
        assert [r[0] for r in store.conn.execute("PRAGMA integrity_check")] == ["ok"]


def _tiles() -> Path:
    return Path(__file__).parent / "samples" / "geo" / "mbtiles" / "plain_1.mbtiles"


def test_a_tile_set_in_use_elsewhere_is_not_replaced_under_it(tmp_path):
    """A download writing into a set holds its WAL: --replace is refused in words (it
    would have pulled the WAL from under the download), and works once it has finished,
    even while a map reads the set."""
    data = tmp_path / "data"
    (data / "tiles").mkdir(parents=True)
    writer = subprocess.Popen(
        [sys.executable, "-c", _TILE_WRITER, str(data / "tiles" / "aude.mbtiles")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout.readline().strip() == "writing"
        refused = run_cli(data, "tiles", "import", str(_tiles()), "--name", "aude", "--replace")
        assert refused.returncode == 1
        assert "in use by another program" in refused.stderr
        assert "Traceback" not in refused.stderr
        writer.stdin.write("one more\n")
        writer.stdin.flush()
        assert writer.stdout.readline().strip() == "wrote"  # it kept writing, unharmed
    finally:
        writer.stdin.close()
        writer.wait(30)
    assert writer.returncode == 0
    # a set at rest: a map that has it open does not stand in the way
    with MBTilesReader(data / "tiles" / "aude.mbtiles") as shown:
        assert shown.metadata()["fieldapp:note"] == "one more"
        replaced = run_cli(data, "tiles", "import", str(_tiles()), "--name", "aude", "--replace")
    assert replaced.returncode == 0, replaced.stderr


_TILE_WRITER = textwrap.dedent(
    """
    import sys
    from fieldapp.tiles import MBTilesWriter

    with MBTilesWriter(sys.argv[1]) as writer:
        writer.write(metadata={"fieldapp:note": "started"})
        print("writing", flush=True)
        for line in sys.stdin:
            writer.write(metadata={"fieldapp:note": line.strip()})
            print("wrote", flush=True)
    """
)
