"""What a citizen sends: checked field by field, then stored as a monitoring item.

`check_form` turns the posted fields into a `Report` or a map of field -> error code
(words.py says each in the page's language). `store` writes, in the caller's write
transaction, the server-side submission (the contact phone stays here, never in the
synced record), the photo's blob references and the `item` record every desktop pulls
(records.py): source_kind "public", its receipt in post_key, the kind as a closing
hashtag of its text, the position the person gave (or the photo's, if consented).
`reveal` puts a contact in its item for everyone, at a coordinator's request. Pure but
`store`, `receipt_of_nonce`, `reveal` and `listing` (database); any thread.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, bindparam, insert, select, update

from fieldapp.core.jsontext import dumps
from fieldapp.core.rights import leads
from fieldapp.core.times import format_time
from fieldapp.monitoring.items import item_id
from fieldapp.sync.protocol.joining import CODE_ALPHABET
from fieldapp.sync.server import tables as t
from fieldapp.sync.server.accounts import AccountError, Principal
from fieldapp.sync.server.db import Database, now_ms
from fieldapp.sync.server.public import records
from fieldapp.sync.server.public import tables as pt
from fieldapp.sync.server.public.opening import check_right
from fieldapp.sync.server.public.photos import CleanPhoto

KINDS = ("flooding", "road_cut", "damage", "people_in_need", "other")
TEXT_MIN, TEXT_MAX = 3, 2000
PLACE_MAX = 200
_PHONE = re.compile(r"^\+?[0-9 .()\-]{6,30}$")
SOURCE_KIND = "public"
_S = pt.public_submissions
_BY_NONCE = select(_S.c.receipt).where(_S.c.nonce == bindparam("nonce"))
_BY_RECEIPT = select(_S.c.receipt).where(_S.c.receipt == bindparam("receipt"))
_NEW = insert(_S)


@dataclass(frozen=True)
class Report:
    """A checked submission."""

    text: str
    kind: str
    place: str
    lat: float | None
    lon: float | None
    contact: str
    language: str
    photo_position: bool  # the person let the photo's own position be used


def check_form(fields: Mapping[str, str], language: str) -> tuple[Report | None, dict[str, str]]:
    """The report, or the errors by field (codes: required, too_long, too_short, unknown,
    range, phone, consent)."""
    errors: dict[str, str] = {}
    text = fields.get("text", "").strip()
    if not text:
        errors["text"] = "required"
    elif len(text) < TEXT_MIN:
        errors["text"] = "too_short"
    elif len(text) > TEXT_MAX:
        errors["text"] = "too_long"
    kind = fields.get("kind", "")
    if kind not in KINDS:
        errors["kind"] = "required" if not kind else "unknown"
    place = " ".join(fields.get("place", "").split())
    if len(place) > PLACE_MAX:
        errors["place"] = "too_long"
    lat, lon = _position(fields, errors)
    contact = fields.get("contact", "").strip()
    if contact and (not _PHONE.match(contact) or not 6 <= sum(c.isdigit() for c in contact) <= 20):
        errors["contact"] = "phone"
    if fields.get("consent") != "yes":
        errors["consent"] = "consent"
    if errors:
        return None, errors
    photo_position = fields.get("photo_position") == "yes"
    return Report(text, kind, place, lat, lon, contact, language, photo_position), {}


def _position(
    fields: Mapping[str, str], errors: dict[str, str]
) -> tuple[float | None, float | None]:
    raw_lat, raw_lon = fields.get("lat", "").strip(), fields.get("lon", "").strip()
    if not raw_lat and not raw_lon:
        return None, None
    try:
        lat, lon = float(raw_lat), float(raw_lon)
    except ValueError:
        errors["position"] = "range"
        return None, None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        errors["position"] = "range"
        return None, None
    return round(lat, 6), round(lon, 6)


def locate(
    report: Report, photo: CleanPhoto | None, lookup: Callable[[str], tuple[float, float] | None]
) -> tuple[Report, str | None]:
    """The report with its position: given, else the photo's (if consented), else the
    named place's; and the error code of the place field when there is none at all."""
    lat, lon = report.lat, report.lon
    if lat is None and photo is not None and photo.gps and report.photo_position:
        lat, lon = photo.gps
    if lat is None and report.place:
        found = lookup(report.place)
        if found:
            lat, lon = found
    if lat is None and not report.place:
        return report, "where"
    return _with(report, lat, lon), None


def _with(report: Report, lat: float | None, lon: float | None) -> Report:
    return Report(report.text, report.kind, report.place, lat, lon, report.contact,
                  report.language, report.photo_position)  # fmt: skip


def receipt_of_nonce(conn: Connection, nonce: str) -> str | None:
    """The receipt of the submission a form page's token already brought (a double post)."""
    return conn.execute(_BY_NONCE, {"nonce": nonce}).scalar()


def store(conn: Connection, operation_id: str, report: Report, nonce: str,
          photo: tuple[str, int] | None, now: int) -> str:  # fmt: skip
    """Write the submission and its item; returns the receipt code (e.g. "K7P-4QX").
    `photo`: the (sha256, size) of its cleaned photo, already in the blob folder."""
    photo_sha = photo[0] if photo else None
    receipt = _new_receipt(conn)
    key = f"public:{receipt}"
    row_id = item_id(operation_id, key)
    moment = format_time_ms(now)
    values = {
        "status": "new", "claimed_by": "", "report_id": None, "cluster_pin": None,
        "source_kind": SOURCE_KIND, "post_key": key,
        "author": f"Public form {receipt}", "handle": "",
        "posted_at": moment, "text": f"{report.text}\n\n#{report.kind}", "url": "",
        "language": report.language,
        "media": dumps([f"/api/v1/blobs/{photo_sha}"] if photo_sha else []),
        "place": report.place, "lat": report.lat, "lon": report.lon,
        "created_at": moment,
    }  # fmt: skip
    records.create(conn, "item", row_id, operation_id, values, now)
    conn.execute(
        _NEW,
        {"item_id": row_id, "receipt": receipt, "operation_id": operation_id, "nonce": nonce,
         "kind": report.kind, "contact": report.contact, "photo_sha256": photo_sha,
         "created_at": now},
    )  # fmt: skip
    if photo:
        _photo_refs(conn, operation_id, photo, now)
    return receipt


def format_time_ms(ms: int) -> str:
    return format_time(datetime.fromtimestamp(ms / 1000, UTC))


def _new_receipt(conn: Connection) -> str:
    while True:
        letters = "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))
        receipt = f"{letters[:3]}-{letters[3:]}"
        if conn.execute(_BY_RECEIPT, {"receipt": receipt}).first() is None:
            return receipt


def _photo_refs(conn: Connection, operation_id: str, photo: tuple[str, int], now: int) -> None:
    """The photo as a complete blob that devices of the operation may download."""
    sha, size = photo
    known = conn.execute(select(t.blobs.c.sha256).where(t.blobs.c.sha256 == sha)).first()
    if known is None:
        conn.execute(
            insert(t.blobs).values(
                sha256=sha, size=size, kind="original", complete=True, created_at=now
            )
        )
    ref = conn.execute(
        select(t.blob_refs.c.sha256).where(
            t.blob_refs.c.sha256 == sha, t.blob_refs.c.operation_id == operation_id
        )
    ).first()
    if ref is None:
        conn.execute(
            insert(t.blob_refs).values(
                sha256=sha, operation_id=operation_id, kind="original", proven=True
            )
        )


def reveal(db: Database, row_id: str, by: Principal | None) -> dict[str, Any]:
    """Put a submission's contact phone in its item (`handle`, the desk's "Account"), so
    every device of the operation gets it: a coordinator's decision, remembered."""
    with db.write() as conn:
        row = conn.execute(
            select(pt.public_submissions).where(pt.public_submissions.c.item_id == row_id)
        ).first()
        if row is None:
            raise AccountError("no public submission with that id", 404)
        check_right(conn, by, row.operation_id)
        now = now_ms()
        if row.contact and row.revealed_at is None:
            records.change(conn, "item", row_id, {"handle": row.contact}, now)
        conn.execute(
            update(pt.public_submissions)
            .where(pt.public_submissions.c.item_id == row_id)
            .values(revealed_at=row.revealed_at or now,
                    revealed_by=row.revealed_by or (by.user_name if by else "server administrator"))
        )  # fmt: skip
    return {"item_id": row_id, "receipt": row.receipt, "contact": row.contact, "revealed": True}


def listing(db: Database, operation_id: str, by: Principal | None) -> list[dict[str, Any]]:
    """An operation's submissions, newest first, contacts included: for its coordinators."""
    with db.read() as conn:
        operation = check_right(conn, by, operation_id)
        if by is not None and not leads(by.role, operation.exercise):
            raise AccountError("only a coordinator sees the public submissions", 403)
        rows = conn.execute(
            select(pt.public_submissions)
            .where(pt.public_submissions.c.operation_id == operation_id)
            .order_by(pt.public_submissions.c.created_at.desc())
        ).all()
        return [_listed(row) for row in rows]


def _listed(row: Any) -> dict[str, Any]:
    return {
        "item_id": row.item_id,
        "receipt": row.receipt,
        "kind": row.kind,
        "contact": row.contact,
        "photo_sha256": row.photo_sha256,
        "created_at": row.created_at,
        "revealed_at": row.revealed_at,
        "revealed_by": row.revealed_by,
    }
