"""The injects of an exercise's scenario: added (from a scenario file or on the fly),
read, edited, delayed, skipped, deleted and marked released; only a pending inject
changes (a released or skipped one is what happened).

Injects live only in exercise operations, are written only by those who lead the
exercise (core/rights.py: a trainer, a coordinator, an admin) and never reach a player's
device (the server keeps them back: core/rights.CONTROLLERS_ONLY). Delivering a released
inject as what players receive is the release's (not yet built: see docs/architecture.md).

A Repository over the store's Replica: used from the thread that opened the store.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

from fieldapp.core.errors import NotFoundError, ValidationError
from fieldapp.core.record_types import Inject
from fieldapp.core.replica import Repository, new_id
from fieldapp.core.times import utc_now
from fieldapp.exercises.guard import check_controller
from fieldapp.exercises.mselmodel import Inject as ScenarioInject
from fieldapp.exercises.mselmodel import Scenario

CHANNELS = ("social", "alert", "radio", "phone", "sms", "email", "other")
STATUSES = ("pending", "released", "skipped")
TEXT_FIELDS = (
    "number",
    "sender",
    "recipient",
    "content",
    "expected_action",
    "controller_note",
    "controller",
    "follows",
)
DETAIL_KEY = re.compile(r"[a-z0-9][a-z0-9_]{0,39}")  # as a scenario file's detail:<key>
DEGREES = {"lat": 90.0, "lon": 180.0}


def validate_inject(values: Mapping[str, Any]) -> dict[str, Any]:
    """The stored values of an inject's form, or ValidationError naming every bad field."""
    errors: dict[str, tuple[str, str]] = {}
    clean: dict[str, Any] = {n: str(values.get(n) or "").strip() for n in TEXT_FIELDS}
    if not clean["number"]:
        errors["number"] = ("required", "an inject needs a number")
    if not clean["content"]:
        errors["content"] = ("required", "an inject needs its content")
    channel = str(values.get("channel") or "")
    if channel not in CHANNELS:
        errors["channel"] = ("unknown_value", f"{channel!r} is not one of {', '.join(CHANNELS)}")
    try:
        at_s = int(values.get("at_s", -1))
    except (TypeError, ValueError):
        at_s = -1
    if at_s < 0:
        errors["at_s"] = ("invalid", "an inject's time is T+0 or later, in seconds")
    details = {str(k): str(v).strip() for k, v in dict(values.get("details") or {}).items()}
    problem = _details_problem(details)
    if problem:
        errors["details"] = problem
    if errors:
        raise ValidationError(errors)
    return {
        **clean,
        "channel": channel,
        "at_s": at_s,
        "details": json.dumps(details, ensure_ascii=False),
        "translations": json.dumps(dict(values.get("translations") or {}), ensure_ascii=False),
    }


def _details_problem(details: Mapping[str, str]) -> tuple[str, str] | None:
    """(code, message) of the first bad channel detail, else None."""
    for key, value in details.items():
        if not DETAIL_KEY.fullmatch(key):
            return ("invalid_key", f"{key[:40]!r} is not a detail name (letters, digits, _)")
        limit = DEGREES.get(key)
        if limit is not None and value and not _number_within(value, limit):
            return ("invalid", f"{key} is in degrees, -{limit:g} to {limit:g}, not {value[:40]!r}")
    return None


def _number_within(text: str, limit: float) -> bool:
    try:
        return -limit <= float(text) <= limit
    except ValueError:
        return False


class Injects(Repository):
    """The scenario of exercise operations."""

    def add_many(self, operation_id: str, injects: Iterable[Mapping[str, Any]]) -> list[str]:
        """A scenario's injects, all or none (one transaction); their ids."""
        self._check_operation(operation_id)
        now = utc_now()
        rows = []
        numbers: set[str] = set(self._numbers(operation_id))
        for values in injects:
            clean = validate_inject(values)
            if clean["number"] in numbers:
                raise _duplicate(clean["number"])
            numbers.add(clean["number"])
            rows.append(
                {
                    "id": new_id(),
                    "operation_id": operation_id,
                    "status": "pending",
                    "released_at": None,
                    "delivered": "[]",
                    "author": self.db.user,
                    "created_at": now,
                    **clean,
                }
            )
        for row in rows:
            _check_follows(row["number"], row["follows"], numbers)
        with self.db.transaction():
            self.db.insert_records("inject", rows)
        return [row["id"] for row in rows]

    def add(self, operation_id: str, values: Mapping[str, Any]) -> Inject:
        """One more inject, written on the fly by a controller."""
        (inject_id,) = self.add_many(operation_id, [values])
        return self.get(inject_id)

    def list(self, operation_id: str) -> list[Inject]:
        """The scenario in order of its clock."""
        cursor = self.conn.execute(
            "SELECT * FROM injects WHERE operation_id = ? AND deleted = 0 ORDER BY at_s, seq",
            [operation_id],
        )
        return [_decoded(row) for row in cursor]

    def get(self, inject_id: str) -> Inject:
        row = self.conn.execute(
            "SELECT * FROM injects WHERE id = ? AND deleted = 0", [inject_id]
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no inject with id {inject_id}")
        return _decoded(row)

    def edit(self, inject_id: str, values: Mapping[str, Any]) -> Inject:
        """A pending inject's form written again (every field: `validate_inject`); its
        number stays unique and what follows it keeps following an inject."""
        current = self.get(inject_id)
        self._check_operation(current["operation_id"])
        clean = validate_inject(values)
        others = set(self._numbers(current["operation_id"])) - {current["number"]}
        if clean["number"] in others:
            raise _duplicate(clean["number"])
        _check_follows(clean["number"], clean["follows"], others | {clean["number"]})
        if clean["number"] != current["number"] and self._followers(current):
            raise _followed(current, self._followers(current))
        return self._change(inject_id, clean, pending_only=True)

    def delete(self, inject_id: str) -> None:
        """A pending inject taken out of the scenario (a tombstone, synced to the other
        controllers); refused while another inject follows it."""
        current = self.get(inject_id)
        self._check_operation(current["operation_id"])
        followers = self._followers(current)
        if followers:
            raise _followed(current, followers)
        self._change(inject_id, {"deleted": 1}, pending_only=True, action="deleted")

    def delay(self, inject_id: str, at_s: int) -> Inject:
        """A pending inject, moved to another time of the exercise clock."""
        return self._change(inject_id, {"at_s": int(at_s)}, pending_only=True)

    def skip(self, inject_id: str) -> Inject:
        return self._change(inject_id, {"status": "skipped"}, pending_only=True)

    def mark_released(self, inject_id: str, delivered: list[dict[str, str]]) -> Inject:
        """Released now, as these records (entity, id) players received."""
        changes = {
            "status": "released",
            "released_at": utc_now(),
            "delivered": json.dumps(delivered),
        }
        return self._change(inject_id, changes, pending_only=True)

    def due(self, operation_id: str, exercise_s: int) -> list[Inject]:
        """The pending injects whose time has come on the exercise clock, oldest first."""
        return [
            i
            for i in self.list(operation_id)
            if i["status"] == "pending" and i["at_s"] <= exercise_s
        ]

    def _change(
        self,
        inject_id: str,
        changes: Mapping[str, Any],
        pending_only: bool,
        action: str = "updated",
    ) -> Inject:
        row = self.conn.execute(
            "SELECT * FROM injects WHERE id = ? AND deleted = 0", [inject_id]
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no inject with id {inject_id}")
        current = dict(row)
        if pending_only and current["status"] != "pending":
            raise ValidationError(
                {
                    "status": (
                        "not_pending",
                        (f"inject {current['number']} is already {current['status']}"),
                    )
                }
            )
        diff = {k: (current[k], v) for k, v in changes.items() if current[k] != v}
        if diff:
            with self.db.transaction():
                self.db.update_record("inject", current, diff, action=action)
        if changes.get("deleted"):
            return _decoded(row)
        return self.get(inject_id)

    def _followers(self, inject: Inject) -> list[str]:
        """The numbers of the injects that follow this one."""
        cursor = self.conn.execute(
            "SELECT number FROM injects WHERE operation_id = ? AND follows = ? AND deleted = 0",
            [inject["operation_id"], inject["number"]],
        )
        return [row[0] for row in cursor]

    def _numbers(self, operation_id: str) -> list[str]:
        cursor = self.conn.execute(
            "SELECT number FROM injects WHERE operation_id = ? AND deleted = 0", [operation_id]
        )
        return [row[0] for row in cursor]

    def _check_operation(self, operation_id: str) -> None:
        check_controller(self.db, operation_id, "injects")


def _duplicate(number: str) -> ValidationError:
    return ValidationError(
        {"number": ("duplicate", f"inject {number} is already in this exercise")}
    )


def _check_follows(number: str, follows: str, numbers: set[str]) -> None:
    """ValidationError unless `follows` is empty or names another inject of `numbers`."""
    if follows and (follows == number or follows not in numbers):
        what = "itself" if follows == number else f"inject {follows}, which is not in the scenario"
        raise ValidationError({"follows": ("not_found", f"inject {number} follows {what}")})


def _followed(inject: Inject, followers: list[str]) -> ValidationError:
    listed = ", ".join(followers[:5])
    return ValidationError(
        {
            "number": (
                "followed",
                f"inject {listed} follows inject {inject['number']}: change that first",
            )
        }
    )


def _decoded(row: Any) -> Inject:
    record = dict(row)
    for name in ("details", "translations", "delivered", "field_hlc"):
        record[name] = json.loads(record[name])
    return record  # type: ignore[return-value]


def from_scenario(inject: Any) -> dict[str, Any]:
    """An inject of a scenario file (msel.Inject) as the form `Injects.add_many` takes."""
    import dataclasses

    values = {f.name: getattr(inject, f.name) for f in dataclasses.fields(inject)}
    values["details"], values["translations"] = dict(inject.details), dict(inject.translations)
    return values


def to_scenario(operation: Mapping[str, Any], injects: Iterable[Inject]) -> Scenario:
    """A scenario file's values of an exercise's injects, titled EXERCISE."""
    names = list(ScenarioInject.__dataclass_fields__)
    return Scenario(
        f"EXERCISE — {operation['name']}",
        "",
        str(operation.get("description") or ""),
        tuple(ScenarioInject(**{n: i[n] for n in names}) for i in injects),  # type: ignore[literal-required]
    )
