"""The records as the store hands them out: one TypedDict per record type.

These are the shapes that cross the core's boundaries (the store's public methods, the
report, radio and map reads, the sync apply): a stored row with its JSON decoded (a
report's tags a list, a feature's shape an object, field stamps a dict) and flags as
Python bools where the reader converts them. Their keys are the declaration's
(fieldapp/core/records.py) plus the store's bookkeeping and what a reader adds;
tests/test_records.py holds each against its declaration, so a field added to one and
not the other fails there. Type definitions only: safe from any thread.
"""

from __future__ import annotations

from typing import Any, NotRequired, TypedDict


class Stored(TypedDict):
    """What every stored record has: keys, the store's bookkeeping, replicated fields."""

    seq: int
    id: str
    operation_id: str
    created_at: str
    updated_hlc: str
    deleted: int


class Operation(Stored):
    """An incident or an exercise (`Store.operations.get`); field stamps left out."""

    name: str
    description: str
    exercise: bool
    report_count: int | None  # with `list_operations(with_counts=True)`, else None


class Report(Stored):
    """A stored report (`Store.reports.get`, `report_from_row`)."""

    title: str
    body: str
    kind: str
    tags: list[str]
    severity: int
    lat: float | None
    lon: float | None
    accuracy_m: float | None
    place: str
    observed_at: str | None
    author: str
    source: str
    source_ref: str
    status: str
    duplicate_of: str | None
    verification: str
    verified_by: str
    verified_at: str | None
    verification_method: str
    verification_confidence: str | None
    field_hlc: dict[str, str]


class ReportRow(TypedDict):
    """A row of the report list (`list_rows`): a few columns, the text cut short."""

    seq: int
    id: str
    title: str
    kind: str
    severity: int
    status: str
    verification: str
    place: str
    observed_at: str | None
    created_at: str
    author: str
    body: str


class Attachment(TypedDict):
    """A file attached to a report (`Store.attachments`, `Store.attachments.add`)."""

    id: str
    operation_id: NotRequired[str]  # in what attach_file returns
    report_id: str
    sha256: str
    size: int
    mime: str
    filename: str
    thumb_sha256: str | None
    created_at: str


class Feature(Stored):
    """A stored map feature (`Store.features.get`): its geometry parsed."""

    name: str
    category: str
    notes: str
    geometry: dict[str, Any]
    author: str
    field_hlc: dict[str, str]


class Item(Stored):
    """A post on the monitoring desk (`Store.items.get`): its media list parsed."""

    status: str
    claimed_by: str
    report_id: str | None
    cluster_pin: str | None
    source_kind: str
    post_key: str
    author: str
    handle: str
    posted_at: str | None
    text: str
    url: str
    language: str
    media: list[str]
    place: str
    lat: float | None
    lon: float | None
    field_hlc: dict[str, str]


class WatchRule(Stored):
    """A watch rule of the monitoring desk (`Store.rules.get`)."""

    name: str
    expression: str
    language: str
    area_id: str | None
    operation_area: bool
    action: str
    enabled: bool
    author: str
    field_hlc: dict[str, str]


class AuthorNote(Stored):
    """What the team thinks of an author or account (`Store.authors.note_of`)."""

    handle: str
    credibility: str
    note: str
    author: str
    field_hlc: dict[str, str]


class RadioHop(TypedDict):
    """One relay of a radio message (`Store.radio.hops`): who passed it to whom, when."""

    id: str
    message_id: NotRequired[str]  # in `period_messages`
    from_station: str
    to_station: str
    net: str
    frequency: str
    mode: str
    at: str
    author: str


class MessageWarning(TypedDict):
    """Why a value of a radio message looks wrong (kept as copied: a warning, not an error)."""

    code: str
    message: str


class RadioMessage(Stored):
    """A stored radio message (`message_from_row`, `Store.radio.get`): every form field,
    its check to pass on, warnings by field and, from `get_message`, its hops."""

    kind: str
    direction: str
    status: str
    test: bool
    number: str
    precedence: str
    handling: str
    origin_station: str
    check_received: str
    place_of_origin: str
    time_filed: str
    date_filed: str
    incident: str
    subject: str
    msg_date: str
    msg_time: str
    to_name: str
    to_position: str
    address: str
    phone: str
    from_name: str
    from_position: str
    author_contact: str
    text: str
    signature: str
    op_note: str
    op_note2: str
    approved_by: str
    approved_position: str
    reply: str
    replied_by: str
    replied_position: str
    reply_date: str
    reply_time: str
    received_from: str
    received_net: str
    sent_to: str
    sent_net: str
    delivered_to: str
    frequency: str
    mode: str
    qsl_time: str
    received_at: str | None
    sent_at: str | None
    delivered_at: str | None
    logged_at: str
    format_meta: dict[str, Any]
    author: str
    field_hlc: dict[str, str]
    check_counted: str
    check: str
    warnings: dict[str, MessageWarning]
    hops: NotRequired[list[RadioHop]]


class Alert(Stored):
    """An official alert (`Store.alerts.get`): one CAP message; its CAP content parsed."""

    identifier: str
    sender: str
    sent: str
    status: str
    msg_type: str
    scope: str
    refs: str
    event: str
    headline: str
    severity: str
    urgency: str
    certainty: str
    onset: str | None
    expires: str | None
    languages: str
    cap: dict[str, Any]
    field_hlc: dict[str, str]


class PublicMessage(Stored):
    """A public message of the outreach desk (`Store.messages.get`): texts per channel."""

    purpose: str
    title: str
    language: str
    texts: dict[str, str]
    hashtags: list[str]
    link: str
    alert_id: str | None
    rumour_id: str | None
    template: str
    status: str
    approved_by: str
    approved_at: str | None
    note: str
    author: str
    field_hlc: dict[str, str]


class Rumour(Stored):
    """A rumour on the board (`Store.rumours.get`)."""

    claim: str
    first_seen: str | None
    status: str
    verification: str
    message_id: str | None
    author: str
    field_hlc: dict[str, str]


class MessageTemplate(Stored):
    """A coordinator's version of a prevention message template (`Store.messages`)."""

    key: str
    hazard: str
    language: str
    title: str
    texts: dict[str, str]
    author: str
    field_hlc: dict[str, str]


class Relay(Stored):
    """Where an alert or a public message went: channel, station or account, when."""

    alert_id: str | None
    message_id: str | None
    channel: str
    via: str
    at: str
    link: str
    radio_message_id: str | None
    note: str
    author: str
    field_hlc: dict[str, str]


class RumourLink(Stored):
    """A post (`item`) or a report that carries a rumour."""

    rumour_id: str
    target: str
    target_id: str
    seen_at: str | None
    author: str
    field_hlc: dict[str, str]


class Inject(Stored):
    """One line of an exercise's scenario (`Store.injects`): the controllers' own."""

    number: str
    at_s: int
    channel: str
    sender: str
    recipient: str
    content: str
    expected_action: str
    controller_note: str
    controller: str
    follows: str
    details: dict[str, str]
    translations: dict[str, str]
    status: str
    released_at: str | None
    delivered: list[dict[str, str]]
    author: str
    field_hlc: dict[str, str]


class ExerciseClock(Stored):
    """The clock of an exercise operation: exercise seconds, running or not, speed."""

    state: str
    offset_s: int
    started_at: str | None
    speed: int
    author: str
    field_hlc: dict[str, str]


class ObserverNote(Stored):
    """An observer's timestamped note on an inject or a player."""

    inject_id: str | None
    player: str
    at: str
    exercise_s: int | None
    text: str
    author: str
    field_hlc: dict[str, str]


class ReadReceipt(Stored):
    """That a player opened a record an inject delivered (`Store.receipts`)."""

    entity: str  # item, alert, radio_message or report
    record_id: str
    seen_at: str
    author: str
    field_hlc: dict[str, str]


class AarEntry(Stored):
    """A line of the after-action report the trainer writes (`Store.aar`)."""

    section: str  # strength | improvement | action
    text: str
    capability: str
    owner: str
    due: str  # an ISO date, or ""
    author: str
    field_hlc: dict[str, str]


class ExerciseRun(Stored):
    """An archived run of an exercise's scenario (`Store.runs`): its responses and notes."""

    number: int
    started_at: str | None
    ended_at: str
    archive: str
    summary: dict[str, Any]
    author: str
    field_hlc: dict[str, str]


class HistoryEntry(TypedDict):
    """One change of a record (`Store.history`): who, when, which fields."""

    at: str
    author: str
    action: str
    changes: dict[str, list[Any]]  # field -> [old value, new value]; {} when created
    hlc: str


class OutboxEntry(TypedDict):
    """A local change not yet acknowledged by a server (`Store.db.outbox_entries`): the fields
    it changed with their current stored values and stamps."""

    seq: int
    op_id: str
    entity: str
    row_id: str
    operation_id: str
    hlc: str
    fields: dict[str, Any]
    stamps: dict[str, str]
    created_at: str
