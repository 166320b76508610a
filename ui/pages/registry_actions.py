"""The household page's registry upkeep: a new person, a new certificate (换证), a move.

Kept apart from the page so that the page's other sections change independently; the
page gives its selected person and refreshes through the session's change news.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QHBoxLayout, QMessageBox, QPushButton, QWidget

from app.services.changed import Changed
from app.store.registry import Person
from ui.i18n import QT_TRANSLATE_NOOP
from ui.pages.person_move import PersonMoveDialog
from ui.pages.registry_dialogs import add_person_dialog, new_certificate_dialog
from ui.session import AppSession

#: (button text, description) of each action, in order
ACTIONS = (
    (
        QT_TRANSLATE_NOOP("RegistryActions", "新增人员(&N)…"),
        QT_TRANSLATE_NOOP("RegistryActions", "在本户登记一名持证残疾人"),
    ),
    (
        QT_TRANSLATE_NOOP("RegistryActions", "换证(&Z)…"),
        QT_TRANSLATE_NOOP("RegistryActions", "等级或类别变更后为所选残疾人登记新证，旧证保留"),
    ),
    (
        QT_TRANSLATE_NOOP("RegistryActions", "迁移(&U)…"),
        QT_TRANSLATE_NOOP("RegistryActions", "把所选残疾人迁到另一户或另一村/社区"),
    ),
)


class RegistryActions(QWidget):
    """A row of buttons for the registry use cases of one household's page."""

    def __init__(
        self,
        session: AppSession,
        household_id: Callable[[], str],
        person: Callable[[], Person | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self._household_id = household_id
        self._person = person
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.buttons: list[QPushButton] = []
        for (text, description), slot in zip(
            ACTIONS, (self.add_person, self.new_certificate, self.move_person), strict=True
        ):
            button = QPushButton(self.tr(text))
            button.setAccessibleDescription(self.tr(description))
            button.clicked.connect(slot)
            row.addWidget(button)
            self.buttons.append(button)
        row.addStretch(1)

    def _chosen(self) -> Person | None:
        person = self._person()
        if person is None:
            QMessageBox.information(
                self, self.tr("请先选择"), self.tr("请先在残疾人列表中选择一人")
            )
        elif person.status == "cancelled":
            QMessageBox.information(
                self, self.tr("已注销"), self.tr("%s已注销，不能换证或迁移") % person.name
            )
            return None
        return person

    def _done(self, dialog: QDialog, changed: object) -> None:
        if isinstance(changed, tuple):
            changed = changed[1]
        if isinstance(changed, Changed):
            self.session.announce(changed)

    def add_person(self) -> None:
        if not self._household_id():
            return
        dialog = add_person_dialog(self.session.registry, self._household_id(), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._done(dialog, dialog.result_value)

    def new_certificate(self) -> None:
        person = self._chosen()
        if person is None:
            return
        dialog = new_certificate_dialog(self.session.registry, person, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._done(dialog, dialog.result_value)

    def move_person(self) -> None:
        person = self._chosen()
        if person is None:
            return
        dialog = PersonMoveDialog(
            self.session.db, self.session.registry, person, self.session.scope_prefixes, self
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._done(dialog, dialog.changed)
