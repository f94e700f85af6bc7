"""Every synced record type, declared once.

A declaration names the record type on the wire and in the outbox (`entity`), its table,
its synced fields with their kinds (in form order), the order records are applied in
(parents first), and how one record is named in words. Derived from here: the store's and
the sync apply's table maps, the wire's field lists and value checks by kind, the apply
order, the conflict view's fields, titles, labels and value words, and what `show --json`
prints. tests/test_records.py holds each declaration against the table's columns (`PRAGMA
table_info`) and the wire schema.

A new record type: a declaration here, a migration (fieldapp/core/migrations/), a
repository, a UI folder (docs/architecture.md). Immutable values: safe from any thread.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cached_property
from types import MappingProxyType

# A field's kind: what its values are. Each maps to a column type (tests/test_records.py),
# a check of pushed and pulled values (fieldapp/sync/protocol/wire.py) and a way to show
# them (fieldapp/ui/sync/record_display.py).
TEXT = "text"  # free text
CODE = "code"  # one word of a vocabulary (a report's kind, a message's status): picked
ID = "id"  # the id of another record (a report's duplicate, a hop's message)
HASH = "sha256"  # a file's content address: 64 lowercase hex digits
INT = "int"  # a whole number
SCALE = "scale"  # a whole number on a fixed scale (a report's severity): picked
REAL = "real"  # a number
BOOL = "bool"  # true/false, stored 0/1
JSON = "json"  # JSON text (a report's tags)
GEOMETRY = "geometry"  # GeoJSON geometry text (a map feature's shape): picked, never typed
TIME = "time"  # ISO 8601 UTC text, e.g. 2026-11-28T20:35:27.123Z
KINDS = (TEXT, CODE, ID, HASH, INT, SCALE, REAL, BOOL, JSON, GEOMETRY, TIME)
PICKED = frozenset({CODE, SCALE, BOOL, GEOMETRY})  # a result is one of the versions
KEYS = ("id", "operation_id")  # every record's; not fields: they never change
BOOKKEEPING = ("seq", "updated_hlc", "field_hlc")  # the store's own columns, never synced
REPLICATED = {"created_at": TIME, "deleted": BOOL}  # every record's, after its own fields


@dataclass(frozen=True)
class RecordType:
    """One synced record type.

    `rank`: records of a lower rank are applied first (an operation before its reports,
    a report before its attachments), so fewer wait for their parent. `fields` are in the
    order of the record's form; `owned` are those the store fills in (not in the form);
    `sparse`: most fields are empty for a given record, and shown only when filled.
    """

    entity: str
    table: str
    fields: Mapping[str, str]
    rank: int
    label: str
    title_field: str
    owned: frozenset[str] = frozenset()
    sparse: bool = False
    required: frozenset[str] = frozenset({"created_at"})  # a new record must carry these
    nullable: frozenset[str] = frozenset()  # the only fields whose value may be null

    # Cached (the sync server asks them of every pushed record); a declaration is frozen.
    @cached_property
    def not_null(self) -> frozenset[str]:
        """Fields a value of null would not fit (NOT NULL columns of the store)."""
        return self.field_names - self.nullable

    @cached_property
    def field_names(self) -> frozenset[str]:
        return frozenset(self.fields)

    @cached_property
    def form_fields(self) -> tuple[str, ...]:
        """The fields a person sets, in form order (not `owned`, not created_at/deleted)."""
        return tuple(n for n in self.fields if n not in self.owned and n not in REPLICATED)

    def kind_of(self, name: str) -> str:
        """A field's kind; TEXT for a name the declaration lacks."""
        return self.fields.get(name, TEXT)

    def picked(self, name: str) -> bool:
        """Whether a result of this field is one of the versions, never typed."""
        return self.kind_of(name) in PICKED

    def owning(self, *names: str, sparse: bool = False) -> RecordType:
        """The same declaration whose store fills `names` in; `sparse` as in the class."""
        return replace(self, owned=frozenset(names), sparse=sparse)

    def needing(self, *names: str, nullable: tuple[str, ...] = ()) -> RecordType:
        """The same declaration where a new record must carry `names` (and created_at) and
        only `nullable` fields may be null: the store's NOT NULL columns, held by
        tests/test_records.py, and what the server asks of every pushed record."""
        return replace(self, required=frozenset({"created_at", *names}),
                       nullable=frozenset(nullable))  # fmt: skip


def _declare(
    entity: str, table: str, rank: int, label: str, title_field: str, /, **fields: str
) -> RecordType:
    merged = MappingProxyType({**fields, **REPLICATED})
    return RecordType(entity, table, merged, rank, label, title_field)


def _texts(*names: str) -> dict[str, str]:
    return dict.fromkeys(names, TEXT)


OPERATION = _declare(
    "operation", "operations", 0, "operation", "name",
    name=TEXT, description=TEXT, exercise=BOOL,
).needing("name")  # fmt: skip
REPORT = _declare(
    "report", "reports", 1, "report", "title",
    **_texts("title", "body"), kind=CODE, tags=JSON, severity=SCALE,
    lat=REAL, lon=REAL, accuracy_m=REAL, place=TEXT, observed_at=TIME,
    author=TEXT, source=CODE, source_ref=TEXT, status=CODE, duplicate_of=ID,
    verification=CODE, verified_by=TEXT, verified_at=TIME, verification_method=TEXT,
    verification_confidence=CODE,
).needing("title", "kind", "severity", "source", "status", "verification",
          nullable=("lat", "lon", "accuracy_m", "observed_at", "duplicate_of", "verified_at",
                    "verification_confidence"))  # fmt: skip
FEATURE = _declare(
    "feature", "features", 1, "map feature", "name",
    name=TEXT, category=CODE, notes=TEXT, geometry=GEOMETRY, author=TEXT,
).owning("author").needing("name", "category", "geometry")  # fmt: skip
ATTACHMENT = _declare(
    "attachment", "attachments", 2, "attachment", "filename",
    report_id=ID, sha256=HASH, size=INT, **_texts("mime", "filename"), thumb_sha256=HASH,
).needing(
    "report_id", "sha256", "size", "mime", "filename", nullable=("thumb_sha256",)
)  # fmt: skip
# The radio log (fieldapp/radio/): every form field is a column, relay hops are rows.
RADIO_MESSAGE = _declare(
    "radio_message", "radio_messages", 1, "radio message", "number",
    kind=CODE, direction=CODE, status=CODE, test=BOOL, number=TEXT, precedence=CODE,
    **_texts("handling", "origin_station", "check_received"),
    **_texts("place_of_origin", "time_filed", "date_filed", "incident", "subject"),
    **_texts("msg_date", "msg_time", "to_name", "to_position", "address", "phone"),
    **_texts("from_name", "from_position", "author_contact", "text", "signature"),
    **_texts("op_note", "op_note2", "approved_by", "approved_position", "reply"),
    **_texts("replied_by", "replied_position", "reply_date", "reply_time"),
    **_texts("received_from", "received_net", "sent_to", "sent_net", "delivered_to"),
    **_texts("frequency", "mode", "qsl_time"),
    received_at=TIME, sent_at=TIME, delivered_at=TIME, logged_at=TIME,
    format_meta=JSON, author=TEXT,
).owning("logged_at", "format_meta", "author", sparse=True).needing(
    "kind", "direction", "status", "logged_at",
    nullable=("received_at", "sent_at", "delivered_at"),
)  # fmt: skip
RADIO_HOP = _declare(
    "radio_hop", "radio_hops", 2, "relay hop", "to_station",
    message_id=ID, **_texts("from_station", "to_station", "net", "frequency", "mode"),
    at=TIME, author=TEXT,
).needing("message_id", "at")  # fmt: skip

# The monitoring desk (fieldapp/monitoring/): posts taken from sources, the team's watch
# rules and its notes on authors. An item's id derives from its post (and its source when
# the post's own id is not global), so the same post fetched on two laptops is one record;
# every synced field of a new item is a function of the post alone (its created_at is the
# post's date, never the fetch time; which of this laptop's sources fetched it is local),
# so two laptops' copies agree and their meeting is no conflict.
ITEM = _declare(
    "item", "items", 1, "post", "text",
    status=CODE, claimed_by=TEXT, report_id=ID, cluster_pin=TEXT,
    source_kind=CODE, post_key=TEXT,
    **_texts("author", "handle"), posted_at=TIME, text=TEXT, url=TEXT, language=TEXT,
    media=JSON, place=TEXT, lat=REAL, lon=REAL,
).owning("source_kind", "post_key", sparse=True).needing(
    "status", "source_kind", "post_key", "text",
    nullable=("report_id", "cluster_pin", "posted_at", "lat", "lon"),
)  # fmt: skip
WATCH_RULE = _declare(
    "watch_rule", "watch_rules", 1, "watch rule", "name",
    name=TEXT, expression=TEXT, language=TEXT, area_id=ID, operation_area=BOOL, action=CODE,
    enabled=BOOL,
    author=TEXT,
).owning("author").needing("name", "expression", "action", nullable=("area_id",))  # fmt: skip
AUTHOR_NOTE = _declare(
    "author_note", "author_notes", 1, "note on an author", "handle",
    handle=TEXT, credibility=CODE, note=TEXT, author=TEXT,
).owning("author").needing("handle", "credibility")  # fmt: skip
# The alerts and outreach desk (issue 15). An official alert is one CAP message as
# received: its id comes from (sender, identifier, sent), its content never changes; the
# chain of Update and Cancel messages is derived from `refs`. Who took it in and from
# where stays on each laptop (alert_sources): two laptops write the very same record.
ALERT = _declare(
    "alert", "alerts", 1, "official alert", "headline",
    identifier=TEXT, sender=TEXT, sent=TIME, status=CODE, msg_type=CODE, scope=CODE,
    refs=TEXT, event=TEXT, headline=TEXT, severity=CODE, urgency=CODE, certainty=CODE,
    onset=TIME, expires=TIME, languages=TEXT, cap=JSON,
).owning("cap").needing(
    "identifier", "sender", "sent", "status", "msg_type", "scope", "cap",
    nullable=("onset", "expires"),
)  # fmt: skip
PUBLIC_MESSAGE = _declare(
    "public_message", "public_messages", 1, "public message", "title",
    purpose=CODE, title=TEXT, language=TEXT, texts=JSON, hashtags=JSON, link=TEXT,
    alert_id=ID, rumour_id=ID, template=TEXT, status=CODE, approved_by=TEXT,
    approved_at=TIME, note=TEXT, author=TEXT,
).owning("author").needing(
    "purpose", "title", "language", "texts", "status",
    nullable=("alert_id", "rumour_id", "approved_at"),
)  # fmt: skip
RUMOUR = _declare(
    "rumour", "rumours", 1, "rumour", "claim",
    claim=TEXT, first_seen=TIME, status=CODE, verification=TEXT, message_id=ID, author=TEXT,
).owning("author").needing("claim", "status", nullable=("first_seen", "message_id"))  # fmt: skip
MESSAGE_TEMPLATE = _declare(
    "message_template", "message_templates", 1, "message template", "title",
    key=TEXT, hazard=TEXT, language=TEXT, title=TEXT, texts=JSON, author=TEXT,
).owning("author").needing("key", "language", "title", "texts")  # fmt: skip
# Where an alert or a public message went: by which station or account, when, how.
RELAY = _declare(
    "relay", "relays", 2, "relay", "via",
    alert_id=ID, message_id=ID, channel=CODE, via=TEXT, at=TIME, link=TEXT,
    radio_message_id=ID, note=TEXT, author=TEXT,
).owning("author").needing(
    "channel", "at", nullable=("alert_id", "message_id", "radio_message_id")
)  # fmt: skip
# A post or a report that carries a rumour.
RUMOUR_LINK = _declare(
    "rumour_link", "rumour_links", 2, "rumour sighting", "target_id",
    rumour_id=ID, target=CODE, target_id=ID, seen_at=TIME, author=TEXT,
).owning("author").needing("rumour_id", "target", "target_id", nullable=("seen_at",))  # fmt: skip

# The exercise desk (issue 16). An inject is one line of the scenario (the MSEL): the
# controllers' own (core/rights.CONTROLLERS_ONLY: never sent to a player's device, so an
# inject not yet released, its expected action and its controller note stay theirs); a
# released inject is delivered as what players really receive (a post, an alert, a radio
# message, a report). The clock is one per exercise operation; observers write notes.
INJECT = _declare(
    "inject", "injects", 1, "inject", "number",
    number=TEXT, at_s=INT, channel=CODE, sender=TEXT, recipient=TEXT, content=TEXT,
    expected_action=TEXT, controller_note=TEXT, controller=TEXT, follows=TEXT,
    details=JSON, translations=JSON, status=CODE, released_at=TIME, delivered=JSON,
    author=TEXT,
).owning("released_at", "delivered", "author").needing(
    "number", "at_s", "channel", "content", "status", nullable=("released_at",)
)  # fmt: skip
EXERCISE_CLOCK = _declare(
    "exercise_clock", "exercise_clocks", 1, "exercise clock", "state",
    state=CODE, offset_s=INT, started_at=TIME, speed=INT, author=TEXT,
).owning("author").needing("state", "offset_s", "speed", nullable=("started_at",))  # fmt: skip
OBSERVER_NOTE = _declare(
    "observer_note", "observer_notes", 2, "observer note", "text",
    inject_id=ID, player=TEXT, at=TIME, exercise_s=INT, text=TEXT, author=TEXT,
).owning("author").needing("text", "at", nullable=("inject_id", "exercise_s"))  # fmt: skip

# The after-action report: what the trainer writes (a strength, an area for improvement, an
# action of the improvement plan with its owner and due date), and each archived run of
# the scenario (its response times and notes, kept when the exercise is reset and played
# again, so two runs are compared). Controllers' only, like the injects.
AAR_ENTRY = _declare(
    "aar_entry", "aar_entries", 1, "after-action entry", "text",
    section=CODE, text=TEXT, capability=TEXT, owner=TEXT, due=TEXT, author=TEXT,
).owning("author").needing("section", "text")  # fmt: skip
EXERCISE_RUN = _declare(
    "exercise_run", "exercise_runs", 1, "exercise run", "number",
    number=INT, started_at=TIME, ended_at=TIME, archive=TEXT, summary=JSON, author=TEXT,
).owning("author").needing("number", "ended_at", nullable=("started_at",))  # fmt: skip

# That a player opened what an inject delivered (a post, an alert, a radio message, a
# report): written on the player's device the first time, synced to the controllers, whose
# timeline says "seen" between released and answered. Exercise operations only.
READ_RECEIPT = _declare(
    "read_receipt", "read_receipts", 2, "read receipt", "author",
    entity=CODE, record_id=ID, seen_at=TIME, author=TEXT,
).owning("author").needing("entity", "record_id", "seen_at")  # fmt: skip

_REPORTING = (OPERATION, REPORT, FEATURE, ATTACHMENT, RADIO_MESSAGE, RADIO_HOP)
_MONITORING = (ITEM, WATCH_RULE, AUTHOR_NOTE)
_OUTREACH = (ALERT, PUBLIC_MESSAGE, RUMOUR, MESSAGE_TEMPLATE, RELAY, RUMOUR_LINK)
_EXERCISES = (INJECT, EXERCISE_CLOCK, OBSERVER_NOTE, AAR_ENTRY, EXERCISE_RUN, READ_RECEIPT)
RECORD_TYPES: Mapping[str, RecordType] = MappingProxyType(
    {t.entity: t for t in (*_REPORTING, *_MONITORING, *_OUTREACH, *_EXERCISES)}
)
TABLES: Mapping[str, str] = MappingProxyType({t.entity: t.table for t in RECORD_TYPES.values()})
ENTITY_OF_TABLE: Mapping[str, str] = MappingProxyType({t: e for e, t in TABLES.items()})


def apply_rank(entity: str) -> int:
    """The order records are applied in; an unknown entity comes last."""
    known = RECORD_TYPES.get(entity)
    return known.rank if known else max(t.rank for t in RECORD_TYPES.values()) + 1
