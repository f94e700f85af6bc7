"""A first draft of the coordinator's highlights and situation overview, written from the
figures in the window's language; the coordinator rewrites it before the sitrep goes.

Pure functions of a `Sitrep`: any thread (QCoreApplication.translate is thread-safe).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from fieldapp.exports.sitrep import Sitrep

translate = QCoreApplication.translate
AREAS_NAMED = 3


def highlights(report: Sitrep) -> str:
    """Three or four lines: the reports, the help asked, the alerts, the rumours."""
    figures = report.figures
    severe = sum(n for severity, n in figures.by_severity.items() if severity >= 4)
    lines = [
        translate("SitrepDraft", "%1 reports, %2 of them severe (4 or 5); %3 confirmed.")
        .replace("%1", str(figures.reports))
        .replace("%2", str(severe))
        .replace("%3", str(figures.by_verification.get("confirmed", 0))),
        translate("SitrepDraft", "%1 requests for help open, %2 closed.")
        .replace("%1", str(figures.help_open))
        .replace("%2", str(figures.help_closed)),
        translate("SitrepDraft", "%1 official alerts active.").replace(
            "%1", str(figures.alerts_active)
        ),
    ]
    if figures.rumours_debunked:
        lines.append(
            translate("SitrepDraft", "%1 rumours debunked.").replace(
                "%1", str(figures.rumours_debunked)
            )
        )
    return "\n".join(f"• {line}" for line in lines)


def overview(report: Sitrep) -> str:
    """Where the reports and the needs are, and the most severe verified report."""
    parts = []
    named = [a for a in report.areas if a.place][:AREAS_NAMED]
    if named:
        places = ", ".join(f"{a.place} ({a.reports})" for a in named)
        parts.append(translate("SitrepDraft", "Most reports come from %1.").replace("%1", places))
    if report.needs:
        need = report.needs[0]
        place = need.place or translate("SitrepDraft", "places not given")
        text = translate("SitrepDraft", "Most open requests for help: %1 (%2).")
        parts.append(text.replace("%1", place).replace("%2", str(need.open)))
    if report.top:
        top = report.top[0]
        text = translate("SitrepDraft", "Most severe verified report: %1.")
        parts.append(text.replace("%1", top.title + (f" ({top.place})" if top.place else "")))
    return " ".join(parts)
