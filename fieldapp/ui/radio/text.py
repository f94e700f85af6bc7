"""Words for the entry form's text actions: what normalising changed, ARL in plain language.

`describe_changes` turns the changes of fieldapp.radio.check.normalise into the sentence
shown under the text; `changes_tooltip` lists every change with its reason in words. A
question mark is never hidden in "… and N more": each one that became QUERY, gave its
place to QUERY or was removed is listed, and each way it was handled gets a sentence of
its own (a question must not disappear without the operator knowing). `arl_html` lists the ARL
numbered texts of a message in plain language, for delivery. Pure functions of their
arguments; GUI thread (they translate, in the entry form's context).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from fieldapp.radio import arl

translate = QCoreApplication.translate  # lupdate reads the literal context of each call

SHOWN = 8  # changes listed; the rest are counted (a question mark's are always listed)
# The rules that touch a question mark (fieldapp.radio.check): never hidden in "… more".
QUESTION_RULES = ("query", "final_query", "repeated_query", "leading_query", "replaced_by_query")
LOST_RULES = ("final_query", "leading_query")  # a question gone from the text


def lost_question(changes: list[dict]) -> bool:
    """True when normalising dropped a question mark (at either end of the text)."""
    return any(change["rule"] in LOST_RULES for change in changes)


def _pair(change: dict) -> str:
    before = str(change["from"]).replace("\n", "⏎")
    removed = translate("RadioEntryForm", "(removed)")
    return f"“{before}” → {str(change['to']).strip() or removed}"


def describe_changes(changes: list[dict]) -> str:
    """`Normalised: “.” → X, … Ctrl+Z undoes it.`, then a sentence for each way a question
    mark was handled: the list may be cut short, never what happened to a question."""
    shown = [
        _pair(change)
        for index, change in enumerate(changes)
        if (index < SHOWN or change["rule"] in QUESTION_RULES)
        and (str(change["from"]).strip() or str(change["to"]).strip())
    ]
    listed = sum(
        1 for index, c in enumerate(changes) if index < SHOWN or c["rule"] in QUESTION_RULES
    )
    tail = ""
    if len(changes) > listed:
        tail = translate("RadioEntryForm", " … and %1 more").replace(
            "%1", str(len(changes) - listed)
        )
    text = translate("RadioEntryForm", "Normalised: %1%2. Ctrl+Z undoes it.")
    text = text.replace("%1", ", ".join(shown)).replace("%2", tail)
    rules = {change["rule"] for change in changes}
    for rule, sentence in _question_sentences().items():
        if rule in rules:
            text += " " + sentence
    return text


def _question_sentences() -> dict[str, str]:
    return {
        "replaced_by_query": translate(
            "RadioEntryForm",
            "A “?” came right after a period or dash: QUERY takes the place of the X, so "
            "the question is kept.",
        ),
        "repeated_query": translate(
            "RadioEntryForm",
            "A “?” right after QUERY (or another “?”) was removed: the question is already "
            "asked there.",
        ),
        "leading_query": translate(
            "RadioEntryForm",
            "The question mark at the start was removed: there is no word before it. If "
            "the message asks a question, type QUERY where it belongs.",
        ),
        "final_query": translate(
            "RadioEntryForm",
            "The question mark at the end was removed: the NTS text rules the app follows "
            "(the shared ectlogger vectors) end a text without X or QUERY. If the message "
            "asks a question, say so in words: type QUERY where it belongs.",
        ),
    }


def changes_tooltip(changes: list[dict]) -> str:
    """Every change, in order, each with its reason in words (the label's tooltip)."""
    lines = [translate("RadioEntryForm", "Every change, in order (Ctrl+Z undoes them all):")]
    for change in changes:
        lines.append(f"{_pair(change)}: {_reason(change)}")
    return "\n".join(lines)


def _reason(change: dict) -> str:
    rule, to = change["rule"], str(change["to"])
    if rule in ("final_query", "repeated_query", "leading_query"):
        return _question_sentences()[rule]
    if rule == "period" and "X" not in to:
        return translate(
            "RadioEntryForm", "removed: no X at either end of the text nor twice in a row"
        )
    if rule == "hyphen" and "X" not in to:
        return translate("RadioEntryForm", "a hyphen inside a word or at an end: a space at most")
    reasons = {
        "capitals": translate("RadioEntryForm", "capitals, without accents"),
        "spaces": translate("RadioEntryForm", "spaces tidied"),
        "decimal": translate(
            "RadioEntryForm", "R for a decimal point or a separator between digits (146R52)"
        ),
        "query": translate("RadioEntryForm", "QUERY for a question mark"),
        "amp": translate("RadioEntryForm", "AND for &"),
        "at": translate("RadioEntryForm", "AT for @"),
        "drop": translate("RadioEntryForm", "removed: radiogram text has no such sign"),
        "replaced_by_query": translate(
            "RadioEntryForm", "removed: the “?” after it becomes QUERY instead"
        ),
        "period": translate("RadioEntryForm", "X for a period (and for , ; : !)"),
        "hyphen": translate("RadioEntryForm", "X for a dash between words"),
    }
    return reasons.get(rule, rule)


def arl_html(text: str) -> str:
    """The ARL numbered texts of `text` in plain language (rich text), or a note."""
    found = arl.find(text)
    if not found:
        return translate("RadioEntryForm", "No ARL numbered text in this message.")
    lines = [f"<b>{item.code}</b>: {item.plain}" for item in found]
    plain = arl.plain_language(text.upper())
    delivery = translate("RadioEntryForm", "For delivery:")
    return "<br>".join(lines) + f"<br><i>{delivery}</i> " + plain
