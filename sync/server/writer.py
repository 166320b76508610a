"""Pushes written by a process of their own, beside each server worker.

Under load a worker runs many requests at once, on threads that share one
interpreter lock. A push holding the database's single write turn then waits
for that lock around each of its statements, while every other push queues
behind it: measured, the turn was held five times longer than the writing took.
So each worker hands its pushes, worked out beforehand (`prepare`), to a writer
process that does nothing else, and the turn lasts as long as the writing. The
worker also lowers its own scheduling priority below its writer's, so that
when the processors are busy the writer runs first: the whole server waits on
the write turn, while the worker's other requests can wait their turn.

The writer is forked when the worker starts, before it runs any thread (on
systems without fork, pushes are written in the worker itself). When the
writer is gone, the worker writes in-process again: slower, never wrong.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import stat
import threading
import traceback
from collections.abc import Sequence
from multiprocessing.connection import Connection
from typing import Any

from sqlalchemy.exc import OperationalError

from sync.protocol import Op, Receipt
from sync.server import audit, prepare
from sync.server.auth import Actor
from sync.server.db import ServerDatabase

log = logging.getLogger(__name__)
#: how much lower the worker's scheduling priority is than its writer's
WORKER_NICENESS = 5


def write_push(
    db: ServerDatabase,
    actor: Actor,
    ops: Sequence[Op],
    prepared: prepare.Prepared | None,
    address: str,
) -> list[Receipt]:
    """A push in one write turn: its receipts, with the audit row of the request."""
    with db.write() as s:
        receipts = prepare.apply(s, prepared, actor, ops)
        counts: dict[str, int] = {}
        for receipt in receipts:
            counts[receipt.outcome] = counts.get(receipt.outcome, 0) + 1
        audit.record(
            s, actor.username, actor.device_id, "push", {"ops": len(receipts), **counts}, address
        )
    return receipts


class Writer:
    """The worker's end: sends a push, waits for its receipts (one push at a time)."""

    def __init__(self, db: ServerDatabase) -> None:
        self._db = db
        self._lock = threading.Lock()
        self._conn: Connection | None = None
        self._process: Any = None

    def start(self) -> None:
        """Fork the writer (call it before the worker starts any thread)."""
        if "fork" not in multiprocessing.get_all_start_methods():
            return
        # no connection may cross the fork: the writer opens its own
        self._db.engine.dispose()
        if self._db.read_engine is not self._db.engine:
            self._db.read_engine.dispose()
        context = multiprocessing.get_context("fork")
        mine, theirs = context.Pipe()
        process = context.Process(
            target=_serve,
            args=(self._db.url.render_as_string(hide_password=False), theirs, mine),
            name="fieldvisit-writer",
            daemon=True,
        )
        process.start()
        theirs.close()
        # the worker yields the processor to its writer: the whole server waits on the
        # write turn, the worker's other requests do not
        os.nice(WORKER_NICENESS)
        self._conn, self._process = mine, process

    def push(
        self, actor: Actor, ops: Sequence[Op], prepared: prepare.Prepared | None, address: str
    ) -> list[Receipt]:
        with self._lock:
            if self._conn is not None:
                try:
                    self._conn.send((actor, list(ops), prepared, address))
                    kind, value = self._conn.recv()
                except (EOFError, OSError):
                    log.warning("the writer process is gone; pushes are written here")
                    self._conn = None
                else:
                    if kind == "busy":
                        raise OperationalError("push", None, Exception(value))
                    if kind == "error":
                        raise RuntimeError(f"the writer process failed:\n{value}")
                    receipts: list[Receipt] = value
                    return receipts
        return write_push(self._db, actor, ops, prepared, address)

    def stop(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
        if self._process is not None:
            self._process.join(timeout=10)
            if self._process.is_alive():
                self._process.kill()
            self._process = None


def _serve(url: str, conn: Connection, other: Connection) -> None:
    """The writer process: writes the pushes it receives until its worker goes."""
    other.close()  # the worker's end: kept open here, its closing would go unnoticed
    _close_sockets(keep=conn.fileno())
    # the worker's signal handling is not ours: Ctrl+C stops the worker, which closes
    # the pipe, and the writer ends after the push it is writing
    signal.set_wakeup_fd(-1)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    db = ServerDatabase(url)
    try:
        while True:
            try:
                actor, ops, prepared, address = conn.recv()
            except (EOFError, OSError):
                return
            try:
                answer: tuple[str, Any] = (
                    "ok",
                    write_push(db, actor, ops, prepared, address),
                )
            except OperationalError as exc:
                answer = ("busy", str(exc.orig))
            except Exception:  # sent back, raised in the worker (a 500 for the request)
                answer = ("error", traceback.format_exc())
            try:
                conn.send(answer)
            except (EOFError, OSError):
                return
    finally:
        db.dispose()


def _close_sockets(keep: int) -> None:
    """Close the sockets inherited from the worker (its listening socket above all, so
    that a restarted server can take the port at once)."""
    folder = "/proc/self/fd"
    if not os.path.isdir(folder):
        return
    for name in os.listdir(folder):
        fd = int(name)
        if fd == keep:
            continue
        try:
            if stat.S_ISSOCK(os.fstat(fd).st_mode):
                os.close(fd)
        except OSError:
            continue
