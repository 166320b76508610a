"""Saving drafts one at a time off the UI thread, so that nothing typed is ever lost.

Saves of one page run in order, one after the other: a later save of the same
response replaces an earlier one still waiting, and callers can wait until every
save has ended (before completing a visit). `save_now` saves on the UI thread for
the moments no worker can be waited for (the window closing, the screen locking).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal

from app.domain.issues import ValidationFailed
from app.services.responses import Checked, NewResponse
from ui.session import AppSession


class DraftSaver(QObject):
    """Saves response drafts in order through the session's worker."""

    #: a draft was saved: the response id and its checked answers
    saved = Signal(object)
    #: a save failed: the response id and the message for the member
    failed = Signal(str, str)

    def __init__(self, session: AppSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._waiting: dict[str, dict[str, Any]] = {}
        self._running: str | None = None
        self._idle_callbacks: list[Callable[[], None]] = []
        #: responses shown but not started yet: their first save starts them
        self.starts: dict[str, NewResponse] = {}

    @property
    def busy(self) -> bool:
        return self._running is not None or bool(self._waiting)

    def save(self, response_id: str, answers: dict[str, Any]) -> None:
        """Save (later, in order); a newer save of the same response replaces a waiting one."""
        self._waiting[response_id] = answers
        self._next()

    def when_idle(self, callback: Callable[[], None]) -> None:
        """Call `callback` once every save asked for so far has ended."""
        if self.busy:
            self._idle_callbacks.append(callback)
        else:
            callback()

    def _next(self) -> None:
        if self._running is not None:
            return
        if not self._waiting:
            callbacks, self._idle_callbacks = self._idle_callbacks, []
            for callback in callbacks:
                callback()
            return
        response_id = next(iter(self._waiting))
        answers = self._waiting.pop(response_id)
        self._running = response_id
        responses, new = self.session.responses, self.starts.get(response_id)
        self.session.run(
            lambda _report: responses.save(response_id, answers, new=new), self._done, self._failed
        )

    def _done(self, checked: Checked) -> None:
        self._running = None
        self.starts.pop(checked.response_id, None)
        self.saved.emit(checked)
        self._next()

    def _failed(self, exc: Exception) -> None:
        response_id, self._running = self._running or "", None
        message = (
            str(exc) if isinstance(exc, ValidationFailed) else self.tr("草稿没有保存：%s") % exc
        )
        self.failed.emit(response_id, message)
        self._next()

    def save_now(self, response_id: str, answers: dict[str, Any]) -> Checked | None:
        """Save on the UI thread, at once (closing or locking); None when it failed."""
        self._waiting.pop(response_id, None)
        if self._running is not None:  # let the save in flight end first: it is older
            QThreadPool.globalInstance().waitForDone(10_000)
        try:
            checked = self.session.responses.save(
                response_id, answers, new=self.starts.get(response_id)
            )
        except Exception as exc:  # the member is told; the window still closes
            self.failed.emit(response_id, self.tr("草稿没有保存：%s") % exc)
            return None
        self.starts.pop(response_id, None)
        return checked
