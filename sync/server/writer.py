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

Pushes that arrive while the writer is busy wait together and are written as a
group in one transaction (group commit): one lock of the sequence, one check of
the records they read, their rows in one statement (on PostgreSQL), one commit.
When that fails (a constraint), the pushes go again one at a time, each in a
savepoint of its own, so that one that fails fails alone.

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
from sqlalchemy.orm import Session

from sync.protocol import Op, Receipt
from sync.server import audit, ledger, prepare
from sync.server.auth import Actor
from sync.server.db import ServerDatabase
from sync.server.tables import Audit

log = logging.getLogger(__name__)
#: how much lower the worker's scheduling priority is than its writer's
WORKER_NICENESS = 5


def _audited(
    s: Session, actor: Actor, ops: Sequence[Op], prepared: prepare.Prepared | None, address: str
) -> list[Receipt]:
    """A push applied, with the audit row of its request."""
    receipts = prepare.apply(s, prepared, actor, ops)
    audit.record(s, **_audit_row(actor, receipts, address))
    return receipts


def _audit_row(actor: Actor, receipts: Sequence[Receipt], address: str) -> dict[str, Any]:
    counts: dict[str, int] = {}
    for receipt in receipts:
        counts[receipt.outcome] = counts.get(receipt.outcome, 0) + 1
    return {
        "username": actor.username,
        "device_id": actor.device_id,
        "action": "push",
        "detail": {"ops": len(receipts), **counts},
        "address": address,
    }


#: pushes written in one transaction at most
GROUP = 16
#: an answer per push: ("ok", receipts), ("busy", why) or ("error", traceback)
Answer = tuple[str, Any]
#: what a worker sends per push
Item = tuple[Actor, list[Op], "prepare.Prepared | None", str]


class _Apart(Exception):
    """The prepared pushes of a group could not be written together."""


def write_pushes(db: ServerDatabase, items: Sequence[Item]) -> list[Answer]:
    """Pushes in one write turn: an answer per push.

    The prepared ones are written together, their rows and audit rows in one statement
    on PostgreSQL (on a busy machine each round trip waits for the processor twice).
    The others (to be merged again) then go one at a time, each in a savepoint, so that
    one that fails fails alone. When writing the prepared ones together fails, that
    transaction is dropped and all of them go one at a time."""
    try:
        try:
            with db.write() as s:
                answers = _write_prepared(s, items)
                _write_one_by_one(s, items, answers)
        except _Apart:
            with db.write() as s:
                answers = [None] * len(items)
                _write_one_by_one(s, items, answers)
    except OperationalError as exc:
        return [("busy", str(exc.orig))] * len(items)
    return [a if a is not None else ("error", "the push got no answer") for a in answers]


def _write_prepared(s: Session, items: Sequence[Item]) -> list[Answer | None]:
    """The prepared pushes and their audit rows, written together (raises `_Apart` when
    that fails); those written get their answer."""
    answers: list[Answer | None] = [None] * len(items)
    ready = [k for k, item in enumerate(items) if item[2] is not None]
    if not ready:
        return answers
    try:
        written, rows = prepare.together(s, [items[k][2] for k in ready])  # type: ignore[misc]
        audits = [
            _audit_row(items[k][0], receipts, items[k][3])
            for k, receipts in zip(ready, written, strict=True)
            if receipts is not None
        ]
        rows.inserts.append((Audit.__table__, audits))  # type: ignore[arg-type]
        rows.write(s, with_counter=True)
    except OperationalError:
        raise
    except Exception as exc:
        log.info("pushes written together failed; written one at a time", exc_info=True)
        raise _Apart from exc
    for k, receipts in zip(ready, written, strict=True):
        if receipts is not None:  # else stale: it goes alone, merged again
            answers[k] = ("ok", receipts)
    return answers


def _write_one_by_one(s: Session, items: Sequence[Item], answers: list[Answer | None]) -> None:
    """The pushes without an answer yet, each in a savepoint."""
    for k, (actor, ops, prepared, address) in enumerate(items):
        if answers[k] is not None:
            continue
        savepoint = s.begin_nested()
        try:
            receipts = _audited(s, actor, ops, prepared, address)
            s.flush()
            ledger.write_pending(s)
        except OperationalError:
            raise  # the database is busy or gone: for the whole group
        except Exception:
            savepoint.rollback()
            answers[k] = ("error", traceback.format_exc())
        else:
            savepoint.commit()
            answers[k] = ("ok", receipts)
        # the next push starts afresh: a prepared push writes past the session's objects
        # and caches (its rows are plain statements)
        s.expunge_all()
        ledger.forget_cached(s)


class _Waiting:
    """A push waiting in its worker to be sent, then for its answer."""

    def __init__(self, item: Item) -> None:
        self.item = item
        self.answer: Answer | None = None


class Writer:
    """The worker's end: pushes wait in a queue; whoever holds the pipe sends all that are
    waiting (up to `GROUP`) as one group and hands out the answers."""

    def __init__(self, db: ServerDatabase) -> None:
        self._db = db
        self._lock = threading.Lock()
        self._queued = threading.Lock()
        self._queue: list[_Waiting] = []
        self._conn: Connection | None = None
        self._process: Any = None

    def start(self, *, yield_to_writer: bool = True) -> None:
        """Fork the writer (call it before the worker starts any thread); the worker then
        lowers its own priority below its writer's, unless told not to."""
        if "fork" not in multiprocessing.get_all_start_methods():
            return
        self._db.dispose()  # no connection may cross the fork: the writer opens its own
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
        if yield_to_writer:
            os.nice(WORKER_NICENESS)
        self._conn, self._process = mine, process

    def push(
        self, actor: Actor, ops: Sequence[Op], prepared: prepare.Prepared | None, address: str
    ) -> list[Receipt]:
        waiting = _Waiting((actor, list(ops), prepared, address))
        with self._queued:
            self._queue.append(waiting)
        while waiting.answer is None:
            with self._lock:  # one group in the pipe at a time
                if waiting.answer is not None:
                    break  # sent with another thread's group meanwhile
                with self._queued:
                    # the oldest first: when more are waiting than a group takes, this
                    # thread sends the others' and then (next round) its own
                    group, self._queue = self._queue[:GROUP], self._queue[GROUP:]
                try:
                    answers = self._send([w.item for w in group])
                except Exception:  # every push of the group gets it (none waits forever)
                    answers = [("error", traceback.format_exc())] * len(group)
                for w, answer in zip(group, answers, strict=True):
                    w.answer = answer
        kind, value = waiting.answer
        if kind == "here":  # no writer process: written in this one, the same way
            [(kind, value)] = write_pushes(self._db, [waiting.item])
        if kind == "busy":
            raise OperationalError("push", None, Exception(value))
        if kind == "error":
            raise RuntimeError(f"the push could not be written:\n{value}")
        receipts: list[Receipt] = value
        return receipts

    def _send(self, items: list[Item]) -> list[Answer]:
        """A group's answers from the writer; ("here", None) each when there is no writer
        (any more): the pushes are then written in the worker."""
        if self._conn is not None:
            try:
                self._conn.send(items)
                answers: list[Answer] = self._conn.recv()
                return answers
            except (EOFError, OSError):
                log.warning("the writer process is gone; pushes are written here")
                self._conn = None
        return [("here", None)] * len(items)

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
                items = conn.recv()
            except (EOFError, OSError):
                return
            try:
                answers = write_pushes(db, items)
            except Exception:  # not one push's: sent back for each (a 500 for the requests)
                answers = [("error", traceback.format_exc())] * len(items)
            try:
                conn.send(answers)
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
