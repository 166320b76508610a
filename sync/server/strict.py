"""Requests taken only as described: no query parameter a route does not take, none twice.

Bodies are held to their description by `sync.protocol.Wire` (unknown keys refused, values
strict); the query string is checked here, once for every route, as the app's dependency.
A parameter the route does not know was silently ignored before (found by the fuzz test),
so a typing error in a filter (`?usrname=`) answered the unfiltered list.
"""

from __future__ import annotations

from fastapi import Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from sync.server.errors import ServerError

#: the query parameters each route takes, by route (worked out at its first request)
_KNOWN: dict[int, frozenset[str]] = {}


def query_names(route: APIRoute) -> frozenset[str]:
    """The names of the query parameters `route` declares (its dependencies' included)."""
    known = _KNOWN.get(id(route))
    if known is None:
        known = frozenset(_names(route.dependant))
        _KNOWN[id(route)] = known
    return known


def _names(dependant: Dependant) -> set[str]:
    names = {p.alias for p in dependant.query_params}
    for below in dependant.dependencies:
        names |= _names(below)
    return names


async def known_query(request: Request) -> None:
    """Refuse (400 request.invalid) a query parameter the route does not take, or one given
    more than once (a route takes one value of each)."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    known = query_names(route)
    seen: set[str] = set()
    for name, _value in request.query_params.multi_items():
        if name not in known:
            raise ServerError(400, "request.invalid", {"detail": f"未知的查询参数：{name[:60]}"})
        if name in seen:
            raise ServerError(400, "request.invalid", {"detail": f"查询参数重复：{name[:60]}"})
        seen.add(name)
