"""The households page: the list of households in scope, search as you type, filters."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from app.services.changed import Changed
from app.store import queries
from ui.household_model import HouseholdListModel
from ui.i18n import QT_TRANSLATE_NOOP
from ui.pages.base import Page
from ui.pages.registry_dialogs import add_household_dialog
from ui.rows_model import fit_columns
from ui.session import AppSession

SEARCH_DELAY_MS = 150
#: column widths in characters: village, head, members, address, phone, hardship
COLUMN_CHARS = (8, 4, 9, 14, 7, 10)


class HouseholdsPage(Page):
    """Households of the user's areas: filter by village, search as you type, open one."""

    title = QT_TRANSLATE_NOOP("HouseholdsPage", "户和人员")

    def __init__(self, session: AppSession) -> None:
        super().__init__(session)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(
            self.tr("姓名、拼音首字母、身份证号、残疾人证号、地址或电话")
        )
        self.search_edit.setAccessibleName(self.tr("搜索户和残疾人"))
        self.search_edit.setAccessibleDescription(
            self.tr("输入时即搜索；按回车打开所选的户，未选时打开第一户；按下箭头进入列表")
        )
        self.search_edit.setClearButtonEnabled(True)
        search_label = QLabel(self.tr("搜索(&S)："))
        search_label.setBuddy(self.search_edit)

        self.village_combo = QComboBox()
        self.village_combo.setAccessibleName(self.tr("按村/社区筛选"))
        self.village_combo.addItem(self.tr("全部村/社区"), None)
        prefixes = session.scope_prefixes
        with session.db.session() as s:
            for v in queries.villages(s.connection()):
                if not prefixes or any(v.code.startswith(p) for p in prefixes):
                    self.village_combo.addItem(f"{v.town} {v.name}", v.code)
        village_label = QLabel(self.tr("村/社区(&C)："))
        village_label.setBuddy(self.village_combo)

        self.model = HouseholdListModel(session.db, self)
        # a member's or reviewer's list shows their own area (the district's: everything)
        self.scope = prefixes[0] if len(prefixes) == 1 else None
        self.model.set_area(self.scope)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("户列表"))
        self.table.setAccessibleDescription(self.tr("按回车或双击打开所选的户"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        fit_columns(self.table, COLUMN_CHARS)
        self.table.activated.connect(self._open_index)

        self.open_button = QPushButton(self.tr("打开户(&O)"))
        self.open_button.setAccessibleDescription(self.tr("打开所选的户"))
        self.open_button.clicked.connect(self.open_selected)
        self.visit_button = QPushButton(self.tr("开始走访(&W)"))
        self.visit_button.setAccessibleDescription(self.tr("为所选的户开始走访"))
        self.visit_button.clicked.connect(self.visit_selected)
        self.add_button = QPushButton(self.tr("新增户(&N)…"))
        self.add_button.setAccessibleDescription(self.tr("在本辖区的村/社区登记一户"))
        self.add_button.clicked.connect(self.add_household)
        self.count_label = QLabel()

        top = QHBoxLayout()
        top.addWidget(search_label)
        top.addWidget(self.search_edit, 3)
        top.addWidget(village_label)
        top.addWidget(self.village_combo, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.open_button)
        bottom.addWidget(self.visit_button)
        bottom.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)
        layout.addLayout(bottom)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_search)
        self.search_edit.textChanged.connect(lambda _t: self._search_timer.start())
        self.search_edit.returnPressed.connect(self.open_from_search)
        self.search_edit.installEventFilter(self)  # the Down arrow goes into the list
        self.village_combo.currentIndexChanged.connect(self._village_changed)
        self.model.totalChanged.connect(self._show_total)
        self._show_total(self.model.total())
        self.setTabOrder(self.search_edit, self.village_combo)
        self.setTabOrder(self.village_combo, self.table)
        self.setTabOrder(self.table, self.open_button)
        self.setTabOrder(self.open_button, self.visit_button)
        self.setTabOrder(self.visit_button, self.add_button)

    def activate(self, record_id: str = "") -> None:
        fit_columns(self.table, COLUMN_CHARS)  # the text size may have changed
        self.search_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def apply_search(self) -> None:
        self._search_timer.stop()
        self.model.set_query(self.search_edit.text())

    def open_from_search(self) -> None:
        """Enter in the search field: open the household selected in the list, else the
        first one found (searching first if the typing has not been searched yet)."""
        if self._search_timer.isActive() or self.model.query != self.search_edit.text().strip():
            self.apply_search()
        household_id = self.selected_household()
        if household_id is None and self.model.rowCount() > 0:
            household_id = self.model.household_id(0)
        if household_id:
            self.navigate.emit("household", household_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.search_edit
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Down
        ):
            self.to_list()
            return True
        return super().eventFilter(watched, event)

    def to_list(self) -> None:
        """Down in the search field: into the list, on its first row if none is chosen."""
        if self._search_timer.isActive():
            self.apply_search()
        if self.model.rowCount() > 0 and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _village_changed(self, _index: int) -> None:
        code = self.village_combo.currentData()
        self.model.set_area(code if code else self.scope)

    def _show_total(self, total: int) -> None:
        if self.model.query:
            self.count_label.setText(self.tr("找到 %n 户", "", total))
        else:
            self.count_label.setText(self.tr("共 %n 户", "", total))

    def selected_household(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            return self.model.household_id(rows[0].row())
        index = self.table.currentIndex()
        return self.model.household_id(index.row()) if index.isValid() else None

    def _open_index(self, index: QModelIndex) -> None:
        self.navigate.emit("household", self.model.household_id(index.row()))

    def open_selected(self) -> None:
        household_id = self.selected_household()
        if household_id:
            self.navigate.emit("household", household_id)

    def visit_selected(self) -> None:
        household_id = self.selected_household()
        if household_id:
            self.navigate.emit("visit", household_id)

    def on_changed(self, changed: Changed) -> None:
        if changed.households:
            self.model.refresh(changed.households)

    def add_household(self) -> None:
        """新增户: in a village of the user's, chosen as on the village filter; then open it."""
        villages = [
            (str(self.village_combo.itemData(i)), self.village_combo.itemText(i))
            for i in range(1, self.village_combo.count())
        ]
        current = self.village_combo.currentData()
        dialog = add_household_dialog(
            self.session.registry, villages, self, area_code=str(current or "")
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._added(dialog.result_value))
        # modal as exec() makes it, without the nested event loop
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.show()

    def _added(self, result: object) -> None:
        if isinstance(result, tuple):
            household_id, changed = result
            self.session.announce(changed)
            self.navigate.emit("household", household_id)
