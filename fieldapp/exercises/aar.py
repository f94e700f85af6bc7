"""The after-action report's content (HSEEP AAR shape), built from what actually
happened: the timeline of injects (scheduled, released, first opened by a player, first
answered, by what), the
response times per inject and per channel (median, slowest), the expected against the
observed player action, and the observers' notes on each inject. Written as CSV here
(UTF-8 with a BOM, so spreadsheets read the accents); the PDF is the window's (Qt).

Functions of a Store: run them in the thread that opened it (a job, or the CLI).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from fieldapp.exercises.clocktext import format_clock
from fieldapp.exercises.mseltable import number_key
from fieldapp.exercises.response import Response, responses, summary

if TYPE_CHECKING:
    from fieldapp.core.record_types import Inject, ObserverNote
    from fieldapp.store import Store


@dataclass(frozen=True)
class Line:
    """One inject of the timeline, with its answer and the notes on it."""

    inject: Inject
    response: Response | None
    notes: tuple[ObserverNote, ...]


SECTIONS = ("strength", "improvement", "action")  # HSEEP AAR/IP: written by the trainer


@dataclass(frozen=True)
class Entry:
    """A line the trainer writes: a strength, an area for improvement, or an action of
    the improvement plan (with its owner and due date, an ISO date or "")."""

    section: str  # one of SECTIONS
    text: str
    capability: str = ""  # the objective or core capability it is about
    owner: str = ""
    due: str = ""


@dataclass(frozen=True)
class ComparedInject:
    """One inject's response time in an earlier run and in this one (None: unanswered
    or not released in that run)."""

    number: str
    channel: str
    earlier_s: float | None
    this_s: float | None


@dataclass(frozen=True)
class Comparison:
    """Two runs of the same scenario side by side."""

    earlier_run: int
    this_run: int
    injects: tuple[ComparedInject, ...]
    channels: dict[str, tuple[float | None, float | None]]  # median seconds (earlier, this)


@dataclass
class AfterAction:
    title: str
    lines: list[Line] = field(default_factory=list)
    channels: dict[str, dict[str, float | int | None]] = field(default_factory=dict)
    general_notes: list[ObserverNote] = field(default_factory=list)  # on no inject
    run: int = 1  # the run of the scenario this report is about (reset starts the next)
    entries: list[Entry] = field(default_factory=list)  # in SECTIONS order, then as written
    comparison: Comparison | None = None


def build(store: Store, operation_id: str, compare_with: int | None = None) -> AfterAction:
    """The report of the run being played; `compare_with`: an archived run's number, set
    side by side with it."""
    operation = store.operations.get(operation_id)
    found = {r.number: r for r in responses(store, operation_id)}
    run = store.runs.current(operation_id)
    notes = store.notes.list(operation_id)
    by_inject: dict[str, list[ObserverNote]] = {}
    for note in notes:
        if note["inject_id"]:
            by_inject.setdefault(note["inject_id"], []).append(note)
    lines = [
        Line(i, found.get(i["number"]), tuple(by_inject.get(i["id"], [])))
        for i in store.injects.list(operation_id)
    ]
    channels = summary(found.values())
    comparison = None
    if compare_with is not None:
        earlier = store.runs.get(operation_id, compare_with)
        comparison = compare(earlier["summary"], compare_with, found, channels, run)
    entries = [
        Entry(e["section"], e["text"], e["capability"], e["owner"], e["due"])
        for e in store.aar.list(operation_id)
    ]
    return AfterAction(
        f"EXERCISE — {operation['name']}",
        lines,
        channels,
        [n for n in notes if not n["inject_id"]],
        run,
        entries,
        comparison,
    )


def compare(
    earlier: Mapping[str, Any],
    earlier_run: int,
    found: Mapping[str, Response],
    channels: Mapping[str, Mapping[str, float | int | None]],
    this_run: int,
) -> Comparison:
    """An archived run's summary (exercises/runs.run_summary) beside this run's responses:
    every inject released in either run, in the order of the scenario's numbers."""
    before = {r["number"]: r for r in earlier.get("responses", [])}
    numbers = sorted({*before, *found}, key=number_key)
    injects = tuple(
        ComparedInject(
            number,
            (found[number].channel if number in found else before[number]["channel"]),
            before[number]["seconds"] if number in before else None,
            found[number].seconds if number in found else None,
        )
        for number in numbers
    )
    names = sorted({*earlier.get("channels", {}), *channels})
    medians = {
        name: (
            earlier.get("channels", {}).get(name, {}).get("median_s"),
            channels.get(name, {}).get("median_s"),
        )
        for name in names
    }
    return Comparison(earlier_run, this_run, injects, medians)


HEADER = (
    "Inject",
    "Scheduled",
    "Channel",
    "Status",
    "Released at",
    "First seen at",
    "Seen (s)",
    "Seen by",
    "First answer at",
    "Response (s)",
    "Expected player action",
    "Observed",
    "Observer notes",
)


def to_csv(report: AfterAction) -> bytes:
    """The timeline, then one line per channel: a spreadsheet's after-action report."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([report.title, f"Run {report.run}"])
    writer.writerow(HEADER)
    for line in report.lines:
        inject, response = line.inject, line.response
        seconds = response.seconds if response else None
        seen = response.seen_seconds if response else None
        writer.writerow(
            [
                inject["number"],
                format_clock(inject["at_s"]),
                inject["channel"],
                inject["status"],
                inject["released_at"] or "",
                (response.seen_at or "") if response else "",
                _number(seen),
                response.seen_by if response else "",
                (response.answered_at or "") if response else "",
                "" if seconds is None else f"{seconds:.0f}",
                inject["expected_action"],
                response.what if response else "",
                " | ".join(f"{n['author']}: {n['text']}" for n in line.notes),
            ]
        )
    writer.writerow([])
    writer.writerow(("Channel", "Released", "Answered", "Median (s)", "Slowest (s)"))
    for channel, figures in report.channels.items():
        writer.writerow(
            [
                channel,
                figures["released"],
                figures["answered"],
                _number(figures["median_s"]),
                _number(figures["slowest_s"]),
            ]
        )
    if report.general_notes:
        writer.writerow([])
        writer.writerow(("Observer notes", "", ""))
        for note in report.general_notes:
            writer.writerow([note["at"], note["player"], f"{note['author']}: {note['text']}"])
    _entries_csv(writer, report.entries)
    if report.comparison:
        _comparison_csv(writer, report.comparison)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


SECTION_TITLES = {
    "strength": "Strengths",
    "improvement": "Areas for improvement",
    "action": "Improvement plan",
}


def _entries_csv(writer: Any, entries: list[Entry]) -> None:
    for section in SECTIONS:
        chosen = [e for e in entries if e.section == section]
        if not chosen:
            continue
        writer.writerow([])
        writer.writerow((SECTION_TITLES[section], "Capability", "Owner", "Due"))
        for entry in chosen:
            writer.writerow([entry.text, entry.capability, entry.owner, entry.due])


def _comparison_csv(writer: Any, comparison: Comparison) -> None:
    earlier, this = f"Run {comparison.earlier_run} (s)", f"Run {comparison.this_run} (s)"
    writer.writerow([])
    writer.writerow(("Inject", "Channel", earlier, this, "Difference (s)"))
    for item in comparison.injects:
        writer.writerow(
            [item.number, item.channel, _number(item.earlier_s), _number(item.this_s),
             _difference(item.earlier_s, item.this_s)]
        )  # fmt: skip
    writer.writerow([])
    writer.writerow(("Channel", f"Median, {earlier}", f"Median, {this}", "Difference (s)"))
    for channel, (before, after) in comparison.channels.items():
        writer.writerow([channel, _number(before), _number(after), _difference(before, after)])


def _difference(before: float | None, after: float | None) -> str:
    """How much faster (negative) or slower this run answered; "" when one is missing."""
    return "" if before is None or after is None else f"{after - before:+.0f}"


def _number(value: float | int | None) -> str:
    return "" if value is None else f"{value:.0f}"
