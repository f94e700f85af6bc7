"""Benchmark: the offline gazetteer (fieldapp.places) as Go to, the Place field, the map
labels and the monitoring desk's place guesses use it.

- find: 3,000 names of the gazetteer, drawn at random (seeded), typed as a person would
  (lower case, no accents, sometimes "st" for "saint"): target p95 <= 5 ms;
- complete: every prefix of 1 to 6 letters of 500 of those names (the Place field);
- labels: views of 1,000 x 650 pixels over France at zooms 7, 9, 11 and 13;
- guess: crisis posts of 100-300 characters, French and English;
- first use: opening the file in a fresh process, the cost the first lookup pays;
- start-up: whether the window's start-up path imports fieldapp.places (it must not).
Figures in ms; the machine is printed by run_all.py.
"""

from __future__ import annotations

import random
import subprocess
import sys
import time
import unicodedata

from common import ROOT, percentile, summary_ms

from fieldapp.places.gazetteer import Gazetteer
from fieldapp.places.guess import guess_places

NAMES = 3000
POSTS = [
    "Crue de l'Aude : la D117 est coupée à Quillan, évitez le secteur d'Espéraza.",
    "Brives-Charensac inondé ce matin, la Loire a débordé sur la zone commerciale.",
    "Évacuation en cours près de Saint Paul de Fenouillet, pompiers sur place, RN116 fermée.",
    "Orages violents attendus au Puy-en-Velay cette nuit, vigilance orange dans le Gard.",
    "Flash flooding reported near Carcassonne and Limoux, roads closed, see https://x.y/z",
    "RT @prefet11: les secours arrivent de Carcassonne vers Limoux et Couiza #crue",
    "Heavy rain near Valence tonight; the Rhône is rising in Avignon and Tarascon.",
    "Toulouse sous l'eau après une nuit d'orages, métro fermé, 200 pompiers mobilisés.",
]


def typed(name: str, rng: random.Random) -> str:
    text = name.lower() if rng.random() < 0.5 else name
    if rng.random() < 0.5:
        text = "".join(
            c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
        )
    return text.replace("saint-", "st ") if rng.random() < 0.3 else text


def timed(fn, *args) -> float:
    """Seconds, as common.summary_ms wants them."""
    start = time.perf_counter()
    fn(*args)
    return time.perf_counter() - start


def view(lat: float, lon: float, zoom: int) -> tuple[float, float, float, float]:
    """W, S, E, N of a 1,000 x 650 pixel view centred there."""
    scale = 360.0 / (256 * (1 << zoom))
    half_w = 500 * scale
    half_h = 325 * scale * 0.72  # metres per degree of latitude at 44°N, roughly
    return (lon - half_w, lat - half_h, lon + half_w, lat + half_h)


def first_use_ms() -> float:
    script = (
        "import time; t = time.perf_counter();"
        "from fieldapp.places.gazetteer import Gazetteer;"
        "Gazetteer.default().find('Quillan');"
        "print((time.perf_counter() - t) * 1000)"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def imported_at_start_up() -> bool:
    script = (
        "import os, sys; os.environ.setdefault('QT_QPA_PLATFORM', 'offscreen');"
        "import fieldapp.cli.main, fieldapp.ui.shell.app, fieldapp.ui.shell.main_window;"
        "print(any(m.startswith('fieldapp.places') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True, cwd=ROOT)  # fmt: skip
    return out.stdout.strip() == "True"


def main() -> None:
    gazetteer = Gazetteer.default()
    gazetteer.check()
    rng = random.Random(11)
    db = gazetteer._db()  # the bench samples real names; the app never reads this way
    count = db.execute("SELECT count(*) FROM place").fetchone()[0]
    ids = rng.sample(range(1, count + 1), NAMES)
    names = [db.execute("SELECT name FROM place WHERE id = ?", (i,)).fetchone()[0] for i in ids]
    queries = [typed(name, rng) for name in names]
    for query in queries[:200]:
        gazetteer.find(query)  # warm the page cache, as a session in use has it
    finds = [timed(gazetteer.find, query) for query in queries]
    print(f"gazetteer find ({NAMES} typed names): {summary_ms(finds)}")
    print(f"  find p95 {percentile(finds, 95) * 1000:.3f} ms (target <= 5 ms)")
    found = sum(1 for q in queries if gazetteer.find(q, 1))
    print(f"  names found again: {found}/{NAMES}")
    completes = [
        timed(gazetteer.complete, name[:n])
        for name in names[:500]
        for n in range(1, 7)
        if len(name) >= n
    ]
    print(f"gazetteer complete (prefixes of 1-6 letters): {summary_ms(completes)}")
    for zoom in (7, 9, 11, 13):
        centres = [(rng.uniform(42.5, 50.5), rng.uniform(-4.5, 7.5)) for _ in range(40)]
        took = [timed(gazetteer.labels, *view(lat, lon, zoom), zoom) for lat, lon in centres]
        shown = sum(len(gazetteer.labels(*view(lat, lon, zoom), zoom)) for lat, lon in centres)
        each = f"{shown / 40:.0f} names a view"
        print(f"gazetteer labels zoom {zoom} (40 views): {summary_ms(took)}, {each}")
    posts = POSTS * 25
    guesses = [timed(guess_places, gazetteer, post) for post in posts]
    print(f"place guesses ({len(posts)} posts): {summary_ms(guesses)}")
    print(f"gazetteer first use (fresh process, open + one lookup): {first_use_ms():.1f} ms")
    print(f"fieldapp.places imported at start-up: {imported_at_start_up()}")


if __name__ == "__main__":
    main()
