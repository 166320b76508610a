"""Each laptop gets the users it works with, not the district's list of names and phones;
the server's database and photo files are its own user's alone.

Who works with whom: a user assigned inside one's scope (a reviewer's members, the
other members of a village) or assigned an area one is in (one's reviewers, the
district's administrator); an admin sees every user. Checked for every seeded user
over every way records reach a laptop (the pages of a pull, the first-sync snapshot).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
import uuid
from pathlib import Path

import requests
from sqlalchemy import select

from app.domain.areas import prefix_of
from app.store.database import Database
from app.store.keys import FAST_TEST_KDF
from app.store.registry import User
from sync.client import first_login
from sync.server import admin
from sync.server.db import ServerDatabase
from sync.server.scope import assigned_areas
from tests.sync.laptops import TIMEOUT, Wire, sync
from tests.sync.servers import ALICE_VILLAGE, BOB_VILLAGE, PASSWORDS, ServerProcess

Server = tuple[ServerProcess, ServerDatabase]


def _works_with(database: ServerDatabase, one: str, other: str) -> bool:
    with database.read() as s:
        role = s.scalars(
            __import__("sqlalchemy").select(User.role).where(User.username == one)
        ).one()
        mine = [prefix_of(a) for a in assigned_areas(s, one)]
        theirs = [prefix_of(a) for a in assigned_areas(s, other)]
    nested = any(m.startswith(t) or t.startswith(m) for m in mine for t in theirs)
    return one == other or role == "admin" or nested


def _users_pulled(wire: Wire) -> set[str]:
    records, _gone, _cursor = wire.pull_all()
    return {r["fields"]["username"] for r in records.values() if r["entity"] == "user"}


def _users_in_snapshot(wire: Wire) -> set[str]:
    answer = wire.get("/snapshot")
    assert answer.status_code == 200
    image = sqlite3.connect(":memory:")
    try:
        image.deserialize(answer.content)
        return {u for (u,) in image.execute("SELECT username FROM user_account")}
    finally:
        image.close()


def test_each_laptop_gets_the_users_it_works_with(any_server: Server) -> None:
    process, database = any_server
    expected_somewhere: set[tuple[str, str]] = set()
    for username in PASSWORDS:
        wire = Wire(process, username)
        expected = {other for other in PASSWORDS if _works_with(database, username, other)}
        assert _users_pulled(wire) == expected, username
        assert _users_in_snapshot(wire) == expected, username
        expected_somewhere |= {(username, other) for other in expected}
    # the rule is not everyone (nor only oneself): alice's reviewer, not bob
    assert ("alice", "rita") in expected_somewhere and ("rita", "alice") in expected_somewhere
    assert ("alice", "bob") not in expected_somewhere
    assert ("alice", "molly") not in expected_somewhere


def _open_to_others(path: Path) -> bool:
    return bool(path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO))


def test_the_servers_files_are_its_own_users_alone(server: Server, tmp_path: Path) -> None:
    """Under the usual umask (022: new files readable by everyone), the database, its
    journal files and every folder and file of the photos are closed to other users."""
    process, _database = server
    wire = Wire(process, "alice")
    data = os.urandom(5000)
    sha = hashlib.sha256(data).hexdigest()
    headers = {**wire.headers, "Content-Type": "application/octet-stream"}
    answer = requests.put(f"{wire.url}/blobs/{sha}", data=data, headers=headers, timeout=TIMEOUT)
    assert answer.status_code == 200
    chunk = {**headers, "Content-Range": "bytes 0-9/100"}
    partial = str(uuid.uuid4()).encode()[:10]
    requests.patch(f"{wire.url}/blobs/{'b' * 64}", data=partial, headers=chunk, timeout=TIMEOUT)
    made = [p for p in tmp_path.glob("server.db*")] + [process.blobs, *process.blobs.rglob("*")]
    assert tmp_path / "server.db" in made and len(made) > 5
    assert [p for p in made if _open_to_others(p)] == []


def test_a_new_assignment_brings_the_users_both_ways(any_server: Server, tmp_path: Path) -> None:
    """Users made long before: an assignment to a village brings the new member to the
    village's laptops, and the village's users to the new member's laptop."""
    process, database = any_server
    admin.add_user(database, "nina", "member", "nina-pw", areas=[BOB_VILLAGE])
    alice = Wire(process, "alice")
    _records, _gone, cursor = alice.pull_all()
    nina = first_login(process.url, "nina", "nina-pw", tmp_path / "nina.db", kdf=FAST_TEST_KDF)
    try:
        assert laptop_users(nina) == {"nina", "bob", "ada"}
        admin.assign(database, "nina", add=[ALICE_VILLAGE], remove=[BOB_VILLAGE])
        sync(nina)
        assert laptop_users(nina) >= {"nina", "alice", "rita", "ada"}
    finally:
        nina.close()
    records, _gone, _cursor = alice.pull_all(cursor)
    assert "nina" in {r["fields"]["username"] for r in records.values() if r["entity"] == "user"}


def laptop_users(db: Database) -> set[str]:
    with db.session() as s:
        return set(s.scalars(select(User.username)))
