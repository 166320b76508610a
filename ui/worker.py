"""Run long work off the UI thread, with progress and cancel; results come back by signal.

Widgets are never touched from the worker thread: the job reports through Qt
signals, which Qt delivers on the UI thread.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

Progress = Callable[[int, int], None]


class Cancelled(Exception):
    """Raised inside a job when the user cancelled it."""


class JobSignals(QObject):
    """Signals of one job (QRunnable cannot carry signals itself)."""

    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()


class Job(QRunnable):
    """One piece of long work: `work(report)` runs on the pool; `report(done, total)`."""

    def __init__(self, work: Callable[[Progress], Any]) -> None:
        super().__init__()
        self.work = work
        self.signals = JobSignals()
        self._cancel = threading.Event()
        self.setAutoDelete(False)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def _report(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise Cancelled()
        self.signals.progress.emit(done, total)

    def run(self) -> None:
        try:
            try:
                result = self.work(self._report)
            except Cancelled:
                self.signals.cancelled.emit()
            except Exception as exc:  # handed to the UI thread, which shows it
                exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
                self.signals.failed.emit(exc)
            else:
                self.signals.finished.emit(result)
        except RuntimeError:
            pass  # the window that asked for the work was closed meanwhile: nobody to tell


_running: set[Job] = set()


def start(job: Job) -> Job:
    """Start `job` on the global pool; it is kept alive until it ends."""
    _running.add(job)
    for signal in (job.signals.finished, job.signals.failed, job.signals.cancelled):
        signal.connect(lambda *_: _running.discard(job))
    QThreadPool.globalInstance().start(job)
    return job
