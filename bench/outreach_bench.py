"""Counting outreach texts as the volunteer types: how long the desk takes to count a
draft on its four channels, which the UI does on every keystroke (on the UI thread if it
is fast enough: the budget is 16 ms, one frame).

Prints: the import time of the counting module (twitter-text's regular expressions are
compiled at import), the time to load the template library, and the median and 95th
percentile of counts(draft) over 200 runs for: a filled French template, the same with
a text at Mastodon's 500-character limit with links and emoji, and a 5,000-character
long version. Run: .venv/bin/python bench/outreach_bench.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

IMPORT = "import time; t = time.perf_counter(); import fieldapp.alerts.outreach.compose; " \
         "print((time.perf_counter() - t) * 1000)"  # fmt: skip


def runs_ms(fn, runs: int = 200) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def main() -> None:
    imports = [
        float(
            subprocess.run(
                [sys.executable, "-c", IMPORT], capture_output=True, text=True, check=True, cwd=ROOT
            ).stdout
        )
        for _ in range(5)
    ]
    print(f"import compose + counting (fresh process, median of 5): "
          f"{statistics.median(imports):.0f} ms")  # fmt: skip

    from fieldapp.alerts.outreach.compose import Draft, counts
    from fieldapp.alerts.outreach.templates import fill, load_templates

    median, _ = runs_ms(load_templates, runs=20)
    print(f"load_templates (13 templates, 2 languages): {median:.1f} ms (median of 20)")
    flood = next(t for t in load_templates() if t.key == "flood")
    values = {"area": "Haute-Savoie", "until": "mardi 18h", "link": "https://ex.org/a1b2c3d4e",
              "source": "Préfecture de la Haute-Savoie"}  # fmt: skip
    texts = fill(flood, "fr", values)
    dense = ("Crue 🌊 à Annecy https://www.haute-savoie.gouv.fr/crue @prefet74@mastodon.social "
             "🇫🇷 évitez les berges. ") * 6  # fmt: skip
    cases = {
        "filled flood template, 4 channels": texts,
        "Mastodon text near its limit with links, mentions, emoji": {**texts, "mastodon": dense},
        "5,000-character long version": {**texts, "long": texts["long"] * 4},
    }
    for label, case in cases.items():
        draft = Draft("fr", case, ("Inondation", "Haute-Savoie"), values["link"], True)
        median, p95 = runs_ms(lambda d=draft: counts(d))
        used = counts(draft)["mastodon"].used
        print(
            f"counts(): {label} (Mastodon {used}/500): median {median:.2f} ms, "
            f"p95 {p95:.2f} ms (200 runs)"
        )


if __name__ == "__main__":
    main()
