"""The monitoring core's errors in the user's words (English source, French translation).

The core raises `ValidationError` with (field, code, English message) and `NotFoundError`
with an English message, for the command line. A window in French must never show that
English: `error_text(error)` maps each code the desk can meet to a translated sentence,
filling in only data (the names of teammates who claimed a card). What is not mapped
says which kind of thing went wrong, translated, with the English kept out.
GUI thread (QCoreApplication.translate).
"""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QCoreApplication

from fieldapp.core.errors import NotFoundError, ValidationError
from fieldapp.ui.kit.i18n import error_message as report_error_message

translate = QCoreApplication.translate
CLAIMED_PREFIX = "already claimed by "
REPORT_FIELDS = ("title", "body", "kind", "severity", "place", "lat", "lon", "observed_at")


def _validation_texts() -> dict[tuple[str, str], str]:
    """(field, code) -> words; "%1" is filled with the data the English message carries."""
    return {
        ("claimed_by", "claimed"): translate(
            "MonitoringError", "Already claimed by %1. Press Shift+C to take it over."
        ),
        ("ids", "required"): translate("MonitoringError", "Choose a card first."),
        ("ids", "other_operation"): translate(
            "MonitoringError", "These posts belong to several operations."
        ),
        ("report_id", "other_operation"): translate(
            "MonitoringError", "That report is in another operation."
        ),
        ("kind", "unknown_value"): translate("MonitoringError", "Choose a kind of source."),
        ("interval_s", "too_small"): translate(
            "MonitoringError", "Poll at most every 30 seconds: the interval is too short."
        ),
        ("address", "duplicate"): translate(
            "MonitoringError", "This source is already watched in this operation."
        ),
        ("address", "invalid"): translate(
            "MonitoringError", "This address is not one FieldApp can watch for that kind."
        ),
        ("address", "required"): translate("MonitoringError", "Give the source's address."),
        ("handle", "required"): translate("MonitoringError", "This post has no author to note."),
        ("credibility", "unknown_value"): translate(
            "MonitoringError", "Choose how credible the author is."
        ),
        ("note", "too_long"): translate(
            "MonitoringError", "The note is too long: at most 2000 characters."
        ),
        ("name", "required"): translate("MonitoringError", "Give the rule a name."),
        ("name", "too_long"): translate(
            "MonitoringError", "The name is too long: at most 120 characters."
        ),
        ("expression", "required"): translate(
            "MonitoringError",
            "Give words, a language or an area: a rule with none would match every post.",
        ),
        ("expression", "invalid"): translate(
            "MonitoringError",
            "These words cannot be read as a rule: check the quotes, brackets, OR and NOT.",
        ),
        ("area_id", "not_found"): translate(
            "MonitoringError", "That area is no longer on the map of this operation."
        ),
        ("text", "required"): translate("MonitoringError", "Give the post's text or its link."),
    }


def validation_text(error: ValidationError) -> str:
    """Each invalid field of a ValidationError, in words, one sentence each."""
    texts = _validation_texts()
    lines = []
    for field, (code, english) in error.errors.items():
        text = texts.get((field, code))
        if text is not None:
            data = english.removeprefix(CLAIMED_PREFIX) if code == "claimed" else ""
            lines.append(text.replace("%1", data))
        elif field in REPORT_FIELDS:
            label = translate("MonitoringError", "The new report: %1")
            lines.append(label.replace("%1", report_error_message(field, code, "")))
        else:
            unknown = translate("MonitoringError", "This value is not accepted (%1).")
            lines.append(unknown.replace("%1", field))
    return " ".join(lines)


def not_found_text(error: NotFoundError) -> str:
    english = str(error)
    if english.startswith("no report"):
        return translate("MonitoringError", "That report no longer exists.")
    if english.startswith("no post"):
        return translate(
            "MonitoringError", "A post of this card is gone (deleted, or moved by a merge)."
        )
    if english.startswith("no source"):
        return translate("MonitoringError", "This source is no longer watched.")
    if english.startswith("no watch rule"):
        return translate("MonitoringError", "This rule was deleted meanwhile.")
    if english.startswith("no operation") or "operation" in english:
        return translate("MonitoringError", "This operation no longer exists.")
    return translate("MonitoringError", "What this acted on no longer exists.")


def problem_texts() -> dict[str, str]:
    """A poll's or a file's problem, by its kind (polling.ERROR_KINDS, PostError.kind)."""
    return {
        "network": translate(
            "MonitoringError",
            "No connection to the source: the link is down or the address is wrong.",
        ),
        "http": translate("MonitoringError", "The source answered with an error."),
        "too_large": translate("MonitoringError", "The answer was too large: nothing was read."),
        "not_a_feed": translate(
            "MonitoringError", "This gives no feed (a web page?): nothing was kept."
        ),
        "not_statuses": translate(
            "MonitoringError", "This gives no Mastodon posts: nothing was kept."
        ),
        "malformed": translate(
            "MonitoringError", "The feed is damaged or unsafe: nothing of it was kept."
        ),
        "unsafe": translate(
            "MonitoringError", "The file is unsafe (XML entities): nothing of it was kept."
        ),
        "rate_limited": translate(
            "MonitoringError", "The source asked to wait: it will be polled later."
        ),
        "wrong_columns": translate(
            "MonitoringError",
            "The file's columns are not those of posts (a text or a link column is needed).",
        ),
        "unreadable": translate("MonitoringError", "The file could not be read."),
        "invalid": translate("MonitoringError", "The post is empty or not valid."),
    }


def problem_text(kind: str) -> str:
    """A poll's last error (PollState.last_error_kind) or a refused file, in words."""
    return problem_texts().get(kind) or translate(
        "MonitoringError", "The source could not be read."
    )


def error_text(error: BaseException) -> str:
    """Any exception a desk job can raise, as one translated sentence."""
    kind = getattr(error, "kind", None)
    if isinstance(error, ValidationError) and isinstance(kind, str):  # a PostError
        return problem_text(kind)
    if isinstance(error, ValidationError):
        return validation_text(error)
    if isinstance(error, NotFoundError):
        return not_found_text(error)
    if isinstance(error, sqlite3.Error):
        return translate(
            "MonitoringError", "The database could not be read or written: %1"
        ).replace("%1", str(error) or type(error).__name__)
    if isinstance(error, OSError):
        text = translate("MonitoringError", "The file could not be read: %1")
        return text.replace("%1", error.strerror or type(error).__name__)
    text = translate("MonitoringError", "This could not be done (%1).")
    return text.replace("%1", type(error).__name__)
