"""The list of persons with subsidy warnings in the user's areas (补贴提醒); Enter opens one.

A page of its own rather than a section of 审核: a district's list runs to hundreds of
rows and is worked through by kind of warning (the filter), while 审核 is one response
at a time. Every role sees its own areas: the member their villages, the town reviewer
the town, the admin the district.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout
from sqlalchemy import select

from app.domain.areas import is_area_code
from app.services.changed import Changed
from app.services.subsidies import WarningRow, reviewer_checks
from app.store.database import Database
from app.store.registry import Area
from ui.announce import MessageLine
from ui.i18n import QT_TRANSLATE_NOOP
from ui.pages.base import Page
from ui.pages.commands import add_command
from ui.rows_model import RowsModel, rows_view
from ui.session import AppSession

HEADERS = (
    QT_TRANSLATE_NOOP("SubsidyChecksPage", "村/社区"),
    QT_TRANSLATE_NOOP("SubsidyChecksPage", "姓名"),
    QT_TRANSLATE_NOOP("SubsidyChecksPage", "提醒"),
)
#: the kinds of warning to filter by: (issue codes, words), translated when shown
KINDS: tuple[tuple[tuple[str, ...], str], ...] = (
    ((), QT_TRANSLATE_NOOP("SubsidyChecksPage", "全部提醒")),
    (("subsidy.cancelled_running",), QT_TRANSLATE_NOOP("SubsidyChecksPage", "已注销仍在发放")),
    (
        ("subsidy.care_missing", "subsidy.living_missing"),
        QT_TRANSLATE_NOOP("SubsidyChecksPage", "符合条件未领取"),
    ),
    (
        (
            "subsidy.care_outside_groups",
            "subsidy.care_excluded",
            "subsidy.living_not_qualified",
            "subsidy.living_excluded",
        ),
        QT_TRANSLATE_NOOP("SubsidyChecksPage", "不符合条件仍在领取"),
    ),
    (
        ("subsidy.bank_missing", "subsidy.bank_format", "subsidy.bank_check_digit"),
        QT_TRANSLATE_NOOP("SubsidyChecksPage", "银行账号缺失或有误"),
    ),
)


def load_rows(db: Database, areas: list[str]) -> tuple[list[WarningRow], dict[str, str]]:
    """The persons with warnings in the areas, and the names of their villages (a worker)."""
    with db.session() as s:
        rows = reviewer_checks(s, areas)
        names = {code: name for code, name in s.execute(select(Area.code, Area.name))}
    return rows, names


class SubsidyChecksPage(Page):
    """Persons whose subsidies want a look: paid though cancelled, qualifying but unpaid ..."""

    title = QT_TRANSLATE_NOOP("SubsidyChecksPage", "补贴提醒")

    def __init__(self, session: AppSession) -> None:
        super().__init__(session)
        self.rows: list[WarningRow] = []
        self.names: dict[str, str] = {}
        self.status = MessageLine(self)
        self.kind = QComboBox(self)
        for _codes, words in KINDS:
            self.kind.addItem(self.tr(words))
        self.kind.setAccessibleName(self.tr("提醒类型"))
        self.kind.currentIndexChanged.connect(lambda _i: self._show())
        kind_label = QLabel(self.tr("提醒类型(&K)："), self)
        kind_label.setBuddy(self.kind)
        self.model = RowsModel([self.tr(h) for h in HEADERS])
        self.table = rows_view(self.tr("有补贴提醒的残疾人"), self.model, word_wrap=True)
        self.table.setAccessibleDescription(self.tr("回车或双击打开此人所在的户"))
        self.table.activated.connect(self._open)
        table_label = QLabel(self.tr("有补贴提醒的残疾人(&L)"), self)
        table_label.setBuddy(self.table)
        top = QHBoxLayout()
        top.addWidget(kind_label)
        top.addWidget(self.kind)
        top.addStretch(1)
        refresh = add_command(self, self.tr("刷新(&U)"), [QKeySequence("F5")], self.refresh, top)
        assert refresh is not None
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addLayout(top)
        layout.addWidget(table_label)
        layout.addWidget(self.table, 1)

    def activate(self, record_id: str = "") -> None:
        self.refresh()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def refresh(self) -> None:
        db = self.session.db
        areas = [a for a in self.session.areas if is_area_code(a)]
        self.session.run(lambda _r: load_rows(db, areas), self._loaded, self._failed, owner=self)

    def _loaded(self, found: tuple[list[WarningRow], dict[str, str]]) -> None:
        self.rows, self.names = found
        self._show()

    def _show(self) -> None:
        codes = KINDS[max(0, self.kind.currentIndex())][0]
        shown = [r for r in self.rows if not codes or any(i.code in codes for i in r.issues)]
        self.model.set_rows(
            [
                (
                    r.person_id,
                    [
                        self.names.get(r.area_code, r.area_code),
                        r.name,
                        "；".join(i.message for i in r.issues if not codes or i.code in codes),
                    ],
                )
                for r in shown
            ]
        )
        self.status.show_message(self.tr("有补贴提醒的 %d 人") % len(shown), speak=False)
        if shown:
            self.table.selectRow(0)

    def _open(self, index: QModelIndex) -> None:
        person_id = self.model.record_id(index.row())
        if person_id:
            self.navigate.emit("household", person_id)

    def on_changed(self, changed: Changed) -> None:
        """A step taken elsewhere shows here when the page is refreshed or shown again."""

    def _failed(self, exc: Exception) -> None:
        self.status.show_message(self.tr("出错了：%s") % exc)
