"""The writer process beside the server: it writes the pushes, and the server does
without it when it is gone (`sync.server.writer`)."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from sync.server.db import ServerDatabase
from tests.sync.laptops import Wire, household, op
from tests.sync.servers import ALICE_VILLAGE, ServerProcess

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
