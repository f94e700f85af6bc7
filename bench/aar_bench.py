"""The after-action report of a three-hour exercise: how long building it and writing its
CSV and PDF take (issue 16's target: <= 5 s).

The data set, made through the store API as the exercise would make it: the sample
scenario (resources/exercises/crue-eclair.csv, 45 injects over three hours) played once,
archived by a reset, and played again; in each run every inject is released and each of
5 players (a Store of their own user on the same data folder) acts on every delivered
record — a post triaged, an alert relayed, a radio message passed on, a report edited —
and 3 observers write 20 notes each; the trainer writes 15 lines of the report. The
releases happen within seconds, not over three hours of wall time: the records are the
same in number, only their times differ.

Then, each round timed with time.perf_counter in this process (one worker's work in the
app): `aar.build` with the comparison to run 1, `aar.to_csv`, and the PDF laid out and
painted by Qt offscreen (ui/exercises/aar_pdf.py). Prints the median and slowest of the
rounds. Run: .venv/bin/python bench/aar_bench.py (Qt offscreen, as the CLI)
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from fieldapp.core.times import utc_now
from fieldapp.exercises import aar
from fieldapp.exercises.injects import from_scenario
from fieldapp.exercises.msel import read_csv
from fieldapp.exercises.release import release
from fieldapp.exercises.runs import reset
from fieldapp.store import Store

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "resources" / "exercises" / "crue-eclair.csv"
PLAYERS = ("paul", "lea", "omar", "ines", "jules")
ROUNDS = 5
REPORT_EDITS = (
    {"verification": "confirmed"},
    {"status": "triaged"},
    {"severity": 4},
    {"place": "Anduze"},
    {"status": "in_progress"},
)
TRIAGES = ("rumour", "dismissed", "new", "rumour", "dismissed")


def act(player: Store, number: int, operation_id: str, record: dict) -> None:
    """Player `number` answers one delivered record as the desks would."""
    entity, record_id = record["entity"], record["id"]
    if entity == "item":
        player.items.set_status([record_id], TRIAGES[number])
    elif entity == "alert":
        channel = ("radio", "sms", "mastodon", "phone", "other")[number]
        player.relays.add(operation_id, {"alert_id": record_id, "channel": channel, "via": "F4"})
    elif entity == "radio_message":
        player.radio.relay(
            record_id, to_station=f"F{number}XYZ", net="GARD NET", at=utc_now(), station="F4ABC"
        )
    elif entity == "report":
        player.reports.update(record_id, REPORT_EDITS[number])


def play(store: Store, operation_id: str) -> int:
    """One run: every inject released, then each player on every delivered record."""
    delivered = []
    for inject in store.injects.list(operation_id):
        delivered.extend(release(store, inject["id"]))
    for number, user in enumerate(PLAYERS):
        with Store(store.data_dir, user=user) as player:
            for record in delivered:
                act(player, number, operation_id, record)
    injects = store.injects.list(operation_id)
    for observer in ("camille", "hugo", "nora"):
        with Store(store.data_dir, user=observer) as notes:
            for n in range(20):
                inject = injects[(n * 7) % len(injects)]
                text = f"Observation {n} : relais <b>lent</b>, consignes reprises à l'oral"
                notes.notes.add(operation_id, text, inject_id=inject["id"], player=PLAYERS[n % 5])
    return len(delivered)


def exercise(data_dir: Path) -> str:
    """Two runs of the sample scenario, the trainer's lines written; the exercise's id."""
    scenario = read_csv(SAMPLE.read_bytes(), source=SAMPLE.name)
    with Store(data_dir, user="trainer") as store:
        operation_id = store.operations.create(scenario.title, exercise=True)["id"]
        store.injects.add_many(operation_id, [from_scenario(i) for i in scenario.injects])
        started = time.perf_counter()
        records = play(store, operation_id)
        reset(store, operation_id, data_dir / "run1.db")
        play(store, operation_id)
        for n in range(15):
            section = ("strength", "improvement", "action")[n % 3]
            store.aar.add(operation_id, section, f"Ligne {n} du rapport", "Communications",
                          owner="Marie" if section == "action" else "", due="")  # fmt: skip
        print(
            f"data set: {len(scenario.injects)} injects, {records} delivered records, "
            f"{len(PLAYERS)} players on each, 2 runs ({time.perf_counter() - started:.1f} s)"
        )
    return operation_id


def measure(data_dir: Path, operation_id: str) -> None:
    from fieldapp.ui.exercises.aar_pdf import aar_pdf
    from fieldapp.ui.kit.pdf import pdf_application

    pdf_application()
    totals, parts = [], {"build": [], "csv": [], "pdf": []}
    pages = 0
    with Store(data_dir, user="trainer") as store:
        name = store.operations.get(operation_id)["name"]
        for _ in range(ROUNDS):
            started = time.perf_counter()
            report = aar.build(store, operation_id, compare_with=1)
            built = time.perf_counter()
            (data_dir / "aar.csv").write_bytes(aar.to_csv(report))
            written = time.perf_counter()
            pages = aar_pdf(report, data_dir / "aar.pdf", name=name)
            done = time.perf_counter()
            parts["build"].append(built - started)
            parts["csv"].append(written - built)
            parts["pdf"].append(done - written)
            totals.append(done - started)
    each = ", ".join(f"{k} {statistics.median(v) * 1000:.0f} ms" for k, v in parts.items())
    print(
        f"after-action report, build + CSV + PDF ({pages} pages): median "
        f"{statistics.median(totals):.2f} s, slowest {max(totals):.2f} s over {ROUNDS} rounds "
        f"({each}); target <= 5 s"
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        operation_id = exercise(data_dir)
        measure(data_dir, operation_id)


if __name__ == "__main__":
    main()
