"""Watch rules: keyword expressions, an area and a language that flag or hide posts.

A rule is a synced record of an operation (the team shares its rules); it starts switched
off, so that it can be previewed on the stored posts first. Which posts an enabled rule
matches is derived here (`item_rule_hits`, local): computed for each post as it is
placed (queue.py) and for every stored post when a rule is switched on or edited
(`refresh_hits`, a job for the task manager on a big queue). `WatchRules` is the
repository the Store holds as `store.rules`: one replica, one thread.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, cast

from fieldapp.core.errors import NotFoundError, ValidationError
from fieldapp.core.operations import get_operation
from fieldapp.core.record_types import WatchRule
from fieldapp.core.replica import Repository, new_id
from fieldapp.core.times import utc_now
from fieldapp.monitoring.area import bounding_box, contains
from fieldapp.monitoring.rules import Rule, RuleError, fts_query, matches, parse_rule

ACTIONS = ("flag", "hide")
NAME_MAX = 120
RULE_FIELDS = ("name", "expression", "language", "area_id", "operation_area", "action")


@dataclass(frozen=True)
class Matcher:
    """One rule made ready to test posts: its expression, language and area."""

    rule_id: str
    action: str
    rule: Rule
    language: str
    area: Mapping[str, Any] | None

    def test(self, text: str, language: str, lat: float | None, lon: float | None) -> bool:
        if self.language and language and language != self.language:
            return False
        if self.area is not None and (
            lat is None or lon is None or not contains(self.area, lat, lon)
        ):
            return False
        return matches(self.rule, text)


def validate_rule(values: Mapping[str, Any]) -> dict[str, Any]:
    """Check a rule's fields; raises ValidationError naming each bad one."""
    errors: dict[str, tuple[str, str]] = {}
    name = str(values.get("name") or "").strip()
    expression = str(values.get("expression") or "").strip()
    if not name:
        errors["name"] = ("required", "a rule needs a name")
    elif len(name) > NAME_MAX:
        errors["name"] = ("too_long", f"at most {NAME_MAX} characters")
    try:
        parse_rule(expression)
    except RuleError as exc:
        errors["expression"] = ("invalid", str(exc))
    action = values.get("action") or "flag"
    if action not in ACTIONS:
        errors["action"] = ("unknown_value", f"{action!r} is not one of {', '.join(ACTIONS)}")
    language = str(values.get("language") or "").strip().lower()
    operation_area = bool(values.get("operation_area"))
    if values.get("area_id") and operation_area:
        errors["area_id"] = ("two_areas", "a drawn area or the operation's area, not both")
    placed = values.get("area_id") or operation_area
    if not expression and not language and not placed and "expression" not in errors:
        # an empty expression matches every post: alone it would flag or hide them all
        errors["expression"] = ("required", "give words, a language or an area")
    if errors:
        raise ValidationError(errors)
    return {"name": name, "expression": expression, "language": language,
            "area_id": values.get("area_id") or None, "operation_area": int(operation_area),
            "action": action}  # fmt: skip


class WatchRules(Repository):
    """Saving, switching and previewing watch rules."""

    def add(self, operation_id: str, values: Mapping[str, Any]) -> WatchRule:
        """A new rule, switched off (preview it, then `enable`)."""
        get_operation(self.conn, operation_id)
        clean = validate_rule(values)
        self._check_area(operation_id, clean["area_id"])
        rule_id = new_id()
        with self.db.transaction():
            row = {"id": rule_id, "operation_id": operation_id, "created_at": utc_now(),
                   "author": self.db.user, "enabled": 0, **clean}  # fmt: skip
            self.db.insert_records("watch_rule", [row])
        return self.get(rule_id)

    def edit(self, rule_id: str, changes: Mapping[str, Any]) -> WatchRule:
        current = dict(self._row(rule_id))
        clean = validate_rule({**{n: current[n] for n in RULE_FIELDS}, **changes})
        self._check_area(current["operation_id"], clean["area_id"])
        if "enabled" in changes:
            clean["enabled"] = 1 if changes["enabled"] else 0
        self._write(current, clean)
        return self.get(rule_id)

    def enable(self, rule_id: str, on: bool = True) -> WatchRule:
        """Switch a rule on or off; its hits are computed by `refresh_hits`."""
        return self.edit(rule_id, {"enabled": on})

    def delete(self, rule_id: str) -> None:
        current = dict(self._row(rule_id))
        with self.db.transaction():
            self.db.update_record("watch_rule", current, {"deleted": (0, 1)}, action="deleted")

    def get(self, rule_id: str) -> WatchRule:
        return _rule(self._row(rule_id))

    def list(self, operation_id: str) -> list[WatchRule]:
        rows = self.conn.execute(
            "SELECT * FROM watch_rules WHERE operation_id = ? AND deleted = 0 ORDER BY seq",
            [operation_id],
        )
        return [_rule(row) for row in rows]

    def matchers(self, operation_id: str, *, enabled_only: bool = True) -> list[Matcher]:
        """The rules of an operation ready to test posts (those that parse)."""
        return [
            self.matcher(rule)
            for rule in self.list(operation_id)
            if rule["enabled"] or not enabled_only
        ]

    def matcher(self, rule: Mapping[str, Any]) -> Matcher:
        area = None
        if rule.get("area_id"):
            row = self.conn.execute(
                "SELECT geometry FROM features WHERE id = ? AND deleted = 0", [rule["area_id"]]
            ).fetchone()
            area = json.loads(row[0]) if row else {"type": "Polygon", "coordinates": []}
        elif rule.get("operation_area"):
            area = self.operation_area(rule.get("operation_id", ""))
        expression = parse_rule(rule["expression"])
        return Matcher(rule.get("id", ""), rule.get("action", "flag"), expression,
                       rule.get("language", ""), area)  # fmt: skip

    def operation_area(self, operation_id: str) -> dict[str, Any]:
        """The operation's area: the box around its drawn features and located reports
        (an empty shape, matching nothing, when it has neither)."""
        points = [(row[0], row[1]) for row in self.conn.execute(
            "SELECT lon, lat FROM reports WHERE operation_id = ? AND deleted = 0 "
            "AND lat IS NOT NULL AND lon IS NOT NULL", [operation_id])]  # fmt: skip
        for (geometry,) in self.conn.execute(
            "SELECT geometry FROM features WHERE operation_id = ? AND deleted = 0", [operation_id]
        ):
            box = bounding_box(json.loads(geometry))
            if box is not None:
                points += [(box[0], box[1]), (box[2], box[3])]
        if not points:
            return {"type": "Polygon", "coordinates": []}
        west, east = min(p[0] for p in points), max(p[0] for p in points)
        south, north = min(p[1] for p in points), max(p[1] for p in points)
        return {"type": "MultiPoint", "coordinates": [[west, south], [east, north]]}

    def preview(
        self,
        operation_id: str,
        values: Mapping[str, Any],
        limit: int = 50,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> tuple[int, list[str]]:
        """How many stored posts a rule (saved or not) would match, and the ids of the
        newest `limit` of them; the rule's words narrow the search through the full-text
        index first when they can."""
        clean = validate_rule({"name": "preview", **values})
        matcher = self.matcher({**clean, "operation_id": operation_id})
        count, ids = 0, []
        for row in self._candidates(operation_id, matcher.rule):
            if cancelled():
                break
            if matcher.test(row["text"], row["language"], row["lat"], row["lon"]):
                count += 1
                if len(ids) < limit:
                    ids.append(row["id"])
        return count, ids

    def _candidates(self, operation_id: str, rule: Rule) -> sqlite3.Cursor:
        query = fts_query(rule)
        columns = "items.id, items.text, items.language, items.lat, items.lon"
        order = "ORDER BY items.posted_at DESC, items.seq DESC"
        if query is None:
            return self.conn.execute(
                f"SELECT {columns} FROM items WHERE operation_id = ? AND deleted = 0 {order}",
                [operation_id],
            )
        return self.conn.execute(
            f"SELECT {columns} FROM items_fts JOIN items ON items.seq = items_fts.rowid "
            f"WHERE items_fts MATCH ? AND items.operation_id = ? AND items.deleted = 0 {order}",
            [query, operation_id],
        )

    def _check_area(self, operation_id: str, area_id: str | None) -> None:
        if area_id is None:
            return
        row = self.conn.execute(
            "SELECT 1 FROM features WHERE id = ? AND operation_id = ? AND deleted = 0",
            [area_id, operation_id],
        ).fetchone()
        if row is None:
            raise ValidationError(
                {"area_id": ("not_found", "no such map feature in this operation")}
            )

    def _write(self, current: dict[str, Any], clean: Mapping[str, Any]) -> None:
        diff = {k: (current[k], v) for k, v in clean.items() if current[k] != v}
        if diff:
            with self.db.transaction():
                self.db.update_record("watch_rule", current, diff)

    def _row(self, rule_id: str) -> sqlite3.Row:
        row = self.conn.execute(
            "SELECT * FROM watch_rules WHERE id = ? AND deleted = 0", [rule_id]
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no watch rule with id {rule_id}")
        return row


def _rule(row: sqlite3.Row) -> WatchRule:
    rule = dict(row)
    rule["enabled"] = bool(rule["enabled"])
    rule["operation_area"] = bool(rule["operation_area"])
    rule["field_hlc"] = json.loads(rule["field_hlc"])
    return cast(WatchRule, rule)
