"""A server worker killed (SIGKILL) while its writer process holds a push: the writer outlives
the worker and commits after the kill, before or after the laptop has sent the push again
to the restarted server. Either way each change is applied once (`sync.server.writer`).

The writer is stopped (SIGSTOP) before the push, so the push waits in its pipe for certain
(seen in the socket's receive queue), then the worker is killed and the writer let go on
at the moment each case needs: no race left to chance.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Callable

import pytest
from sqlalchemy import func, select

from app.store.database import Database
from app.store.registry import Household
from sync.server.db import ServerDatabase
from sync.server.tables import ChangeLog, OpReceipt
from sync.transport import SyncError
from tests.sync.laptops import outbox, sync
from tests.sync.servers import ServerProcess
from tests.sync.test_push_idempotency import add_households
from tests.sync.test_writer import the_writer, wait_gone

Server = tuple[ServerProcess, ServerDatabase]
Laptops = Callable[..., Database]
WAIT = 60.0

pytestmark = pytest.mark.skipif(
    shutil.which("ss") is None or not hasattr(signal, "SIGSTOP"),
    reason="needs iproute2's ss (to see the writer's pipe) and SIGSTOP",
)


def waiting_in_pipe(pid: int) -> int:
    """Bytes waiting unread in the sockets of process `pid` (`ss`'s Recv-Q)."""
    out = subprocess.run(["ss", "-x", "-p", "-n"], capture_output=True, text=True, check=True)
    queued = 0
    for line in out.stdout.splitlines():
        if f"pid={pid}," in line:
            queued += int(line.split()[2])
    return queued


def until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"still not {what}")
        time.sleep(0.02)


def applied(database: ServerDatabase, op_ids: list[str]) -> tuple[dict[str, int], int]:
    """How many times each op is in the change log; how many receipts they have."""
    with database.read() as s:
        counts: dict[str, int] = dict(
            s.execute(  # type: ignore[arg-type]
                select(ChangeLog.op_id, func.count())
                .where(ChangeLog.op_id.in_(op_ids))
                .group_by(ChangeLog.op_id)
            ).all()
        )
        receipts = s.scalar(
            select(func.count()).select_from(OpReceipt).where(OpReceipt.op_id.in_(op_ids))
        )
    return counts, int(receipts or 0)


@pytest.mark.parametrize("commits", ["before_the_resend", "after_the_resend"])
def test_a_writer_committing_after_its_worker_was_killed_applies_each_op_once(
    any_server: Server, laptops: Laptops, commits: str
) -> None:
    process, database = any_server
    alice = laptops(process, "alice")
    ids = add_households(alice, 3)
    op_ids = [o.op_id for o in outbox(alice)]
    writer = the_writer(process)
    os.kill(writer, signal.SIGSTOP)
    failure: list[BaseException] = []

    def first_sync() -> None:
        try:
            sync(alice)
        except SyncError as exc:
            failure.append(exc)

    pushing = threading.Thread(target=first_sync)
    pushing.start()
    try:
        until(lambda: waiting_in_pipe(writer) > 0, "handed to the writer")
        process.stop(kill=True)  # the worker dies with the push in its writer's pipe
    finally:
        if commits == "before_the_resend":
            os.kill(writer, signal.SIGCONT)
    pushing.join(timeout=WAIT)
    assert failure and not pushing.is_alive()  # the laptop never had an answer

    if commits == "before_the_resend":
        assert wait_gone(writer, WAIT)  # it wrote the push, found its worker gone, ended
        assert applied(database, op_ids) == (dict.fromkeys(op_ids, 1), len(op_ids))
        process.start()
        assert sync(alice).status == "done"
    else:
        process.start()  # a new worker and writer while the old writer still holds it
        try:
            assert sync(alice).status == "done"
            assert applied(database, op_ids) == (dict.fromkeys(op_ids, 1), len(op_ids))
        finally:
            os.kill(writer, signal.SIGCONT)  # now it writes the same push, too late
        assert wait_gone(writer, WAIT)
        assert sync(alice).status == "done"

    assert outbox(alice) == []
    assert applied(database, op_ids) == (dict.fromkeys(op_ids, 1), len(op_ids))
    with database.read() as s:
        assert sorted(s.scalars(select(Household.id).where(Household.id.in_(ids)))) == sorted(ids)
