"""The authorisation matrix of the admin API, listed from the app (a new route is covered):
members and reviewers are refused every /admin route, and an admin of another area
(a town's admin) is refused everything outside it and sees nothing of it."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
import requests
from fastapi.routing import APIRoute

from app.domain.identity import make_resident_id
from sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION
from sync.server import admin
from sync.server.app import create_app
from sync.server.db import ServerDatabase
from tests.sync.servers import ALICE_VILLAGE, BOB_VILLAGE, PASSWORDS, ServerProcess

Server = tuple[ServerProcess, ServerDatabase]
#: an admin of bob's town only: alice's village is outside
OTTO, OTTO_PASSWORD, OTTO_TOWN = "otto", "otto-pw", "330213002000"
ALICE_ID = make_resident_id("330283", date(1971, 5, 6), 41)


@dataclass(frozen=True)
class World:
    process: ServerProcess
    alice_device: str
    tokens: dict[str, str]


def sign_in(process: ServerProcess, username: str, password: str) -> tuple[str, str]:
    body = {"username": username, "password": password, "client_id": str(uuid.uuid4())}
    answer = requests.post(
        process.url + "/login",
        json=body,
        headers={PROTOCOL_HEADER: str(PROTOCOL_VERSION)},
        timeout=30,
    )
    assert answer.status_code == 200, answer.text
    return answer.json()["token"], answer.json()["device_id"]


def roster_csv(village: str, id_number: str) -> bytes:
    header = "户编号,村社区代码,现居住地址,户主姓名,姓名,公民身份号码,与户主关系\n"
    return (header + f"R1,{village},南山路1号,王堃,王堃,{id_number},1\n").encode()


@pytest.fixture(scope="module")
def world(shared_server: Server) -> Iterator[World]:
    process, database = shared_server
    admin.add_user(database, OTTO, "admin", OTTO_PASSWORD, areas=[OTTO_TOWN])
    tokens = {u: sign_in(process, u, PASSWORDS[u])[0] for u in ("alice", "rita", "ada")}
    tokens[OTTO] = sign_in(process, OTTO, OTTO_PASSWORD)[0]
    alice_device = sign_in(process, "alice", PASSWORDS["alice"])[1]
    # a person of alice's village, for the change list another district's admin sends
    answer = requests.post(
        process.url + "/admin/imports/roster",
        params={"name": "roster.csv"},
        data=roster_csv(ALICE_VILLAGE, ALICE_ID),
        headers=_headers(tokens["ada"]),
        timeout=60,
    )
    assert answer.status_code == 200 and answer.json()["counts"]["persons"] == 1, answer.text
    yield World(process, alice_device, tokens)


def _headers(token: str) -> dict[str, str]:
    return {PROTOCOL_HEADER: str(PROTOCOL_VERSION), "Authorization": f"Bearer {token}"}


Request = Callable[[World], dict[str, Any]]
#: for each admin route, a request about alice (of ada's district, outside otto's town)
REQUESTS: dict[tuple[str, str], Request] = {
    ("GET", "/admin/users"): lambda w: {},
    ("POST", "/admin/users"): lambda w: {
        "json": {"username": "newbie", "role": "member", "password": "x", "areas": [ALICE_VILLAGE]}
    },
    ("PATCH", "/admin/users/{username}"): lambda w: {"json": {"active": False}},
    ("POST", "/admin/users/{username}/password"): lambda w: {"json": {"password": "taken"}},
    ("POST", "/admin/users/{username}/areas"): lambda w: {"json": {"add": [OTTO_TOWN]}},
    ("GET", "/admin/devices"): lambda w: {},
    ("POST", "/admin/devices/{device_id}/revoke"): lambda w: {"json": {"reason": "lost"}},
    ("POST", "/admin/imports/roster"): lambda w: {
        "params": {"name": "r.csv"},
        "data": roster_csv(ALICE_VILLAGE, make_resident_id("330283", date(1975, 1, 1), 12)),
    },
    ("POST", "/admin/imports/changes"): lambda w: {
        "params": {"name": "c.csv", "month": "2026-11", "source": "公安", "kind": "死亡"},
        "data": f"身份证号,姓名\n{ALICE_ID},王堃\n".encode(),
    },
    ("GET", "/admin/exports"): lambda w: {},
    ("POST", "/admin/exports/{template}"): lambda w: {
        "json": {"area": ALICE_VILLAGE, "survey_round": "2026", "month": "2026-11"}
    },
    ("GET", "/admin/audit"): lambda w: {"params": {"username": "alice"}},
    # the forms and settings are the whole district's (a broken file: nothing is published)
    ("GET", "/admin/definitions"): lambda w: {},
    ("POST", "/admin/definitions/{kind}"): lambda w: {
        "params": {"name": "broken.yaml"},
        "data": b"form: [",
    },
    # the income sample: alice's village's (her household is found by her ID number)
    ("GET", "/admin/sample/{year}"): lambda w: {},
    ("POST", "/admin/sample/{year}/draw"): lambda w: {
        "json": {"area": ALICE_VILLAGE, "size": 1, "seed": 7, "replace": True}
    },
    ("PUT", "/admin/sample/{year}"): lambda w: {
        "json": {"area": ALICE_VILLAGE, "households": [ALICE_ID]}
    },
    ("POST", "/admin/sample/{year}/changes"): lambda w: {
        "json": {"household": ALICE_ID, "add": False, "reason": "全家外出务工"}
    },
}
#: the routes that list: another district's admin gets an answer without alice in it
LISTS = {("GET", "/admin/users"), ("GET", "/admin/devices"), ("GET", "/admin/audit"),
         ("GET", "/admin/sample/{year}")}  # fmt: skip
#: and the one that names no one (templates are the same everywhere)
OPEN_TO_EVERY_ADMIN = {("GET", "/admin/exports"), ("GET", "/admin/definitions")}


def admin_routes(process: ServerProcess) -> list[tuple[str, str]]:
    app = create_app(process.database_url, blob_dir=process.blobs)
    return sorted(
        (method, route.path)
        for route in app.routes
        if isinstance(route, APIRoute) and route.path.startswith("/admin")
        for method in route.methods or ()
    )


def _send(world: World, user: str, method: str, path: str) -> requests.Response:
    options = REQUESTS[method, path](world)
    filled = (
        path.replace("{username}", "alice")
        .replace("{device_id}", world.alice_device)
        .replace("{template}", "form-a-upper")
        .replace("{kind}", "form")
        .replace("{year}", "2026")
    )
    return requests.request(
        method,
        world.process.url + filled,
        headers=_headers(world.tokens[user]),
        timeout=60,
        **options,
    )


def test_every_admin_route_is_in_the_matrix(world: World) -> None:
    routes = admin_routes(world.process)
    assert len(routes) >= 12
    assert set(routes) == set(REQUESTS), "a new admin route needs its request in REQUESTS"


@pytest.mark.parametrize("user", ["alice", "rita"])
def test_members_and_reviewers_are_refused_every_admin_route(world: World, user: str) -> None:
    for method, path in admin_routes(world.process):
        answer = _send(world, user, method, path)
        assert answer.status_code == 403, (method, path, answer.text)
        assert answer.json()["code"] == "admin.role"


def test_an_admin_of_another_area_is_refused_outside_it(world: World) -> None:
    for method, path in admin_routes(world.process):
        answer = _send(world, OTTO, method, path)
        if (method, path) in OPEN_TO_EVERY_ADMIN:
            assert answer.status_code == 200
        elif (method, path) in LISTS:
            assert answer.status_code == 200, (method, path, answer.text)
            assert "alice" not in answer.text and world.alice_device not in answer.text
        else:
            assert answer.status_code == 403, (method, path, answer.text)
            assert answer.json()["code"] == "admin.district"
    # nothing was done to alice
    users = requests.get(
        world.process.url + "/admin/users", headers=_headers(world.tokens["ada"]), timeout=30
    ).json()
    alice = next(u for u in users if u["username"] == "alice")
    assert alice["active"] and alice["areas"] == [ALICE_VILLAGE]
    assert "newbie" not in {u["username"] for u in users}
    sign_in(world.process, "alice", PASSWORDS["alice"])  # her password unchanged


def test_the_admin_of_the_area_reaches_every_route(world: World) -> None:
    """The matrix's requests are right: the district's own admin is not refused them
    (run last in this module: it disables alice and revokes her device)."""
    for method, path in admin_routes(world.process):
        if path == "/admin/imports/changes":
            continue  # the refused death notice is tested in test_admin_api
        answer = _send(world, "ada", method, path)
        assert answer.status_code in (200, 400), (method, path, answer.text)
        assert answer.status_code == 200 or answer.json()["code"] == "admin.invalid"
    assert bob_is_otto_s(world)


def bob_is_otto_s(world: World) -> bool:
    users = requests.get(
        world.process.url + "/admin/users", headers=_headers(world.tokens[OTTO]), timeout=30
    ).json()
    return "bob" in {u["username"] for u in users} and BOB_VILLAGE.startswith("330213002")
