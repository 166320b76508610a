"""The FastAPI application of the district server: `create_app(database_url)`.

Every route but /health and /login needs a device token; scope and role are
checked on every request from the database (nothing is kept in memory between
requests, so several processes can serve the same district). A push is worked out
on a snapshot first and written in a short turn (`prepare`); it is one transaction, and a
refused op changes nothing.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated

from fastapi import Depends, FastAPI, Request
from fastapi import Path as PathParameter
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse, Response, StreamingResponse
from sqlalchemy.exc import OperationalError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from sync.protocol import (
    MAX_BLOB_BYTES,
    MAX_CHUNK_BYTES,
    PROTOCOL_VERSION,
    SHA256,
    BlobMissing,
    BlobProgress,
    BlobQuery,
    ConflictInfo,
    DefinitionsPage,
    DefinitionsRequest,
    Health,
    LoginRequest,
    LoginResponse,
    Me,
    PullPage,
    PullRequest,
    PushRequest,
    PushResponse,
    Resolution,
)
from sync.server import (
    admin_api,
    admin_publish,
    audit,
    auth,
    conflicts,
    feed,
    prepare,
    published,
    sample_api,
    snapshot,
)
from sync.server.answers import binary, binary_body, describe, errors
from sync.server.bearer import Actor
from sync.server.blobs import BlobFolder, register, sent_by
from sync.server.db import ServerDatabase, current_revision, head_revision
from sync.server.errors import ServerError
from sync.server.middleware import ProtocolAndGzip
from sync.server.strict import known_query
from sync.server.writer import Writer

DATABASE_ENV = "FIELDVISIT_DATABASE_URL"
BLOBS_ENV = "FIELDVISIT_BLOBS"


CONTENT_RANGE = re.compile(r"bytes (\d+)-(\d+)/(\d+)")
CONTENT_RANGE_HEADER = {
    "name": "Content-Range",
    "in": "header",
    "required": True,
    "description": "Where the chunk goes: `bytes first-last/total`",
    "schema": {"type": "string", "pattern": r"^bytes \d+-\d+/\d+$"},
}
OCTETS = "application/octet-stream"
#: the error code of an HTTP error the framework raises, by status
HTTP_CODES = {400: "request.invalid", 404: "not_found"}


def _address(request: Request) -> str:
    return request.client.host if request.client else ""


async def _body(request: Request, limit: int) -> bytes:
    """The request's body, refused (413) when it is larger than `limit` bytes."""
    too_big = ServerError(413, "request.too_big", {"mb": limit >> 20})
    if int(request.headers.get("content-length") or 0) > limit:
        raise too_big
    data = await request.body()
    if len(data) > limit:
        raise too_big
    return data


def _content_range(request: Request, length: int) -> tuple[int, int]:
    """(start, total) of a chunk from its `Content-Range: bytes first-last/total` header."""
    found = CONTENT_RANGE.fullmatch(request.headers.get("content-range", "").strip())
    if found is None:
        raise ServerError(400, "blob.range", {"detail": "需要 Content-Range: bytes 起点-终点/总长"})
    first, last, total = (int(g) for g in found.groups())
    if total > MAX_BLOB_BYTES:
        raise ServerError(413, "request.too_big", {"mb": MAX_BLOB_BYTES >> 20})
    if last < first or last >= total or last - first + 1 != length:
        detail = f"bytes {first}-{last}/{total}，收到{length}字节"
        raise ServerError(400, "blob.range", {"detail": detail})
    return first, total


#: a file's SHA-256 in a path (checked, and described, like every other parameter)
Sha = Annotated[str, PathParameter(pattern=SHA256)]


def create_app(database_url: str, *, blob_dir: Path | None = None) -> FastAPI:
    """The server over one database (SQLite file or PostgreSQL URL), initialised beforehand."""
    db = ServerDatabase(database_url)
    if current_revision(db) != head_revision():
        raise RuntimeError(
            f"server database not initialised or outdated: run `python -m sync.server init`"
            f" (database at {current_revision(db)}, program at {head_revision()})"
        )
    folder = BlobFolder(blob_dir or db.default_blob_dir())
    writer = Writer(db)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        writer.start()  # before the first request runs on a thread
        yield
        writer.stop()

    app = FastAPI(
        title="Fieldvisit district server",
        version=str(PROTOCOL_VERSION),
        lifespan=lifespan,
        # every route: no query parameter it does not take (bodies: `Wire` forbids extras)
        dependencies=[Depends(known_query)],
    )
    app.openapi = describe(app)  # type: ignore[method-assign]
    # a light level: over a district network it pays; on a fast link it must not cost much
    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=3)
    app.add_middleware(ProtocolAndGzip)
    app.state.db = db

    @app.exception_handler(ServerError)
    async def _server_error(_request: Request, exc: ServerError) -> JSONResponse:
        return JSONResponse(exc.body().model_dump(), status_code=exc.status, headers=exc.headers)

    @app.exception_handler(HTTPException)
    async def _http(_request: Request, exc: HTTPException) -> JSONResponse:
        # FastAPI's and Starlette's own (a body that is not JSON, an unknown path or
        # method) answer in the same shape as ours
        code = HTTP_CODES.get(exc.status_code, "request.http")
        params = {"detail": str(exc.detail), "what": str(exc.detail)}
        error = ServerError(exc.status_code, code, params, headers=dict(exc.headers or {}))
        return JSONResponse(error.body().model_dump(), exc.status_code, error.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        error = ServerError(400, "request.invalid", {"detail": f"{where}: {first.get('msg', '')}"})
        return JSONResponse(error.body().model_dump(), status_code=400)

    @app.exception_handler(OperationalError)
    async def _busy(_request: Request, _exc: OperationalError) -> JSONResponse:
        # a locked or restarting database: the laptop retries (pushes are idempotent)
        body = {"code": "server.busy", "message": "服务器繁忙，请稍后再试", "detail": {}}
        return JSONResponse(body, status_code=503, headers={"Retry-After": "1"})

    @app.get("/health", responses=errors(protocol=False))
    def health() -> Health:
        return Health(status="ok", protocol=PROTOCOL_VERSION)

    @app.post("/login", responses=errors(401, 429, 503))
    def login(body: LoginRequest, request: Request) -> LoginResponse:
        return auth.login(db, body, _address(request))

    @app.get("/me", responses=errors(401, 503))
    async def me(actor: Actor) -> Me:
        return actor.me()

    @app.post("/blobs/missing", responses=errors(401, 503))
    async def blobs_missing(body: BlobQuery, actor: Actor) -> BlobMissing:
        # a few indexed reads, like the token's: on the event loop
        with db.lookup() as connection:
            return BlobMissing(missing=folder.missing(connection, actor.username, body.hashes))

    def _stored(actor: auth.Actor, request: Request, sha: str, size: int) -> bool:
        """Note a file now in place, sent by this user (and audit it), unless this user had
        sent it already (whether another user has is never told)."""
        with db.write() as s:
            stored = register(s, actor, sha, size)
            if stored:
                detail = {"sha256": sha, "size": size}
                audit.record(s, actor.username, actor.device_id, "blob", detail, _address(request))
            return stored

    @app.put("/blobs/{sha}", responses=errors(401, 503), openapi_extra=binary_body())
    async def blob_upload(sha: Sha, request: Request, actor: Actor) -> dict[str, bool]:
        """A whole file in one request (a photo smaller than a chunk)."""
        data = await _body(request, MAX_BLOB_BYTES)

        def save() -> bool:
            folder.save(sha, data)
            return _stored(actor, request, sha, len(data))

        return {"stored": await run_in_threadpool(save)}

    @app.get("/blobs/{sha}/upload", responses=errors(401, 503))
    async def blob_progress(sha: Sha, actor: Actor) -> BlobProgress:
        """How much of a file sent in chunks has arrived, to resume after a break."""
        return BlobProgress(received=folder.received(sha, actor.username))

    @app.patch(
        "/blobs/{sha}",
        responses=errors(401, 409, 503),
        openapi_extra={**binary_body(), "parameters": [CONTENT_RANGE_HEADER]},
    )
    async def blob_chunk(sha: Sha, request: Request, actor: Actor) -> BlobProgress:
        """One chunk of a large file (`Content-Range: bytes first-last/total`)."""
        data = await _body(request, MAX_CHUNK_BYTES)
        start, total = _content_range(request, len(data))

        def keep() -> BlobProgress:
            with db.read() as s:
                done = sent_by(s, actor.username, sha)  # whole already (sent twice, retried)
            if not done:
                received = folder.put_chunk(sha, actor.username, start, total, data)
                if received < total:
                    return BlobProgress(received=received)
                folder.finish(sha, actor.username, total)
            _stored(actor, request, sha, total)
            return BlobProgress(received=total, stored=True)

        return await run_in_threadpool(keep)

    @app.get(
        "/blobs/{sha}",
        responses={**binary(OCTETS, "The file's bytes"), **errors(401, 404, 503)},
        response_class=Response,
    )
    def blob_download(sha: Sha, actor: Actor) -> Response:
        with db.read() as s:
            data = folder.read(s, actor, sha)
        return Response(data, media_type="application/octet-stream")

    @app.post("/push", responses=errors(401, 503))
    def push(body: PushRequest, actor: Actor, request: Request) -> PushResponse:
        # worked out here, outside the write turn; written by the writer process
        prepared = prepare.prepare(db, actor, body.ops)
        return PushResponse(receipts=writer.push(actor, body.ops, prepared, _address(request)))

    @app.get(
        "/snapshot",
        responses={**binary(snapshot.MEDIA_TYPE, "A SQLite database file"), **errors(401, 503)},
        response_class=Response,
    )
    def snapshot_image(actor: Actor, request: Request) -> Response:
        """Everything in the user's scope in one SQLite image, for an empty laptop."""
        with db.read() as s:
            try:
                data = snapshot.build(s, actor)
            except snapshot.TooBig as exc:
                raise ServerError(413, "snapshot.too_big") from exc
        if "gzip" not in request.headers.get("accept-encoding", ""):
            return Response(data, media_type=snapshot.MEDIA_TYPE)
        # compressed a piece at a time while it is sent (the laptop inflates as it reads)
        return StreamingResponse(
            snapshot.gzipped(data),
            media_type=snapshot.MEDIA_TYPE,
            headers={"Content-Encoding": "gzip"},
        )

    @app.post("/pull", response_model=PullPage, responses=errors(401, 403, 503))
    def pull(body: PullRequest, actor: Actor) -> Response:
        with db.read() as s:
            page = feed.pull(s, actor, body)
        # serialised directly (not through the model): a first sync sends tens of thousands
        # no NaN nor Infinity (not JSON): a value the checks let through is a server error
        text = json.dumps(page, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        data = text.encode("utf-8")
        return Response(data, media_type="application/json")

    @app.post("/definitions", responses=errors(401, 503))
    def definitions(body: DefinitionsRequest, actor: Actor) -> DefinitionsPage:
        """The forms and settings published after the laptop's last one (every user reads
        them: the forms are the district's, the settings apply by area on the laptop)."""
        with db.read() as s:
            return published.page_after(s, body.after)

    @app.post("/conflicts/{conflict_id}/resolve", responses=errors(401, 403, 404, 503))
    def resolve(conflict_id: str, body: Resolution, actor: Actor) -> ConflictInfo:
        with db.write() as s:
            return conflicts.resolve(s, actor, conflict_id, body)

    admin_api.add_routes(app, db)
    sample_api.add_routes(app, db)
    admin_publish.add_routes(app, db)
    return app


def app_from_env() -> FastAPI:
    """The factory uvicorn's worker processes call (`serve` sets the environment)."""
    blobs = os.environ.get(BLOBS_ENV)
    return create_app(os.environ[DATABASE_ENV], blob_dir=Path(blobs) if blobs else None)
