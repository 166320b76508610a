"""Every list a pull or a snapshot answers names only records the user may know.

A member asks the pull every way the protocol allows (normal pages, a re-scope
catch-up with any `removed` and `added` areas, any cursor and bound) and takes the
first-sync snapshot; every id in every list of every answer (records, records gone,
conflicts, the snapshot's tables) must be a record in their scope now, a public one,
or one they were sent while an area was theirs.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterator
from typing import Any

from sqlalchemy import select

from sync.server import admin
from sync.server.db import ServerDatabase
from sync.server.scope import scope_of
from sync.server.tables import RecordIndex
from tests.sync.laptops import Wire, household, op
from tests.sync.servers import ALICE_VILLAGE, BOB_VILLAGE, MOLLY_VILLAGE, ServerProcess

Server = tuple[ServerProcess, ServerDatabase]
REMOVED = ["", "3", "33", "330213", "330213001", "330213002", "3302130010", BOB_VILLAGE]
REMOVED += [MOLLY_VILLAGE, ALICE_VILLAGE, "330213001002999", "x"]


def new_household(wire: Wire, village: str) -> str:
    hid = str(uuid.uuid4())
    [receipt] = wire.push(op("household", hid, 0, household(village, head_name="柴进")))
    assert receipt["outcome"] == "applied", receipt
    return hid


def pages(wire: Wire, body: dict[str, Any]) -> Iterator[dict[str, Any]]:
    while True:
        answer = wire.post("/pull", body)
        assert answer.status_code in (200, 400, 403), answer.text
        if answer.status_code != 200:
            return
        page = answer.json()
        yield page
        if not page["more"]:
            return
        body = {**body, "cursor": page["next_cursor"]}


def named(page: dict[str, Any]) -> set[str]:
    """Every record id a pull page names, in any of its lists."""
    ids = {r["id"] for r in page["records"]} | {g["id"] for g in page["gone"]}
    return ids | {c["record_id"] for c in page["conflicts"]}


def in_snapshot(wire: Wire) -> set[str]:
    answer = wire.get("/snapshot")
    assert answer.status_code == 200
    image = sqlite3.connect(":memory:")
    try:
        image.deserialize(answer.content)
        tables = [r[0] for r in image.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        ids = {i for t in tables if t != "meta" for (i,) in image.execute(f'SELECT id FROM "{t}"')}
        meta = dict(image.execute("SELECT key, value FROM meta").fetchall())
    finally:
        image.close()
    return ids | {c["record_id"] for c in json.loads(meta["conflicts"])}


def in_scope(database: ServerDatabase, areas: list[str]) -> set[str]:
    scope = scope_of("member", areas)
    with database.read() as s:
        return set(
            s.scalars(select(RecordIndex.record_id).where(scope.where(RecordIndex.area_code)))
        )


def test_no_pull_names_a_record_outside_what_the_user_may_know(any_server: Server) -> None:
    process, database = any_server
    alice, bob, molly = (Wire(process, u) for u in ("alice", "bob", "molly"))
    new_household(alice, ALICE_VILLAGE)
    bobs = new_household(bob, BOB_VILLAGE)
    mollys_then = new_household(molly, MOLLY_VILLAGE)
    admin.assign(database, "alice", add=[MOLLY_VILLAGE], remove=[])
    sent, _gone, _cursor = alice.pull_all()
    assert mollys_then in sent  # alice held molly's village for a while
    admin.assign(database, "alice", add=[], remove=[MOLLY_VILLAGE])
    mollys_now = new_household(molly, MOLLY_VILLAGE)  # made after alice lost the village
    _records, _gone, top = alice.pull_all()
    may_know = set(sent) | in_scope(database, [ALICE_VILLAGE])

    asked: list[dict[str, Any]] = [
        {"cursor": c, "limit": n} for c in (0, 1, top // 2, top) for n in (1, 7, 5000)
    ]
    asked += [
        {"cursor": 0, "limit": 5000, "upto": upto, "added": added, "removed": [removed]}
        for upto in (top, 10**12)
        for added in ([], [ALICE_VILLAGE], [BOB_VILLAGE])
        for removed in REMOVED
    ]
    for body in asked:
        for page in pages(alice, body):
            assert named(page) <= may_know, body
            assert bobs not in named(page) and mollys_now not in named(page)
    assert in_snapshot(alice) <= may_know

    # what a laptop that held molly's village must drop is still named
    [page] = pages(alice, {"cursor": 0, "upto": top, "removed": [MOLLY_VILLAGE]})
    assert mollys_then in {g["id"] for g in page["gone"]}
