"""Photos over a real server: sent whole or in chunks, resumed after a break, checked by hash.

The round trip runs on SQLite and PostgreSQL; the chunk protocol's edges on SQLite.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import select

from app.services.attachments import attach
from app.services.registry import Registry
from app.store.database import Database
from app.store.receipts import SyncReceipt
from app.store.work import Attachment
from sync.client import SyncClient
from sync.server.blobs import BlobFolder
from sync.server.db import ServerDatabase
from sync.server.tables import Audit, Blob
from sync.transport import Cancelled
from tests.sync.laptops import TIMEOUT, Wire, sync
from tests.sync.servers import ALICE_VILLAGE, ServerProcess

Server = tuple[ServerProcess, ServerDatabase]
Laptops = Callable[..., Database]
CHUNK = 64 * 1024


def photo(db: Database, size: int) -> tuple[str, bytes]:
    """A new household on alice's laptop with one attachment of `size` random bytes."""
    hid, _ = Registry(db, "alice").add_household(
        {"area_code": ALICE_VILLAGE, "address": f"照片路{size}号", "hukou_type": "1"}
    )
    data = os.urandom(size)
    attach(db, "alice", owner_entity="household", owner_id=hid, data=data, mime="image/jpeg")
    return hashlib.sha256(data).hexdigest(), data


def chunk_ranges(client: SyncClient) -> list[str]:
    """Record the Content-Range of every chunk this client sends (a requests hook)."""
    sent: list[str] = []

    def note(response: requests.Response, *_args: Any, **_kwargs: Any) -> None:
        if response.request.method == "PATCH":
            sent.append(str(response.request.headers["Content-Range"]))

    client.transport.session.hooks["response"].append(note)
    return sent


def synced_in_chunks(db: Database) -> tuple[SyncReceipt, list[str]]:
    """A sync sending files in chunks of `CHUNK`: its receipt and the chunks' ranges."""
    client = SyncClient(db, retries=1, chunk_bytes=CHUNK)
    ranges = chunk_ranges(client)
    try:
        return client.sync(), ranges
    finally:
        client.close()


def patch(wire: Wire, sha: str, data: bytes, start: int, total: int) -> requests.Response:
    headers = {
        **wire.headers,
        "Content-Type": "application/octet-stream",
        "Content-Range": f"bytes {start}-{start + len(data) - 1}/{total}",
    }
    return requests.patch(f"{wire.url}/blobs/{sha}", data=data, headers=headers, timeout=TIMEOUT)


def stored_blob(database: ServerDatabase, process: ServerProcess, sha: str) -> bytes:
    with database.read() as s:
        assert s.get(Blob, sha) is not None
    return (process.blobs / sha[:2] / sha).read_bytes()


def test_photos_small_and_chunked_travel_to_the_other_laptop(
    any_server: Server, laptops: Laptops
) -> None:
    process, database = any_server
    alice, rita = laptops(process, "alice"), laptops(process, "rita")
    small_sha, small = photo(alice, 20_000)
    big_sha, big = photo(alice, 5 * CHUNK + 1234)
    receipt, ranges = synced_in_chunks(alice)
    assert (receipt.status, receipt.blobs_sent) == ("done", 2)
    # the small photo went whole (no chunk); the large one in six chunks, in order
    assert ranges == [
        f"bytes {n * CHUNK}-{min((n + 1) * CHUNK, len(big)) - 1}/{len(big)}" for n in range(6)
    ]
    assert stored_blob(database, process, small_sha) == small
    assert stored_blob(database, process, big_sha) == big
    assert not BlobFolder(process.blobs).partial_of(big_sha, "alice").exists()
    with database.read() as s:
        audited = [
            a.detail["sha256"] for a in s.scalars(select(Audit).where(Audit.action == "blob"))
        ]
    assert sorted(audited) == sorted([small_sha, big_sha])

    received = sync(rita)
    assert received.blobs_received == 2
    assert rita.blobs.get(big_sha) == big and rita.blobs.get(small_sha) == small


def test_an_upload_broken_off_resumes_at_the_first_byte_the_server_lacks(
    server: Server, laptops: Laptops
) -> None:
    process, database = server
    alice = laptops(process, "alice")
    sha, data = photo(alice, 4 * CHUNK + 10)
    cancel = threading.Event()
    first = SyncClient(alice, retries=1, chunk_bytes=CHUNK, cancel=cancel)
    ranges = chunk_ranges(first)

    def break_after_two(response: requests.Response, *_args: Any, **_kwargs: Any) -> None:
        if len(ranges) == 2:
            cancel.set()  # the member presses 取消 while the third chunk is due

    first.transport.session.hooks["response"].append(break_after_two)
    with pytest.raises(Cancelled):
        first.sync()
    first.close()
    assert ranges == [
        f"bytes 0-{CHUNK - 1}/{len(data)}",
        f"bytes {CHUNK}-{2 * CHUNK - 1}/{len(data)}",
    ]
    wire = Wire(process, "alice")
    assert wire.get(f"/blobs/{sha}/upload").json() == {"received": 2 * CHUNK, "stored": False}
    with database.read() as s:
        assert s.get(Blob, sha) is None  # not whole: not a blob yet

    receipt, resumed = synced_in_chunks(alice)
    assert receipt.status == "done" and receipt.blobs_sent == 1
    assert [r.split("-")[0] for r in resumed] == [f"bytes {n * CHUNK}" for n in (2, 3, 4)]
    assert stored_blob(database, process, sha) == data
    with alice.session() as s:  # the attachment's record went with its photo
        assert sha in set(s.scalars(select(Attachment.sha256)))


def test_chunks_out_of_place_are_refused_with_what_the_server_has(server: Server) -> None:
    process, database = server
    wire = Wire(process, "alice")
    data = os.urandom(3000)
    sha = hashlib.sha256(data).hexdigest()
    assert patch(wire, sha, data[:1000], 0, 3000).json() == {"received": 1000, "stored": False}
    # a gap: refused, naming the first byte missing
    gap = patch(wire, sha, data[2000:], 2000, 3000)
    assert gap.status_code == 409
    assert gap.json()["code"] == "blob.offset" and gap.json()["detail"] == {"received": 1000}
    assert "1000" in gap.json()["message"]
    # a retry of a chunk, and a chunk that overlaps what is there: taken
    assert patch(wire, sha, data[:1000], 0, 3000).json()["received"] == 1000
    assert patch(wire, sha, data[500:2000], 500, 3000).json()["received"] == 2000
    assert patch(wire, sha, data[2000:], 2000, 3000).json() == {"received": 3000, "stored": True}
    assert stored_blob(database, process, sha) == data
    # sent again once whole: nothing more to do, nothing stored twice
    assert patch(wire, sha, data[:1000], 0, 3000).json() == {"received": 3000, "stored": True}
    assert wire.post("/blobs/missing", {"hashes": [sha]}).json() == {"missing": []}
    with database.read() as s:
        assert len(list(s.scalars(select(Audit).where(Audit.action == "blob")))) == 1


def test_a_chunked_file_that_does_not_match_its_hash_is_dropped(server: Server) -> None:
    process, database = server
    wire = Wire(process, "alice")
    data = os.urandom(2000)
    sha = hashlib.sha256(data).hexdigest()
    assert patch(wire, sha, data[:1000], 0, 2000).status_code == 200
    wrong = patch(wire, sha, b"x" * 1000, 1000, 2000)
    assert wrong.status_code == 400 and wrong.json()["code"] == "blob.hash_mismatch"
    assert "校验值不符" in wrong.json()["message"]
    assert not (process.blobs / sha[:2] / sha).exists()
    with database.read() as s:
        assert s.get(Blob, sha) is None
    # the upload starts again from the first byte, and then succeeds
    assert wire.get(f"/blobs/{sha}/upload").json() == {"received": 0, "stored": False}
    assert patch(wire, sha, data, 0, 2000).json() == {"received": 2000, "stored": True}
    assert stored_blob(database, process, sha) == data


@pytest.mark.parametrize(
    ("content_range", "body", "code", "status"),
    [
        (None, b"abc", "blob.range", 400),
        ("bytes 0-9/3", b"abc", "blob.range", 400),  # past the end
        ("bytes 0-4/10", b"abc", "blob.range", 400),  # says 5 bytes, carries 3
        ("bytes 5-2/10", b"abc", "blob.range", 400),  # backwards
        (f"bytes 0-2/{60 * 1024 * 1024}", b"abc", "request.too_big", 413),
    ],
)
def test_a_chunk_with_a_wrong_range_is_refused_by_name(
    server: Server, content_range: str | None, body: bytes, code: str, status: int
) -> None:
    process, _database = server
    wire = Wire(process, "alice")
    headers = {**wire.headers, "Content-Type": "application/octet-stream"}
    if content_range is not None:
        headers["Content-Range"] = content_range
    answer = requests.patch(
        f"{wire.url}/blobs/{'a' * 64}", data=body, headers=headers, timeout=TIMEOUT
    )
    assert (answer.status_code, answer.json()["code"]) == (status, code)
    assert answer.json()["message"]  # a Chinese sentence, not a code
    assert not BlobFolder(process.blobs).partial_of("a" * 64, "alice").exists()


def test_an_abandoned_partial_upload_is_swept_when_another_starts(
    server: Server, tmp_path: Path
) -> None:
    process, _database = server
    wire = Wire(process, "alice")
    old = os.urandom(2000)
    old_sha = hashlib.sha256(old).hexdigest()
    assert patch(wire, old_sha, old[:1000], 0, 2000).status_code == 200
    folder = BlobFolder(process.blobs).partial_of(old_sha, "alice")
    week_and_a_day = os.stat(folder).st_mtime - 8 * 24 * 3600
    os.utime(folder, (week_and_a_day, week_and_a_day))
    new = os.urandom(2000)
    assert patch(wire, hashlib.sha256(new).hexdigest(), new[:1000], 0, 2000).status_code == 200
    assert not folder.exists()
    assert wire.get(f"/blobs/{old_sha}/upload").json()["received"] == 0
