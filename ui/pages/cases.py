"""The renovation board: the cases of the user's areas by state, filtered by village and year.

`board_rows` reads the cases (plain Python); the two models hold the rows and the
counts, nothing else; the page filters them and opens a case (Enter, double click
or the button) on the case page.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QPushButton,
    QTableView,
    QVBoxLayout,
)
from sqlalchemy import or_, select

from app.domain import renovation as rules
from app.services.changed import Changed
from app.store.database import Database
from app.store.registry import Area, Household, Person
from app.store.work import RenovationCase
from ui.announce import MessageLine
from ui.i18n import QT_TRANSLATE_NOOP
from ui.pages.base import Page
from ui.pages.commands import chain_tab_order
from ui.rows_model import fit_columns
from ui.session import AppSession

Index = QModelIndex | QPersistentModelIndex
STATES = tuple(rules.STATE_LABELS)  # the life cycle's order
OPEN = "open"  # the states' list: every case still open (neither followed up nor withdrawn)
#: the board's columns (translated by CasesModel.tr)
HEADERS = (
    QT_TRANSLATE_NOOP("CasesModel", "状态"),
    QT_TRANSLATE_NOOP("CasesModel", "年度"),
    QT_TRANSLATE_NOOP("CasesModel", "村/社区"),
    QT_TRANSLATE_NOOP("CasesModel", "户主"),
    QT_TRANSLATE_NOOP("CasesModel", "残疾人"),
    QT_TRANSLATE_NOOP("CasesModel", "预算（元）"),
    QT_TRANSLATE_NOOP("CasesModel", "上限（元）"),
    QT_TRANSLATE_NOOP("CasesModel", "最近变动"),
)


@dataclass(frozen=True)
class BoardRow:
    """One case on the board."""

    case_id: str
    state: str
    year: int
    area_code: str
    village: str
    head_name: str
    person_name: str
    total_fen: int
    cap_fen: int
    changed_at: str

    def cells(self) -> list[str]:
        budget = rules.yuan(self.total_fen)
        if self.total_fen > self.cap_fen:
            budget += QCoreApplication.translate("CasesModel", "（超上限）")
        return [rules.STATE_LABELS.get(self.state, self.state), str(self.year), self.village,
                self.head_name, self.person_name, budget, rules.yuan(self.cap_fen),
                self.changed_at]  # fmt: skip


def board_rows(db: Database, prefixes: Sequence[str]) -> list[BoardRow]:
    """The live cases of households in the areas (code prefixes), newest change first."""
    if not prefixes:
        return []
    query = (
        select(RenovationCase, Household.head_name, Household.area_code, Area.name, Person.name)
        .join(Household, Household.id == RenovationCase.household_id)
        .outerjoin(Area, Area.code == Household.area_code)
        .outerjoin(Person, Person.id == RenovationCase.person_id)
        .where(RenovationCase.deleted.is_(False))
        .where(or_(*(Household.area_code.like(f"{p}%") for p in prefixes)))
    )
    rows = []
    with db.session() as s:
        for case, head, area, village, person in s.execute(query):
            history = case.state_history or []
            last = history[-1].get("at", "") if history and isinstance(history[-1], dict) else ""
            rows.append(BoardRow(case.id, case.state, case.year, area, village or area, head,
                                 person or "", case.total_fen, case.cap_fen,
                                 str(last).replace("T", " ")[:16]))  # fmt: skip
    rows.sort(key=lambda r: (r.changed_at, r.case_id), reverse=True)
    return rows


def open_cases(rows: Sequence[BoardRow]) -> list[BoardRow]:
    """The cases still open (neither followed up nor withdrawn): what 今日 lists and counts,
    and the board's "进行中"."""
    return [r for r in rows if r.state not in rules.CLOSED_STATES]


class StateCountsModel(QAbstractListModel):
    """ "In progress", "all", then every state of the life cycle, each with its number of
    cases. "In progress" comes first and is chosen at first: the count 今日 shows."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._counts: dict[str, int] = {}

    def set_counts(self, counts: Counter[str]) -> None:
        self._counts = dict(counts)
        self.dataChanged.emit(self.index(0), self.index(len(STATES) + 1))

    def state(self, row: int) -> str:
        """OPEN for "in progress", "" for every state, else the state of the row."""
        return (OPEN, "")[row] if row <= 1 else STATES[row - 2]

    def count(self, state: str) -> int:
        if state == OPEN:
            return sum(n for s, n in self._counts.items() if s not in rules.CLOSED_STATES)
        return sum(self._counts.values()) if not state else self._counts.get(state, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(STATES) + 2

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(STATES) + 2:
            return None
        state = self.state(index.row())
        if state == OPEN:
            label = self.tr("进行中")
        else:
            label = rules.STATE_LABELS[state] if state else self.tr("全部状态")
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr("%s（%d）") % (label, self.count(state))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.tr("%s：%d 个个案") % (label, self.count(state))
        if role == Qt.ItemDataRole.UserRole:
            return state
        return None


class CasesModel(QAbstractTableModel):
    """The cases shown: ids and their cells."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[BoardRow] = []
        self._cells: list[list[str]] = []

    def set_rows(self, rows: Sequence[BoardRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self._cells = [row.cells() for row in self.rows]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        if not 0 <= index.column() < len(HEADERS):
            return None
        text = self._cells[index.row()][index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return text
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.tr("%s：%s") % (self.tr(HEADERS[index.column()]), text)
        if role == Qt.ItemDataRole.UserRole:
            return self.rows[index.row()].case_id
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(HEADERS):
            return self.tr(HEADERS[section])
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self.rows):
            return section + 1
        return None


class CasesPage(Page):
    """The board of renovation cases: counts by state, a filtered list, open a case."""

    title = QT_TRANSLATE_NOOP("CasesPage", "无障碍改造")

    def __init__(self, session: AppSession) -> None:
        super().__init__(session)
        self.all_rows: list[BoardRow] = []
        self.status = MessageLine(self, repeat=False)  # said when a filter changes it
        self.village = QComboBox(self)
        self.village.setAccessibleName(self.tr("按村/社区筛选"))
        self.year = QComboBox(self)
        self.year.setAccessibleName(self.tr("按年度筛选"))
        self.refresh_button = QPushButton(self.tr("刷新(&R)"), self)
        self.refresh_button.clicked.connect(self.reload)
        self.counts = StateCountsModel(self)
        self.states = QListView(self)
        self.states.setModel(self.counts)
        self.states.setAccessibleName(self.tr("按状态筛选：各状态的个案数"))
        self.states.setCurrentIndex(self.counts.index(0))
        self.model = CasesModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("个案"))
        self.table.setAccessibleDescription(self.tr("回车或双击打开个案"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.activated.connect(lambda index: self.open_case(index.row()))
        self.open_button = QPushButton(self.tr("打开个案(&O)"), self)
        self.open_button.setAccessibleDescription(self.tr("打开所选个案"))
        self.open_button.clicked.connect(lambda: self.open_case(self.table.currentIndex().row()))
        self.village.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.year.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.states.selectionModel().currentRowChanged.connect(lambda _c, _p: self.apply_filters())

        filters = QHBoxLayout()
        for text, combo in (
            (QT_TRANSLATE_NOOP("CasesPage", "村/社区(&C)："), self.village),
            (QT_TRANSLATE_NOOP("CasesPage", "年度(&Y)："), self.year),
        ):
            label = QLabel(self.tr(text), self)
            label.setBuddy(combo)
            filters.addWidget(label)
            filters.addWidget(combo)
        filters.addStretch(1)
        filters.addWidget(self.refresh_button)
        board = QHBoxLayout()
        for text, view, stretch in (
            (QT_TRANSLATE_NOOP("CasesPage", "状态(&S)"), self.states, 0),
            (QT_TRANSLATE_NOOP("CasesPage", "个案(&L)"), self.table, 1),
        ):
            column = QVBoxLayout()
            label = QLabel(self.tr(text), self)
            label.setBuddy(view)
            column.addWidget(label)
            column.addWidget(view, 1)
            board.addLayout(column, stretch)
        bottom = QHBoxLayout()
        bottom.addWidget(self.open_button)
        bottom.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addLayout(filters)
        layout.addLayout(board, 1)
        layout.addLayout(bottom)
        chain_tab_order([self.village, self.year, self.refresh_button, self.states,
                         self.table, self.open_button])  # fmt: skip
        self._fit()

    def _fit(self) -> None:
        unit = self.fontMetrics().horizontalAdvance("汉")
        self.states.setFixedWidth(unit * 10)
        fit_columns(self.table, (6, 4, 8, 5, 5, 9, 7, 10))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:  # the text size changed in 设置
            self._fit()
        super().changeEvent(event)

    # -- loading and filtering -----------------------------------------------------------

    def activate(self, record_id: str = "") -> None:
        self.reload()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def reload(self) -> None:
        self.all_rows = board_rows(self.session.db, self.session.scope_prefixes)
        villages = sorted({(r.area_code, r.village) for r in self.all_rows})
        years = sorted({r.year for r in self.all_rows}, reverse=True)
        self._fill(self.village, [("", self.tr("全部村/社区")), *villages])
        self._fill(self.year, [("", self.tr("全部年度")),
                               *((str(y), self.tr("%d年") % y) for y in years)])  # fmt: skip
        self._fit()
        self.apply_filters()

    @staticmethod
    def _fill(combo: QComboBox, options: Sequence[tuple[str, str]]) -> None:
        kept = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for code, label in options:
            combo.addItem(label, code)
        index = combo.findData(kept) if kept is not None else -1
        combo.setCurrentIndex(max(0, index))
        combo.blockSignals(False)

    def apply_filters(self) -> None:
        """Count the cases of the chosen village and year by state; list the chosen state's."""
        village, year = self.village.currentData() or "", self.year.currentData() or ""
        chosen = [r for r in self.all_rows if (not village or r.area_code == village)
                  and (not year or str(r.year) == year)]  # fmt: skip
        self.counts.set_counts(Counter(r.state for r in chosen))
        state = self.counts.state(self.states.currentIndex().row())
        if state == OPEN:
            shown = open_cases(chosen)
        else:
            shown = [r for r in chosen if not state or r.state == state]
        current = self.current_case_id()
        self.model.set_rows(shown)
        row = next((n for n, r in enumerate(shown) if r.case_id == current), 0)
        if shown:
            self.table.selectRow(row)
        self.open_button.setEnabled(bool(shown))
        open_count = len(open_cases(chosen))
        self.status.setText(
            self.tr("共 %d 个个案，其中进行中 %d 个；列表显示 %d 个。")
            % (len(chosen), open_count, len(shown))
        )

    def current_case_id(self) -> str:
        row = self.table.currentIndex().row()
        return self.model.rows[row].case_id if 0 <= row < len(self.model.rows) else ""

    def open_case(self, row: int) -> None:
        if 0 <= row < len(self.model.rows):
            self.navigate.emit("case", self.model.rows[row].case_id)

    def on_changed(self, changed: Changed) -> None:
        if self.isVisible() and (changed.cases or changed.households):
            self.reload()
