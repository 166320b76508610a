"""A sync into a laptop whose disk fills: it ends with DiskFull and its message, and once
there is room again the next sync brings the rest, with nothing lost or doubled."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from sqlalchemy import func, select

from app.store.database import Database
from app.store.errors import DiskFull
from app.store.registry import Household
from app.store.syncing import last_receipt
from sync.server.db import ServerDatabase
from sync.server.tables import ChangeLog
from tests.store.test_disk_full import fill
from tests.sync.laptops import Wire, household, op, outbox, sync
from tests.sync.servers import ALICE_VILLAGE, ServerProcess
from tests.sync.test_push_idempotency import add_households

Server = tuple[ServerProcess, ServerDatabase]
Laptops = Callable[..., Database]


def test_a_sync_into_a_full_disk_says_so_and_the_next_one_finishes(
    server: Server, laptops: Laptops
) -> None:
    process, database = server
    alice = laptops(process, "alice")
    [mine] = add_households(alice, 1)
    op_ids = [o.op_id for o in outbox(alice)]
    second = Wire(process, "alice")  # her other laptop: households that come down
    theirs = [str(uuid.uuid4()) for _ in range(400)]
    for start in range(0, len(theirs), 100):
        second.push(
            *[
                op("household", hid, 0, household(ALICE_VILLAGE, address="很长的地址" * 40))
                for hid in theirs[start : start + 100]
            ]
        )
    fill(alice)

    try:
        sync(alice)
    except DiskFull as exc:
        error = exc
    else:
        raise AssertionError("the sync did not run out of room")

    assert str(error) == DiskFull.user_message
    path = alice.path
    alice.close()  # room again: the program opens it anew
    alice = Database.open(path, "alice-pw", check=True)
    try:
        assert sync(alice).status == "done"
        assert outbox(alice) == []
        with alice.session() as s:
            here = set(s.scalars(select(Household.id)))
        receipt = last_receipt(alice)
    finally:
        alice.close()
    assert receipt is not None and receipt.status == "done"
    assert {mine, *theirs} <= here
    with database.read() as s:
        counts = s.execute(
            select(ChangeLog.op_id, func.count())
            .where(ChangeLog.op_id.in_(op_ids))
            .group_by(ChangeLog.op_id)
        ).all()
    assert sorted(n for _, n in counts) == [1] * len(op_ids)
