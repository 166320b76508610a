"""The main window of this first version: the household list with search as you type."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.store import queries
from app.store.database import Database
from ui.household_model import HouseholdListModel

SEARCH_DELAY_MS = 150


class MainWindow(QMainWindow):
    """Households of the user's areas: filter by village, search as you type."""

    def __init__(self, db: Database, user: str, *, title_area: str = "") -> None:
        super().__init__()
        self.db = db
        self.user = user
        title = self.tr("入户走访助手")
        self.setWindowTitle(" — ".join(x for x in (title, title_area, user) if x))

        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(
            self.tr("姓名、拼音首字母、身份证号、残疾人证号、地址或电话")
        )
        self.search_edit.setAccessibleName(self.tr("搜索户和残疾人"))
        self.search_edit.setClearButtonEnabled(True)
        search_label = QLabel(self.tr("搜索(&S)："))
        search_label.setBuddy(self.search_edit)

        self.village_combo = QComboBox()
        self.village_combo.setAccessibleName(self.tr("按村/社区筛选"))
        self.village_combo.addItem(self.tr("全部村/社区"), None)
        with db.session() as s:
            for v in queries.villages(s.connection()):
                self.village_combo.addItem(f"{v.town} {v.name}", v.code)
        village_label = QLabel(self.tr("村/社区(&V)："))
        village_label.setBuddy(self.village_combo)

        self.model = HouseholdListModel(db, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("户列表"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((150, 80, 160, 260, 120)):
            self.table.setColumnWidth(column, width)

        self.count_label = QLabel()
        self.count_label.setAccessibleName(self.tr("户数"))
        self.statusBar().addPermanentWidget(self.count_label)

        top = QHBoxLayout()
        top.addWidget(search_label)
        top.addWidget(self.search_edit, 3)
        top.addWidget(village_label)
        top.addWidget(self.village_combo, 1)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(top)
        layout.addWidget(self.table)
        self.setCentralWidget(central)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_search)
        self.search_edit.textChanged.connect(lambda _t: self._search_timer.start())
        self.search_edit.returnPressed.connect(self.apply_search)
        self.village_combo.currentIndexChanged.connect(self._village_changed)
        self.model.totalChanged.connect(self._show_total)
        self._show_total(self.model.total())

        find = QAction(self.tr("查找(&F)"), self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(self.focus_search)
        quit_action = QAction(self.tr("退出(&Q)"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        menu = self.menuBar().addMenu(self.tr("文件(&F)"))
        menu.addAction(find)
        menu.addSeparator()
        menu.addAction(quit_action)

        self.resize(1100, 700)
        self.search_edit.setFocus()

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def apply_search(self) -> None:
        self._search_timer.stop()
        self.model.set_query(self.search_edit.text())

    def _village_changed(self, _index: int) -> None:
        code = self.village_combo.currentData()
        self.model.set_area(code if code else None)

    def _show_total(self, total: int) -> None:
        if self.model.query:
            self.count_label.setText(self.tr("找到 %n 户", "", total))
        else:
            self.count_label.setText(self.tr("共 %n 户", "", total))

    def closeEvent(self, event: object) -> None:
        self.db.close()
        super().closeEvent(event)  # type: ignore[arg-type]
