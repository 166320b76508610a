"""The lists of 今日: what each holds, how it reads from the store, and its table model.

`load_today` reads every list in one go off the UI thread (plain Python over
app/store and the boards' own readers, so that a count here is the same list the
review queue and the cases board show); `WorkListModel` holds the rows' ids and
cells, nothing else, and shows a long list a page at a time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from app.domain import renovation, tasks, workflow
from app.services import published
from app.services.task_views import label
from app.store import rounds, today
from app.store.database import Database
from ui.i18n import QT_TRANSLATE_NOOP
from ui.pages import cases, review_queue

Index = QModelIndex | QPersistentModelIndex
#: short names of the forms (translated under TodayPage when shown)
FORM_NAMES = {
    rounds.FORM_A: QT_TRANSLATE_NOOP("TodayPage", "动态更新调查表"),
    rounds.FORM_B: QT_TRANSLATE_NOOP("TodayPage", "家庭收入监测表"),
}
NOT_STARTED = QT_TRANSLATE_NOOP("TodayPage", "未开始")


def _tr(text: str) -> str:
    return QCoreApplication.translate("TodayPage", text)


@dataclass(frozen=True)
class WorkRow:
    """One row of a list: the record it shows, the page that opens it, and its cells."""

    record_id: str
    page: str  # the page Enter opens: household, visit, review, case
    target: str  # the id that page is opened with
    cells: tuple[str, ...]


@dataclass(frozen=True)
class WorkList:
    """One kind of work on 今日: its heading (with the count), columns and what opens."""

    key: str
    heading: str  # "%d" is the count; the mnemonic is added by the page
    mnemonic: str
    what: str  # the description: what the list holds and what Enter does
    headers: tuple[str, ...]
    roles: frozenset[str] | None = None  # None: every role


REVIEWERS = frozenset({workflow.REVIEWER, workflow.ADMIN})
#: the lists in the order of the page (texts translated under TodayPage when shown)
LISTS: tuple[WorkList, ...] = (
    WorkList(
        "review",
        QT_TRANSLATE_NOOP("TodayPage", "待审核（%d 份）"),
        "S",
        QT_TRANSLATE_NOOP("TodayPage", "已提交、等待审核的表，先交的在前；回车或双击打开审核"),
        (QT_TRANSLATE_NOOP("TodayPage", "村/社区"), QT_TRANSLATE_NOOP("TodayPage", "残疾人或户主"),
         QT_TRANSLATE_NOOP("TodayPage", "表"), QT_TRANSLATE_NOOP("TodayPage", "年度"),
         QT_TRANSLATE_NOOP("TodayPage", "提交时间"), QT_TRANSLATE_NOOP("TodayPage", "填表人")),
        REVIEWERS,
    ),
    WorkList(
        "visits",
        QT_TRANSLATE_NOOP("TodayPage", "今天和未来七天计划的走访（%d 次）"),
        "T",
        QT_TRANSLATE_NOOP("TodayPage", "按日期排列；回车或双击打开这一户"),
        (QT_TRANSLATE_NOOP("TodayPage", "日期"), QT_TRANSLATE_NOOP("TodayPage", "村/社区"),
         QT_TRANSLATE_NOOP("TodayPage", "户主"), QT_TRANSLATE_NOOP("TodayPage", "地址"),
         QT_TRANSLATE_NOOP("TodayPage", "备注")),
    ),
    WorkList(
        "due",
        QT_TRANSLATE_NOOP("TodayPage", "待走访的人（%d 人）"),
        "W",
        QT_TRANSLATE_NOOP(
            "TodayPage",
            "本年度动态更新调查还没有完成的人，按村和门牌号由近到远排列；回车或双击打开这一户",
        ),
        (QT_TRANSLATE_NOOP("TodayPage", "村/社区"), QT_TRANSLATE_NOOP("TodayPage", "地址"),
         QT_TRANSLATE_NOOP("TodayPage", "残疾人"), QT_TRANSLATE_NOOP("TodayPage", "户主"),
         QT_TRANSLATE_NOOP("TodayPage", "状态")),
    ),
    WorkList(
        "income",
        QT_TRANSLATE_NOOP("TodayPage", "本期收入监测待走访的户（%d 户）"),
        "M",
        QT_TRANSLATE_NOOP(
            "TodayPage",
            "本期收入监测样本户中家庭收入监测表还没有完成的户，按村和门牌号由近到远排列；"
            "回车或双击打开这一户",
        ),
        (QT_TRANSLATE_NOOP("TodayPage", "村/社区"), QT_TRANSLATE_NOOP("TodayPage", "地址"),
         QT_TRANSLATE_NOOP("TodayPage", "户主"), QT_TRANSLATE_NOOP("TodayPage", "期次"),
         QT_TRANSLATE_NOOP("TodayPage", "状态")),
    ),
    WorkList(
        "returned",
        QT_TRANSLATE_NOOP("TodayPage", "被退回、需要修改的表（%d 份）"),
        "U",
        QT_TRANSLATE_NOOP("TodayPage", "审核员退回的表和退回原因；回车或双击打开这一户"),
        (QT_TRANSLATE_NOOP("TodayPage", "村/社区"), QT_TRANSLATE_NOOP("TodayPage", "地址"),
         QT_TRANSLATE_NOOP("TodayPage", "残疾人或户主"), QT_TRANSLATE_NOOP("TodayPage", "表"),
         QT_TRANSLATE_NOOP("TodayPage", "退回原因")),
    ),
    WorkList(
        "drafts",
        QT_TRANSLATE_NOOP("TodayPage", "草稿（%d 份）"),
        "D",
        QT_TRANSLATE_NOOP("TodayPage", "填了一部分、还没有完成的表；回车或双击打开这一户"),
        (QT_TRANSLATE_NOOP("TodayPage", "村/社区"), QT_TRANSLATE_NOOP("TodayPage", "地址"),
         QT_TRANSLATE_NOOP("TodayPage", "残疾人或户主"), QT_TRANSLATE_NOOP("TodayPage", "表"),
         QT_TRANSLATE_NOOP("TodayPage", "年度")),
    ),
    WorkList(
        "notices",
        QT_TRANSLATE_NOOP("TodayPage", "本月到期的变动核对（%d 条）"),
        "K",
        QT_TRANSLATE_NOOP(
            "TodayPage",
            "有关部门通报或自己发现的变动，本月底前核实，逾期的在前；回车或双击打开核对任务",
        ),
        (QT_TRANSLATE_NOOP("TodayPage", "到期日"), QT_TRANSLATE_NOOP("TodayPage", "村/社区"),
         QT_TRANSLATE_NOOP("TodayPage", "地址"), QT_TRANSLATE_NOOP("TodayPage", "残疾人"),
         QT_TRANSLATE_NOOP("TodayPage", "变动"), QT_TRANSLATE_NOOP("TodayPage", "来源"),
         QT_TRANSLATE_NOOP("TodayPage", "状态")),
    ),
    WorkList(
        "cases",
        QT_TRANSLATE_NOOP("TodayPage", "进行中的无障碍改造个案（%d 个）"),
        "A",
        QT_TRANSLATE_NOOP(
            "TodayPage", "还没有回访或撤销的个案，最近有变动的在前；回车或双击打开个案"
        ),
        (QT_TRANSLATE_NOOP("TodayPage", "状态"), QT_TRANSLATE_NOOP("TodayPage", "村/社区"),
         QT_TRANSLATE_NOOP("TodayPage", "户主"), QT_TRANSLATE_NOOP("TodayPage", "残疾人"),
         QT_TRANSLATE_NOOP("TodayPage", "最近变动")),
    ),
)  # fmt: skip


@dataclass
class TodayData:
    """Everything 今日 shows, read in one go: each list's rows, the progress, the sync."""

    lists: dict[str, list[WorkRow]] = field(default_factory=dict)
    progress: list[rounds.Progress] = field(default_factory=list)
    sync: today.SyncStatus | None = None
    overdue: int = 0  # of the tasks due ("notices"), those past their due date
    #: what the district published that this program cannot use (too old), a sentence each
    unusable: list[str] = field(default_factory=list)


def _due(due: date | None, overdue: bool) -> str:
    text = due.isoformat() if due else ""
    return _tr("%s（逾期）") % text if overdue else text


def _form(form_id: str) -> str:
    return _tr(FORM_NAMES[form_id]) if form_id in FORM_NAMES else form_id


def _state(state: str | None) -> str:
    if state is None or state == workflow.ASSIGNED:
        return _tr(NOT_STARTED)
    return workflow.STATE_LABELS.get(state, state)


def load_today(db: Database, prefixes: Sequence[str], year: int, role: str, day: date) -> TodayData:
    """Read every list of the user's areas (off the UI thread)."""
    # a member opens the visit (the forms to fill); the others look at the household
    fill = "visit" if role == workflow.MEMBER else "household"
    data = TodayData(unusable=published.unusable_now(db))
    with db.session() as s:
        conn = s.connection()
        data.lists["visits"] = [
            WorkRow(v.visit_id, fill, v.household_id,
                    (v.day.isoformat(), v.village, v.head_name, v.address, v.note))
            for v in today.planned_visits(conn, prefixes, day)
        ]  # fmt: skip
        data.lists["due"] = [
            WorkRow(p.person_id, fill, p.household_id,
                    (p.village, p.address, p.name, p.head_name, _state(p.state)))
            for p in today.to_survey(conn, year, prefixes)
        ]  # fmt: skip
        data.lists["income"] = [
            WorkRow(h.household_id, fill, h.household_id,
                    (h.village, h.address, h.head_name, h.survey_round, _state(h.state)))
            for h in today.income_to_survey(conn, rounds.form_b_round(year, day), prefixes)
        ]  # fmt: skip
        data.lists["returned"] = [
            WorkRow(f.response_id, fill, f.household_id,
                    (f.village, f.address, f.name, _form(f.form_id), f.reason))
            for f in today.returned_forms(conn, prefixes)
        ]  # fmt: skip
        data.lists["drafts"] = [
            WorkRow(f.response_id, fill, f.household_id,
                    (f.village, f.address, f.name, _form(f.form_id), f.survey_round))
            for f in today.drafts(conn, prefixes)
        ]  # fmt: skip
        notices = today.open_notices(conn, prefixes, day)
        data.lists["notices"] = [
            WorkRow(n.notice_id, "tasks", n.notice_id,
                    (_due(n.due_date, n.overdue), n.village, n.address, n.name,
                     label("change_kind", n.kind), label("change_source", n.source),
                     tasks.STATE_LABELS.get(n.state, n.state)))
            for n in notices
        ]  # fmt: skip
        data.overdue = sum(1 for n in notices if n.overdue)
        data.progress = today.progress(conn, year, prefixes)
        data.sync = today.sync_status(conn)
    # the review queue and the cases board read their own lists: the same readers here
    if role in REVIEWERS:
        data.lists["review"] = [
            WorkRow(q.response_id, "review", q.response_id,
                    (q.village, q.name, _tr(q.form), q.survey_round, q.submitted_at, q.member))
            for q in review_queue.submitted(db, prefixes)
        ]  # fmt: skip
    data.lists["cases"] = [
        WorkRow(c.case_id, "case", c.case_id,
                (renovation.STATE_LABELS.get(c.state, c.state), c.village, c.head_name,
                 c.person_name, c.changed_at))
        for c in cases.open_cases(cases.board_rows(db, prefixes))
    ]  # fmt: skip
    return data


class WorkListModel(QAbstractTableModel):
    """One list of 今日: the ids and cells of its rows, shown a page at a time."""

    PAGE = 200

    def __init__(self, headers: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._rows: list[WorkRow] = []
        self._shown = 0

    def set_rows(self, rows: Sequence[WorkRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._shown = min(len(self._rows), self.PAGE)
        self.endResetModel()

    def total(self) -> int:
        """Every row of the list (some may not be shown yet)."""
        return len(self._rows)

    def row(self, row: int) -> WorkRow | None:
        return self._rows[row] if 0 <= row < self._shown else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._shown < len(self._rows)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        more = min(len(self._rows), self._shown + self.PAGE)
        self.beginInsertRows(QModelIndex(), self._shown, more - 1)
        self._shown = more
        self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row(index.row()) if index.isValid() else None
        if row is None or not 0 <= index.column() < len(self._headers):
            return None
        text = row.cells[index.column()] if index.column() < len(row.cells) else ""
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return text
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.tr("%s：%s") % (self._headers[index.column()], text)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._headers):
            return self._headers[section]
        if orientation == Qt.Orientation.Vertical and 0 <= section < self._shown:
            return section + 1
        return None


def visible_lists(role: str) -> list[WorkList]:
    return [w for w in LISTS if w.roles is None or role in w.roles]
