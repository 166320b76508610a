"""The OpenAPI description lists, for every route, each error status its code can answer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute

from sync.server import admin
from sync.server.app import create_app
from sync.server.db import ServerDatabase
from tests.sync.answers_in_code import route_statuses


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> FastAPI:
    folder = tmp_path_factory.mktemp("openapi")
    url = f"sqlite:///{folder / 'server.db'}"
    database = ServerDatabase(url)
    admin.init(database)
    database.dispose()
    return create_app(url, blob_dir=Path(folder / "blobs"))


def _operations(app: FastAPI) -> list[tuple[APIRoute, str, dict[str, Any]]]:
    document = app.openapi()
    found = []
    for route in app.routes:
        if isinstance(route, APIRoute) and route.include_in_schema:
            for method in sorted(route.methods or ()):
                found.append((route, method, document["paths"][route.path][method.lower()]))
    return found


def test_every_status_a_route_can_answer_is_described(app: FastAPI) -> None:
    answers = {}
    for route, method, operation in _operations(app):
        described = {int(status) for status in operation["responses"] if int(status) >= 400}
        answers[f"{method} {route.path}"] = (route_statuses(app, route), described)
    missing = {where: sorted(code - doc) for where, (code, doc) in answers.items() if code - doc}
    invented = {where: sorted(doc - code) for where, (code, doc) in answers.items() if doc - code}
    assert not missing, f"statuses the code answers that the description omits: {missing}"
    assert not invented, f"statuses described that the code never answers: {invented}"
    # the walk found the kinds it should: a token's 401, the protocol's 426, a throttle's 429
    every = set().union(*(code for code, _ in answers.values()))
    assert {400, 401, 403, 404, 409, 413, 426, 429, 503} <= every


def test_errors_are_described_with_the_error_body_and_never_422(app: FastAPI) -> None:
    for route, method, operation in _operations(app):
        assert "422" not in operation["responses"], f"{method} {route.path}"
        for status, answer in operation["responses"].items():
            if int(status) >= 400:
                schema = answer["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/ErrorBody"}, (method, route.path)
    schemas = app.openapi()["components"]["schemas"]
    assert "HTTPValidationError" not in schemas and "ValidationError" not in schemas


def test_every_body_is_described_binary_ones_as_bytes(app: FastAPI) -> None:
    """Every route that reads a body describes it, and every answer's 200 its content:
    the routes that read or answer bytes (photos, the snapshot) as bytes, not as JSON."""
    binary = {"type": "string", "format": "binary"}
    bodies, answers = {}, {}
    for route, method, operation in _operations(app):
        if method in ("POST", "PUT", "PATCH"):
            assert operation.get("requestBody", {}).get("content"), f"{method} {route.path}"
            bodies[method, route.path] = operation["requestBody"]["content"]
        answers[method, route.path] = operation["responses"]["200"].get("content")
        assert answers[method, route.path], f"{method} {route.path} describes no answer"
    octets = {"application/octet-stream": {"schema": binary}}
    assert bodies["PUT", "/blobs/{sha}"] == octets
    assert bodies["PATCH", "/blobs/{sha}"] == octets
    assert answers["GET", "/blobs/{sha}"] == octets
    assert answers["GET", "/snapshot"] == {"application/vnd.sqlite3": {"schema": binary}}
