"""The device token of every route but /health and /login: the `Actor` dependency."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from sync.server import auth
from sync.server.errors import ServerError

#: the device token of /login, as `Authorization: Bearer ...` (in the OpenAPI description)
BEARER = HTTPBearer(auto_error=False, description="The device token /login gave")


async def current_actor(
    request: Request, bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(BEARER)]
) -> auth.Actor:
    """The user and device of the request's bearer token (401 otherwise).

    Run on the event loop, not a worker thread: one indexed read of about a millisecond,
    cheaper than the hand-over to a thread and back that every request would pay."""
    if bearer is None:
        raise ServerError(401, "auth.token")
    return auth.actor_for(request.app.state.db, bearer.credentials.strip())


Actor = Annotated[auth.Actor, Depends(current_actor)]
