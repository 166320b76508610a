"""迁移: move a person to another household of the user's area, or to a new household in
another village of the district chosen on the area tree.

The households of one's own area are found as on the household list (head, name,
address); another member's village shows no households on this laptop, so a move
there makes a new household the person heads. After the next sync the person is on
that village's member's laptop and no longer on this one.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from app.domain.issues import ValidationFailed
from app.domain.phone import check_phone
from app.services.changed import Changed
from app.services.registry import DISTRICT_DIGITS, Registry
from app.store import queries
from app.store.database import Database
from app.store.registry import Area, Household, Person
from app.store.search import search
from ui.announce import MessageLine
from ui.dialog_keys import submit_on_ctrl_enter
from ui.pages.household_dialogs import _options
from ui.theme import fit_dialog

#: households listed at most for one search
SHOWN = 50
SEARCH_DELAY_MS = 250


class PersonMoveDialog(QDialog):
    """Move one person; `changed` holds what the move changed once accepted."""

    def __init__(
        self,
        db: Database,
        registry: Registry,
        person: Person,
        scope: Sequence[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db, self.registry, self.person = db, registry, person
        self.scope = [p for p in scope]
        self.changed = Changed()
        self.setWindowTitle(self.tr("迁移 %s") % person.name)
        with db.session() as s:
            here = s.scalar(select(Household.area_code).where(Household.id == person.household_id))
        self.district = (here or "")[:DISTRICT_DIGITS]

        self.existing = QRadioButton(self.tr("迁入本辖区已有的户(&E)"))
        self.new = QRadioButton(self.tr("迁入另一村/社区，立为新户(&N)"))
        self.mode = QButtonGroup(self)
        self.mode.addButton(self.existing)
        self.mode.addButton(self.new)
        self.existing.setChecked(True)

        self.query = QLineEdit()
        self.query.setAccessibleName(self.tr("搜索迁入的户"))
        self.query.setPlaceholderText(self.tr("户主或成员姓名、地址"))
        self.results = QListWidget()
        self.results.setMinimumHeight(self.fontMetrics().height() * 6)
        self.results.setAccessibleName(self.tr("找到的户"))
        self.results.setAccessibleDescription(self.tr("用上下箭头选择迁入的户"))
        self.relation = QComboBox()
        self.relation.setAccessibleName(self.tr("与新户户主关系"))
        for code, name in _options("relation"):
            self.relation.addItem(f"{code} {name}" if code else name, code)
        self.existing_part = QWidget()
        existing_form = QFormLayout(self.existing_part)
        existing_form.setContentsMargins(0, 0, 0, 0)
        rows: tuple[tuple[str, QWidget], ...] = (
            (self.tr("搜索(&F)："), self.query),
            (self.tr("户(&H)："), self.results),
            (self.tr("与户主关系(&R)："), self.relation),
        )
        for text, widget in rows:
            label = QLabel(text)
            label.setBuddy(widget)
            existing_form.addRow(label, widget)

        self.tree = QTreeWidget()
        self.tree.setMinimumHeight(self.fontMetrics().height() * 8)
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName(self.tr("迁入的村/社区"))
        self.tree.setAccessibleDescription(self.tr("用箭头展开街道（乡镇），选择村/社区"))
        self._fill_tree()
        self.address = QLineEdit()
        self.address.setAccessibleName(self.tr("新户的现居住地址"))
        self.phone = QLineEdit()
        self.phone.setAccessibleName(self.tr("新户的联系电话"))
        self.new_part = QWidget()
        new_form = QFormLayout(self.new_part)
        new_form.setContentsMargins(0, 0, 0, 0)
        rows = (
            (self.tr("村/社区(&V)："), self.tree),
            (self.tr("地址(&A)："), self.address),
            (self.tr("电话(&P)："), self.phone),
        )
        for text, widget in rows:
            label = QLabel(text)
            label.setBuddy(widget)
            new_form.addRow(label, widget)

        self.problem = MessageLine(urgent=True)
        self.problem.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("迁移(&S)"))
        submit_on_ctrl_enter(self, ok)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.existing)
        layout.addWidget(self.new)
        layout.addWidget(self.existing_part)
        layout.addWidget(self.new_part)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.find_households)
        self.query.textChanged.connect(lambda _t: self._timer.start())
        self.mode.buttonToggled.connect(lambda _b, _on: self._show_mode())
        self._show_mode()
        fit_dialog(self, 30)

    # -- the two ways ----------------------------------------------------------------------

    def _fill_tree(self) -> None:
        with self.db.session() as s:
            rows = queries.villages(s.connection())
            towns = dict(
                s.execute(
                    select(Area.code, Area.name).where(
                        Area.level == "town", Area.code.startswith(self.district)
                    )
                ).all()
            )
        by_town: dict[str, QTreeWidgetItem] = {}
        for village in rows:
            if not village.code.startswith(self.district) or not self.district:
                continue
            town_code = village.code[:9] + "000"
            parent = by_town.get(town_code)
            if parent is None:
                parent = QTreeWidgetItem([towns.get(town_code, village.town or town_code)])
                parent.setFlags(parent.flags() & ~Qt.ItemFlag.ItemIsSelectable)
                self.tree.addTopLevelItem(parent)
                by_town[town_code] = parent
            item = QTreeWidgetItem([village.name])
            item.setData(0, Qt.ItemDataRole.UserRole, village.code)
            parent.addChild(item)

    def _show_mode(self) -> None:
        """Only the chosen way's fields are shown (and reached by Tab)."""
        existing = self.existing.isChecked()
        self.existing_part.setVisible(existing)
        self.new_part.setVisible(not existing)
        self.problem.hide()

    def find_households(self) -> None:
        """List the households of the user's area that match the query."""
        self.results.clear()
        text = self.query.text().strip()
        if not text:
            return
        with self.db.session() as s:
            ids = [hit.household_id for hit in search(s.connection(), text)]
            found = s.scalars(select(Household).where(Household.id.in_(ids))).all() if ids else []
            names = dict(s.execute(select(Area.code, Area.name)).all())
        order = {hid: i for i, hid in enumerate(ids)}
        shown = 0
        for household in sorted(found, key=lambda h: order[h.id]):
            if household.id == self.person.household_id or household.deleted:
                continue
            if self.scope and not household.area_code.startswith(tuple(self.scope)):
                continue
            text = self.tr("户主 %s · %s · %s") % (
                household.head_name or self.tr("（未填）"),
                household.address or self.tr("（未填）"),
                names.get(household.area_code, household.area_code),
            )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, household.id)
            self.results.addItem(item)
            shown += 1
            if shown >= SHOWN:
                break
        if self.results.count():
            self.results.setCurrentRow(0)

    # -- saving ----------------------------------------------------------------------------

    def _refuse(self, message: str, focus: QWidget) -> None:
        self.problem.show()
        self.problem.show_message(message)
        focus.setFocus()

    def accept(self) -> None:
        """Move the person; a refusal stays in the dialog with everything chosen kept."""
        try:
            if self.existing.isChecked():
                item = self.results.currentItem()
                if item is None:
                    self._refuse(self.tr("请先搜索并选择迁入的户"), self.query)
                    return
                household_id = str(item.data(Qt.ItemDataRole.UserRole))
                relation = str(self.relation.currentData() or "")
                self.changed = self.registry.move_person(
                    self.person.id, household_id, relation=relation
                )
            else:
                chosen = self.tree.currentItem()
                code = chosen.data(0, Qt.ItemDataRole.UserRole) if chosen else None
                if not code:
                    self._refuse(self.tr("请在区划树中选择迁入的村/社区"), self.tree)
                    return
                if not self.address.text().strip():
                    self._refuse(self.tr("新户的现居住地址不能为空"), self.address)
                    return
                phone = self.phone.text().strip()
                if phone and check_phone(phone):
                    self._refuse(check_phone(phone)[0].message, self.phone)
                    return
                fields = {"address": self.address.text().strip(), "phone": phone}
                _hid, self.changed = self.registry.move_person_to_new_household(
                    self.person.id, str(code), fields
                )
        except ValidationFailed as exc:
            self._refuse(self.tr("没有迁移：%s") % str(exc), self.buttons)
            return
        super().accept()
