"""ASGI middleware: gzip request bodies (laptops compress their pushes) and the protocol check."""

from __future__ import annotations

import json
import zlib
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION
from sync.server.errors import ServerError

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

#: the largest request body accepted once decompressed (a push batch, one photo)
MAX_BODY = 64 * 1024 * 1024
OPEN_PATHS = frozenset({"/health"})


async def _error(send: Send, error: ServerError) -> None:
    body = json.dumps(error.body().model_dump(), ensure_ascii=False).encode("utf-8")
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": error.status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class ProtocolAndGzip:
    """Refuse another protocol version (426); inflate `Content-Encoding: gzip` request bodies."""

    def __init__(self, app: App) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        if scope["path"] not in OPEN_PATHS:
            sent = headers.get(PROTOCOL_HEADER.lower(), "")
            if sent != str(PROTOCOL_VERSION):
                error = ServerError(
                    426, "protocol.version", {"client": sent or "?", "server": PROTOCOL_VERSION}
                )
                await _error(send, error)
                return
        if headers.get("content-encoding", "").lower() != "gzip":
            await self.app(scope, receive, send)
            return
        compressed = bytearray()
        while True:
            message = await receive()
            compressed += message.get("body", b"")
            if len(compressed) > MAX_BODY:
                await _error(send, ServerError(413, "request.too_big", {"mb": MAX_BODY >> 20}))
                return
            if not message.get("more_body"):
                break
        inflater = zlib.decompressobj(wbits=31)
        try:
            body = inflater.decompress(bytes(compressed), MAX_BODY + 1)
        except zlib.error:
            await _error(send, ServerError(400, "request.invalid", {"detail": "gzip"}))
            return
        if len(body) > MAX_BODY or inflater.unconsumed_tail:
            await _error(send, ServerError(413, "request.too_big", {"mb": MAX_BODY >> 20}))
            return
        scope = dict(scope)
        scope["headers"] = [
            (k, v)
            for k, v in scope["headers"]
            if k.lower() not in (b"content-encoding", b"content-length")
        ] + [(b"content-length", str(len(body)).encode())]
        delivered = False

        async def inflated() -> Message:
            nonlocal delivered
            if delivered:
                return await receive()
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, inflated, send)
