"""Every synced record type, declared once.

A declaration names the record type on the wire and in the outbox (`entity`), its table,
its synced fields with their kinds, the order records are applied in (parents first), and
how one record is named in words. The store's and the sync's table maps, the wire's
field lists and the apply order derive from here; tests/test_records.py holds each
declaration against the table's columns (`PRAGMA table_info`) and the wire schema.

A new record type: a declaration here, a migration (fieldapp/core/migrations/), a
repository, a UI folder (docs/architecture.md). Immutable values: safe from any thread.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

# A field's kind: what its values are. Each maps to a column type (tests/test_records.py).
TEXT, INT, REAL, BOOL, JSON, TIME = "text", "int", "real", "bool", "json", "time"
KEYS = ("id", "operation_id")  # every record's; not fields: they never change
BOOKKEEPING = ("seq", "updated_hlc", "field_hlc")  # the store's own columns, never synced
_REPLICATED = {"created_at": TIME, "deleted": BOOL}


@dataclass(frozen=True)
class RecordType:
    """One synced record type.

    `rank`: records of a lower rank are applied first (an operation before its reports,
    a report before its attachments), so fewer wait for their parent.
    """

    entity: str
    table: str
    fields: Mapping[str, str]
    rank: int
    label: str
    title_field: str

    @property
    def field_names(self) -> frozenset[str]:
        return frozenset(self.fields)


def _declare(
    entity: str, table: str, rank: int, label: str, title_field: str, /, **fields: str
) -> RecordType:
    merged = MappingProxyType({**fields, **_REPLICATED})
    return RecordType(entity, table, merged, rank, label, title_field)


def _texts(*names: str) -> dict[str, str]:
    return dict.fromkeys(names, TEXT)


OPERATION = _declare(
    "operation", "operations", 0, "operation", "name",
    name=TEXT, description=TEXT, exercise=BOOL,
)  # fmt: skip
REPORT = _declare(
    "report", "reports", 1, "report", "title",
    **_texts("title", "body", "kind"), tags=JSON, severity=INT,
    lat=REAL, lon=REAL, accuracy_m=REAL, place=TEXT, observed_at=TIME,
    **_texts("author", "source", "source_ref", "status", "duplicate_of", "verification"),
    verified_by=TEXT, verified_at=TIME, verification_method=TEXT,
    verification_confidence=TEXT,
)  # fmt: skip
FEATURE = _declare(
    "feature", "features", 1, "map feature", "name",
    **_texts("name", "category", "notes"), geometry=JSON, author=TEXT,
)  # fmt: skip
ATTACHMENT = _declare(
    "attachment", "attachments", 2, "attachment", "filename",
    **_texts("report_id", "sha256"), size=INT, **_texts("mime", "filename", "thumb_sha256"),
)  # fmt: skip
# The radio log (fieldapp/radio/): every form field is a column, relay hops are rows.
RADIO_MESSAGE = _declare(
    "radio_message", "radio_messages", 1, "radio message", "number",
    **_texts("kind", "direction", "status"), test=BOOL,
    **_texts("number", "precedence", "handling", "origin_station", "check_received"),
    **_texts("place_of_origin", "time_filed", "date_filed", "incident", "subject"),
    **_texts("msg_date", "msg_time", "to_name", "to_position", "address", "phone"),
    **_texts("from_name", "from_position", "author_contact", "text", "signature"),
    **_texts("op_note", "op_note2", "approved_by", "approved_position", "reply"),
    **_texts("replied_by", "replied_position", "reply_date", "reply_time"),
    **_texts("received_from", "received_net", "sent_to", "sent_net", "delivered_to"),
    **_texts("frequency", "mode", "qsl_time"),
    received_at=TIME, sent_at=TIME, delivered_at=TIME, logged_at=TIME,
    format_meta=JSON, author=TEXT,
)  # fmt: skip
RADIO_HOP = _declare(
    "radio_hop", "radio_hops", 2, "relay hop", "to_station",
    **_texts("message_id", "from_station", "to_station", "net", "frequency", "mode"),
    at=TIME, author=TEXT,
)  # fmt: skip

RECORD_TYPES: Mapping[str, RecordType] = MappingProxyType(
    {t.entity: t for t in (OPERATION, REPORT, FEATURE, ATTACHMENT, RADIO_MESSAGE, RADIO_HOP)}
)
TABLES: Mapping[str, str] = MappingProxyType({t.entity: t.table for t in RECORD_TYPES.values()})
ENTITY_OF_TABLE: Mapping[str, str] = MappingProxyType({t: e for e, t in TABLES.items()})


def apply_rank(entity: str) -> int:
    """The order records are applied in; an unknown entity comes last."""
    known = RECORD_TYPES.get(entity)
    return known.rank if known else max(t.rank for t in RECORD_TYPES.values()) + 1
