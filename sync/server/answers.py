"""The server's OpenAPI description made true: each route's error answers, 400 (not 422)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION, ErrorBody
from sync.server.middleware import OPEN_PATHS

#: what each error status means, whatever the route (the body is an `ErrorBody` always)
MEANINGS: dict[int, str] = {
    400: "The request is malformed: a value out of range or of the wrong shape (the body's"
    " `detail` names it), a gzip body that does not inflate, a file unlike its hash",
    401: "No device token, or one unknown, revoked, or of a deactivated user; at /login a"
    " wrong user name or password",
    403: "Outside the user's scope or role",
    404: "Not found, or not visible to this user (the same answer for both)",
    409: "A chunk of a file begins after the first byte the server is missing (`detail`"
    " says how many bytes it has)",
    413: "The request body, a file or the user's snapshot is too large",
    426: f"The `{PROTOCOL_HEADER}` header is missing or names another protocol version",
    429: "Too many failed sign-ins from this place for this user: retry after `Retry-After`",
    503: "The database is busy or restarting: retry after `Retry-After` (pushes are idempotent)",
}
#: statuses that come with a Retry-After header (seconds)
RETRY_AFTER = frozenset({429, 503})
#: every route may answer these: the gzip request bodies of the middleware
EVERY_ROUTE = (400, 413)
#: and every route but the open ones these: the protocol check of the middleware
PROTOCOL_CHECK = 426

BINARY: dict[str, Any] = {"type": "string", "format": "binary"}


def errors(*statuses: int, protocol: bool = True) -> dict[int | str, dict[str, Any]]:
    """The `responses=` of a route that may answer `statuses` (besides the middleware's)."""
    every = {*statuses, *EVERY_ROUTE, *((PROTOCOL_CHECK,) if protocol else ())}
    answers: dict[int | str, dict[str, Any]] = {}
    for status in sorted(every):
        answer: dict[str, Any] = {"model": ErrorBody, "description": MEANINGS[status]}
        if status in RETRY_AFTER:
            answer["headers"] = {"Retry-After": {"schema": {"type": "integer", "minimum": 0}}}
        answers[status] = answer
    return answers


def binary(media_type: str, description: str) -> dict[int | str, dict[str, Any]]:
    """The `responses=` entry of a 200 whose body is bytes of `media_type`."""
    return {200: {"description": description, "content": {media_type: {"schema": BINARY}}}}


def binary_body(media_type: str = "application/octet-stream") -> dict[str, Any]:
    """The `openapi_extra=` of a route that reads its body as bytes (not through a model)."""
    return {"requestBody": {"required": True, "content": {media_type: {"schema": BINARY}}}}


def describe(app: FastAPI) -> Callable[[], dict[str, Any]]:
    """The app's `openapi()`: FastAPI's document without its 422 answers and validation
    schemas (a request that fails validation answers 400 with an `ErrorBody`), with the
    protocol header the middleware requires on every route but the open ones."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        document = get_openapi(
            title=app.title, version=app.version, description=app.description, routes=app.routes
        )
        header = {
            "name": PROTOCOL_HEADER,
            "in": "header",
            "required": True,
            "description": "The sync protocol version of the program",
            "schema": {"type": "string", "enum": [str(PROTOCOL_VERSION)]},
        }
        for path, item in document["paths"].items():
            for operation in item.values():
                operation["responses"].pop("422", None)
                if path not in OPEN_PATHS:
                    operation.setdefault("parameters", []).append(header)
        schemas = document.get("components", {}).get("schemas", {})
        for unused in ("HTTPValidationError", "ValidationError"):
            schemas.pop(unused, None)
        app.openapi_schema = document
        return document

    return openapi
