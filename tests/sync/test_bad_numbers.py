"""Numbers too large, not finite or out of range never reach the database nor a laptop.

Every int and float of every request body the API takes (found by walking the
routes' models, so a new field is covered), every number a record's column holds,
and the numbers of the chunk headers, sent as 2^63, -2^63, 1e400 and NaN: the
answer is a refusal (400, or the op's receipt), never a server error, and always
JSON (no NaN nor Infinity). Latitude and longitude are checked for their range.
"""

from __future__ import annotations

import json
import types
import typing
import uuid
from pathlib import Path
from typing import Any, Literal, Union

import pytest
import requests
from fastapi.routing import APIRoute
from pydantic import BaseModel
from sqlalchemy import Float, Integer, text

from app.store.base import BOOKKEEPING_COLUMNS
from app.store.registry import Area, Household
from app.store.schema import MODEL_BY_ENTITY
from sync.server import db
from sync.server.app import create_app
from sync.server.db import ServerDatabase
from sync.server.scope import SERVER_MANAGED
from tests.sync.laptops import TIMEOUT, Wire, household, op
from tests.sync.servers import ALICE_VILLAGE, ServerProcess

Server = tuple[ServerProcess, ServerDatabase]
BAD = ["9223372036854775808", "-9223372036854775808", "1e400", "-1e400", "NaN", "Infinity"]
MARK = "@@number@@"


def strict_json(text: str) -> Any:
    """JSON as the standard has it: NaN and Infinity are errors."""

    def refuse(token: str) -> Any:
        raise ValueError(f"not JSON: {token}")

    return json.loads(text, parse_constant=refuse)


def _unwrapped(annotation: Any) -> list[Any]:
    """The types an annotation allows (Optional and unions taken apart)."""
    if typing.get_origin(annotation) in (Union, types.UnionType):
        return [a for a in typing.get_args(annotation) if a is not type(None)]
    return [annotation]


def numeric_paths(model: type[BaseModel]) -> list[tuple[Any, ...]]:
    """The paths of every int, float and free JSON value of a model (into lists of models)."""
    found: list[tuple[Any, ...]] = []
    for name, field in model.model_fields.items():
        for kind in _unwrapped(field.annotation):
            origin, args = typing.get_origin(kind), typing.get_args(kind)
            if kind in (int, float) or kind is Any or typing.get_origin(kind) is typing.Annotated:
                found.append((name,))
            elif origin is list and isinstance(args[0], type) and issubclass(args[0], BaseModel):
                found += [(name, 0, *p) for p in numeric_paths(args[0])]
            elif origin is dict:
                found.append((name, "gps_lat"))  # a free value under any key
    return found


def example(model: type[BaseModel]) -> dict[str, Any]:
    """A valid body of a model: its required fields only, each with a plain value."""
    body: dict[str, Any] = {}
    for name, field in model.model_fields.items():
        if not field.is_required():
            continue
        kind = _unwrapped(field.annotation)[0]
        origin, args = typing.get_origin(kind), typing.get_args(kind)
        if origin is Literal:
            body[name] = args[0]
        elif origin is list:
            inner = args[0]
            body[name] = [example(inner)] if issubclass(inner, BaseModel) else []
        elif kind is int:
            body[name] = 0
        elif name.endswith("_id"):
            body[name] = str(uuid.uuid4())
        else:
            body[name] = "household" if name == "entity" else "x"
    return body


def with_mark(body: dict[str, Any], path: tuple[Any, ...]) -> str:
    """The body as JSON text, the value at `path` a mark to put a raw number in."""
    target: Any = json.loads(json.dumps(body))
    holder = target
    for key in path[:-1]:
        holder = holder.setdefault(key, {}) if isinstance(holder, dict) else holder[key]
    holder[path[-1]] = MARK
    return json.dumps(target)


def request_bodies(app: Any) -> list[tuple[str, str, type[BaseModel]]]:
    found = []
    for route in app.routes:
        if isinstance(route, APIRoute):
            for param in route.dependant.body_params:
                for method in route.methods or ():
                    path = route.path.replace("{conflict_id}", str(uuid.uuid4()))
                    model = param.field_info.annotation
                    assert isinstance(model, type) and issubclass(model, BaseModel)
                    found.append((method, path, model))
    return found


def test_every_number_of_every_request_is_bounded(shared_server: Server) -> None:
    process, _database = shared_server
    wire = Wire(process, "alice")
    app = create_app(process.database_url, blob_dir=process.blobs)
    tried: set[tuple[str, tuple[Any, ...]]] = set()
    for method, path, model in request_bodies(app):
        for field_path in numeric_paths(model):
            template = with_mark(example(model), field_path)
            for number in BAD:
                answer = requests.request(
                    method,
                    process.url + path,
                    data=template.replace(json.dumps(MARK), number),
                    headers={**wire.headers, "Content-Type": "application/json"},
                    timeout=TIMEOUT,
                )
                where = (path, field_path, number)
                assert answer.status_code < 500, (*where, answer.text)
                body = strict_json(answer.text)
                if answer.status_code == 200:  # taken as a body: the op itself is refused
                    [receipt] = body["receipts"]
                    assert receipt["outcome"] == "refused", (*where, receipt)
            tried.add((path, field_path))
    # the fields the issue named are among those walked
    assert ("/pull", ("cursor",)) in tried and ("/pull", ("upto",)) in tried
    assert ("/push", ("ops", 0, "base_rev")) in tried
    assert ("/push", ("ops", 0, "fields", "gps_lat")) in tried


NUMERIC_COLUMNS = [
    (entity, column.name, isinstance(column.type, Integer))
    for entity, model in MODEL_BY_ENTITY.items()
    if entity not in SERVER_MANAGED
    for column in model.__table__.columns  # type: ignore[attr-defined]
    if isinstance(column.type, Integer | Float) and column.name not in BOOKKEEPING_COLUMNS
]


def test_every_numeric_column_refuses_numbers_it_cannot_hold(shared_server: Server) -> None:
    process, _database = shared_server
    wire = Wire(process, "alice")
    assert ("household", "gps_lat", False) in NUMERIC_COLUMNS
    assert ("attachment", "size", True) in NUMERIC_COLUMNS
    for entity, name, whole in NUMERIC_COLUMNS:
        for number in BAD:
            sent = json.dumps({"ops": [op(entity, str(uuid.uuid4()), 0, {name: MARK})]})
            answer = requests.post(
                process.url + "/push",
                data=sent.replace(json.dumps(MARK), number),
                headers={**wire.headers, "Content-Type": "application/json"},
                timeout=TIMEOUT,
            )
            assert answer.status_code == 200, (entity, name, number, answer.text)
            [receipt] = strict_json(answer.text)["receipts"]
            assert receipt["outcome"] == "refused", (entity, name, number)
            # refused for this number, or (a number the column takes) for the op's other faults
            if number != "-9223372036854775808" or whole:
                assert [r["field"] for r in receipt["refusals"]] == [name], (entity, name, number)


@pytest.mark.parametrize(
    ("header", "value"),
    [
        ("Content-Range", "bytes 0-9223372036854775807/9223372036854775808"),
        ("Content-Range", "bytes 9223372036854775808-9223372036854775809/10"),
        ("Content-Length", "9223372036854775808"),
    ],
)
def test_numbers_in_headers_are_bounded(shared_server: Server, header: str, value: str) -> None:
    process, _database = shared_server
    wire = Wire(process, "alice")
    headers = {**wire.headers, "Content-Range": "bytes 0-9/10", header: value}
    try:
        answer = requests.patch(
            f"{process.url}/blobs/{'c' * 64}", data=b"0123456789", headers=headers, timeout=TIMEOUT
        )
    except requests.ConnectionError:
        return  # a length the server will not read: the connection is closed
    assert 400 <= answer.status_code < 500, answer.text


@pytest.mark.parametrize(
    ("entity", "field", "value", "what"),
    [
        ("household", "gps_lat", 90.5, "纬度"),
        ("household", "gps_lat", -91, "纬度"),
        ("household", "gps_lon", 180.01, "经度"),
        ("visit", "gps_lon", -200, "经度"),
        ("visit", "gps_lat", 1e300, "纬度"),
    ],
)
def test_latitude_and_longitude_out_of_range_are_refused_by_name(
    shared_server: Server, entity: str, field: str, value: float, what: str
) -> None:
    process, _database = shared_server
    wire = Wire(process, "alice")
    hid = str(uuid.uuid4())
    [made] = wire.push(
        op("household", hid, 0, household(ALICE_VILLAGE, gps_lat=30.1, gps_lon=121.5))
    )
    assert made["outcome"] == "applied"
    record_id, fields = (
        (hid, {field: value})
        if entity == "household"
        else (
            str(uuid.uuid4()),
            {"household_id": hid, field: value},
        )
    )
    base = made["rev"] if entity == "household" else 0
    [receipt] = wire.push(op(entity, record_id, base, fields))
    assert receipt["outcome"] == "refused"
    [refusal] = receipt["refusals"]
    assert (refusal["code"], refusal["field"]) == ("sync.out_of_range", field)
    assert what in refusal["message"] and "之间" in refusal["message"]
    records, _gone, _cursor = wire.pull_all()
    assert records[hid]["fields"]["gps_lat"] == 30.1


def test_coordinates_stored_before_the_checks_are_cleared_by_the_upgrade(tmp_path: Path) -> None:
    database = ServerDatabase(f"sqlite:///{tmp_path / 'server.db'}")
    try:
        db.upgrade(database, "0007")
        with database.write() as s:
            s.add(Area(code=ALICE_VILLAGE, name="奉中社区", level="village"))
            s.flush()
            for n, lat in enumerate((float("inf"), float("-inf"), 30.5)):
                s.add(Household(id=f"h{n}", area_code=ALICE_VILLAGE, gps_lat=lat, gps_lon=121.5))
        db.upgrade(database)
        with database.read() as s:
            rows = s.execute(text("SELECT id, gps_lat, gps_lon FROM household ORDER BY id"))
            assert [tuple(r) for r in rows] == [
                ("h0", None, 121.5),
                ("h1", None, 121.5),
                ("h2", 30.5, 121.5),
            ]
    finally:
        database.dispose()
