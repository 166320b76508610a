"""Every route of the server, listed from the app (a new route is covered), takes a request
only as described: an unknown query parameter, one given twice, an unknown key in a body or
in an object inside it, `true` or "5" where a number belongs, a number where a text or a
time belongs: each refused with 400 `request.invalid` naming where, before anything is done."""

from __future__ import annotations

import types
import typing
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from fastapi.routing import APIRoute
from pydantic import BaseModel

from sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION, ErrorBody, Wire
from sync.server.app import create_app
from sync.server.db import ServerDatabase
from tests.sync.servers import ALICE_VILLAGE, PASSWORDS, ServerProcess, seed

UNKNOWN = "zz_unknown"
#: a value of each path parameter (a route with another one fails the test: add it here)
PATH_VALUES = {
    "username": "alice",
    "device_id": str(uuid.uuid4()),
    "template": "form-a-upper",
    "kind": "form",
    "year": "2026",
    "sha": "a" * 64,
    "conflict_id": str(uuid.uuid4()),
}
#: a request body each body type takes, with one element in each list of objects (a new
#: body type fails the test until it has one)
EXAMPLES: dict[str, dict[str, Any]] = {
    "LoginRequest": {"username": "alice", "password": "x", "client_id": str(uuid.uuid4())},
    "BlobQuery": {"hashes": ["a" * 64]},
    "PushRequest": {
        "ops": [
            {
                "op_id": str(uuid.uuid4()),
                "entity": "household",
                "record_id": str(uuid.uuid4()),
                "base_rev": 0,
                "kind": "upsert",
                "fields": {},
            }
        ]
    },
    "PullRequest": {"cursor": 0, "limit": 10, "upto": 0, "added": [], "removed": []},
    "DefinitionsRequest": {"after": 0},
    "Resolution": {"resolution": "mine"},
    "NewUser": {"username": "newbie", "role": "member", "password": "x"},
    "UserChange": {"active": True, "role": "member"},
    "NewPassword": {"password": "x"},
    "AreaChange": {"add": [ALICE_VILLAGE], "remove": []},
    "Revocation": {"reason": "lost"},
    "ExportRequest": {"survey_round": "2026", "area": "", "month": "", "format": "csv"},
    "SampleDraw": {"area": ALICE_VILLAGE, "size": 1, "seed": 7, "replace": False},
    "SampleList": {"area": ALICE_VILLAGE, "name": "名单", "households": ["H1"]},
    "SampleChange": {"household": "H1", "add": True, "reason": "抽中"},
}
#: wrong values for a field of each kind (what the field takes: refused is each of these)
WRONG: dict[str, list[Any]] = {
    "integer": [True, False, "5", 5.5],
    "number": [True, "5"],
    "string": [5, True],
    "boolean": [1, 0, "true"],
    "time": [1700000000, "1700000000"],
}


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ServerProcess, list[Any]]]:
    folder: Path = tmp_path_factory.mktemp("strict")
    url = f"sqlite:///{folder / 'server.db'}"
    database = ServerDatabase(url)
    seed(database)
    process = ServerProcess(url, folder / "blobs")
    process.start()
    app = create_app(url, blob_dir=folder / "blobs")
    routes = [
        (method, route)
        for route in app.routes
        if isinstance(route, APIRoute)
        for method in sorted(route.methods or ())
    ]
    try:
        yield process, routes
    finally:
        process.stop()
        database.dispose()


@pytest.fixture(scope="module")
def tokens(running: tuple[ServerProcess, list[Any]]) -> dict[str, str]:
    process, _routes = running
    found = {}
    for user in ("alice", "ada"):
        body = {"username": user, "password": PASSWORDS[user], "client_id": str(uuid.uuid4())}
        answer = requests.post(process.url + "/login", json=body, headers=_protocol(), timeout=30)
        assert answer.status_code == 200, answer.text
        found[user] = answer.json()["token"]
    return found


def _protocol() -> dict[str, str]:
    return {PROTOCOL_HEADER: str(PROTOCOL_VERSION)}


def _kind(annotation: Any) -> tuple[str, Any]:
    """What a field takes: ("integer" | "number" | "string" | "boolean" | "time" | "object"
    | "list" | "other", the object's model or the list's item type)."""
    if typing.get_origin(annotation) is typing.Annotated:
        args = typing.get_args(annotation)
        return _kind(args[0])
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _kind(inner[0]) if len(inner) == 1 else ("other", None)
    if typing.get_origin(annotation) is list:
        return "list", typing.get_args(annotation)[0]
    if annotation is bool:
        return "boolean", None
    if annotation is int:
        return "integer", None
    if annotation is float:
        return "number", None
    if annotation is str or typing.get_origin(annotation) is typing.Literal:
        return "string", None
    if getattr(annotation, "__name__", "") == "datetime":
        return "time", None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "object", annotation
    return "other", None


def _faults(
    model: type[BaseModel], example: dict[str, Any], where: str
) -> Iterator[tuple[str, dict[str, Any]]]:
    """(where the fault is, the example with that fault) for an unknown key in the object
    and each wrong value of each field, inside its objects and lists of objects too."""
    yield f"{where}.{UNKNOWN}", {**example, UNKNOWN: 1}
    for name, field in model.model_fields.items():
        kind, inner = _kind(field.annotation)
        if kind in WRONG:
            for wrong in WRONG[kind]:
                yield f"{where}.{name}", {**example, name: wrong}
        elif kind == "object" and isinstance(example.get(name), dict):
            for spot, changed in _faults(inner, example[name], f"{where}.{name}"):
                yield spot, {**example, name: changed}
        elif kind == "list" and example.get(name):
            item_kind, item_model = _kind(inner)
            if item_kind == "object":
                faults = _faults(item_model, example[name][0], f"{where}.{name}.0")
                for spot, changed in faults:
                    yield spot, {**example, name: [changed, *example[name][1:]]}
            elif item_kind in WRONG:
                for wrong in WRONG[item_kind]:
                    yield f"{where}.{name}.0", {**example, name: [wrong, *example[name][1:]]}


def _send(
    process: ServerProcess,
    tokens: dict[str, str],
    method: str,
    route: APIRoute,
    **options: Any,
) -> requests.Response:
    path = route.path
    for name in route.param_convertors:
        assert name in PATH_VALUES, f"{route.path}: add a value of {{{name}}} to PATH_VALUES"
        path = path.replace(f"{{{name}}}", PATH_VALUES[name])
    user = "ada" if route.path.startswith("/admin") else "alice"
    headers = {**_protocol(), "Authorization": f"Bearer {tokens[user]}"}
    return requests.request(method, process.url + path, headers=headers, timeout=30, **options)


def _refused(answer: requests.Response, where: str, what: object) -> None:
    assert answer.status_code == 400, (what, answer.status_code, answer.text)
    error = ErrorBody.model_validate_json(answer.content)
    assert error.code == "request.invalid", (what, answer.text)
    assert where in error.message, (what, where, error.message)


def _body_model(route: APIRoute) -> type[Wire] | None:
    if route.body_field is None:
        return None
    kind, model = _kind(route.body_field.field_info.annotation)
    assert kind == "object" and issubclass(model, Wire), f"{route.path}: body is not a Wire"
    return typing.cast(type[Wire], model)


def _example(route: APIRoute) -> dict[str, Any]:
    model = _body_model(route)
    if model is None:
        return {}
    assert model.__name__ in EXAMPLES, f"{route.path}: add an example of {model.__name__}"
    body = EXAMPLES[model.__name__]
    model.model_validate(body)  # the example itself is right
    return {"json": body}


def test_the_routes_are_all_listed(running: tuple[ServerProcess, list[Any]]) -> None:
    _process, routes = running
    paths = {route.path for _method, route in routes}
    assert {"/login", "/push", "/pull", "/definitions", "/admin/audit"} <= paths
    assert len(routes) >= 25


def test_an_unknown_or_repeated_query_parameter_is_refused_on_every_route(
    running: tuple[ServerProcess, list[Any]], tokens: dict[str, str]
) -> None:
    process, routes = running
    for method, route in routes:
        answer = _send(process, tokens, method, route, params={UNKNOWN: "1"}, **_example(route))
        _refused(answer, UNKNOWN, (method, route.path))
        for param in route.dependant.query_params:
            twice = [(param.alias, "1"), (param.alias, "2")]
            answer = _send(process, tokens, method, route, params=twice, **_example(route))
            _refused(answer, param.alias, (method, route.path, "twice"))


def test_a_number_query_parameter_takes_no_true(
    running: tuple[ServerProcess, list[Any]], tokens: dict[str, str]
) -> None:
    process, routes = running
    checked = 0
    for method, route in routes:
        for param in route.dependant.query_params:
            kind, _inner = _kind(param.field_info.annotation)
            for wrong in {"integer": ["true", "5.5"], "time": ["1700000000", "-2439"]}.get(
                kind, []
            ):
                answer = _send(process, tokens, method, route, params={param.alias: wrong})
                _refused(answer, param.alias, (method, route.path, wrong))
                checked += 1
    assert checked >= 4  # /admin/audit's offset, limit, since and until at least


def test_every_body_refuses_unknown_keys_and_values_of_another_type(
    running: tuple[ServerProcess, list[Any]], tokens: dict[str, str]
) -> None:
    process, routes = running
    bodies = 0
    for method, route in routes:
        model = _body_model(route)
        if model is None:
            continue
        bodies += 1
        example = _example(route)["json"]
        for where, wrong in _faults(model, example, "body"):
            answer = _send(process, tokens, method, route, json=wrong)
            _refused(answer, where, (method, route.path, wrong))
    assert bodies >= 14


def test_a_yes_or_no_query_parameter_takes_only_true_or_false(
    running: tuple[ServerProcess, list[Any]], tokens: dict[str, str]
) -> None:
    """FastAPI alone reads yes/on/1/t/y (any case) as true; the bodies take only JSON's true
    and false, so the query strings of every route take only the words true and false."""
    process, routes = running
    booleans = []
    for method, route in routes:
        for param in route.dependant.query_params:
            if _kind(param.field_info.annotation)[0] != "boolean":
                continue
            booleans.append((method, route.path, param.alias))
            for wrong in ["yes", "on", "1", "0", "no", "off", "True", "FALSE", "t", "y", ""]:
                answer = _send(process, tokens, method, route, params={param.alias: wrong})
                _refused(answer, param.alias, (method, route.path, wrong))
            for right in ["true", "false"]:
                answer = _send(process, tokens, method, route, params={param.alias: right})
                if answer.status_code == 400:
                    error = ErrorBody.model_validate_json(answer.content)
                    assert param.alias not in error.message, (route.path, right, error.message)
    # the two imports' `strict` at least
    assert ("POST", "/admin/imports/roster", "strict") in booleans
    assert ("POST", "/admin/imports/changes", "strict") in booleans
