"""Requests taken only as described: no query parameter a route does not take, none twice.

Bodies are held to their description by `sync.protocol.Wire` (unknown keys refused, values
strict); the query string is checked here, once for every route, as the app's dependency.
A parameter the route does not know was silently ignored before (found by the fuzz test),
so a typing error in a filter (`?usrname=`) answered the unfiltered list. A yes-or-no
parameter takes only `true` or `false`: FastAPI alone also takes yes/on/1/t/y (any case),
where the bodies take only JSON's true and false.
"""

from __future__ import annotations

import types
import typing
from typing import Any

from fastapi import Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from sync.server.errors import ServerError

#: the query parameters each route takes, by route (worked out at its first request):
#: name -> whether it is a yes-or-no parameter
_KNOWN: dict[int, dict[str, bool]] = {}
#: the only words a yes-or-no query parameter takes
BOOLEAN_WORDS = frozenset({"true", "false"})


def query_names(route: APIRoute) -> frozenset[str]:
    """The names of the query parameters `route` declares (its dependencies' included)."""
    return frozenset(_params(route))


def _params(route: APIRoute) -> dict[str, bool]:
    known = _KNOWN.get(id(route))
    if known is None:
        known = _names(route.dependant)
        _KNOWN[id(route)] = known
    return known


def _is_boolean(annotation: Any) -> bool:
    if annotation is bool:
        return True
    inner = [a for a in typing.get_args(annotation) if a is not type(None)]
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _is_boolean(inner[0])
    return origin in (typing.Union, types.UnionType) and len(inner) == 1 and inner[0] is bool


def _names(dependant: Dependant) -> dict[str, bool]:
    names = {p.alias: _is_boolean(p.field_info.annotation) for p in dependant.query_params}
    for below in dependant.dependencies:
        names |= _names(below)
    return names


async def known_query(request: Request) -> None:
    """Refuse (400 request.invalid) a query parameter the route does not take, or one given
    more than once (a route takes one value of each)."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    known = _params(route)
    seen: set[str] = set()
    for name, value in request.query_params.multi_items():
        if name not in known:
            raise ServerError(400, "request.invalid", {"detail": f"未知的查询参数：{name[:60]}"})
        if name in seen:
            raise ServerError(400, "request.invalid", {"detail": f"查询参数重复：{name[:60]}"})
        if known[name] and value not in BOOLEAN_WORDS:
            raise ServerError(
                400, "request.invalid", {"detail": f"查询参数 {name} 只取 true 或 false"}
            )
        seen.add(name)
