"""Benchmark: the radio entry form's work per keystroke, with 50,000 messages logged.

Loads 50,000 messages in one transaction (Store.radio.add_many: validated, with outbox,
history and hops, like any import), then replays an operator typing a radiogram text
one character at a time. Per keystroke the form does what the core offers it: the live
check of the text (with the warning when the received check differs), the normalised
preview, the next serial number of the station and the first page of the queue.
Target: < 16 ms per keystroke (one frame at 60 Hz).
"""

from __future__ import annotations

import random
import shutil
import sys
import time

from common import OUT, percentile, summary_ms

from fieldapp.radio.check import check_problem, compute_check, normalise
from fieldapp.store import Store

MESSAGES = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
TYPED = "Shelter at the school is full. Need 40 cots and water for 200 people. Reply?"
WORDS = [
    "NEED",
    "WATER",
    "FOOD",
    "COTS",
    "SHELTER",
    "SCHOOL",
    "ROAD",
    "CLOSED",
    "BRIDGE",
    "X",
    "QUERY",
    "ARL",
    "FIFTY",
]


def _messages(count: int, rng: random.Random) -> list[tuple[dict, dict]]:
    out = []
    for index in range(count):
        sent = index % 3 == 0
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 25)))
        values = {
            "text": text,
            "precedence": rng.choice("RRRRWWP") if index % 50 else "EMERGENCY",
            "direction": "sent" if sent else "received",
            "received_from": "" if sent else rng.choice(["F1PCT", "F5XYZ", "W1AW"]),
            "check_received": str(len(text.split())),
            "status": rng.choice(["waiting_relay", "relayed"]) if sent else None,
        }
        out.append((values, {}))
    return out


def main() -> dict:
    folder = OUT / f"radio-{MESSAGES}"
    shutil.rmtree(folder, ignore_errors=True)
    rng = random.Random(5)
    with Store(folder, user="bench") as store:
        op = store.operations.create("Radio bench")["id"]
        items = _messages(MESSAGES, rng)
        started = time.perf_counter()
        store.radio.add_many(op, items, station="F4ABC")
        load = time.perf_counter() - started
        store.radio.queue(op, 50)  # page cache warm-up, as an open desk has
        keystrokes = []
        for end in range(1, len(TYPED) + 1):
            text = TYPED[:end]
            started = time.perf_counter()
            preview = normalise(text).text
            compute_check(preview)
            check_problem("15", preview)
            store.radio.next_serial(op, "F4ABC")
            store.radio.queue(op, 50)
            keystrokes.append(time.perf_counter() - started)
        queued = len(store.radio.queue(op, 1_000_000))
    shutil.rmtree(folder, ignore_errors=True)
    print(f"load {MESSAGES} messages (one transaction): {load:.1f} s ({queued} in the queue)")
    print(f"per keystroke (check, normalise, serial, queue page): {summary_ms(keystrokes)}"
          " (target < 16 ms)")  # fmt: skip
    long_text = "Shelter full. ? Send 9 more cots, please; now! " * 400  # 19,000 characters
    started = time.perf_counter()
    normalise(long_text)
    pasted = time.perf_counter() - started
    print(f"normalise a pasted text of {len(long_text):,} characters: {pasted * 1000:.0f} ms"
          " (target < 1 s; linear, it was quadratic: seconds)")  # fmt: skip
    return {
        "radio_load_s": round(load, 1),
        "radio_keystroke_p95_ms": round(percentile(keystrokes, 95) * 1000, 2),
        "radio_normalise_long_ms": round(pasted * 1000),
    }


if __name__ == "__main__":
    main()
