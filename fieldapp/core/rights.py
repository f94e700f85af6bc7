"""Who may write what: per operation, per record, per field, by role. One rule for both sides.

The server enforces it on every pushed entry and members call (sync/server/admission.py,
sync/server/app.py); the desktop asks it before a change, so that a user is told at once
instead of holding a change the server will refuse for ever (core/operations.py, the
report repository). The README's "Sync server" section says the same in words.

- **admin**: everything, everywhere; the only one who may turn an operation into an
  exercise or back after its creation.
- **coordinator**: creates operations; writes every record type, every record and every
  field in the operations it sees; verifies reports; changes who sees an operation if it
  created it, or is one of the members of a restricted one.
- **trainer**: a coordinator in exercise operations (it may create them); a volunteer in
  real ones.
- **volunteer**: creates reports, attachments, map features, radio messages and relay
  hops, and edits only those it created; never verifies a report (a new report of its
  is unverified), never writes an operation. On the monitoring desk it takes posts in,
  triages anyone's (claim, dismiss, rumour, promote, attach, regroup), writes watch rules
  and notes on authors, and edits only its own rules and notes; a post's content, once
  another device stored it, it may only write again unchanged (the same post fetched on
  two laptops). On the alerts and outreach desk it takes official alerts in (an alert's
  content, like a post's, is only ever written again unchanged), records relays, writes
  public messages and rumours and links posts and reports to rumours; it never approves a
  message (coordinators do, and never their own) and never gives a rumour's verdict
  (confirmed, debunked); it may mark anyone's approved message as published. Message
  templates are the coordinators'. In an exercise it writes observer notes; it never
  receives the scenario's injects nor the observers' notes (they are the controllers'),
  and writes read receipts (that it opened what an inject delivered; exercises only).
  What the scenario delivered to the players (a report made from an inject's phone call,
  SMS or e-mail; a radio message received) it handles as if it had taken it in itself:
  triage, locate, pass on, deliver — never changing what the inject said, never giving
  a report's verdict.

Pure functions of plain values: safe from any thread. No I/O, no Qt.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fieldapp.core.records import RECORD_TYPES
from fieldapp.core.roles import EDITORS

# What a volunteer (and a trainer outside exercises) may create and edit, if it made it.
VOLUNTEER_TYPES = (
    "report", "attachment", "feature", "radio_message", "radio_hop",
    "item", "watch_rule", "author_note",
    "alert", "relay", "public_message", "rumour", "rumour_link",
    "observer_note", "read_receipt",
)  # fmt: skip
# What only those who lead an exercise see: the scenario's injects (not yet released, their
# expected actions, their controller notes), the observers' notes, and the after-action
# report's entries and archived runs. The server never
# sends them to anyone else's device (sync/server/pull.py).
CONTROLLERS_ONLY = ("inject", "observer_note", "aar_entry", "exercise_run")
CONTROLLER_ROLES = ("admin", "coordinator", "trainer")
# What anyone who may write posts may change on anyone's post: the triage of the queue.
TRIAGE_FIELDS = frozenset({"status", "claimed_by", "report_id", "cluster_pin"})
# How a record an exercise's scenario delivered names its inject (exercises/release.py),
# and what players may change on one they did not write: their handling of it (a report's
# triage and place; a radio message passed on or delivered), never what the inject said.
DELIVERED_MARK = "EXERCISE inject "
DELIVERED: Mapping[str, tuple[str, frozenset[str]]] = {
    "report": (
        "source_ref",
        frozenset({"status", "severity", "lat", "lon", "accuracy_m", "place"}),
    ),
    "radio_message": (
        "op_note",
        frozenset(
            {"status", "sent_to", "sent_net", "sent_at", "delivered_to", "delivered_at"}
            | {"op_note2", "frequency", "mode", "qsl_time"}
        ),
    ),
}
# The verdict of a report, and its value on a report nobody verified.
UNVERIFIED: Mapping[str, Any] = {
    "verification": "unverified",
    "verified_by": "",
    "verified_at": None,
    "verification_method": "",
    "verification_confidence": None,
}
VERIFICATION_FIELDS = tuple(UNVERIFIED)
# Records taken in from outside (a feed, an alert service): what anyone may change on one
# another device took in; everything else is written again only unchanged.
TAKEN_IN: Mapping[str, frozenset[str]] = {"item": TRIAGE_FIELDS, "alert": frozenset()}
# A public message's approval, and a rumour's verdict: coordinators' words.
APPROVED = ("approved", "published")
VERDICTS = ("confirmed", "debunked")


def leads(role: str, exercise: bool) -> bool:
    """Whether `role` acts as a coordinator in an operation (exercise or not)."""
    return role in EDITORS or (role == "trainer" and exercise)


def hidden_types(role: str) -> tuple[str, ...]:
    """The record types a device of `role` never receives."""
    return () if role in CONTROLLER_ROLES else CONTROLLERS_ONLY


def allowed_types(role: str, exercise: bool) -> tuple[str, ...]:
    """The record types `role` may write in an operation."""
    return tuple(RECORD_TYPES) if leads(role, exercise) else VOLUNTEER_TYPES


def operation_refusal(role: str, exercise: bool) -> str | None:
    """Why a user of `role` may not create or edit an operation, else None."""
    if leads(role, exercise):
        return None
    return f"a {role} cannot create or edit operations" + (
        " other than exercises" if role == "trainer" else ""
    )


def exercise_refusal(role: str, stored: Any, written: Any) -> str | None:
    """An operation's `exercise` flag never changes after creation, except by an admin."""
    if role == "admin" or bool(stored) == bool(written):
        return None
    return "only an admin can change whether an operation is an exercise"


def write_refusal(
    role: str,
    entity: str,
    exercise: bool,
    current: Mapping[str, Any] | None,
    written: Mapping[str, Any],
    own: bool,
) -> str | None:
    """Why `role` may not write `written` to a record of `entity` in an operation whose
    (stored) exercise flag is `exercise`, else None. `current`: the record's values, None
    for a new record; `own`: the writer created it."""
    if entity == "operation":
        if current is None:
            return operation_refusal(role, bool(written.get("exercise")))
        if "exercise" in written:
            refusal = exercise_refusal(role, current.get("exercise"), written["exercise"])
            if refusal:
                return refusal
        return operation_refusal(role, exercise)
    if entity == "read_receipt" and not exercise:
        return "read receipts belong to exercise operations"
    if entity not in allowed_types(role, exercise):
        label = RECORD_TYPES[entity].label if entity in RECORD_TYPES else entity
        return f"a {role} cannot write a {label}"
    if entity == "public_message":
        return message_refusal(role, exercise, current, written, own)
    if leads(role, exercise):
        return None
    if entity in TAKEN_IN and current is not None and not own:
        return taken_in_refusal(role, entity, current, written)
    if exercise and current is not None and not own and delivered(entity, current):
        return handling_refusal(role, entity, current, written)
    if current is not None and not own:
        return f"a {role} edits only the records it created"
    if entity == "report":
        return verification_refusal(role, current, written)
    if entity == "rumour" and _gives_verdict(current, written):
        return f"only a coordinator says a rumour is {written['status']}; a {role} cannot"
    return None


def _gives_verdict(current: Mapping[str, Any] | None, written: Mapping[str, Any]) -> bool:
    status = written.get("status")
    return status in VERDICTS and (current is None or current.get("status") != status)


def verification_refusal(
    role: str, current: Mapping[str, Any] | None, written: Mapping[str, Any]
) -> str | None:
    """A report's verdict is given by coordinators only (trainers in exercises): anyone
    else may only leave it as it is (unverified, for a new report)."""
    for name in VERIFICATION_FIELDS:
        if name not in written:
            continue
        before = UNVERIFIED[name] if current is None else current.get(name, UNVERIFIED[name])
        if written[name] != before and not (written[name] in ("", None) and before in ("", None)):
            return f"only a coordinator verifies a report; a {role} cannot set {name}"
    return None


def delivered(entity: str, current: Mapping[str, Any]) -> bool:
    """Whether a record is one the scenario of an exercise delivered to its players."""
    if entity not in DELIVERED:
        return False
    return str(current.get(DELIVERED[entity][0]) or "").startswith(DELIVERED_MARK)


def handling_refusal(
    role: str, entity: str, current: Mapping[str, Any], written: Mapping[str, Any]
) -> str | None:
    """A player handles what an inject delivered; what the inject said stays as it is."""
    if entity == "report":
        refusal = verification_refusal(role, current, written)
        if refusal:
            return refusal
    label = RECORD_TYPES[entity].label
    for name, value in written.items():
        if name not in DELIVERED[entity][1] and name in current and current[name] != value:
            return f"a {role} cannot change the {name} of a {label} an exercise inject delivered"
    return None


def taken_in_refusal(
    role: str, entity: str, current: Mapping[str, Any], written: Mapping[str, Any]
) -> str | None:
    """Anyone's post may be triaged; the content of a post or an official alert, taken in
    from its source, is written again only unchanged (two laptops took in the same one)."""
    label = RECORD_TYPES[entity].label
    article = "an" if label[0] in "aeiou" else "a"
    for name, value in written.items():
        if name not in TAKEN_IN[entity] and name in current and current[name] != value:
            return f"a {role} cannot change the {name} of {article} {label} another device took in"
    return None


def message_refusal(
    role: str,
    exercise: bool,
    current: Mapping[str, Any] | None,
    written: Mapping[str, Any],
    own: bool,
) -> str | None:
    """Two people publish a public message: its author writes it, a coordinator who did not
    write it approves it; anyone may then record that it was published."""
    before = "draft" if current is None else current.get("status", "draft")
    after = written.get("status", before)
    approving = after == "approved" and before != "approved"
    if approving or (written.get("approved_by") and current is None):
        if not leads(role, exercise):
            return f"only a coordinator approves a public message; a {role} cannot"
        if own:
            return "the author of a public message cannot approve it: another coordinator must"
    if after == "published" and before not in APPROVED:
        return "a public message is published only once a coordinator approved it"
    if leads(role, exercise) or current is None or own:
        return None
    if set(written) <= {"status"} and before == "approved" and after == "published":
        return None  # the volunteer who posted an approved message says so
    return f"a {role} edits only the records it created"


def members_refusal(
    role: str, exercise: bool, restricted: bool, member: bool, creator: bool
) -> str | None:
    """Why `role` may not change who sees an operation, else None: its coordinators (the
    one who created it, or a member of it once restricted) and admins may."""
    if role == "admin":
        return None
    if not leads(role, exercise):
        return f"a {role} cannot change who sees an operation"
    if restricted and not member:
        return "only a member of this restricted operation (or an admin) can change its members"
    if not restricted and not creator:
        return "only the coordinator who created this operation (or an admin) can restrict it"
    return None
