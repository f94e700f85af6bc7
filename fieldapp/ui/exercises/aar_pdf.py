"""The after-action report as a PDF (HSEEP AAR/IP shape), laid out from the core's
`AfterAction` (exercises/aar.py): the title part (EXERCISE, the exercise, the run, its
dates), the executive summary's figures, response per channel, the timeline (how soon a
player opened each inject, expected against observed actions), the observers' notes,
the trainer's strengths, areas for improvement and improvement plan, and, when the
report has one, the comparison of two runs. Every page says EXERCISE in a band above and
below (kit/pdf.py).

Everything the users wrote is escaped: it shows as text, never as markup. Labels go
through QCoreApplication.translate (context "AfterActionPdf"), so the sheet is in the
language of the application when it is made.

Threads: any thread once a QGuiApplication exists (the window writes it in a job of the
files lane, the CLI in its own thread); pure functions of their arguments.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from fieldapp.core.times import utc_now
from fieldapp.exercises.aar import AfterAction, Comparison, Entry, Line
from fieldapp.exercises.clocktext import format_clock
from fieldapp.ui.exercises import aar_text as text
from fieldapp.ui.exercises import words
from fieldapp.ui.kit import pdf as pdf_pages
from fieldapp.ui.kit.file_jobs import PdfContent
from fieldapp.ui.kit.pdf import Progress

if TYPE_CHECKING:
    from fieldapp.store import Store
    from fieldapp.ui.kit.file_jobs import Build

translate = QCoreApplication.translate
_e = pdf_pages.escape
STYLE = """
h2 { font-size: 12pt; margin: 12px 0 4px 0; }
.cover { font-size: 11pt; }
.big { font-size: 20pt; font-weight: bold; color: #8b0000; }
.small td, .small th { font-size: 8pt; }
.figure { font-size: 13pt; font-weight: bold; }
"""  # added to the kit's


def exercise_line() -> str:
    """The line of the bands above and below every page (EXERCICE in French)."""
    return translate("AfterActionPdf", "EXERCISE EXERCISE EXERCISE")


def aar_content(report: AfterAction, name: str = "", written_at: str = "") -> PdfContent:
    """The report as the kit's PDF content: its HTML, title, bands and style."""
    name = name or report.title.removeprefix("EXERCISE — ")
    title = translate("AfterActionPdf", "After-action report — %1").replace("%1", name)
    body = aar_html(report, name, written_at or utc_now())
    return PdfContent(body, title, exercise_line(), STYLE)


def aar_pdf(
    report: AfterAction, path: Path | str, *, name: str = "", progress: Progress | None = None
) -> int:
    """Write the report as a PDF at `path`; the page count (cancel: kit/pdf.write_pdf)."""
    content = aar_content(report, name)
    return pdf_pages.write_pdf(
        content.body,
        path,
        title=content.title,
        exercise_line=content.exercise_line,
        style=content.style,
        progress=progress,
    )


def report_build(operation_id: str, compare_with: int | None = None) -> Build:
    """What a PDF job runs in its worker: the report built from the worker's Store, with
    the comparison to an earlier run when one is chosen."""

    def build(store: Store) -> PdfContent:
        from fieldapp.exercises import aar

        report = aar.build(store, operation_id, compare_with=compare_with)
        return aar_content(report, store.operations.get(operation_id)["name"])

    return build


def aar_html(report: AfterAction, name: str, written_at: str) -> str:
    parts = [
        _cover(report, name, written_at),
        _summary(report),
        _channels(report),
        _timeline(report.lines),
        _notes(report),
        _entries(report.entries, "strength"),
        _entries(report.entries, "improvement"),
        _plan(report.entries),
    ]
    if report.comparison is not None:
        parts.append(_comparison(report.comparison))
    return "".join(parts)


# -- the parts ------------------------------------------------------------------------------


def _cover(report: AfterAction, name: str, written_at: str) -> str:
    first, last = text.period(report.lines)
    rows = [
        (translate("AfterActionPdf", "Exercise"), name),
        (translate("AfterActionPdf", "Run"), str(report.run)),
        (translate("AfterActionPdf", "Played"), _span(first, last)),
        (translate("AfterActionPdf", "Report written"), text.when(written_at)),
    ]
    heading = translate("AfterActionPdf", "After-action report and improvement plan")
    word = translate("AfterActionPdf", "EXERCISE")
    return (
        f"<p class='big'>{_e(word)}</p>"
        f"<h1>{_e(heading)}</h1>"
        f"<table class='cover' width='70%'>{''.join(_pair(k, v) for k, v in rows)}</table>"
    )


def _summary(report: AfterAction) -> str:
    released = [line for line in report.lines if line.inject["status"] == "released"]
    times = _seconds(report.lines)
    skipped = sum(1 for line in report.lines if line.inject["status"] == "skipped")
    rows = [
        (translate("AfterActionPdf", "Injects in the scenario"), str(len(report.lines))),
        (translate("AfterActionPdf", "Injects released"), str(len(released))),
        (translate("AfterActionPdf", "Injects skipped"), str(skipped)),
        (translate("AfterActionPdf", "Injects seen by a player"), str(_seen(report.lines))),
        (translate("AfterActionPdf", "Injects answered"), str(len(times))),
        (
            translate("AfterActionPdf", "Median response"),
            text.duration(statistics.median(times) if times else None),
        ),
        (translate("AfterActionPdf", "Slowest response"), text.duration(max(times, default=None))),
    ]
    cells = "".join(
        f"<tr><td>{_e(label)}</td><td class='figure'>{_e(value)}</td></tr>" for label, value in rows
    )
    table = f"<table width='50%'>{cells}</table>"
    return _section(translate("AfterActionPdf", "Executive summary"), table)


def _seen(lines: Sequence[Line]) -> int:
    """How many released injects a player opened (a read receipt came back)."""
    return sum(1 for line in lines if line.response and line.response.seen_at)


def _channels(report: AfterAction) -> str:
    heads = _heads(
        translate("AfterActionPdf", "Channel"),
        translate("AfterActionPdf", "Released"),
        translate("AfterActionPdf", "Answered"),
        translate("AfterActionPdf", "Median response"),
        translate("AfterActionPdf", "Slowest response"),
        widths=(32, 17, 17, 17, 17),
    )
    rows = [
        [
            _channel(channel),
            str(figures.get("released") or 0),
            str(figures.get("answered") or 0),
            text.duration(figures.get("median_s")),
            text.duration(figures.get("slowest_s")),
        ]
        for channel, figures in report.channels.items()
    ]
    title = translate("AfterActionPdf", "Response per channel")
    return _section(title, _table(heads, rows, _empty_row(5)))


def _timeline(lines: Sequence[Line]) -> str:
    heads = _heads(
        translate("AfterActionPdf", "#"),
        translate("AfterActionPdf", "Scheduled"),
        translate("AfterActionPdf", "Channel"),
        translate("AfterActionPdf", "Released (UTC)"),
        translate("AfterActionPdf", "Seen after"),
        translate("AfterActionPdf", "First answer (UTC)"),
        translate("AfterActionPdf", "Response"),
        translate("AfterActionPdf", "Expected action"),
        translate("AfterActionPdf", "Observed action"),
        widths=(4, 11, 10, 10, 7, 9, 10, 20, 19),
    )
    rows = [_timeline_row(line) for line in lines]
    title = translate("AfterActionPdf", "Timeline")
    return _section(title, _table(heads, rows, _empty_row(9), small=True))


def _timeline_row(line: Line) -> list[str]:
    inject, response = line.inject, line.response
    status = inject["status"]
    if status != "released":
        released = words.status_labels().get(status, status)
    else:
        released = text.clock_time(inject["released_at"])
    answered = response.answered_at if response else None
    if status != "released":
        observed = ""
    elif response and response.what:
        observed = words.action_text(response.what)
    else:
        observed = translate("AfterActionPdf", "No answer")
    return [
        inject["number"],
        format_clock(int(inject["at_s"])),
        _channel(inject["channel"]),
        released,
        text.duration(response.seen_seconds if response else None),
        text.clock_time(answered),
        text.duration(response.seconds if response else None),
        inject["expected_action"],
        observed,
    ]


def _notes(report: AfterAction) -> str:
    numbered = [(line.inject["number"], note) for line in report.lines for note in line.notes]
    every = numbered + [("", note) for note in report.general_notes]
    every.sort(key=lambda pair: pair[1]["at"] or "")
    heads = _heads(
        translate("AfterActionPdf", "Time"),
        translate("AfterActionPdf", "Inject"),
        translate("AfterActionPdf", "Player"),
        translate("AfterActionPdf", "Observer"),
        translate("AfterActionPdf", "Note"),
        widths=(10, 7, 14, 14, 55),
    )
    rows = [
        [_note_time(note), number, note["player"], note["author"], note["text"]]
        for number, note in every
    ]
    title = translate("AfterActionPdf", "Observers' notes")
    return _section(title, _table(heads, rows, _empty_row(5), small=True))


def _entries(entries: Iterable[Entry], section: str) -> str:
    chosen = [entry for entry in entries if entry.section == section]
    heads = _heads(
        translate("AfterActionPdf", "#"),
        translate("AfterActionPdf", "Observation"),
        translate("AfterActionPdf", "Capability"),
        widths=(4, 70, 26),
    )
    rows = [[str(n), entry.text, entry.capability] for n, entry in enumerate(chosen, 1)]
    if section == "strength":
        title = translate("AfterActionPdf", "Strengths")
    else:
        title = translate("AfterActionPdf", "Areas for improvement")
    return _section(title, _table(heads, rows, _empty_row(3)))


def _plan(entries: Iterable[Entry]) -> str:
    actions = [entry for entry in entries if entry.section == "action"]
    heads = _heads(
        translate("AfterActionPdf", "#"),
        translate("AfterActionPdf", "Corrective action"),
        translate("AfterActionPdf", "Capability"),
        translate("AfterActionPdf", "Owner"),
        translate("AfterActionPdf", "Due"),
        widths=(4, 44, 20, 18, 14),
    )
    rows = [
        [str(n), entry.text, entry.capability, entry.owner, entry.due]
        for n, entry in enumerate(actions, 1)
    ]
    title = translate("AfterActionPdf", "Improvement plan")
    return _section(title, _table(heads, rows, _empty_row(5)), new_page=True)


def _comparison(comparison: Comparison) -> str:
    earlier = translate("AfterActionPdf", "Run %1").replace("%1", str(comparison.earlier_run))
    this = translate("AfterActionPdf", "Run %1").replace("%1", str(comparison.this_run))
    difference = translate("AfterActionPdf", "Difference")
    channel_rows = [
        [_channel(channel), text.duration(before), text.duration(now), text.difference(before, now)]
        for channel, (before, now) in comparison.channels.items()
    ]
    channels = _heads(
        translate("AfterActionPdf", "Channel"), earlier, this, difference, widths=(40, 20, 20, 20)
    )
    inject_rows = [
        [
            row.number,
            _channel(row.channel),
            text.duration(row.earlier_s),
            text.duration(row.this_s),
            text.difference(row.earlier_s, row.this_s),
        ]
        for row in comparison.injects
    ]
    injects = _heads(
        translate("AfterActionPdf", "#"),
        translate("AfterActionPdf", "Channel"),
        earlier,
        this,
        difference,
        widths=(8, 32, 20, 20, 20),
    )
    title = translate("AfterActionPdf", "Run %1 compared with run %2")
    title = title.replace("%1", str(comparison.this_run)).replace("%2", str(comparison.earlier_run))
    explained = translate(
        "AfterActionPdf", "Median response per channel, then response per inject."
    )
    return _section(
        title,
        new_page=True,
        inside=f"<p>{_e(explained)}</p>"
        + _table(channels, channel_rows, _empty_row(4))
        + "<br>"
        + _table(injects, inject_rows, _empty_row(5), small=True),
    )


# -- small pieces ---------------------------------------------------------------------------


def _section(title: str, inside: str, *, new_page: bool = False) -> str:
    """A titled part; the improvement plan and the comparison start a page (appendices)."""
    style = " style='page-break-before: always'" if new_page else ""
    return f"<h2{style}>{_e(title)}</h2>{inside}"


def _pair(label: str, value: str) -> str:
    return f"<tr><th>{_e(label)}</th><td>{_e(value)}</td></tr>"


def _heads(*names: str, widths: Sequence[int] = ()) -> str:
    """A table's head row; `widths` in percent of the page, one per column."""
    cells = "".join(
        f"<th width='{width}%'>{_e(name)}</th>" if width else f"<th>{_e(name)}</th>"
        for name, width in zip(names, [*widths, *[0] * len(names)], strict=False)
    )
    return f"<thead><tr>{cells}</tr></thead>"


def _table(heads: str, rows: Sequence[Sequence[str]], empty: str, small: bool = False) -> str:
    body = "".join(
        "<tr>" + "".join(f"<td>{_e(cell)}</td>" for cell in row) + "</tr>" for row in rows
    )
    kind = " class='small'" if small else ""
    return f"<table width='100%'{kind}>{heads}{body or empty}</table>"


def _empty_row(columns: int) -> str:
    none = translate("AfterActionPdf", "None")
    return f"<tr><td colspan='{columns}'>{_e(none)}</td></tr>"


def _channel(channel: str) -> str:
    return words.channel_labels().get(channel, channel)


def _seconds(lines: Iterable[Line]) -> list[float]:
    return [
        line.response.seconds
        for line in lines
        if line.response is not None and line.response.seconds is not None
    ]


def _span(first: str | None, last: str | None) -> str:
    if first is None or last is None:
        return translate("AfterActionPdf", "Not played yet")
    return text.span(first, last)


def _note_time(note: Mapping[str, Any]) -> str:
    if note.get("exercise_s") is not None:
        return format_clock(int(note["exercise_s"]))
    return text.clock_time(note.get("at"))
