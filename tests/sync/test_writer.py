"""The writer process beside the server: it writes the pushes, and the server does
without it when it is gone (`sync.server.writer`)."""

from __future__ import annotations

import os
import signal
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import requests
from sqlalchemy import func, select

from app.store.registry import Household
from sync.server import prepare, writer
from sync.server.db import ServerDatabase
from sync.server.tables import Audit, RecordIndex
from tests.sync.conftest import _running
from tests.sync.laptops import Wire, household, op
from tests.sync.servers import ALICE_VILLAGE, MOLLY_VILLAGE, PostgresCluster, ServerProcess, seed
from tests.sync.test_prepare import actor, ops

Server = tuple[ServerProcess, ServerDatabase]


def children(pid: int) -> list[int]:
    text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    return [int(p) for p in text.split()]


def has_open(pid: int, path: Path) -> bool:
    folder = Path(f"/proc/{pid}/fd")
    return any(os.path.realpath(folder / fd) == str(path.resolve()) for fd in os.listdir(folder))


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/status").read_text()
    return "State:\tZ" not in status


def wait_gone(pid: int, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not alive(pid):
            return True
        time.sleep(0.05)
    return False


def the_writer(process: ServerProcess) -> int:
    assert process.process is not None
    [writer] = children(process.process.pid)
    return writer


def test_the_writer_process_writes_the_pushes(server: Server) -> None:
    process, database = server
    writer = the_writer(process)
    assert database.url.database is not None
    file = Path(database.url.database)
    assert not has_open(writer, file)  # it opens the database on its first write

    receipts = Wire(process, "alice").push(
        op("household", "00000000-0000-4000-8000-0000000000c1", 0, household(ALICE_VILLAGE))
    )

    assert [r["outcome"] for r in receipts] == ["applied"]
    assert has_open(writer, file)


def test_a_push_is_written_by_the_server_when_its_writer_is_gone(server: Server) -> None:
    process, _database = server
    alice = Wire(process, "alice")
    writer = the_writer(process)
    os.kill(writer, signal.SIGKILL)
    assert wait_gone(writer)

    receipts = alice.push(
        op("household", "00000000-0000-4000-8000-0000000000c2", 0, household(ALICE_VILLAGE))
    )

    assert [r["outcome"] for r in receipts] == ["applied"]
    assert process.log is not None
    assert "the writer process is gone" in process.log.read_text()


def test_the_writer_ends_with_its_server(server: Server) -> None:
    process, _database = server
    writer = the_writer(process)
    process.stop(kill=True)  # even killed, the server's end of the pipe closes
    assert wait_gone(writer)
    process.start()  # and the port is free at once (the writer did not keep it)
    assert alive(the_writer(process))


def test_pushes_sent_at_once_are_each_written_once(server: Server) -> None:
    # many laptops at once: pushes waiting for the writer go to it together (one turn)
    process, database = server
    users = ["alice", "molly", "alice", "molly", "rita", "ada"] * 3
    villages = {"alice": ALICE_VILLAGE, "molly": MOLLY_VILLAGE}
    made: list[tuple[str, str]] = []

    def one(n: int) -> list[str]:
        user = users[n]
        wire = Wire(process, user)
        batch = []
        for k in range(5):
            hid = f"00000000-0000-4000-8000-{n:06d}{k:06d}"
            batch.append(op("household", hid, 0, household(villages.get(user, ALICE_VILLAGE))))
            made.append((user, hid))
        return [r["outcome"] for r in wire.push(*batch)]

    with ThreadPoolExecutor(max_workers=len(users)) as pool:
        outcomes = list(pool.map(one, range(len(users))))

    assert outcomes == [["applied"] * 5] * len(users)
    with database.read() as s:
        households = s.scalars(select(Household.id)).all()
        assert sorted(households) == sorted(hid for _, hid in made)
        seqs = s.scalars(select(RecordIndex.seq)).all()
        assert len(seqs) == len(set(seqs))
        pushes = select(func.count()).select_from(Audit).where(Audit.action == "push")
        assert s.scalar(pushes) == len(users)


def test_pushes_waiting_for_the_writer_go_in_groups_and_none_is_lost(tmp_path: Path) -> None:
    # more pushes wait than a group takes: each is still written, once (in this process,
    # with a writer of its own)
    database = ServerDatabase(f"sqlite:///{tmp_path / 'server.db'}")
    seed(database)
    alice = actor(database, "alice")
    batches = [
        ops(op("household", str(uuid.uuid4()), 0, household(ALICE_VILLAGE)))
        for _ in range(writer.GROUP * 3)
    ]
    ahead = [prepare.prepare(database, alice, b) for b in batches]
    pushes = writer.Writer(database)
    pushes.start(yield_to_writer=False)
    try:
        with ThreadPoolExecutor(max_workers=len(batches)) as pool:
            futures = [
                pool.submit(pushes.push, alice, b, a, "127.0.0.1")
                for b, a in zip(batches, ahead, strict=True)
            ]
            outcomes = [f.result(timeout=60)[0].outcome for f in futures]
    finally:
        pushes.stop()
        database.dispose()

    assert outcomes == ["applied"] * len(batches)
    database = ServerDatabase(f"sqlite:///{tmp_path / 'server.db'}")
    with database.read() as s:
        assert s.scalar(select(func.count()).select_from(Household)) == len(batches)
    database.dispose()


def test_after_postgresql_restarts_a_request_or_two_are_busy_then_all_is_well(
    postgres: PostgresCluster, tmp_path: Path
) -> None:
    # no ping before each use of a pooled connection: a dead one fails its request as
    # busy (503, which the laptop retries) and the pool is renewed
    with contextmanager(_running)(postgres.new_database(), tmp_path) as (process, database):
        alice = Wire(process, "alice")
        alice.push(
            op("household", "00000000-0000-4000-8000-0000000000d1", 0, household(ALICE_VILLAGE))
        )
        postgres.restart()
        database.dispose()  # this test's own connections died too

        def until_answered(send: Callable[[], requests.Response]) -> requests.Response:
            for _ in range(6):
                answer = send()
                if answer.status_code != 503:
                    return answer
                assert answer.json()["code"] == "server.busy"
            raise AssertionError("still busy after the restart")

        assert until_answered(lambda: alice.get("/me")).status_code == 200
        hid = "00000000-0000-4000-8000-0000000000d2"
        body = {"ops": [op("household", hid, 0, household(ALICE_VILLAGE))]}
        pushed = until_answered(lambda: alice.post("/push", body))
        assert pushed.status_code == 200
        assert [r["outcome"] for r in pushed.json()["receipts"]] == ["applied"]
        with database.read() as s:
            assert s.get(Household, hid) is not None
