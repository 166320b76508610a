"""Exactly once: a resent batch changes nothing; a server killed mid-push loses nothing."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from sqlalchemy import func, select

from app.services.registry import Registry
from app.store.database import Database
from app.store.registry import Household
from sync.client import SyncClient
from sync.protocol import Op, PushRequest, PushResponse
from sync.server.db import ServerDatabase
from sync.server.tables import ChangeLog, OpReceipt, SeqCounter
from sync.transport import SyncError
from tests.sync.laptops import outbox, sync
from tests.sync.servers import ALICE_VILLAGE, ServerProcess

Server = tuple[ServerProcess, ServerDatabase]
Laptops = Callable[..., Database]
KILL_TIMEOUT = 60.0


def add_households(db: Database, count: int) -> list[str]:
    registry = Registry(db, "alice")
    ids = []
    for n in range(count):
        hid, _ = registry.add_household(
            {"area_code": ALICE_VILLAGE, "address": f"南山路{n}号", "hukou_type": "1"}
        )
        ids.append(hid)
    return ids


def server_counts(database: ServerDatabase) -> tuple[int, int, int]:
    with database.read() as s:
        return (
            int(s.scalar(select(SeqCounter.value)) or 0),
            int(s.scalar(select(func.count()).select_from(ChangeLog)) or 0),
            int(s.scalar(select(func.count()).select_from(OpReceipt)) or 0),
        )


def test_resending_a_batch_changes_nothing_and_returns_the_same_receipts(
    any_server: Server, laptops: Laptops
) -> None:
    process, database = any_server
    alice = laptops(process, "alice")
    [hid] = add_households(alice, 1)
    Registry(alice, "alice").update_household(hid, {"phone": "13957400001"})
    ops = outbox(alice)
    body = PushRequest(
        ops=[
            Op.model_validate(
                {
                    "op_id": o.op_id,
                    "entity": o.entity,
                    "record_id": o.record_id,
                    "base_rev": o.base_rev,
                    "kind": o.kind,
                    "fields": o.fields,
                }
            )
            for o in ops
        ]
    )
    client = SyncClient(alice)
    try:
        first = client.transport.call("POST", "/push", PushResponse, body)  # receipts lost
        after_first = server_counts(database)
        again = client.transport.call("POST", "/push", PushResponse, body)
    finally:
        client.close()
    assert again == first
    assert [r.outcome for r in first.receipts] == ["applied", "applied"]
    assert server_counts(database) == after_first  # no sequence taken, no change, no receipt
    receipt = sync(alice)  # the laptop still has the ops: it sends them a third time
    assert receipt.sent == 2 and outbox(alice) == []
    assert server_counts(database)[1:] == after_first[1:]
    with database.read() as s:
        assert s.get(Household, hid) is not None
        assert s.scalar(select(Household.phone).where(Household.id == hid)) == "13957400001"


def test_killing_the_server_mid_push_applies_every_op_exactly_once(
    any_server: Server, laptops: Laptops
) -> None:
    process, database = any_server
    alice = laptops(process, "alice")
    ids = add_households(alice, 600)
    registry = Registry(alice, "alice")
    for n, hid in enumerate(ids):
        registry.update_household(hid, {"phone": f"139574{n:05d}"})
    op_ids = [o.op_id for o in outbox(alice)]
    assert len(op_ids) == 1200
    failure: list[BaseException] = []

    def run() -> None:
        try:
            sync(alice, batch_size=500)
        except SyncError as exc:
            failure.append(exc)

    worker = threading.Thread(target=run)
    worker.start()
    deadline = time.monotonic() + KILL_TIMEOUT
    while server_counts(database)[2] < 100 and time.monotonic() < deadline:
        time.sleep(0.005)
    process.stop(kill=True)  # SIGKILL in the middle of a batch
    applied_at_kill = server_counts(database)[2]
    worker.join(timeout=KILL_TIMEOUT)
    assert not worker.is_alive()
    assert failure, "the sync must have failed with the server gone"
    assert 0 < applied_at_kill < len(op_ids)
    process.start()
    receipt = sync(alice, batch_size=500)
    assert receipt.status == "done" and outbox(alice) == []
    with database.read() as s:
        receipts = s.scalar(select(func.count()).select_from(OpReceipt))
        applied = s.execute(
            select(ChangeLog.op_id, func.count())
            .where(ChangeLog.op_id.in_(op_ids))
            .group_by(ChangeLog.op_id)
        ).all()
        phones = dict(s.execute(select(Household.id, Household.phone)).all())
    assert receipts == len(op_ids)
    assert len(applied) == len(op_ids) and {count for _, count in applied} == {1}
    assert all(phones[hid] == f"139574{n:05d}" for n, hid in enumerate(ids))
