"""Synthetic reports for demos, training and benchmarks: floods and a storm across France.

`generate_reports(count, seed)` yields report values drawn from real communes and
rivers (demo_data.py), with French, English and mixed texts, every kind, source,
status and verdict, observed over five days. The same seed gives the same reports in
the same order: only a `random.Random(seed)` is used, never hash order or the clock.
`create_demo` saves them into a new EXERCISE operation with the store's bulk insert.
No I/O besides the store; call from one thread.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import random
import unicodedata
from base64 import urlsafe_b64encode
from bisect import bisect
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache
from itertools import accumulate
from typing import Any, TypeVar

from fieldapp.core.record_types import Operation
from fieldapp.demo import data

START_DAY = 16  # the scenario runs from 2026-10-16 00:00 UTC ...
SPAN_MIN = 5 * 1440  # ... for five days,
PEAK_MIN = 40 * 60  # with most reports on the second day.
PROGRESS_EVERY = 5000
BACKGROUND_FROM = 20_000  # below this, starting a second process costs more than it saves
BATCH = 2000
DESCRIPTION = (
    "Synthetic data made by `fieldapp demo`: heavy rain in the south, an Atlantic storm "
    "in the west. Every report is invented."
)

T = TypeVar("T")
_KIND_SHARES = {
    "observation": 30,
    "request_for_help": 12,
    "missing_person": 3,
    "damage": 20,
    "hazard": 15,
    "rumour": 8,
    "information": 12,
}
_KINDS = tuple(_KIND_SHARES)
_KIND_WEIGHTS = tuple(accumulate(_KIND_SHARES.values()))
_SEVERITY_WEIGHTS = {
    "observation": (15, 35, 30, 15, 5),
    "request_for_help": (0, 5, 20, 40, 35),
    "missing_person": (0, 0, 15, 40, 45),
    "damage": (5, 20, 35, 30, 10),
    "hazard": (5, 20, 40, 25, 10),
    "rumour": (30, 35, 25, 8, 2),
    "information": (45, 35, 15, 5, 0),
}
_SEVERITY_CUM = {kind: tuple(accumulate(w)) for kind, w in _SEVERITY_WEIGHTS.items()}
_SOURCES = ("social_media", "field", "radio", "phone", "sms", "authority", "other")
_SOURCE_CUM = {
    "rumour": tuple(accumulate((80, 2, 3, 5, 8, 0, 2))),
    "information": tuple(accumulate((20, 5, 10, 5, 5, 50, 5))),
    None: tuple(accumulate((35, 20, 12, 12, 8, 10, 3))),
}
_STATUSES = ("new", "triaged", "in_progress", "closed")
_STATUS_CUM = tuple(accumulate((40, 28, 17, 15)))
_VERDICTS = ("unverified", "confirmed", "debunked")
_VERDICT_CUM = {
    "rumour": tuple(accumulate((45, 10, 45))),
    "authority": tuple(accumulate((10, 88, 2))),
    None: tuple(accumulate((65, 30, 5))),
}
_NO_PLACE = {"rumour": 0.4, "information": 0.5}
_KIND_TAGS = {
    "observation": ("niveau", "photo"),
    "request_for_help": ("évacuation", "secours"),
    "missing_person": ("disparu",),
    "damage": ("pont", "route", "toiture"),
    "hazard": ("route", "électricité", "gaz"),
    "rumour": ("rumeur", "à vérifier"),
    "information": ("consignes", "hébergement"),
}
_RIVER_KEYS = ("{river}", "{River}", "{de_river}", "{river_en}", "{the_river}")
_LETTERS = "ABCDEFGHIJKLMNOPRSTUVWXYZ"  # as in call signs: no Q
_POST_ID = 1 << 60  # post ids of 19 digits, like those of the big platforms


def create_demo(
    store: Any,
    count: int,
    *,
    seed: int = 1,
    name: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> Operation:
    """A new exercise operation holding `count` synthetic reports; returns it."""
    op = store.operations.create(
        name or f"Demo: floods and storm, France (seed {seed})",
        exercise=True,
        description=DESCRIPTION,
    )
    reports: Iterable[dict] = (
        _made_by_a_helper_process(count, seed)
        if count >= BACKGROUND_FROM
        else generate_reports(count, seed)
    )
    if progress is not None:
        reports = _counted(reports, count, progress)
    store.reports.add_bulk(op["id"], reports)
    return op


def _made_by_a_helper_process(count: int, seed: int) -> Iterator[dict]:
    """generate_reports(count, seed), made by a second process while this one saves.

    Making the reports costs a third of a demo load; on two cores it need not wait for the
    saving. Batches come in order, so the reports are the same as generate_reports'.
    """
    context = multiprocessing.get_context("spawn")
    batches = context.Queue(maxsize=8)
    helper = context.Process(target=_make_batches, args=(batches, count, seed), daemon=True)
    helper.start()
    try:
        while True:
            try:
                batch = batches.get(timeout=1)
            except queue.Empty:
                if helper.is_alive():
                    continue
                raise RuntimeError("the demo data process stopped unexpectedly") from None
            if batch is None:
                return
            yield from batch
    finally:
        helper.terminate()
        helper.join()


def _make_batches(batches: Any, count: int, seed: int) -> None:
    parent = os.getppid()
    batch: list[dict] = []
    for report in generate_reports(count, seed):
        batch.append(report)
        if len(batch) == BATCH:
            _hand_over(batches, batch, parent)
            batch = []
    _hand_over(batches, batch, parent)
    _hand_over(batches, None, parent)


def _hand_over(batches: Any, batch: list[dict] | None, parent: int) -> None:
    """Put a batch in the queue; give up if the saving process is gone (killed)."""
    while True:
        try:
            batches.put(batch, timeout=1)
            return
        except queue.Full:
            if os.getppid() != parent:
                # Nobody will read what is still buffered: exit without waiting to flush it
                # (the default), or this process would outlive its parent for ever.
                batches.cancel_join_thread()
                raise SystemExit(1) from None


def _counted(items: Iterable[dict], total: int, progress: Callable[[int], None]) -> Iterator[dict]:
    done = 0
    for done, item in enumerate(items, 1):
        if done % PROGRESS_EVERY == 0:
            progress(done)
        yield item
    if done % PROGRESS_EVERY:
        progress(total)


def generate_reports(count: int, seed: int = 1) -> Iterator[dict]:
    """`count` report values; the same seed always gives the same ones."""
    rnd = random.Random(seed)
    town_cum = tuple(accumulate(town[5] for town in data.TOWNS))
    for _ in range(count):
        yield _report(rnd, _weighted(rnd, data.TOWNS, town_cum))


def _report(rnd: random.Random, town: tuple) -> dict:
    kind = _weighted(rnd, _KINDS, _KIND_WEIGHTS)
    fr_titles, en_titles, fr_bodies, en_bodies = _texts(town, kind)
    fill = _Fill()
    fill.rnd = rnd
    lang = rnd.random()
    title_fr, body_fr = lang < 0.62, lang < 0.62 or lang >= 0.92
    title = _pick(rnd, fr_titles if title_fr else en_titles).format_map(fill)
    bodies, closings = (fr_bodies, data.CLOSINGS_FR) if body_fr else (en_bodies, data.CLOSINGS_EN)
    body = _pick(rnd, bodies).format_map(fill)
    if rnd.random() < 0.6:
        body += " " + _pick(rnd, closings)
    source = _weighted(rnd, _SOURCES, _SOURCE_CUM.get(kind, _SOURCE_CUM[None]))
    observed = int(rnd.triangular(0, SPAN_MIN, PEAK_MIN))
    report = {
        "title": title,
        "body": body,
        "kind": kind,
        "severity": _weighted(rnd, (1, 2, 3, 4, 5), _SEVERITY_CUM[kind]),
        "observed_at": _time(observed),
        "author": _pick(rnd, data.VOLUNTEERS),
        "source": source,
        "source_ref": _source_ref(rnd, source, town),
        "status": _weighted(rnd, _STATUSES, _STATUS_CUM),
        "tags": _tags(rnd, town, kind),
    }
    report.update(_location(rnd, town, kind, source, fill))
    report.update(_verdict(rnd, kind, source, observed))
    return report


class _Fill(dict):
    """Values for the placeholders of one report, drawn when first used.

    Title and body share them, so both speak of the same street.
    """

    __slots__ = ("rnd",)
    rnd: random.Random

    def __missing__(self, key: str) -> str:
        rnd = self.rnd
        if key in ("landmark_fr", "landmark_en"):
            self["landmark_fr"], self["landmark_en"] = _pick(rnd, data.LANDMARKS)
            return self[key]
        value = _FILLERS[key](rnd)
        self[key] = value
        return value


_FILLERS: dict[str, Callable[[random.Random], str]] = {
    "street": lambda r: _pick(r, data.STREETS),
    "h": lambda r: str(r.randrange(10, 180, 5)),
    "metres": lambda r: f"{r.uniform(2, 9):.2f}".replace(".", ","),
    "metres_en": lambda r: f"{r.uniform(2, 9):.2f}",
    "n": lambda r: str(r.randint(2, 8)),
    "age": lambda r: str(r.randint(8, 88)),
    "road": lambda r: f"D{r.randint(1, 999)}",
    "wind": lambda r: str(r.randrange(90, 185, 5)),
    "hours": lambda r: str(r.randint(2, 12)),
    "clock": lambda r: f"{r.randint(5, 23)}h{_pick(r, ('00', '15', '30', '45'))}",
    "homes": lambda r: f"{r.randrange(500, 60000, 100):,}".replace(",", " "),
}


@cache
def _texts(town: tuple, kind: str) -> tuple[tuple[str, ...], ...]:
    """The kind's templates that fit this town, with the town's own words filled in."""
    name, _lat, _lon, dept, river, _weight = town
    words = {"{town}": name, "{a_town}": _a(name), "{de_town}": _de(name), "{dept}": dept}
    if river:
        bare = river.split("'", 1)[1] if "'" in river else river.split(" ", 1)[1]
        english = bare[0].upper() + bare[1:]
        words |= {
            "{river}": river,
            "{River}": river[0].upper() + river[1:],
            "{de_river}": _de(river),
            "{river_en}": english,
            "{the_river}": f"the {english}",
        }
    words["{coast}"] = ""
    out = []
    for templates in data.TEXTS[kind]:
        fitting = [t for t in templates if _fits(t, coastal=not river)]
        for key, value in words.items():
            fitting = [t.replace(key, value) for t in fitting]
        out.append(tuple(fitting))
    return tuple(out)


def _fits(template: str, *, coastal: bool) -> bool:
    if "{coast}" in template:
        return coastal
    return not coastal or not any(key in template for key in _RIVER_KEYS)


def _a(name: str) -> str:
    """French "in <town>": à Nîmes, au Muy, aux Sables-d'Olonne."""
    for article, contracted in (("Le ", "au "), ("Les ", "aux ")):
        if name.startswith(article):
            return contracted + name[len(article) :]
    return f"à {name}"


def _de(name: str) -> str:
    """French "of <town or river>": de Paris, d'Alès, du Muy, des Sables, de l'Aude."""
    for article, contracted in (("Le ", "du "), ("le ", "du "), ("Les ", "des ")):
        if name.startswith(article):
            return contracted + name[len(article) :]
    if name[0] in "AEIOUYÉÈÎ" or name.startswith("Hy"):
        return f"d'{name}"
    return f"de {name}"


@cache
def _slug(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "".join(c for c in plain.lower() if c.isalnum())


def _source_ref(rnd: random.Random, source: str, town: tuple) -> str:
    name, dept = town[0], town[3]
    if source == "social_media":
        return _social(rnd, _slug(name))
    if source == "radio":
        n = int(rnd.random() * len(_LETTERS) ** 3)
        letters = _LETTERS[n // 625] + _LETTERS[n // 25 % 25] + _LETTERS[n % 25]
        call = f"F{_pick(rnd, data.CALL_SIGN_DIGITS)}{letters}"
        return call if rnd.random() < 0.5 else f"{call} via relais {name}"
    if source in ("phone", "sms"):
        # 06 39 98 xx xx is the range ARCEP keeps for fiction: no real subscriber.
        return f"+33 6 39 98 {rnd.randint(0, 99):02d} {rnd.randint(0, 99):02d}"
    if source == "authority":
        return _pick(
            rnd, (f"Préfecture ({dept})", "Vigicrues", "Météo-France", f"SDIS {dept}", "Enedis")
        )
    if source == "field":
        return f"équipe {rnd.randint(1, 12)}" if rnd.random() < 0.5 else ""
    return _pick(rnd, ("radio locale", "France Bleu", "bouche-à-oreille"))


def _social(rnd: random.Random, slug: str) -> str:
    handle = f"{_pick(rnd, data.HANDLE_STARTS)}_{slug[:7]}{rnd.randint(10, 99)}"
    pick = rnd.random()
    if pick < 0.35:
        return f"https://x.com/{handle}/status/{_POST_ID | rnd.getrandbits(60)}"
    if pick < 0.55:
        post = _POST_ID | rnd.getrandbits(60)
        return f"https://www.facebook.com/groups/entraide.{slug}/posts/{post}"
    if pick < 0.7:
        return f"https://www.instagram.com/p/{urlsafe_b64encode(rnd.randbytes(8)).decode()[:11]}/"
    if pick < 0.8:
        return f"https://mastodon.social/@{handle}/{_POST_ID | rnd.getrandbits(56)}"
    return f"@{handle}"


def _tags(rnd: random.Random, town: tuple, kind: str) -> list[str]:
    river = town[4]
    tags = ["crue", _slug(river.split("'")[-1].split(" ", 1)[-1])] if river else ["tempête"]
    tags.append(f"dep-{town[3]}")
    if rnd.random() < 0.5:
        tags.append(_pick(rnd, _KIND_TAGS[kind]))
    return tags


def _location(rnd: random.Random, town: tuple, kind: str, source: str, fill: _Fill) -> dict:
    name, lat, lon, dept = town[0], town[1], town[2], town[3]
    if rnd.random() < _NO_PLACE.get(kind, 0.05):
        return {"place": f"{name} ({dept})"}
    place = f"{fill['street']}, {name}" if rnd.random() < 0.6 else f"{name} ({dept})"
    accuracy: float | None
    if source == "field":
        accuracy = rnd.randint(3, 30)
    elif source == "social_media":
        accuracy = _pick(rnd, (None, 50, 200, 1000, 5000))
    else:
        accuracy = _pick(rnd, (100, 250, 500, 1000))
    return {
        "lat": round(lat + (rnd.random() - rnd.random()) * 0.02, 5),
        "lon": round(lon + (rnd.random() - rnd.random()) * 0.028, 5),
        "accuracy_m": accuracy,
        "place": place,
    }


def _verdict(rnd: random.Random, kind: str, source: str, observed: int) -> dict:
    cum = _VERDICT_CUM.get(kind) or _VERDICT_CUM.get(source) or _VERDICT_CUM[None]
    verdict = _weighted(rnd, _VERDICTS, cum)
    if verdict == "unverified":
        return {"verification": verdict}
    return {
        "verification": verdict,
        "verified_by": _pick(rnd, data.VOLUNTEERS),
        "verified_at": _time(observed + rnd.randint(5, 240)),
        "verification_method": _pick(rnd, data.VERIFY_METHODS),
        "verification_confidence": _pick(rnd, ("low", "medium", "high", "high")),
    }


# Random.choice and .choices are several times slower than one random() each: the demo
# draws ~30 values per report and must make 200,000 reports in seconds.
def _pick(rnd: random.Random, items: Sequence[T]) -> T:
    return items[int(rnd.random() * len(items))]


def _weighted(rnd: random.Random, items: Sequence[T], cum_weights: Sequence[int]) -> T:
    return items[bisect(cum_weights, rnd.random() * cum_weights[-1])]


def _time(minute: int) -> str:
    """A minute of the scenario as stored time text."""
    return _minutes()[minute]


@cache
def _minutes() -> tuple[str, ...]:
    # Reports say the time to the minute; a table is cheaper than formatting 200,000 times.
    return tuple(
        f"2026-10-{START_DAY + m // 1440:02d}T{m // 60 % 24:02d}:{m % 60:02d}:00.000Z"
        for m in range(SPAN_MIN + 240)
    )
