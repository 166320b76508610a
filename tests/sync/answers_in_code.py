"""The error statuses a route's code can answer, read from the code itself (not the doc).

From a route's endpoint and dependencies, every call that resolves (through the function's
globals, closure and class) to a function of our own `sync` package is followed; a
`ServerError(<status>, ...)` found on the way is a status the route can answer, and so is
the status of an exception handler whose exception the route can raise (a request
validation error when it takes parameters, a database error when it reaches the database).
"""

from __future__ import annotations

import ast
import inspect
import textwrap
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from sqlalchemy.exc import OperationalError

from sync.server import db as server_db
from sync.server.errors import ServerError

OUR_PACKAGE = "sync."


@dataclass
class Reached:
    """What a walk from one function found: statuses with their codes, and what it touched."""

    errors: set[tuple[int, str]] = field(default_factory=set)
    modules: set[str] = field(default_factory=set)
    raised: set[str] = field(default_factory=set)
    seen: set[Any] = field(default_factory=set)

    @property
    def statuses(self) -> set[int]:
        return {status for status, _ in self.errors}


def _ours(obj: Any) -> bool:
    return str(getattr(obj, "__module__", "") or "").startswith(OUR_PACKAGE)


def _function_of(obj: Any) -> types.FunctionType | None:
    if isinstance(obj, types.MethodType):
        obj = obj.__func__
    if isinstance(obj, (staticmethod, classmethod)):
        obj = obj.__func__
    if callable(obj):
        obj = inspect.unwrap(obj)  # a context manager's or cache's function underneath
    if isinstance(obj, types.FunctionType):
        return obj
    return None


def _owner_class(function: types.FunctionType) -> type | None:
    parts = function.__qualname__.split(".")
    if len(parts) < 2 or parts[-2] == "<locals>":
        return None
    owner = function.__globals__.get(parts[-2])
    return owner if isinstance(owner, type) else None


def _namespace(function: types.FunctionType) -> dict[str, Any]:
    names = dict(vars(__builtins__)) if isinstance(__builtins__, types.ModuleType) else {}
    names.update(function.__globals__)
    names.update(inspect.getclosurevars(function).nonlocals)
    try:  # a parameter stands for the class it is annotated with (`db: ServerDatabase`)
        hints = typing.get_type_hints(function)
    except (NameError, TypeError):
        hints = {}
    for name, hint in hints.items():
        if isinstance(hint, type) and name != "return":
            names[name] = hint
    owner = _owner_class(function)
    if owner is not None:
        names["self"] = owner
        names["cls"] = owner
    return names


def _resolve(node: ast.expr, names: dict[str, Any]) -> Any:
    if isinstance(node, ast.Name):
        return names.get(node.id)
    if isinstance(node, ast.Attribute):
        base = _resolve(node.value, names)
        if base is None:
            return None
        return (
            inspect.getattr_static(base, node.attr, None)
            if isinstance(base, type)
            else getattr(base, node.attr, None)
        )
    return None


def _status_of(call: ast.Call, where: str) -> int:
    first = call.args[0] if call.args else None
    if not isinstance(first, ast.Constant) or not isinstance(first.value, int):
        raise AssertionError(f"a ServerError in {where} whose status is not a number written there")
    return first.value


def _code_of(call: ast.Call) -> str:
    second = call.args[1] if len(call.args) > 1 else None
    return str(second.value) if isinstance(second, ast.Constant) else "?"


def walk(obj: Any, reached: Reached | None = None) -> Reached:
    """Follow `obj` (a function, method or class of ours) and everything of ours it calls."""
    reached = reached if reached is not None else Reached()
    function = _function_of(obj)
    if isinstance(obj, type) and _ours(obj) and obj not in reached.seen:
        reached.seen.add(obj)
        init = obj.__dict__.get("__init__")
        if init is not None:
            walk(init, reached)
        return reached
    if function is None or not _ours(function) or function in reached.seen:
        return reached
    reached.seen.add(function)
    reached.modules.add(function.__module__)
    try:
        source = inspect.getsource(function)
    except OSError:  # generated (a dataclass's __init__): it raises nothing of ours
        return reached
    tree = ast.parse(textwrap.dedent(source))
    names = _namespace(function)
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and node.exc is not None:
            exc = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
            kind = _resolve(exc, names)
            if isinstance(kind, type):
                reached.raised.add(kind.__name__)
        if (
            isinstance(node, ast.keyword)
            and node.arg == "status_code"
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, int)
        ):
            reached.errors.add((node.value.value, "status_code"))
        if not isinstance(node, ast.Call):
            continue
        target = _resolve(node.func, names)
        if target is ServerError:
            reached.errors.add((_status_of(node, function.__qualname__), _code_of(node)))
        elif target is not None:
            walk(target, reached)
        for argument in node.args:  # a function handed over (run_in_threadpool(save))
            handed = _resolve(argument, names)
            if _function_of(handed) is not None:
                walk(handed, reached)
    return reached


def _dependants(dependant: Dependant) -> list[Dependant]:
    """The route's own and every dependency's, at any depth."""
    found = [dependant]
    for dependency in dependant.dependencies:
        found += _dependants(dependency)
    return found


def _takes_parameters(route: APIRoute) -> bool:
    return any(
        d.path_params or d.query_params or d.header_params or d.cookie_params or d.body_params
        for d in _dependants(route.dependant)
    )


def _handler_statuses(app: FastAPI, exception: type[Exception]) -> set[int]:
    handler: Callable[..., Any] = app.exception_handlers[exception]
    return walk(handler).statuses


def route_statuses(app: FastAPI, route: APIRoute) -> set[int]:
    """Every error status `route` can answer, from its code, its app's handlers and
    middleware."""
    reached = walk(route.endpoint)
    for dependency in _dependants(route.dependant)[1:]:
        if dependency.call is not None:
            walk(dependency.call, reached)
    statuses = set(reached.statuses)
    if _takes_parameters(route):
        statuses |= _handler_statuses(app, RequestValidationError)
    if server_db.__name__ in reached.modules or OperationalError.__name__ in reached.raised:
        statuses |= _handler_statuses(app, OperationalError)
    for middleware in app.user_middleware:
        if _ours(middleware.cls):
            found = walk(middleware.cls.__call__)
            module = inspect.getmodule(middleware.cls)
            open_paths: frozenset[str] = getattr(module, "OPEN_PATHS", frozenset())
            for status, code in found.errors:
                # the protocol check is the one the middleware skips on its open paths
                if not (route.path in open_paths and code == "protocol.version"):
                    statuses.add(status)
    return statuses
