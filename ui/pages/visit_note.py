"""The note of a visit (走访备注): typed on the visit page, kept with the visit under way.

It is saved with the drafts (a pause, leaving the page, locking, closing) and with the
visit when the visit is completed; its saves run one after the other off the UI thread,
so that a later one never overtakes an earlier one.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget

from app.services.changed import Changed
from app.services.visits import Visits
from ui.session import AppSession


class VisitNote(QObject):
    """The note field of the visit page and its saving."""

    #: a save failed: the message for the member
    failed = Signal(str)

    def __init__(self, session: AppSession, editable: bool, parent: QWidget) -> None:
        super().__init__(parent)
        self.session = session
        self.household_id = ""
        self.saved_text = ""
        self.edit = QLineEdit(parent)
        self.edit.setAccessibleDescription(self.tr("与本次走访一起保存，同步时发送"))
        self.edit.setPlaceholderText(self.tr("本次走访的情况，例如：本人不在，由家属代答"))
        self.edit.setReadOnly(not editable)
        self.label = QLabel(self.tr("走访备注(&N)："), parent)
        self.label.setBuddy(self.edit)
        self.row = QHBoxLayout()
        self.row.addWidget(self.label)
        self.row.addWidget(self.edit, 1)
        self._running = False
        self._queue: list[Callable[[], Changed]] = []

    def _visits(self) -> Visits:
        return Visits(self.session.db, self.session.username)

    # -- reading ---------------------------------------------------------------------------

    def load(self, household_id: str) -> None:
        """Show the note of the household's visit under way (empty: none yet); the same
        household again (read again after completing) keeps what is typed."""
        if household_id == self.household_id:
            return
        self.household_id = household_id
        self.edit.clear()
        self.saved_text = ""
        visits = self._visits()
        self.session.run(
            lambda _r: visits.current_note(household_id),
            lambda note: self._loaded(household_id, note),
            lambda exc: self.failed.emit(str(exc)),
            owner=self,
        )

    def _loaded(self, household_id: str, note: object) -> None:
        if household_id == self.household_id and not self.edit.isModified():
            self.edit.setText(str(note))
            self.saved_text = str(note)

    def text(self) -> str:
        return self.edit.text().strip()

    # -- saving ----------------------------------------------------------------------------

    def save(self) -> None:
        """Save the note if it changed (in turn, off the UI thread)."""
        household, text = self.household_id, self.text()
        if not household or text == self.saved_text or self.edit.isReadOnly():
            return
        self.saved_text = text
        visits = self._visits()
        self._run(lambda: visits.keep_note(household, text))

    def save_now(self) -> None:
        """Save the note on the UI thread (the window closes or locks)."""
        household, text = self.household_id, self.text()
        if household and text != self.saved_text and not self.edit.isReadOnly():
            self.saved_text = text
            self._visits().keep_note(household, text)

    def complete(self, method: str) -> None:
        """The visit's forms were completed: the visit is made, with its note."""
        household, text = self.household_id, self.text()
        if not household or self.edit.isReadOnly():
            return
        self.saved_text = text
        visits = self._visits()
        self._run(lambda: visits.complete(household, text, method))

    def _run(self, step: Callable[[], Changed]) -> None:
        self._queue.append(step)
        if not self._running:
            self._next()

    def _next(self) -> None:
        if not self._queue:
            self._running = False
            return
        self._running = True
        step = self._queue.pop(0)
        self.session.run(lambda _r: step(), self._done, self._failed)

    def _done(self, changed: object) -> None:
        if isinstance(changed, Changed) and changed.households:
            self.session.announce(changed)
        self._next()

    def _failed(self, exc: Exception) -> None:
        self.failed.emit(getattr(exc, "user_message", "") or str(exc))
        self._next()

    @property
    def busy(self) -> bool:
        return self._running
