"""Today: planned visits, the season's progress, what awaits the user, the sync state."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.settings import SettingsError, load_settings
from app.services.changed import Changed
from app.store import rounds, today
from ui.i18n import QT_TRANSLATE_NOOP
from ui.pages.base import Page
from ui.rows_model import RowsModel, rows_view
from ui.session import AppSession

# The headers of the tables, translated by TodayPage.tr when shown.
VISIT_HEADERS = (
    QT_TRANSLATE_NOOP("TodayPage", "日期"),
    QT_TRANSLATE_NOOP("TodayPage", "村/社区"),
    QT_TRANSLATE_NOOP("TodayPage", "户主"),
    QT_TRANSLATE_NOOP("TodayPage", "地址"),
    QT_TRANSLATE_NOOP("TodayPage", "备注"),
)
PROGRESS_HEADERS = (
    QT_TRANSLATE_NOOP("TodayPage", "村/社区"),
    QT_TRANSLATE_NOOP("TodayPage", "应调查"),
    QT_TRANSLATE_NOOP("TodayPage", "已完成"),
    QT_TRANSLATE_NOOP("TodayPage", "未完成"),
    QT_TRANSLATE_NOOP("TodayPage", "失访"),
    QT_TRANSLATE_NOOP("TodayPage", "完成率"),
)
RETURNED_HEADERS = (
    QT_TRANSLATE_NOOP("TodayPage", "残疾人或户主"),
    QT_TRANSLATE_NOOP("TodayPage", "退回原因"),
)


def _table(name: str, model: RowsModel) -> QTableView:
    return rows_view(name, model, min_height=140)


class TodayPage(Page):
    """The first page after unlocking: the day's work at a glance."""

    title = QT_TRANSLATE_NOOP("TodayPage", "今日")
    #: the season's progress has been counted and shown
    progress_ready = Signal()

    def __init__(self, session: AppSession) -> None:
        super().__init__(session)
        try:
            self.year = load_settings().survey_year
        except SettingsError:
            self.year = date.today().year
        self.greeting = QLabel()
        self.visits = RowsModel([self.tr(h) for h in VISIT_HEADERS])
        self.visits_view = _table(self.tr("计划的走访"), self.visits)
        self.visits_view.activated.connect(
            lambda i: self.navigate.emit("household", self._visit_household(i.row()))
        )
        self.progress = RowsModel([self.tr(h) for h in PROGRESS_HEADERS])
        self.progress_view = _table(self.tr("本年度动态更新调查进度"), self.progress)
        self.returned = RowsModel([self.tr(h) for h in RETURNED_HEADERS])
        self.returned_view = _table(self.tr("被退回的调查表"), self.returned)
        self.returned_view.activated.connect(
            lambda i: self.navigate.emit("household", self._returned_household(i.row()))
        )
        self.waiting_label = QLabel()
        self.waiting_label.setWordWrap(True)
        self.sync_label = QLabel()
        self.sync_label.setWordWrap(True)
        self._visit_households: list[str] = []
        self._returned_households: list[str] = []

        review = QPushButton(self.tr("审核队列(&R)"))
        review.setAccessibleDescription(self.tr("打开审核队列"))
        review.clicked.connect(lambda: self.navigate.emit("review", ""))
        review.setVisible(session.role in ("reviewer", "admin"))
        households = QPushButton(self.tr("查找户(&H)"))
        households.setAccessibleDescription(self.tr("打开户列表"))
        households.clicked.connect(lambda: self.navigate.emit("households", ""))
        cases = QPushButton(self.tr("无障碍改造(&G)"))
        cases.setAccessibleDescription(self.tr("打开无障碍改造个案"))
        cases.clicked.connect(lambda: self.navigate.emit("cases", ""))
        buttons = QHBoxLayout()
        for button in (households, review, cases):
            buttons.addWidget(button)
        buttons.addStretch(1)

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.greeting)
        layout.addLayout(buttons)
        for title, widget in (
            (QT_TRANSLATE_NOOP("TodayPage", "待办"), self.waiting_label),
            (QT_TRANSLATE_NOOP("TodayPage", "同步"), self.sync_label),
        ):
            box = QGroupBox(self.tr(title))
            inner = QVBoxLayout(box)
            inner.addWidget(widget)
            layout.addWidget(box)
        for title, view in (
            (QT_TRANSLATE_NOOP("TodayPage", "今天和未来七天计划的走访(&T)"), self.visits_view),
            (QT_TRANSLATE_NOOP("TodayPage", "被退回、需要修改的调查表(&U)"), self.returned_view),
            (QT_TRANSLATE_NOOP("TodayPage", "本年度调查进度(&Y)"), self.progress_view),
        ):
            label = QLabel(self.tr(title))
            label.setBuddy(view)
            layout.addWidget(label)
            layout.addWidget(view)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def _visit_household(self, row: int) -> str:
        return self._visit_households[row]

    def _returned_household(self, row: int) -> str:
        return self._returned_households[row]

    def activate(self, record_id: str = "") -> None:
        self.reload()
        self.visits_view.setFocus(Qt.FocusReason.OtherFocusReason)

    def reload(self) -> None:
        prefixes = self.session.scope_prefixes
        with self.session.db.session() as s:
            conn = s.connection()
            visits = today.planned_visits(conn, prefixes, date.today())
            returned = today.returned_responses(conn, prefixes)
            waiting = today.waiting(conn, prefixes)
            status = today.sync_status(conn)
        self.greeting.setText(
            self.tr("%s，您好。今天是 %s。") % (self.session.display_name, date.today().isoformat())
        )
        self._visit_households = [v.household_id for v in visits]
        self.visits.set_rows(
            [
                (v.visit_id, [v.day.isoformat(), v.village, v.head_name, v.address, v.note])
                for v in visits
            ]
        )
        self._returned_households = [r[1] for r in returned]
        self.returned.set_rows([(r[0], [r[2], r[3]]) for r in returned])
        self._count_progress()
        lines = [
            self.tr("被退回待修改：%d 份") % waiting.returned,
            self.tr("草稿未完成：%d 份") % waiting.drafts,
            self.tr("进行中的无障碍改造个案：%d 个") % waiting.open_cases,
            self.tr("待核对的变动通知：%d 条") % waiting.notices,
        ]
        if self.session.role in ("reviewer", "admin"):
            lines.insert(0, self.tr("待审核：%d 份") % waiting.to_review)
        self.waiting_label.setText(self.tr("；").join(lines))
        last = status.last_sync or self.tr("从未同步")
        self.sync_label.setText(
            self.tr("上次同步：%s；待发送的修改：%d 条") % (last, status.pending)
            + (
                self.tr("；被服务器拒绝、需要处理：%d 条") % status.refused
                if status.refused
                else ""
            )
        )

    def _count_progress(self) -> None:
        """The season's progress: a count over every person, so off the UI thread."""
        prefixes = self.session.scope_prefixes
        scope = prefixes[0] if len(prefixes) == 1 else None
        year = self.year

        def count(_report: object) -> list[rounds.Progress]:
            with self.session.db.session() as s:
                return rounds.progress_by_village(s.connection(), year, area_prefix=scope)

        self.progress_view.setAccessibleDescription(self.tr("正在统计…"))
        self.session.run(count, self._show_progress, lambda _exc: None)

    def _show_progress(self, progress: list[rounds.Progress]) -> None:
        total = rounds.total(progress, name=self.tr("合计"))
        rows = [(p.area_code, p) for p in progress]
        if len(progress) > 1:
            rows.append(("total", total))
        self.progress.set_rows(
            [
                (code, [p.name, p.due, p.done, p.to_do, p.lost, f"{p.share_done:.0%}"])
                for code, p in rows
            ]
        )
        self.progress_view.setAccessibleDescription(
            self.tr("共 %d 人，已完成 %d，失访 %d") % (total.due, total.done, total.lost)
        )
        self.progress_ready.emit()

    def on_changed(self, changed: Changed) -> None:
        if self.isVisible():
            self.reload()
