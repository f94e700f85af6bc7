"""Words for the tile dialogs: sizes and counts in the user's locale, the estimate of an
area, the progress line, the end-of-download summary and the core's failure reasons.

The core (fieldapp.tiles) says its reasons in English; the known ones are translated
here, anything else is shown as it is. Functions translate at call time (call them again
after a language change). GUI thread only.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

from fieldapp.tiles import AreaEstimate, SeedPlan, SeedProgress, SeedSummary

CONTEXT = "TileTexts"
translate = QCoreApplication.translate


def number(value: int) -> str:
    return QLocale().toString(int(value))


def size(count: int) -> str:
    """ "24.7 MB" ("24,7 Mo" in French): decimal units, as disks and servers count."""
    return QLocale().formattedDataSize(int(count), 1, QLocale.DataSizeFormat.DataSizeSIFormat)


def estimate_text(estimate: AreaEstimate) -> str:
    """ "35 tiles, about 700 kB" and the split per zoom level."""
    head = (
        translate("TileTexts", "%1 tiles, about %2 (from an average of %3 a tile; real tiles vary)")
        .replace("%1", number(estimate.total))
        .replace("%2", size(estimate.estimated_bytes))
        .replace("%3", size(estimate.average_bytes))
    )
    parts = " · ".join(f"{z}: {number(n)}" for z, n in estimate.per_zoom.items())
    return head + "\n" + translate("TileTexts", "Tiles by zoom level: %1").replace("%1", parts)


def too_large_text(estimate: AreaEstimate) -> str:
    return (
        translate(
            "TileTexts",
            "%1 tiles is more than the limit of %2 for one download: choose a smaller area "
            "or fewer zoom levels. Tile servers are shared, and bulk downloads overload them.",
        )
        .replace("%1", number(estimate.total))
        .replace("%2", number(estimate.max_tiles))
    )


def plan_text(plan: SeedPlan) -> str:
    return (
        translate(
            "TileTexts", "%1 tiles in the area: %2 already in the set, %3 to download (about %4)."
        )
        .replace("%1", number(plan.total))
        .replace("%2", number(plan.present))
        .replace("%3", number(plan.to_fetch))
        .replace("%4", size(plan.estimated_bytes))
    )


def progress_text(p: SeedProgress) -> str:
    return (
        translate(
            "TileTexts",
            "%1 of %2 tiles: %3 downloaded (%4), %5 already there, %6 missing, %7 failed",
        )
        .replace("%1", number(p.done))
        .replace("%2", number(p.total))
        .replace("%3", number(p.stored))
        .replace("%4", size(p.bytes))
        .replace("%5", number(p.skipped))
        .replace("%6", number(p.missing))
        .replace("%7", number(p.failed + p.invalid))
    )


def summary_text(s: SeedSummary) -> str:
    """The end of a download in sentences, failures grouped by reason."""
    lines = [_outcome(s)]
    lines.append(
        translate(
            "TileTexts",
            "Downloaded %1 tiles (%2); %3 were already in the set and were not fetched again.",
        )
        .replace("%1", number(s.stored))
        .replace("%2", size(s.bytes))
        .replace("%3", number(s.skipped))
    )
    if s.missing:
        lines.append(
            translate(
                "TileTexts",
                "%1 tiles do not exist on the server (HTTP 404): the map will show them blank.",
            ).replace("%1", number(s.missing))
        )
    failed = s.failed + s.invalid
    if failed:
        lines.append(translate("TileTexts", "%1 tiles failed:").replace("%1", number(failed)))
        lines += [f"  • {number(n)} × {reason_text(r)}" for r, n in s.failures.items()]
    if s.rate_limited:
        lines.append(
            translate(
                "TileTexts", "The server asked FieldApp to slow down %1 times; it did."
            ).replace("%1", number(s.rate_limited))
        )
    if not s.complete:
        lines.append(
            translate(
                "TileTexts",
                "The tiles received are kept and usable. Download the same area into the "
                "same tile set again to fetch only the rest.",
            )
        )
    return "\n".join(lines)


def _outcome(s: SeedSummary) -> str:
    if s.complete:
        return translate(
            "TileTexts", "Done: every tile of the area is in the tile set “%1”."
        ).replace("%1", s.set_id)
    if s.cancelled:
        return translate("TileTexts", "Cancelled.")
    if s.stopped_reason:
        return translate("TileTexts", "Stopped: %1").replace("%1", reason_text(s.stopped_reason))
    return translate(
        "TileTexts", "Finished, but some tiles are missing from the tile set “%1”."
    ).replace("%1", s.set_id)


# QT_TRANSLATE_NOOP returns its message unchanged, a str; PySide6's stub says object.
_REASONS: list[tuple[re.Pattern[str], str]] = [  # pyright: ignore[reportAssignmentType]
    (re.compile(r"^timed out$"), QT_TRANSLATE_NOOP("TileTexts", "timed out")),
    (re.compile(r"^connection failed$"), QT_TRANSLATE_NOOP("TileTexts", "connection failed")),
    (
        re.compile(r"^server error \(HTTP (\d+)\)$"),
        QT_TRANSLATE_NOOP("TileTexts", "server error (HTTP %1)"),
    ),
    (
        re.compile(r"^refused \(HTTP (\d+)\)$"),
        QT_TRANSLATE_NOOP("TileTexts", "refused by the server (HTTP %1)"),
    ),
    (re.compile(r"^not an image \((.*)\)$"), QT_TRANSLATE_NOOP("TileTexts", "not an image (%1)")),
    (
        re.compile(r"^rate limited \(HTTP 429\) too often$"),
        QT_TRANSLATE_NOOP("TileTexts", "slowed down too often (HTTP 429)"),
    ),
    (
        re.compile(r"^the tile server refused access \(HTTP 403 Forbidden\)$"),
        QT_TRANSLATE_NOOP(
            "TileTexts",
            "the tile server refused access (HTTP 403 Forbidden): it does not allow this download",
        ),
    ),
    (
        re.compile(r"^the tile server needs a login \(HTTP 401 Unauthorized\)$"),
        QT_TRANSLATE_NOOP(
            "TileTexts",
            "the tile server needs a login (HTTP 401 Unauthorized)",
        ),
    ),
    (
        re.compile(r"^(\d+) tiles in a row failed \(last: (.*)\)"),
        QT_TRANSLATE_NOOP("TileTexts", "%1 tiles failed in a row"),
    ),
]


def reason_text(reason: str) -> str:
    """A core reason in the user's language when it is a known one."""
    for pattern, text in _REASONS:
        match = pattern.match(reason)
        if match:
            translated = translate(CONTEXT, text)
            if match.groups():
                translated = translated.replace("%1", match.group(1))
            return translated
    return reason
