"""The public form's routes: the citizen's pages under /r/, the coordinators' API.

Public (no account): `GET /r/{code}` the form, `POST /r/{code}` a report (limits first,
then the body read up to MAX_BODY — the rest is drained and dropped, so the person gets
the polite page, not a cut connection — then intake.py), `GET /r/{code}/places?q=` place
names for the form's completion, `GET /r/{code}/tiles/{z}/{x}/{y}` the tap-map's tiles.
Authenticated (a device token, as every /api/v1 call): the state of an operation's
public form and switching it (coordinators), its QR code, its submissions with contacts,
and revealing a contact to every device. Routes read bytes in the event loop and do the
rest in the thread pool, as app.py does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, Response
from sqlalchemy import Connection
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.formparsers import MultiPartException
from starlette.requests import ClientDisconnect
from starlette.requests import Request as StarletteRequest

from fieldapp.sync.protocol import wire
from fieldapp.sync.server import accounts
from fieldapp.sync.server.db import Database, now_ms
from fieldapp.sync.server.http import decode_json, read_body
from fieldapp.sync.server.public import limits, opening, page, places, qr, submissions, tokens
from fieldapp.sync.server.public.commits import GroupCommit
from fieldapp.sync.server.public.intake import FormContext, receive, refuse
from fieldapp.sync.server.public.photos import MAX_PHOTO_BYTES
from fieldapp.sync.server.public.words import pick_language

API = wire.API
MAX_BODY = MAX_PHOTO_BYTES + 512 * 1024  # a photo and the fields
DRAIN_LIMIT = 64 * 1024 * 1024  # past this, the connection is simply closed
Code = Annotated[str, PathParam(pattern=r"^[A-Za-z0-9]{4,16}$")]
OperationId = Annotated[str, PathParam(pattern=r"^[A-Za-z0-9._:-]{1,100}$")]
FIELDS = ("token", "lang", "text", "kind", "place", "lat", "lon", "photo_position",
          "contact", "consent", "homepage")  # fmt: skip


def _caller(request: Request, authorization: Annotated[str | None, Header()] = None) -> Any:
    token = None
    if authorization and authorization.lower().startswith("bearer "):
        token = authorization[7:].strip()
    try:
        return accounts.authenticate(request.app.state.db, token)
    except accounts.AccountError as exc:
        raise HTTPException(exc.status, str(exc), {"WWW-Authenticate": "Bearer"}) from None


Caller = Annotated[accounts.Principal, Depends(_caller)]


class _Secret:
    """The token secret, read once per process (it never changes)."""

    def __init__(self, db: Database):
        self.db, self.value = db, b""

    def get(self) -> bytes:
        if not self.value:
            with self.db.read() as conn:
                self.value = tokens.secret(conn)
        return self.value


def install_public(app: FastAPI, db: Database, blob_root: Path) -> None:
    secret = _Secret(db)
    commits = GroupCommit(db)

    def context(conn: Connection, code: str, request: Request) -> FormContext | None:
        op = opening.by_code(conn, code)
        found = opening.find_operation(conn, op.operation_id) if op is not None else None
        if op is None or found is None:
            return None
        language = pick_language(
            request.query_params.get("lang"),
            request.headers.get("accept-language"),
            op.languages.split(","),
        )
        key = secret.get()
        address = request.client.host if request.client else "?"
        buckets = (
            limits.address_bucket(tokens.address_key(key, address), op.address_limit),
            limits.operation_bucket(op.operation_id, op.operation_limit),
        )
        return FormContext(op, language, found.exercise, found.name, key, buckets)

    def admit(code: str, request: Request) -> tuple[FormContext | None, str | int | None]:
        """The form's context and, in the same read, whether it takes a post now: None,
        "closed", or the wait in seconds when a bucket is empty (a read: the tokens are
        taken in the transaction that stores the report). A refusal is counted."""
        now = now_ms()
        with db.read() as conn:
            ctx = context(conn, code, request)
            if ctx is None:
                return None, None
            verdict = (
                limits.peek(conn, ctx.buckets, now)
                if opening.is_accepting(ctx.op, now)
                else "closed"
            )
        if verdict is not None:
            refuse(commits, ctx, "closed" if verdict == "closed" else "rate_limited")
        return ctx, verdict

    def unknown(request: Request) -> HTMLResponse:
        language = pick_language(request.query_params.get("lang"),
                                 request.headers.get("accept-language"), ["en", "fr"])  # fmt: skip
        return page.message_page(None, language, False, "", "unknown_title", "unknown", 404)

    @app.get("/r/{code}", response_class=HTMLResponse, include_in_schema=False)
    def form(code: Code, request: Request) -> HTMLResponse:
        with db.read() as conn:
            ctx = context(conn, code, request)
        if ctx is None:
            return unknown(request)
        if not opening.is_accepting(ctx.op, now_ms()):
            return ctx.message("closed_title", "closed", 410)
        return ctx.form({}, {}, 200, places.map_view(ctx.op.tiles))

    @app.post("/r/{code}", response_class=HTMLResponse, include_in_schema=False)
    async def post(code: Code, request: Request) -> Response:
        ctx, verdict = await run_in_threadpool(admit, code, request)
        if ctx is None:
            return unknown(request)
        if verdict == "closed":
            return ctx.message("closed_title", "closed", 410)
        if isinstance(verdict, int):
            return ctx.busy(verdict)
        data = await _read_or_drain(request)
        if data is None:
            await run_in_threadpool(refuse, commits, ctx, "too_large")
            return ctx.message("large_title", "large", 413, back=True)
        parsed = await _parse(request, data)
        if parsed is None:
            await run_in_threadpool(refuse, commits, ctx, "invalid")
            return ctx.message("bad_title", "bad", 400, back=True)
        fields, photo = parsed
        return await run_in_threadpool(receive, db, commits, blob_root, ctx, fields, photo)

    @app.get("/r/{code}/places", include_in_schema=False)
    def place_names(code: Code, q: Annotated[str, Query(max_length=100)] = "") -> JSONResponse:
        with db.read() as conn:
            op = opening.by_code(conn, code)
        if op is None or not opening.is_accepting(op, now_ms()) or len(q.strip()) < 2:
            return JSONResponse([])
        return JSONResponse(places.complete(q.strip()), headers={"Cache-Control": "max-age=3600"})

    @app.get("/r/{code}/tiles/{z}/{x}/{y}", include_in_schema=False)
    def map_tile(code: Code, z: int, x: int, y: int) -> Response:
        with db.read() as conn:
            op = opening.by_code(conn, code)
        found = places.tile(op.tiles, z, x, y) if op is not None and 0 <= z <= 22 else None
        if found is None:
            return Response(status_code=404)
        return Response(found[0], media_type=found[1], headers={"Cache-Control": "max-age=86400"})

    _api_routes(app, db)


async def _read_or_drain(request: Request) -> bytes | None:
    """The body if within MAX_BODY; else None after reading (and dropping) the rest."""
    try:
        return await read_body(request, MAX_BODY)
    except HTTPException as exc:
        if exc.status_code != 413:
            raise
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > DRAIN_LIMIT:
        return None
    drained = 0
    try:
        async for chunk in request.stream():
            drained += len(chunk)
            if drained > DRAIN_LIMIT:
                break
    except (ClientDisconnect, RuntimeError):
        pass
    return None


async def _parse(request: Request, data: bytes) -> tuple[dict[str, str], bytes | None] | None:
    """The form's text fields and the photo's bytes; None if the body is not a form."""
    sent = False

    async def replay() -> dict:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": data, "more_body": False}

    again = StarletteRequest(request.scope, replay)
    try:
        form = await again.form(max_files=1, max_fields=len(FIELDS) + 4, max_part_size=64 * 1024)
    except (MultiPartException, StarletteHTTPException, AssertionError, ValueError, KeyError):
        return None
    try:
        fields = {name: value for name, value in form.multi_items()
                  if name in FIELDS and isinstance(value, str)}  # fmt: skip
        upload = form.get("photo")
        photo = await upload.read() if isinstance(upload, UploadFile) else None
    finally:
        await form.close()
    return fields, (photo or None)


def _api_routes(app: FastAPI, db: Database) -> None:
    def guarded(work: Any, *args: Any) -> Any:
        try:
            return work(*args)
        except accounts.AccountError as exc:
            raise HTTPException(exc.status, str(exc)) from None

    @app.get(API + "/operations/{operation_id}/public", summary="An operation's public form")
    def public_state(operation_id: OperationId, who: Caller) -> dict:
        return guarded(opening.state, db, operation_id, who)

    @app.post(
        API + "/operations/{operation_id}/public",
        summary="Open an operation to the public, or close it (coordinators)",
    )
    async def public_switch(operation_id: OperationId, request: Request, who: Caller) -> dict:
        data = await read_body(request, 64 * 1024)

        def work() -> dict:
            body = decode_json(request, data)
            if not isinstance(body, dict) or not isinstance(body.get("open"), bool):
                raise HTTPException(400, "body.open must be true or false")
            settings = {k: v for k, v in body.items() if k != "open"}
            return guarded(opening.switch, db, operation_id, body["open"], settings, who)

        return await run_in_threadpool(work)

    @app.get(API + "/operations/{operation_id}/public/qr.svg", summary="The form's QR code")
    def public_qr(operation_id: OperationId, request: Request, who: Caller) -> Response:
        state = guarded(opening.state, db, operation_id, who)
        if not state["code"]:
            raise HTTPException(404, "this operation was never opened to the public")
        url = state["url"] or str(request.base_url).rstrip("/") + state["path"]
        return Response(qr.svg(url), media_type="image/svg+xml")

    @app.get(
        API + "/operations/{operation_id}/public/submissions",
        summary="The public form's submissions, contacts included (coordinators)",
    )
    def public_submissions(operation_id: OperationId, who: Caller) -> dict:
        rows = guarded(submissions.listing, db, operation_id, who)
        return {"operation_id": operation_id, "submissions": rows}

    @app.post(
        API + "/public/items/{item_id}/reveal",
        summary="Put a submission's contact in its item, for every device (coordinators)",
    )
    def reveal(item_id: OperationId, who: Caller) -> dict:
        return guarded(submissions.reveal, db, item_id, who)
