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
  two laptops).

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
)  # fmt: skip
# What anyone who may write posts may change on anyone's post: the triage of the queue.
TRIAGE_FIELDS = frozenset({"status", "claimed_by", "report_id", "cluster_pin"})
# The verdict of a report, and its value on a report nobody verified.
UNVERIFIED: Mapping[str, Any] = {
    "verification": "unverified",
    "verified_by": "",
    "verified_at": None,
    "verification_method": "",
    "verification_confidence": None,
}
VERIFICATION_FIELDS = tuple(UNVERIFIED)


def leads(role: str, exercise: bool) -> bool:
    """Whether `role` acts as a coordinator in an operation (exercise or not)."""
    return role in EDITORS or (role == "trainer" and exercise)


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
    if entity not in allowed_types(role, exercise):
        label = RECORD_TYPES[entity].label if entity in RECORD_TYPES else entity
        return f"a {role} cannot write a {label}"
    if leads(role, exercise):
        return None
    if entity == "item" and current is not None and not own:
        return item_refusal(role, current, written)
    if current is not None and not own:
        return f"a {role} edits only the records it created"
    if entity == "report":
        return verification_refusal(role, current, written)
    return None


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


def item_refusal(role: str, current: Mapping[str, Any], written: Mapping[str, Any]) -> str | None:
    """Anyone's post may be triaged; its content, fetched from its source, is written again
    only unchanged (two laptops took in the same post)."""
    for name, value in written.items():
        if name not in TRIAGE_FIELDS and name in current and current[name] != value:
            return f"a {role} cannot change the {name} of a post another device took in"
    return None


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
