"""The signed-in session: the open database, the user and role, the use cases, change news.

Pages get the session, call use cases through `run` (off the UI thread when slow),
and refresh when `changed` tells them a use case changed what they show.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal
from sqlalchemy import select

from app.services.changed import Changed
from app.services.registry import Registry
from app.services.renovation import RenovationCases
from app.services.responses import Responses
from app.store.database import Database
from app.store.registry import Assignment, User
from ui import worker


class AppSession(QObject):
    """One user's unlocked database and the use cases the screens call."""

    #: a use case changed records: pages refresh what concerns them
    changed = Signal(object)
    #: a long job started or ended (for a busy indicator)
    busy = Signal(bool)
    #: the server refused this user or laptop (`app.store.account_lock`): the program locks
    stopped = Signal(str)

    def __init__(self, db: Database, username: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.username = username
        with db.session() as s:
            user = s.scalars(select(User).where(User.username == username)).first()
            self.role = user.role if user else "member"
            self.display_name = (user.display_name if user else "") or username
            self.areas = (
                sorted(
                    s.scalars(
                        select(Assignment.area_code).where(
                            Assignment.user_id == user.id, Assignment.deleted.is_(False)
                        )
                    )
                )
                if user
                else []
            )
        self.registry = Registry(db, username)
        self.responses = Responses(db, username, self.role)
        self.cases = RenovationCases(db, username, self.role)

    @property
    def scope_prefixes(self) -> list[str]:
        """The significant prefixes of the user's areas (an admin of the district: all)."""
        from app.domain.areas import prefix_of

        return [prefix_of(code) for code in self.areas]

    def announce(self, changed: Changed) -> None:
        if changed:
            self.changed.emit(changed)

    def run(
        self,
        work: Callable[[worker.Progress], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None],
        *,
        owner: QObject | None = None,
    ) -> worker.Job:
        """Run `work` on the pool; `on_done` / `on_error` are called on the UI thread, unless
        `owner` (the page that asked) has been destroyed meanwhile."""
        job = worker.Job(work)
        if owner is not None:
            on_done, on_error = _while_alive(owner, on_done), _while_alive(owner, on_error)
        job.signals.finished.connect(on_done)
        job.signals.failed.connect(on_error)
        job.signals.failed.connect(self.refused)
        self.busy.emit(True)
        for signal in (job.signals.finished, job.signals.failed, job.signals.cancelled):
            signal.connect(lambda *_: self.busy.emit(False))
        return worker.start(job)

    def refused(self, error: Exception) -> None:
        """Every request the program sends goes through `run`: one refused because the
        server disabled the user or revoked this laptop locks the laptop now, whichever page
        sent it (the sync, the 管理 pages, publishing)."""
        from app.store import account_lock
        from sync.transport import Unauthorized

        if isinstance(error, Unauthorized) and error.code in account_lock.CODES:
            if account_lock.locked(self.db) != error.code:
                account_lock.lock(self.db, error.code)
            self.stopped.emit(error.code)


def _while_alive(owner: QObject, callback: Callable[[Any], None]) -> Callable[[Any], None]:
    """`callback`, skipped once `owner`'s Qt object is gone (a page closed before its job)."""

    def call(value: Any) -> None:
        if shiboken6.isValid(owner):
            callback(value)

    return call
