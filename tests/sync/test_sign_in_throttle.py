"""Wrong passwords from elsewhere lock out whoever sends them, never the owner on their
usual laptop; and the throttle answers the same for a name that does not exist.

Sign-ins come from several loopback addresses (127.0.0.x), as from several machines.
"""

from __future__ import annotations

import http.client
import json
import uuid
from typing import Any

from sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION
from sync.server import throttle
from sync.server.db import ServerDatabase
from tests.sync.servers import PASSWORDS, ServerProcess

Server = tuple[ServerProcess, ServerDatabase]


def sign_in(
    process: ServerProcess, username: str, password: str, client_id: str, source: str
) -> tuple[int, dict[str, Any], str]:
    """POST /login from the address `source`: the status, the body and Retry-After."""
    connection = http.client.HTTPConnection(
        "127.0.0.1", process.port, timeout=30, source_address=(source, 0)
    )
    try:
        body = {"username": username, "password": password, "client_id": client_id}
        headers = {"Content-Type": "application/json", PROTOCOL_HEADER: str(PROTOCOL_VERSION)}
        connection.request("POST", "/login", json.dumps(body), headers)
        answer = connection.getresponse()
        return answer.status, json.loads(answer.read()), answer.getheader("Retry-After") or ""
    finally:
        connection.close()


def new_id() -> str:
    return str(uuid.uuid4())


def test_someone_elses_failures_never_lock_the_owner_out(server: Server) -> None:
    process, _database = server
    laptop, home = new_id(), "127.0.0.1"
    assert sign_in(process, "alice", PASSWORDS["alice"], laptop, home)[0] == 200
    # someone guesses alice's password from machine after machine
    attackers = [f"127.0.0.{n}" for n in range(2, 2 + 8)]
    statuses = [
        sign_in(process, "alice", f"guess{n}", new_id(), source)[0]
        for source in attackers
        for n in range(throttle.LOCK_AFTER + 2)
    ]
    assert statuses.count(401) == throttle.USER_FAILURES
    assert set(statuses) == {401, 429}
    # each of their places waits, and so does any new one, even with the right password
    for source in [*attackers, "127.0.0.99"]:
        status, body, retry = sign_in(process, "alice", PASSWORDS["alice"], new_id(), source)
        assert (status, body["code"]) == (429, "auth.throttled") and int(retry) > 0
    # the owner signs in: on her laptop at home, on her laptop elsewhere, on a new one at home
    assert sign_in(process, "alice", PASSWORDS["alice"], laptop, home)[0] == 200
    assert sign_in(process, "alice", PASSWORDS["alice"], laptop, "127.0.0.50")[0] == 200
    assert sign_in(process, "alice", PASSWORDS["alice"], new_id(), home)[0] == 200
    # another user is untouched
    assert sign_in(process, "bob", PASSWORDS["bob"], new_id(), "127.0.0.99")[0] == 200


def test_the_owners_own_wrong_passwords_still_lock_her_place(server: Server) -> None:
    process, _database = server
    laptop = new_id()
    assert sign_in(process, "molly", PASSWORDS["molly"], laptop, "127.0.0.1")[0] == 200
    for _ in range(throttle.LOCK_AFTER):
        assert sign_in(process, "molly", "wrong", laptop, "127.0.0.1")[0] == 401
    assert sign_in(process, "molly", PASSWORDS["molly"], laptop, "127.0.0.1")[0] == 429


def test_a_name_that_does_not_exist_is_throttled_alike(server: Server) -> None:
    process, _database = server
    seen = {}
    for username, source in (("bob", "127.0.0.60"), ("nobody-at-all", "127.0.0.61")):
        answers = []
        for _ in range(throttle.LOCK_AFTER + 3):
            status, body, retry = sign_in(process, username, "wrong", new_id(), source)
            # the seconds left may differ by one between the two (the clock moves on)
            answers.append((status, body["code"], bool(retry), sorted(body["detail"])))
        seen[username] = answers
    assert seen["bob"] == seen["nobody-at-all"]
    assert [a[0] for a in seen["bob"]] == [401] * throttle.LOCK_AFTER + [429] * 3
