"""One post of the public form, from its bytes to a receipt or a polite refusal page.

`receive` runs in a worker thread once the route has read the body (within the limit)
and parsed the form: the token, the honeypot, the fields, the photo (re-encoded,
CPU-bound), the position, then the post's writes, in the transaction of a group commit
(commits.py): a double post of the page answers its first receipt, else the rate
limits' tokens are taken and the submission and its item stored (a post with a photo
looks for a double post first too, before re-encoding it). Nothing that can be done
before the write lock is done under it.
Every refusal is counted (`public_attempts`) and answered with a page in the person's
language that says what happened; nothing is stored from a refused post. Any worker
thread.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from fastapi.responses import HTMLResponse
from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError

from fieldapp.sync.server.db import Database, now_ms
from fieldapp.sync.server.public import limits, page, places, storage, submissions, tokens
from fieldapp.sync.server.public.commits import GroupCommit
from fieldapp.sync.server.public.photos import PhotoError, clean
from fieldapp.sync.server.public.words import words


@dataclass(frozen=True)
class FormContext:
    """What a post of one form needs to know of its operation."""

    op: Any  # the public_operations row
    language: str
    exercise: bool
    operation_name: str
    key: bytes  # the token secret
    buckets: tuple[limits.Bucket, ...]  # the address's and the operation's (limits.py)

    def message(self, heading: str, text: str, status: int, back: bool = False,
                extra: Mapping[str, str] | None = None) -> HTMLResponse:  # fmt: skip
        return page.message_page(self.op, self.language, self.exercise, self.operation_name,
                                 heading, text, status, back, extra)  # fmt: skip

    def busy(self, wait: int) -> HTMLResponse:
        """The polite 429 page: wait that long, then send again."""
        w = words(self.language)
        minutes, seconds = w["minutes"], w["seconds"]
        delay = (
            minutes.replace("%1", str(-(-wait // 60)))
            if wait >= 60
            else seconds.replace("%1", str(wait))
        )
        return self.message("busy_title", w["busy"].replace("%1", delay), 429, back=True,
                            extra={"Retry-After": str(wait)})  # fmt: skip

    def form(self, values: Mapping[str, str], errors: Mapping[str, str], status: int,
             map_view: Mapping[str, Any] | None) -> HTMLResponse:  # fmt: skip
        token = tokens.issue(self.key, self.op.code, now_ms())
        return page.form_page(self.op, self.language, self.exercise, self.operation_name,
                              token, values, errors, map_view, status)  # fmt: skip


def refuse(commits: GroupCommit, ctx: FormContext, reason: str) -> None:
    """Count a refused attempt (in a group commit: a flood of refusals shares commits)."""
    now = now_ms()
    commits.run(lambda conn: limits.count(conn, ctx.op.operation_id, reason, now))


def receive(db: Database, commits: GroupCommit, blob_root: Path, ctx: FormContext,
            fields: Mapping[str, str], photo: bytes | None) -> HTMLResponse:  # fmt: skip
    now = now_ms()
    token = tokens.check(ctx.key, ctx.op.code, fields.get("token", ""), now)
    if token is None:
        refuse(commits, ctx, "bad_token")
        return ctx.message("token_title", "token", 403, back=True)
    if fields.get("homepage", "").strip():
        refuse(commits, ctx, "honeypot")
        return ctx.message("honeypot_title", "honeypot_text", 400, back=True)
    if photo:  # a page sent twice (a retry on a slow link): no second re-encoding
        with db.read() as conn:
            earlier = submissions.receipt_of_nonce(conn, token.nonce)
        if earlier:
            return _receipt(ctx, earlier)
    report, errors = submissions.check_form(fields, ctx.language)
    cleaned = None
    if photo:
        try:
            cleaned = clean(photo)
        except PhotoError as exc:
            errors["photo"] = exc.code
    if report is not None and not errors:
        report, where = submissions.locate(report, cleaned, places.locate)
        if where:
            errors["where"] = where
    if errors or report is None:
        refuse(commits, ctx, "bad_photo" if "photo" in errors else "invalid")
        shown = {k: v for k, v in fields.items() if k not in ("token", "homepage")}
        return ctx.form(shown, errors, 422, places.map_view(ctx.op.tiles))
    blob = storage.save(blob_root, cleaned.data) if cleaned else None
    try:
        outcome = commits.run(partial(_store, ctx, report, token.nonce, blob, now))
    except IntegrityError:  # the same page posted twice at once: the first one won
        with db.read() as conn:
            outcome = submissions.receipt_of_nonce(conn, token.nonce)
        if outcome is None:
            raise
    return ctx.busy(outcome) if isinstance(outcome, int) else _receipt(ctx, outcome)


def _store(ctx: FormContext, report: submissions.Report, nonce: str,
           blob: tuple[str, int] | None, now: int, conn: Connection) -> str | int:  # fmt: skip
    """In the write transaction: the receipt of this page's earlier post if there is one,
    else the buckets' tokens and the submission; its receipt, or the wait in seconds."""
    earlier = submissions.receipt_of_nonce(conn, nonce)
    if earlier:
        return earlier
    wait = limits.take(conn, ctx.buckets, now)
    if wait is not None:  # posts that passed the first look together: too many
        limits.count(conn, ctx.op.operation_id, "rate_limited", now)
        return wait
    return submissions.store(conn, ctx.op.operation_id, report, nonce, blob, now)


def _receipt(ctx: FormContext, receipt: str) -> HTMLResponse:
    return page.receipt_page(ctx.op, ctx.language, ctx.exercise, ctx.operation_name, receipt)
