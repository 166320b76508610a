"""The household list: a lazy table model over the store (ids and cached rows, no rules)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from sqlalchemy import Connection

from app.store import queries
from app.store.database import Database
from app.store.queries import HouseholdRow, PageKey
from app.store.search import search
from ui.i18n import QT_TRANSLATE_NOOP

Index = QModelIndex | QPersistentModelIndex

SEARCH_LIMIT = 500


class HouseholdListModel(QAbstractTableModel):
    """Households in list order, fetched a page at a time; or the hits of a search."""

    PAGE = 200
    SEARCH_PAGE = 50
    #: (attribute, header): the headers are translated when shown
    COLUMNS: tuple[tuple[str, str], ...] = (
        ("village", QT_TRANSLATE_NOOP("HouseholdListModel", "村/社区")),
        ("head_name", QT_TRANSLATE_NOOP("HouseholdListModel", "户主")),
        ("members", QT_TRANSLATE_NOOP("HouseholdListModel", "残疾人")),
        ("address", QT_TRANSLATE_NOOP("HouseholdListModel", "现居住地址")),
        ("phone", QT_TRANSLATE_NOOP("HouseholdListModel", "联系电话")),
        ("hardship", QT_TRANSLATE_NOOP("HouseholdListModel", "困难类型")),
    )

    totalChanged = Signal(int)

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._rows: list[HouseholdRow] = []
        self._hit_ids: list[str] = []
        self._resetting = False
        self._total = 0
        self._area_prefix: str | None = None
        self._query = ""
        self._reload()

    # -- what is shown -------------------------------------------------------------

    @property
    def query(self) -> str:
        return self._query

    def total(self) -> int:
        return self._total

    def set_area(self, prefix: str | None) -> None:
        if prefix != self._area_prefix:
            self._area_prefix = prefix or None
            self._reload()

    def set_query(self, query: str) -> None:
        query = query.strip()
        if query != self._query:
            self._query = query
            self._reload()

    def household_id(self, row: int) -> str:
        return self._rows[row].id

    def row_of(self, household_id: str) -> int | None:
        for i, r in enumerate(self._rows):
            if r.id == household_id:
                return i
        return None

    def refresh(self, household_ids: set[str] | frozenset[str]) -> None:
        """Re-read the rows of these households (after a use case changed them)."""
        positions = {r.id: i for i, r in enumerate(self._rows) if r.id in household_ids}
        if not positions:
            return
        with self._db.session() as s:
            fresh = queries.households_by_id(s.connection(), list(positions))
        for hid, i in positions.items():
            if hid in fresh:
                self._rows[i] = fresh[hid]
                self.dataChanged.emit(self.index(i, 0), self.index(i, self.columnCount() - 1))

    def _reload(self) -> None:
        # views may ask for more rows while the reset is announced: not yet
        self._resetting = True
        self.beginResetModel()
        self._rows = []
        with self._db.session() as s:
            conn = s.connection()
            if self._query:
                hits = search(conn, self._query, limit=SEARCH_LIMIT)
                self._hit_ids = [h.household_id for h in hits]
                if self._area_prefix:
                    # the filter needs every hit's area: read them all (at most 500)
                    rows = self._rows_of(conn, self._hit_ids)
                    rows = [r for r in rows if r.area_code.startswith(self._area_prefix)]
                    self._hit_ids = [r.id for r in rows]
                    self._rows = rows
                else:
                    self._rows = self._rows_of(conn, self._hit_ids[: self.SEARCH_PAGE])
                self._total = len(self._hit_ids)
            else:
                self._total = queries.household_count(conn, self._area_prefix)
                self._rows = queries.household_page(conn, None, self.PAGE, self._area_prefix)
        self.endResetModel()
        self._resetting = False
        self.totalChanged.emit(self._total)

    # -- Qt model ------------------------------------------------------------------

    @staticmethod
    def _rows_of(conn: Connection, ids: list[str]) -> list[HouseholdRow]:
        by_id = queries.households_by_id(conn, ids)
        return [by_id[i] for i in ids if i in by_id]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return getattr(row, self.COLUMNS[index.column()][0])
        if role == Qt.ItemDataRole.AccessibleTextRole:
            key, label = self.COLUMNS[index.column()]
            return self.tr("%s：%s") % (self.tr(label), getattr(row, key))
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.COLUMNS):
            return self.tr(self.COLUMNS[section][1])
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._resetting and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent) or not self._rows:
            return
        last = self._rows[-1]
        with self._db.session() as s:
            if self._query:
                wanted = self._hit_ids[len(self._rows) : len(self._rows) + self.SEARCH_PAGE]
                more = self._rows_of(s.connection(), wanted)
            else:
                more = queries.household_page(
                    s.connection(),
                    PageKey(last.area_code, last.address, last.id),
                    self.PAGE,
                    self._area_prefix,
                )
        if not more:
            self._total = len(self._rows)  # the data shrank under us
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()
