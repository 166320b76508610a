"""The authorisation matrix: another area's records can be neither read nor written.

For each (user, owner of the records) pair and each endpoint: reads answer 403 or
404 and never data; writes are refused (the op's receipt names the reason) and
change nothing on the server.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from fastapi.routing import APIRoute

from app.services.attachments import attach
from app.services.registry import Registry
from app.store.registry import Household
from sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION
from sync.server.app import create_app
from sync.server.db import ServerDatabase
from tests.sync.laptops import Wire, household, make_laptop, op, sync
from tests.sync.servers import ALICE_VILLAGE, BOB_VILLAGE, ServerProcess

Server = tuple[ServerProcess, ServerDatabase]
PHOTO = b"\xff\xd8\xff\xe0 a small photo " + uuid.uuid4().bytes


@dataclass(frozen=True)
class Owned:
    """Records of one member's village on the server: a household, a person, a photo, a conflict."""

    household_id: str
    rev: int
    person_id: str
    sha: str
    conflict_id: str


def _owned(process: ServerProcess, folder: Path, owner: str, village: str) -> Owned:
    db = make_laptop(process, folder / f"{owner}.db", owner)
    try:
        registry = Registry(db, owner)
        hid, _ = registry.add_household(
            {"area_code": village, "address": f"{owner}家", "hukou_type": "1", "head_name": "柴进"}
        )
        pid, _ = registry.add_person(hid, {"name": "王堃", "id_number": _new_id()})
        attach(
            db,
            owner,
            owner_entity="household",
            owner_id=hid,
            data=PHOTO + owner.encode(),
            mime="image/jpeg",
        )
        sync(db)
    finally:
        db.close()
    mine, admin = Wire(process, owner), Wire(process, "ada")
    records, _gone, _cursor = mine.pull_all()
    rev = int(records[hid]["rev"])
    admin.push(op("household", hid, rev, {"phone": "13957400001"}))
    [receipt] = mine.push(op("household", hid, rev, {"phone": "13957400002"}))
    records, _gone, _cursor = mine.pull_all()
    return Owned(
        hid,
        int(records[hid]["rev"]),
        pid,
        hashlib.sha256(PHOTO + owner.encode()).hexdigest(),
        receipt["conflicts"][0]["conflict_id"],
    )


_ids = iter(range(100, 999))


def _new_id() -> str:
    from datetime import date

    from app.domain.identity import make_resident_id

    return make_resident_id("330283", date(1980, 1, 1), next(_ids))


@pytest.fixture(scope="module")
def world(
    shared_server: Server, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Owned]]:
    folder = tmp_path_factory.mktemp("laptops")
    process = shared_server[0]
    yield {
        "alice": _owned(process, folder, "alice", ALICE_VILLAGE),
        "bob": _owned(process, folder, "bob", BOB_VILLAGE),
    }


PAIRS = [("alice", "bob"), ("molly", "bob"), ("rita", "bob"), ("bob", "alice"), ("molly", "alice")]
ENDPOINTS = [
    "pull",
    "pull_catch_up",
    "push_update",
    "push_delete",
    "push_child",
    "push_move_in",
    "blob_download",
    "conflict_resolve",
]


def _unchanged(shared_server: Server, target: Owned) -> None:
    with shared_server[1].read() as s:
        record = s.get(Household, target.household_id)
        assert record is not None and not record.deleted
        assert record.rev == target.rev


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize(("user", "owner"), PAIRS)
def test_another_areas_records_can_be_neither_read_nor_written(
    shared_server: Server, world: dict[str, Owned], user: str, owner: str, endpoint: str
) -> None:
    target = world[owner]
    wire = Wire(shared_server[0], user)
    if endpoint == "pull":
        records, _gone, _cursor = wire.pull_all()
        assert not {target.household_id, target.person_id} & set(records)
        page = wire.post("/pull", {"cursor": 0, "limit": 5000}).json()
        assert target.conflict_id not in {c["conflict_id"] for c in page["conflicts"]}
        assert all(r["fields"].get("owner_id") != target.household_id for r in records.values())
    elif endpoint == "pull_catch_up":
        village = BOB_VILLAGE if owner == "bob" else ALICE_VILLAGE
        answer = wire.post("/pull", {"cursor": 0, "upto": 10**9, "added": [village]})
        assert answer.status_code == 403 and "records" not in answer.json()
    elif endpoint == "blob_download":
        answer = wire.get(f"/blobs/{target.sha}")
        assert answer.status_code == 404 and PHOTO not in answer.content
    elif endpoint == "conflict_resolve":
        answer = wire.post(f"/conflicts/{target.conflict_id}/resolve", {"resolution": "mine"})
        assert answer.status_code in (403, 404) and "mine" not in answer.text
    else:
        if endpoint == "push_update":
            sent = op("household", target.household_id, target.rev, {"address": "改了"})
        elif endpoint == "push_delete":
            sent = op("household", target.household_id, target.rev, {}, kind="delete")
        elif endpoint == "push_child":
            sent = op("visit", str(uuid.uuid4()), 0, {"household_id": target.household_id})
        else:  # push_move_in: a new household of the user's, made in the other village
            village = BOB_VILLAGE if owner == "bob" else ALICE_VILLAGE
            sent = op("household", str(uuid.uuid4()), 0, household(village))
        [receipt] = wire.push(sent)
        assert receipt["outcome"] == "refused"
        assert [r["code"] for r in receipt["refusals"]] == ["sync.out_of_scope"]
    _unchanged(shared_server, target)


@pytest.mark.parametrize(("user", "owner"), [("bob", "bob"), ("rita", "alice"), ("ada", "bob")])
def test_the_area_s_own_users_read_its_records(
    shared_server: Server, world: dict[str, Owned], user: str, owner: str
) -> None:
    target = world[owner]
    wire = Wire(shared_server[0], user)
    records, _gone, _cursor = wire.pull_all()
    assert {target.household_id, target.person_id} <= set(records)
    answer = wire.get(f"/blobs/{target.sha}")
    assert answer.status_code == 200 and answer.content == PHOTO + owner.encode()


def test_every_route_but_health_and_login_needs_a_device_token(shared_server: Server) -> None:
    process, _database = shared_server
    app = create_app(process.database_url, blob_dir=process.blobs)
    routes = [r for r in app.routes if isinstance(r, APIRoute)]
    open_paths = {"/health", "/login"}
    checked = []
    for route in routes:
        if route.path in open_paths:
            continue
        path = route.path.replace("{sha}", "a" * 64).replace("{conflict_id}", str(uuid.uuid4()))
        for method in route.methods or ():
            answer = requests.request(
                method,
                process.url + path,
                headers={PROTOCOL_HEADER: str(PROTOCOL_VERSION)},
                timeout=30,
            )
            assert answer.status_code == 401, (method, route.path, answer.text)
            assert answer.json()["code"] == "auth.token"
            checked.append((method, route.path))
    # the routes this matrix must cover are all there (a new route is checked automatically)
    assert {("PATCH", "/blobs/{sha}"), ("GET", "/blobs/{sha}/upload"), ("POST", "/push")} <= set(
        checked
    )
