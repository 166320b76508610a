"""A photo's hash is no key to it: the server answers for a user as if it held only the
files that user sent, and reads a photo out only through an attachment its sender made.

The attacker knows the sha256 of a photo of another village (from a copied laptop
folder, a printout, a guess among known pictures) and tries every blob route and an
attachment naming it. Each route's answers for that hash must be the answers for a
hash nobody ever sent: nothing confirms that the photo exists, and nothing opens it.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from collections.abc import Callable
from typing import Any

import pytest
import requests
from fastapi.routing import APIRoute
from sqlalchemy import select, update

from app.store.work import Attachment
from sync.server.app import create_app
from sync.server.db import ServerDatabase
from sync.server.tables import BlobUpload
from tests.sync.laptops import TIMEOUT, Wire, household, op
from tests.sync.servers import ALICE_VILLAGE, BOB_VILLAGE, ServerProcess

Server = tuple[ServerProcess, ServerDatabase]


def put(wire: Wire, sha: str, data: bytes) -> requests.Response:
    headers = {**wire.headers, "Content-Type": "application/octet-stream"}
    return requests.put(f"{wire.url}/blobs/{sha}", data=data, headers=headers, timeout=TIMEOUT)


def patch(wire: Wire, sha: str, data: bytes, start: int, total: int) -> requests.Response:
    headers = {
        **wire.headers,
        "Content-Type": "application/octet-stream",
        "Content-Range": f"bytes {start}-{start + len(data) - 1}/{total}",
    }
    return requests.patch(f"{wire.url}/blobs/{sha}", data=data, headers=headers, timeout=TIMEOUT)


def a_household(wire: Wire, village: str) -> str:
    hid = str(uuid.uuid4())
    [receipt] = wire.push(op("household", hid, 0, household(village, address="照片之家")))
    assert receipt["outcome"] == "applied", receipt
    return hid


def attachment(owner_id: str, sha: str) -> dict[str, Any]:
    fields = {"sha256": sha, "mime": "image/jpeg", "size": 10, "kind": "photo"}
    return op(
        "attachment",
        str(uuid.uuid4()),
        0,
        {**fields, "owner_entity": "household", "owner_id": owner_id},
    )


def a_photo_of(wire: Wire, village: str) -> tuple[bytes, str, str]:
    """A photo sent by this user and attached to a new household of the village:
    (its bytes, its hash, the attachment's id)."""
    data = os.urandom(3000)
    sha = hashlib.sha256(data).hexdigest()
    assert put(wire, sha, data).json() == {"stored": True}
    sent = attachment(a_household(wire, village), sha)
    [receipt] = wire.push(sent)
    assert receipt["outcome"] == "applied", receipt
    return data, sha, sent["record_id"]


#: each blob route, asked about a hash by someone who lacks its bytes
ASK: dict[tuple[str, str], Callable[[Wire, str, str], requests.Response]] = {
    ("POST", "/blobs/missing"): lambda w, sha, _hid: w.post("/blobs/missing", {"hashes": [sha]}),
    ("GET", "/blobs/{sha}/upload"): lambda w, sha, _hid: w.get(f"/blobs/{sha}/upload"),
    ("GET", "/blobs/{sha}"): lambda w, sha, _hid: w.get(f"/blobs/{sha}"),
    ("PUT", "/blobs/{sha}"): lambda w, sha, _hid: put(w, sha, b"not the photo"),
    ("PATCH", "/blobs/{sha}"): lambda w, sha, _hid: patch(w, sha, b"0123456789", 0, 10),
    ("POST", "/push"): lambda w, sha, hid: w.post("/push", {"ops": [attachment(hid, sha)]}),
}


def _seen(answer: requests.Response, sha: str) -> tuple[int, Any]:
    """An answer with the hash asked about (and the op ids, new per request) blanked."""
    text = answer.text.replace(sha, "<sha>")
    if not answer.headers.get("content-type", "").startswith("application/json"):
        return answer.status_code, text
    body = json.loads(text)
    for receipt in body.get("receipts", []) if isinstance(body, dict) else []:
        receipt["op_id"] = "<op>"
    return answer.status_code, body


@pytest.mark.parametrize("attacker", ["bob", "molly"])
def test_another_villages_photo_answers_as_a_photo_nobody_has(
    shared_server: Server, attacker: str
) -> None:
    process, database = shared_server
    alice, wire = Wire(process, "alice"), Wire(process, attacker)
    photo, sha, _attachment_id = a_photo_of(alice, ALICE_VILLAGE)
    village = BOB_VILLAGE if attacker == "bob" else "330213001002"
    hid = a_household(wire, village)
    asked = []
    for (method, path), ask in ASK.items():
        nobodys = hashlib.sha256(os.urandom(16)).hexdigest()
        known = ask(wire, sha, hid)
        assert known.status_code < 500, known.text
        assert photo not in known.content
        assert _seen(known, sha) == _seen(ask(wire, nobodys, hid), nobodys), (method, path)
        asked.append((method, path))
    # the attacker is no sender of it, and no attachment of theirs names it
    with database.read() as s:
        assert s.get(BlobUpload, (sha, attacker)) is None
        assert hid not in set(
            s.scalars(select(Attachment.owner_id).where(Attachment.sha256 == sha))
        )
    # every route that takes a hash was asked (a new one is asked, or this test fails)
    app = create_app(process.database_url, blob_dir=process.blobs)
    routes = {
        (m, r.path)
        for r in app.routes
        if isinstance(r, APIRoute) and r.path.startswith("/blobs")
        for m in r.methods or ()
    }
    assert routes <= set(asked)


def test_an_attachment_can_no_longer_point_at_another_photo(shared_server: Server) -> None:
    process, _database = shared_server
    alice, bob = Wire(process, "alice"), Wire(process, "bob")
    photo, sha, _attachment_id = a_photo_of(alice, ALICE_VILLAGE)
    _mine, _my_sha, my_attachment = a_photo_of(bob, BOB_VILLAGE)
    records, _gone, _cursor = bob.pull_all()
    rev = int(records[my_attachment]["rev"])
    [receipt] = bob.push(op("attachment", my_attachment, rev, {"sha256": sha}))
    assert receipt["outcome"] == "retry"
    assert [r["code"] for r in receipt["refusals"]] == ["sync.blob_missing"]
    answer = bob.get(f"/blobs/{sha}")
    assert answer.status_code == 404 and photo not in answer.content


def test_an_attachment_made_without_sending_the_photo_opens_nothing(
    shared_server: Server,
) -> None:
    """An attachment whose hash was set by someone who never sent the file (as before this
    check existed) does not make the photo readable."""
    process, database = shared_server
    alice, bob = Wire(process, "alice"), Wire(process, "bob")
    photo, sha, _attachment_id = a_photo_of(alice, ALICE_VILLAGE)
    _mine, _my_sha, my_attachment = a_photo_of(bob, BOB_VILLAGE)
    with database.write() as s:
        s.execute(update(Attachment).where(Attachment.id == my_attachment).values(sha256=sha))
    answer = bob.get(f"/blobs/{sha}")
    assert answer.status_code == 404 and photo not in answer.content
    assert Wire(process, "rita").get(f"/blobs/{sha}").content == photo  # alice's attachment


@pytest.mark.parametrize("in_chunks", [False, True])
def test_whoever_holds_the_photo_sends_it_and_attaches_it(
    shared_server: Server, in_chunks: bool
) -> None:
    """The same photo held by two members (sent to both, say): the second sends it too,
    with the same answers as a photo new to the server, and may then attach it."""
    process, _database = shared_server
    alice, bob = Wire(process, "alice"), Wire(process, "bob")
    photo, sha, _attachment_id = a_photo_of(alice, ALICE_VILLAGE)
    assert bob.post("/blobs/missing", {"hashes": [sha]}).json() == {"missing": [sha]}
    if in_chunks:
        assert bob.get(f"/blobs/{sha}/upload").json() == {"received": 0, "stored": False}
        first = patch(bob, sha, photo[:1000], 0, len(photo))
        assert first.json() == {"received": 1000, "stored": False}
        rest = patch(bob, sha, photo[1000:], 1000, len(photo))
        assert rest.json() == {"received": len(photo), "stored": True}
    else:
        assert put(bob, sha, photo).json() == {"stored": True}
        assert put(bob, sha, photo).json() == {"stored": False}  # sent twice: nothing new
    assert bob.post("/blobs/missing", {"hashes": [sha]}).json() == {"missing": []}
    [receipt] = bob.push(attachment(a_household(bob, BOB_VILLAGE), sha))
    assert receipt["outcome"] == "applied"
    assert bob.get(f"/blobs/{sha}").content == photo
    # molly's scope holds neither attachment
    assert Wire(process, "molly").get(f"/blobs/{sha}").status_code == 404
