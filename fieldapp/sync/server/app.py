"""The server's routes (FastAPI). See docs/sync-protocol.md for the contract.

Route functions are `async` only to read the body bytes in the event loop (http.py);
everything that touches the database, decompresses or parses JSON runs in Starlette's
thread pool (`run_in_threadpool`, or sync dependencies), so one slow request never
blocks the loop. The app holds no state but the Database (its pool) and the blob folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request, Response
from fastapi import Path as PathParam
from fastapi.concurrency import run_in_threadpool
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import FileResponse

from fieldapp import __version__
from fieldapp.sync.protocol import chunks, joining, wire
from fieldapp.sync.protocol.gcpause import paused_gc
from fieldapp.sync.server import accounts, policy, public
from fieldapp.sync.server.blobs import BlobError, BlobStore
from fieldapp.sync.server.db import Database, now_ms
from fieldapp.sync.server.http import TimeLimit, decode_json, json_response, read_body, wire_error
from fieldapp.sync.server.pull import one_record, pull
from fieldapp.sync.server.push import push
from fieldapp.sync.server.schemas import JOIN_SCHEMA, MEMBERS_SCHEMA, PUSH_SCHEMA
from fieldapp.sync.server.throttle import Throttle

API = wire.API
Sha = Annotated[str, PathParam(pattern=r"^[0-9a-f]{64}$")]
OperationId = Annotated[str, PathParam(pattern=r"^[A-Za-z0-9._:-]{1,100}$")]


def _caller(
    request: Request, authorization: Annotated[str | None, Header()] = None
) -> accounts.Principal:
    token = None
    if authorization and authorization.lower().startswith("bearer "):
        token = authorization[7:].strip()
    try:
        return accounts.authenticate(request.app.state.db, token)
    except accounts.AccountError as exc:
        raise HTTPException(exc.status, str(exc), {"WWW-Authenticate": "Bearer"}) from None


def _access(
    request: Request, who: Annotated[accounts.Principal, Depends(_caller)]
) -> policy.Access:
    with request.app.state.db.read() as conn:
        return policy.load_access(conn, who)


Caller = Annotated[accounts.Principal, Depends(_caller)]
Scope = Annotated[policy.Access, Depends(_access)]


def create_app(db: Database, blob_root: Path) -> FastAPI:
    app = FastAPI(
        title="FieldApp sync",
        version=__version__,
        docs_url=f"{API}/docs",
        openapi_url=f"{API}/openapi.json",
        redoc_url=None,
    )
    blobs = BlobStore(blob_root)
    throttle = Throttle()
    app.state.db = db

    @app.get(f"{API}/status", summary="Who am I, and the server clock")
    def status(who: Caller) -> dict:
        return {
            "server_time": now_ms(),
            "protocol": wire.PROTOCOL_VERSION,
            "device_id": who.device_id,
            "user": who.user_name,
            "role": who.role,
        }

    @app.post(
        f"{API}/join",
        summary="Enroll a device with a one-time code",
        openapi_extra={"requestBody": _body(JOIN_SCHEMA)},
    )
    async def join(request: Request) -> dict:
        address = request.client.host if request.client else "?"
        wait = throttle.retry_after(address)
        if wait is not None:
            raise HTTPException(
                429, f"too many failed joins from this address; try again in {wait} s",
                {"Retry-After": str(wait)},
            )  # fmt: skip
        data = await read_body(request, 64 * 1024)

        def work() -> dict:
            try:
                code, name, node = joining.parse_join(decode_json(request, data))
                return {**accounts.join(db, code, name, node), "server_time": now_ms()}
            except wire.WireError as exc:
                throttle.failed(address)
                raise wire_error(exc) from None
            except accounts.AccountError as exc:
                throttle.failed(address)
                raise HTTPException(exc.status, str(exc)) from None
            except HTTPException:
                throttle.failed(address)
                raise

        return await run_in_threadpool(work)

    @app.post(
        f"{API}/push",
        summary="Send a batch of outbox entries",
        openapi_extra={"requestBody": _body(PUSH_SCHEMA)},
    )
    async def push_route(
        request: Request,
        who: Caller,
        since: Annotated[
            int | None,
            Query(
                ge=0,
                le=2**62,
                description="protocol 4: the caller's pull cursor; the answer gives `next`"
                " when nothing but this batch was stored after it",
            ),
        ] = None,
    ) -> dict:
        data = await read_body(request)

        def work() -> dict:
            with paused_gc():  # 400,000 live objects: the collector would walk them again and again
                try:
                    batch = wire.parse_push(decode_json(request, data))
                except wire.WireError as exc:
                    raise wire_error(exc) from None
                return push(db, who, batch, since)

        return await run_in_threadpool(work)

    @app.get(f"{API}/pull", summary="Records and conflicts changed after a cursor")
    def pull_route(
        request: Request,
        who: Caller,
        since: Annotated[int, Query(ge=0, le=2**62)] = 0,
        limit: Annotated[int, Query(ge=1, le=wire.MAX_PULL_LIMIT)] = wire.DEFAULT_PULL_LIMIT,
        have: Annotated[
            str,
            Query(
                pattern=wire.HAVE_PATTERN,
                description="batch_seq of this device's pushes it holds: their values are"
                " left out (comma-separated)",
            ),
        ] = "",
        delta: Annotated[
            bool,
            Query(
                description="protocol 4: the caller merges partial records, so a record it"
                " had before `since` carries only the fields changed since"
            ),
        ] = False,
    ) -> Response:
        with paused_gc():
            page = pull(db, who, since, limit, wire.parse_have(have), delta)
            return json_response(request, page)

    @app.get(
        API + "/records/{entity}/{record_id}",
        summary="One record as the server holds it, with its owner (to undo a refused change)",
    )
    def record_route(who: Caller, entity: str, record_id: str) -> dict:
        if entity not in wire.ENTITIES or not wire.is_ident(record_id):
            raise HTTPException(404, "no such record")
        try:
            return dict(one_record(db, who, entity, record_id))
        except LookupError:
            raise HTTPException(404, "no such record") from None

    _blob_routes(app, db, blobs)
    _member_routes(app, db)
    public.install(app, db, blob_root)  # issue 19: the public form (/r/...)
    app.add_middleware(GZipMiddleware, minimum_size=500)
    app.add_middleware(TimeLimit)
    return app


def _body(schema: dict) -> dict:
    return {"required": True, "content": {"application/json": {"schema": schema}}}


def _blob_routes(app: FastAPI, db: Database, blobs: BlobStore) -> None:
    def guard(exc: BlobError) -> HTTPException:
        headers = {"Upload-Offset": str(exc.offset)} if exc.offset is not None else None
        return HTTPException(exc.status, str(exc), headers)

    @app.get(API + "/blobs/{sha256}/status", summary="How much of a blob the server has")
    def blob_status(sha256: Sha, scope: Scope) -> dict:
        try:
            return blobs.status(db, scope, sha256)
        except BlobError as exc:
            raise guard(exc) from None

    @app.patch(
        API + "/blobs/{sha256}",
        summary="Append one chunk of a blob at an offset",
        openapi_extra={
            "requestBody": {
                "content": {
                    "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
                }
            }
        },
    )
    async def blob_chunk(
        request: Request,
        sha256: Sha,
        scope: Scope,
        upload_offset: Annotated[int, Header(ge=0)],
        upload_length: Annotated[int, Header(ge=1)],
        upload_checksum: Annotated[str, Header()],
        kind: Annotated[str, Query(pattern="^(original|thumb)$")] = "original",
    ) -> dict:
        data = await read_body(request, wire.MAX_CHUNK_BYTES)

        def work() -> dict:
            try:
                chunk = chunks.parse_chunk(
                    upload_offset, upload_length, upload_checksum, kind, data
                )
                return blobs.receive(db, scope, sha256, chunk)
            except wire.WireError as exc:
                raise wire_error(exc) from None
            except BlobError as exc:
                raise guard(exc) from None

        return await run_in_threadpool(work)

    @app.get(
        API + "/blobs/{sha256}",
        summary="Download a blob (Range supported)",
        response_class=FileResponse,
    )
    def blob_get(sha256: Sha, scope: Scope) -> FileResponse:
        try:
            path = blobs.download(db, scope, sha256)
        except BlobError as exc:
            raise guard(exc) from None
        return FileResponse(path, media_type="application/octet-stream")


def _member_routes(app: FastAPI, db: Database) -> None:
    @app.put(
        API + "/operations/{operation_id}/members",
        summary="Restrict an operation",
        openapi_extra={"requestBody": _body(MEMBERS_SCHEMA)},
    )
    async def set_members(
        request: Request,
        operation_id: OperationId,
        who: Caller,
    ) -> dict:
        data = await read_body(request, 64 * 1024)

        def work() -> dict:
            body = decode_json(request, data)
            names = body.get("members") if isinstance(body, dict) else None
            if not isinstance(names, list) or not all(joining.is_plain_name(n) for n in names):
                raise HTTPException(400, "body.members must be a list of user names, or null")
            names = [joining.plain_name(n) for n in names]
            try:
                policy.restrict(db, operation_id, names, by=who)
            except accounts.AccountError as exc:
                raise HTTPException(exc.status, str(exc)) from None
            return {"operation_id": operation_id, "members": names}

        return await run_in_threadpool(work)

    @app.delete(API + "/operations/{operation_id}/members", summary="Open an operation to all")
    def open_operation(operation_id: OperationId, who: Caller) -> dict:
        try:
            policy.open_to_all(db, operation_id, by=who)
        except accounts.AccountError as exc:
            raise HTTPException(exc.status, str(exc)) from None
        return {"operation_id": operation_id, "members": None}
