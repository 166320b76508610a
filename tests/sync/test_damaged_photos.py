"""A damaged photo no longer holds the sync up: set aside, named, the rest goes through.

Over a real server on 127.0.0.1: a laptop's photo file damaged after it was taken, a
server's file damaged before a laptop downloads it, and the photo stage's progress
counted in bytes.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import select

from app.domain.renovation import load_catalogue
from app.services.attachments import attach
from app.services.registry import Registry
from app.store import changes
from app.store.database import Database
from app.store.registry import Household
from app.store.work import Attachment, FormResponse, RenovationCase
from sync.client import SyncClient
from sync.damaged import describe
from sync.report import receipt_text
from sync.server.db import ServerDatabase
from sync.server.tables import Blob
from tests.conftest import VILLAGE
from tests.sync.laptops import a_person, sync
from tests.sync.servers import ServerProcess
from tests.sync.test_blobs import CHUNK, photo, stored_blob

Server = tuple[ServerProcess, ServerDatabase]
Laptops = Callable[..., Database]


def damage(db: Database, sha: str) -> bytes:
    """Flip one byte in the middle of the laptop's file of `sha` (a bad disk sector)."""
    path = db.blobs.path_of(sha)
    sealed = bytearray(path.read_bytes())
    sealed[len(sealed) // 2] ^= 0xFF
    path.write_bytes(bytes(sealed))
    return bytes(sealed)


def uploads(client: SyncClient) -> list[str]:
    """The hashes of every file this client sends (PUT whole, PATCH in chunks)."""
    sent: list[str] = []

    def note(response: requests.Response, *_args: Any, **_kwargs: Any) -> None:
        if response.request.method in ("PUT", "PATCH"):
            sent.append(str(response.request.url).rsplit("/", 1)[-1])

    client.transport.session.hooks["response"].append(note)
    return sent


def synced(db: Database, **options: Any) -> tuple[Any, list[str]]:
    client = SyncClient(db, retries=1, **options)
    sent = uploads(client)
    try:
        return client.sync(), sent
    finally:
        client.close()


def test_a_damaged_photo_is_set_aside_named_and_the_rest_goes_through(
    server: Server, laptops: Laptops
) -> None:
    process, database = server
    alice = laptops(process, "alice")
    hid, pid = a_person(alice, "坏照片路1号")
    good_sha, good = photo(alice, 30_000)
    bad = attach(alice, "alice", owner_entity="person", owner_id=pid, data=b"\xff\xd8bad" * 999,
                 mime="image/jpeg")  # fmt: skip
    with alice.session() as s:
        bad_sha = str(s.scalar(select(Attachment.sha256).where(Attachment.id == bad[0])))
    damaged_bytes = damage(alice, bad_sha)

    receipt, sent = synced(alice)
    assert receipt.status == "done", receipt.detail
    assert sent == [good_sha]  # the damaged file is not sent
    assert stored_blob(database, process, good_sha) == good
    with database.read() as s:
        assert s.get(Blob, bad_sha) is None
        assert s.get(Household, hid) is not None  # the records went through
    (entry,) = receipt.detail["damaged"]
    assert entry["where"] == "laptop" and entry["records"] == ["王堃的照片"]
    # kept, as it was, beside the blobs; gone from the store
    kept = alice.blobs.damaged_folder / alice.blobs.path_of(bad_sha).name
    assert kept.read_bytes() == damaged_bytes
    assert not alice.blobs.has(bad_sha) and alice.blobs.is_set_aside(bad_sha)
    text = receipt_text(receipt)
    assert "损坏的照片：1 张" in text
    assert "照片损坏　王堃的照片：本机的照片文件已损坏，未上传" in text
    assert f"损坏的文件已移到：{alice.blobs.damaged_folder}" in text

    # the next sync neither fails nor sends it, and still names it until it is replaced
    again, sent = synced(alice)
    assert again.status == "done" and sent == []
    assert [e["records"] for e in again.detail["damaged"]] == [["王堃的照片"]]


def test_a_download_failing_its_check_is_named_and_the_others_are_received(
    server: Server, laptops: Laptops
) -> None:
    process, _database = server
    alice, rita = laptops(process, "alice"), laptops(process, "rita")
    good_sha, good = photo(alice, 20_000)
    bad_sha, _bad = photo(alice, 21_000)
    assert sync(alice).status == "done"
    server_file = process.blobs / bad_sha[:2] / bad_sha
    server_file.write_bytes(server_file.read_bytes()[:-10])  # truncated on the server

    receipt = sync(rita)
    assert receipt.status == "done" and receipt.blobs_received == 1
    assert rita.blobs.get(good_sha) == good and not rita.blobs.has(bad_sha)
    (entry,) = receipt.detail["damaged"]
    assert entry["where"] == "server"
    assert entry["records"] == ["户（照片路21000号）的照片"]
    assert "从服务器收到的照片与校验值不符" in receipt_text(receipt)


def test_photo_progress_counts_bytes_not_files(server: Server, laptops: Laptops) -> None:
    process, _database = server
    alice, rita = laptops(process, "alice"), laptops(process, "rita")
    _small_sha, small = photo(alice, 20_000)
    _big_sha, big = photo(alice, 5 * CHUNK + 1234)
    seen: list[tuple[str, int, int]] = []
    client = SyncClient(alice, retries=1, chunk_bytes=CHUNK, progress=lambda *a: seen.append(a))
    try:
        assert client.sync().status == "done"
    finally:
        client.close()
    photos = [(done, total) for stage, done, total in seen if stage == "photos"]
    total = len(small) + len(big)
    assert {t for _d, t in photos} == {total}
    steps = [d for d, _t in photos]
    assert steps == sorted(steps) and steps[-1] == total
    # the large photo moves the bar chunk by chunk: more steps than files, none a jump
    # of more than the large photo's chunk or the small photo's size
    assert len(set(steps)) > 2 + 4
    assert max(b - a for a, b in itertools.pairwise(steps)) <= max(CHUNK, len(small))

    seen.clear()
    client = SyncClient(rita, retries=1, progress=lambda *a: seen.append(a))
    try:
        assert client.sync().blobs_received == 2
    finally:
        client.close()
    received = [(d, t) for stage, d, t in seen if stage == "photos_in"]
    assert received[-1] == (total, total)


def test_the_receipt_names_the_form_question_and_the_case_item(db: Database) -> None:
    """Which photo of which record: the person, the form and its question, the case's
    item and stage."""
    registry = Registry(db, "alice")
    hid, _ = registry.add_household(
        {"area_code": VILLAGE, "address": "南山路9号", "hukou_type": "1", "head_name": "柴进"}
    )
    with db.transaction() as s:
        response = changes.create(
            s,
            FormResponse,
            {"form_id": "income-monitoring", "form_version": "2026.1", "survey_round": "2026",
             "household_id": hid, "state": "draft", "answers": {}},
            user="alice",
        )  # fmt: skip
        case = changes.create(
            s, RenovationCase, {"household_id": hid, "year": 2026, "items": []}, user="alice"
        )
        response_id, case_id = response.id, case.id
    form_photo, _ = attach(db, "alice", owner_entity="form_response", owner_id=response_id,
                           data=b"consent", mime="image/jpeg")  # fmt: skip
    with db.transaction() as s:
        s.get(FormResponse, response_id).answers = {"consent_photo": [form_photo]}  # type: ignore[union-attr]
    code = load_catalogue().items[0].code
    attach(db, "alice", owner_entity="renovation_case", owner_id=case_id, data=b"before",
           mime="image/jpeg", tag="before", caption=code)  # fmt: skip
    (form_text,) = describe(db, hashlib.sha256(b"consent").hexdigest())
    assert form_text.startswith("户主柴进（南山路9号）的问卷《")
    assert form_text.endswith("“B0.12 已签字的纸质授权书照片”的照片")
    (case_text,) = describe(db, hashlib.sha256(b"before").hexdigest())
    item = load_catalogue().items[0]
    assert case_text == f"户主柴进（南山路9号）的无障碍改造个案“{code} {item.name}”改造前的照片"


def test_set_aside_keeps_the_file_beside_the_blobs(db: Database, tmp_path: Path) -> None:
    sha = db.blobs.put(b"photo")
    assert db.blobs.size_of(sha) == len(b"photo")
    kept = db.blobs.set_aside(sha)
    assert kept is not None and kept.parent == db.blobs.damaged_folder
    assert kept.parent.parent == db.blobs.folder.parent
    assert db.blobs.is_set_aside(sha) and db.blobs.set_aside(sha) is None
    assert db.blobs.size_of(sha) == 0
