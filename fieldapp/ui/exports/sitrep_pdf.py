"""The situation report as a PDF, in OCHA's order: the title block, highlights, situation
overview, key figures, the map snapshot (offline tiles and the report markers), the
situation by area, needs and response, rumours debunked, the most important verified
reports and the next report time. An exercise's sitrep says EXERCISE in a band above and
below every page (kit/pdf.py) and in its title.

English or French by the `lang` argument, whatever the window's language
(sitrep_words.in_language). Everything users wrote (the coordinator's text, titles,
places, claims) is escaped: it shows as text, never as markup.

Threads: any thread once a QGuiApplication exists (the window writes it in a job of the
files lane, the CLI in its own thread); `sitrep_build` reads from the Store it is given,
in the thread that opened it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from fieldapp.exports import sitrep as core
from fieldapp.exports.sitrep import Sitrep
from fieldapp.exports.sitrep_map import Snapshot, snapshot
from fieldapp.ui.exports import sitrep_words as words
from fieldapp.ui.exports.sitrep_map import paint_snapshot, png_data_uri
from fieldapp.ui.exports.sitrep_words import in_language, translate
from fieldapp.ui.kit import pdf as pdf_pages
from fieldapp.ui.kit.file_jobs import PdfContent
from fieldapp.ui.kit.pdf import Progress

if TYPE_CHECKING:
    from fieldapp.store import Store
    from fieldapp.ui.kit.file_jobs import Build

_e = pdf_pages.escape
STYLE = """
h2 { font-size: 12pt; margin: 12px 0 4px 0; }
.big { font-size: 20pt; font-weight: bold; color: #8b0000; }
.small td, .small th { font-size: 8pt; }
.figure { font-size: 12pt; font-weight: bold; }
.text { font-size: 10pt; }
.note { font-size: 8pt; color: #333; }
"""  # added to the kit's


def sitrep_build(
    operation_id: str,
    lang: str,
    *,
    highlights: str = "",
    overview: str = "",
    next_report: str | None = None,
) -> Build:
    """What a PDF job runs in its worker: the sitrep and its map from the worker's Store."""

    def build(store: Store) -> PdfContent:
        report = core.build(
            store, operation_id, highlights=highlights, overview=overview, next_report=next_report
        )
        return sitrep_content(report, map_of(store, report), lang)

    return build


def map_of(store: Store, report: Sitrep) -> Snapshot:
    """The map snapshot of a sitrep: its box, the numbered pins of its listed reports."""
    pins = [(n, top.lat, top.lon, top.severity) for n, top in enumerate(report.top, 1)]
    return snapshot(store, report.operation_id, report.bbox, pins)


def sitrep_content(report: Sitrep, shot: Snapshot, lang: str) -> PdfContent:
    """The sitrep as the kit's PDF content (HTML, title, bands, style) in `lang`."""
    with in_language(lang):
        title = translate("SitrepPdf", "Situation report — %1").replace("%1", report.operation_name)
        if report.exercise:
            title = translate("SitrepPdf", "EXERCISE") + " — " + title
        band = words.exercise_line() if report.exercise else ""
        return PdfContent(sitrep_html(report, shot), title, band, STYLE)


def sitrep_pdf(
    report: Sitrep,
    shot: Snapshot,
    path: Path | str,
    *,
    lang: str = "en",
    progress: Progress | None = None,
) -> int:
    """Write the sitrep as a PDF at `path`; the page count (cancel: kit/pdf.write_pdf)."""
    content = sitrep_content(report, shot, lang)
    return pdf_pages.write_pdf(
        content.body,
        path,
        title=content.title,
        exercise_line=content.exercise_line,
        style=content.style,
        progress=progress,
    )


def sitrep_html(report: Sitrep, shot: Snapshot) -> str:
    """The body, in the current thread's language (call inside in_language)."""
    return "".join(
        (
            _title(report),
            _text_part(translate("SitrepPdf", "Highlights"), report.highlights),
            _text_part(translate("SitrepPdf", "Situation overview"), report.overview),
            _figures(report),
            _map(report, shot),
            _areas(report),
            _needs(report),
            _rumours(report),
            _top(report),
            _next(report),
        )
    )


# -- the parts ------------------------------------------------------------------------------


def _title(report: Sitrep) -> str:
    heading = translate("SitrepPdf", "Situation report")
    rows = [
        (translate("SitrepPdf", "Operation"), report.operation_name),
        (translate("SitrepPdf", "Situation as of"), when(report.written_at)),
        (translate("SitrepPdf", "Next report"), _next_time(report)),
    ]
    exercise = ""
    if report.exercise:
        exercise = f"<p class='big'>{_e(translate('SitrepPdf', 'EXERCISE'))}</p>"
    cells = "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in rows)
    return f"{exercise}<h1>{_e(heading)}</h1><table width='70%'>{cells}</table>"


def _text_part(title: str, text: str) -> str:
    shown = text or translate("SitrepPdf", "None given.")
    return _section(title, f"<p class='text'>{_e(shown)}</p>")


def _figures(report: Sitrep) -> str:
    f = report.figures
    kinds, severities = words.kind_labels(), words.severity_labels()
    verifications = words.verification_labels()
    rows = [
        (translate("SitrepPdf", "Reports"), str(f.reports)),
        (translate("SitrepPdf", "By kind"), ""),
        *((f"    {kinds.get(k, k)}", str(n)) for k, n in f.by_kind.items() if n),
        (translate("SitrepPdf", "By severity"), ""),
        *((f"    {severities.get(s, str(s))}", str(n)) for s, n in f.by_severity.items() if n),
        (translate("SitrepPdf", "By verification"), ""),
        *((f"    {verifications.get(v, v)}", str(n)) for v, n in f.by_verification.items()),
        (translate("SitrepPdf", "Requests for help open"), str(f.help_open)),
        (translate("SitrepPdf", "Requests for help closed"), str(f.help_closed)),
        (translate("SitrepPdf", "Official alerts active"), str(f.alerts_active)),
        (
            translate("SitrepPdf", "Radio messages handled (relayed or delivered)"),
            translate("SitrepPdf", "%1 of %2")
            .replace("%1", str(f.radio_handled))
            .replace("%2", str(f.radio_total)),
        ),
        (translate("SitrepPdf", "Rumours debunked"), str(f.rumours_debunked)),
    ]
    cells = "".join(
        f"<tr><td>{_e(label).replace('    ', '&nbsp;' * 6)}</td>"
        f"<td class='figure'>{_e(value)}</td></tr>"
        for label, value in rows
    )
    inside = f"<table width='60%'>{cells}</table>"
    if report.alerts:
        listed = "".join(f"<li>{_e(headline)}</li>" for headline in report.alerts)
        inside += f"<p>{_e(translate('SitrepPdf', 'Active alerts:'))}</p><ul>{listed}</ul>"
    return _section(translate("SitrepPdf", "Key figures"), inside)


def _map(report: Sitrep, shot: Snapshot) -> str:
    uri = png_data_uri(paint_snapshot(shot))
    located = translate("SitrepPdf", "%1 of %2 reports have a position.")
    located = located.replace("%1", str(report.located)).replace("%2", str(report.figures.reports))
    legend = translate(
        "SitrepPdf",
        "Dots: located reports, coloured by their worst severity (blue 1 to dark red 5),"
        " bigger where there are more. Numbers: the verified reports listed below.",
    )
    image = f"<img src='{uri}' width='{shot.width}' height='{shot.height}'>"
    note = f"<p class='note'>{_e(located)} {_e(legend)}</p>"
    return _section(translate("SitrepPdf", "Map"), image + note, new_page=True)


def _areas(report: Sitrep) -> str:
    heads = _heads(
        translate("SitrepPdf", "Place"),
        translate("SitrepPdf", "Reports"),
        translate("SitrepPdf", "Severe (4–5)"),
        translate("SitrepPdf", "Requests for help open"),
        translate("SitrepPdf", "Confirmed"),
        translate("SitrepPdf", "Worst severity"),
        widths=(40, 12, 12, 12, 12, 12),
    )
    rows = [
        [_place(a.place), a.reports, a.severe, a.help_open, a.confirmed, a.worst]
        for a in report.areas
    ]
    if report.other_areas is not None:
        other = report.other_areas
        name = translate("SitrepPdf", "%1 other places").replace("%1", other.place)
        rows.append(
            [name, other.reports, other.severe, other.help_open, other.confirmed, other.worst]
        )
    note = translate(
        "SitrepPdf", "Reports grouped by the place their authors wrote (case ignored)."
    )
    table = _table(heads, rows, 6)
    return _section(
        translate("SitrepPdf", "Situation by area"), table + f"<p class='note'>{_e(note)}</p>"
    )


def _needs(report: Sitrep) -> str:
    heads = _heads(
        translate("SitrepPdf", "Place"),
        translate("SitrepPdf", "Open requests for help"),
        translate("SitrepPdf", "Worst severity"),
        translate("SitrepPdf", "Waiting since (UTC)"),
        widths=(46, 18, 16, 20),
    )
    rows = [[_place(n.place), n.open, n.worst, when(n.oldest)] for n in report.needs]
    return _section(translate("SitrepPdf", "Needs and response"), _table(heads, rows, 4))


def _rumours(report: Sitrep) -> str:
    heads = _heads(
        translate("SitrepPdf", "Rumour"),
        translate("SitrepPdf", "What showed it false"),
        translate("SitrepPdf", "First seen (UTC)"),
        widths=(45, 35, 20),
    )
    rows = [[r.claim, r.verification, when(r.first_seen)] for r in report.rumours]
    return _section(translate("SitrepPdf", "Rumours debunked"), _table(heads, rows, 3))


def _top(report: Sitrep) -> str:
    kinds = words.kind_labels()
    heads = _heads(
        translate("SitrepPdf", "#"),
        translate("SitrepPdf", "Severity"),
        translate("SitrepPdf", "Kind"),
        translate("SitrepPdf", "Report"),
        translate("SitrepPdf", "Place"),
        translate("SitrepPdf", "Time (UTC)"),
        widths=(4, 9, 15, 40, 18, 14),
    )
    rows = [
        [n, top.severity, kinds.get(top.kind, top.kind), top.title, top.place, when(top.at)]
        for n, top in enumerate(report.top, 1)
    ]
    title = translate("SitrepPdf", "Most important verified reports")
    return _section(title, _table(heads, rows, 6, small=True))


def _next(report: Sitrep) -> str:
    return _section(translate("SitrepPdf", "Next report"), f"<p>{_e(_next_time(report))}</p>")


# -- small pieces ---------------------------------------------------------------------------


def when(iso: str | None) -> str:
    """'2026-11-28T18:04:31.000Z' -> '2026-11-28 18:04 UTC'; '' for none."""
    if not iso:
        return ""
    return f"{iso[:10]} {iso[11:16]} UTC"


def _next_time(report: Sitrep) -> str:
    return when(report.next_report) or translate("SitrepPdf", "Not set")


def _place(place: str) -> str:
    return place or translate("SitrepPdf", "No place given")


def _section(title: str, inside: str, *, new_page: bool = False) -> str:
    """A titled part; the map starts a page (it would not fit below the figures)."""
    style = " style='page-break-before: always'" if new_page else ""
    return f"<h2{style}>{_e(title)}</h2>{inside}"


def _heads(*names: str, widths: Sequence[int]) -> str:
    cells = "".join(
        f"<th width='{width}%'>{_e(name)}</th>" for name, width in zip(names, widths, strict=True)
    )
    return f"<thead><tr>{cells}</tr></thead>"


def _table(heads: str, rows: Sequence[Sequence[object]], columns: int, small: bool = False) -> str:
    body = "".join(
        "<tr>" + "".join(f"<td>{_e(str(cell))}</td>" for cell in row) + "</tr>" for row in rows
    )
    if not body:
        none = _e(translate("SitrepPdf", "None"))
        body = f"<tr><td colspan='{columns}'>{none}</td></tr>"
    kind = " class='small'" if small else ""
    return f"<table width='100%'{kind}>{heads}{body}</table>"
