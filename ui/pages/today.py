"""Today: the work that awaits the user, each kind as a list that opens with Enter.

Planned visits, the persons still to survey (nearest first), returned forms, drafts,
change notices, open renovation cases and, for reviewers, the review queue; then the
season's progress and the sync state. Every count on the page is the length of the
list it heads (ui/pages/today_lists.py reads them all off the UI thread).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
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
from app.store import rounds
from ui.i18n import QT_TRANSLATE_NOOP
from ui.pages.base import Page
from ui.pages.commands import chain_tab_order
from ui.pages.today_lists import TodayData, WorkList, WorkListModel, load_today, visible_lists
from ui.rows_model import RowsModel, rows_view
from ui.session import AppSession

PROGRESS_HEADERS = (
    QT_TRANSLATE_NOOP("TodayPage", "村/社区"),
    QT_TRANSLATE_NOOP("TodayPage", "应调查"),
    QT_TRANSLATE_NOOP("TodayPage", "已完成"),
    QT_TRANSLATE_NOOP("TodayPage", "未完成"),
    QT_TRANSLATE_NOOP("TodayPage", "失访"),
    QT_TRANSLATE_NOOP("TodayPage", "完成率"),
)
#: the most rows a list shows before it scrolls inside itself (the persons due: twice)
MOST_ROWS = 8


class TodayPage(Page):
    """The first page after unlocking: the day's work, and the way into each piece of it."""

    title = QT_TRANSLATE_NOOP("TodayPage", "今日")
    #: the season's progress has been counted and shown
    progress_ready = Signal()
    #: every list has been read and shown
    lists_ready = Signal()

    def __init__(self, session: AppSession) -> None:
        super().__init__(session)
        try:
            self.year = load_settings().survey_year
        except SettingsError:
            self.year = date.today().year
        self._generation = 0
        self._overdue = 0  # of the tasks due this month, those past their due date
        self._focus_wanted = False
        #: the list that has (or gets) the focus: reviewers start with their queue
        self._focused = "review" if session.role in ("reviewer", "admin") else "due"
        self.greeting = QLabel()
        self.greeting.setWordWrap(True)
        self.waiting_label = QLabel()
        self.waiting_label.setWordWrap(True)
        self.sync_label = QLabel()
        self.sync_label.setWordWrap(True)
        # what the district published that this program is too old for: one clear line,
        # reached by Tab and read by a screen reader (hidden when there is nothing to say)
        self.too_old = QLabel()
        self.too_old.setWordWrap(True)
        self.too_old.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.too_old.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # after: the flags set it too
        self.too_old.setFrameShape(QFrame.Shape.Box)
        self.too_old.setMargin(4)
        self.too_old.hide()

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
        self.buttons = [households, review, cases]
        buttons = QHBoxLayout()
        for button in self.buttons:
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.body = body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.greeting)
        layout.addWidget(self.too_old)
        layout.addWidget(QLabel(self.tr("在下面的列表里选中一行，按回车或双击打开。")))
        layout.addLayout(buttons)
        for title, widget in (
            (QT_TRANSLATE_NOOP("TodayPage", "待办"), self.waiting_label),
            (QT_TRANSLATE_NOOP("TodayPage", "同步"), self.sync_label),
        ):
            box = QGroupBox(self.tr(title))
            inner = QVBoxLayout(box)
            inner.addWidget(widget)
            layout.addWidget(box)

        self.lists = visible_lists(session.role)
        self.models: dict[str, WorkListModel] = {}
        self.views: dict[str, QTableView] = {}
        self.headings: dict[str, QLabel] = {}
        for work in self.lists:
            model = WorkListModel([self.tr(h) for h in work.headers], self)
            view = rows_view("", model)  # named by its heading and count (_show_count)
            view.setAccessibleDescription(self.tr(work.what))
            view.activated.connect(lambda index, key=work.key: self.open_row(key, index))
            heading = QLabel()
            heading.setBuddy(view)
            self.models[work.key], self.views[work.key] = model, view
            self.headings[work.key] = heading
            layout.addWidget(heading)
            layout.addWidget(view)
            self._show_count(work, 0)
        self.progress = RowsModel([self.tr(h) for h in PROGRESS_HEADERS])
        self.progress_view = rows_view(self.tr("本年度动态更新调查进度"), self.progress,
                                       min_height=140)  # fmt: skip
        progress_label = QLabel(self.tr("本年度调查进度(&Y)"))
        progress_label.setBuddy(self.progress_view)
        layout.addWidget(progress_label)
        layout.addWidget(self.progress_view)
        layout.addStretch(1)
        chain_tab_order([self.too_old, *self.buttons, *(self.views[w.key] for w in self.lists),
                         self.progress_view])  # fmt: skip

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    # -- the lists -------------------------------------------------------------------------

    @property
    def visits(self) -> WorkListModel:
        """The planned visits (today and the next seven days)."""
        return self.models["visits"]

    def count(self, key: str) -> int:
        """How many the page says there are of `key` (its heading's number)."""
        return self.models[key].total()

    def heading_text(self, work: WorkList, count: int) -> str:
        """A list's heading: its count (and of the tasks due, how many are overdue)."""
        text = self.tr(work.heading) % count
        if work.key == "notices" and self._overdue:
            text += self.tr("，其中逾期 %d 条") % self._overdue
        return text

    def _show_count(self, work: WorkList, count: int) -> None:
        text = self.heading_text(work, count)
        heading = self.headings[work.key]
        heading.setText(f"{text}(&{work.mnemonic})")
        view = self.views[work.key]
        view.setAccessibleName(text)
        view.setVisible(count > 0)  # nothing to open: the heading says none, Tab skips it
        rows = max(1, min(count, MOST_ROWS * (2 if work.key == "due" else 1)))
        height = (
            view.horizontalHeader().sizeHint().height()
            + rows * view.verticalHeader().defaultSectionSize()
            + 2 * view.frameWidth()
            + view.horizontalScrollBar().sizeHint().height()
        )
        view.setFixedHeight(height)

    def open_row(self, key: str, index: QModelIndex) -> None:
        """Open what the row is about: the visit or the household, the review, the case."""
        row = self.models[key].row(index.row())
        if row is not None:
            self.navigate.emit(row.page, row.target)

    def activate(self, record_id: str = "") -> None:
        """Show the page with the focus on the list the day starts with (the one of the last
        reading, moved once the lists are read only if that one has emptied)."""
        self._focus_wanted = True
        self._focus_list(self._focused)
        self.reload()

    def reload(self) -> None:
        """Read every list again, off the UI thread; the newest reading wins."""
        self._generation += 1
        generation = self._generation
        db, prefixes = self.session.db, self.session.scope_prefixes
        year, role, day = self.year, self.session.role, date.today()
        self.greeting.setText(
            self.tr("%s，您好。今天是 %s。") % (self.session.display_name, day.isoformat())
        )
        self.progress_view.setAccessibleDescription(self.tr("正在统计…"))
        self.session.run(
            lambda _report: load_today(db, prefixes, year, role, day),
            lambda data: self._loaded(generation, data),
            lambda _exc: None,
            owner=self,
        )

    def _loaded(self, generation: int, data: TodayData) -> None:
        if generation != self._generation:
            return  # a newer reading is on its way
        self._show(data)

    def _show(self, data: TodayData) -> None:
        self._overdue = data.overdue
        self._show_too_old(data.unusable)
        for work in self.lists:
            self.models[work.key].set_rows(data.lists.get(work.key, []))
            self._show_count(work, self.count(work.key))
        self.waiting_label.setText(
            self.tr("；").join(self.heading_text(w, self.count(w.key)) for w in self.lists)
        )
        if data.sync is not None:
            status = data.sync
            last = status.last_sync or self.tr("从未同步")
            self.sync_label.setText(
                self.tr("上次同步：%s；待发送的修改：%d 条") % (last, status.pending)
                + (
                    self.tr("；被服务器拒绝、需要处理：%d 条") % status.refused
                    if status.refused
                    else ""
                )
            )
        self._show_progress(data.progress)
        lead = self._lead()
        moved_on = not self.isVisible()  # the user went to another page meanwhile
        if not moved_on and (
            self._focus_wanted or (lead != self._focused and self.views[self._focused].hasFocus())
        ):
            self._focus_list(lead)
        self._focus_wanted = False
        self.lists_ready.emit()

    def _show_too_old(self, unusable: list[str]) -> None:
        """Say what the district published that this program cannot use, and that it keeps
        working with what it has (the sentences are the loader's, as on the sync page)."""
        self.too_old.setVisible(bool(unusable))
        if not unusable:
            self.too_old.clear()
            return
        text = self.tr("⚠ 程序需要更新：%s") % " ".join(unusable)
        self.too_old.setText(text)
        self.too_old.setAccessibleName(self.tr("程序需要更新"))
        self.too_old.setAccessibleDescription(" ".join(unusable))

    def _lead(self) -> str:
        """The list the day starts with: the first one with work in it."""
        return next((w.key for w in self.lists if self.count(w.key)), self._focused)

    def _focus_list(self, key: str) -> None:
        """Focus a list on its current row (the first at first): Enter opens it."""
        self._focused = key
        view = self.views[key]
        if not view.currentIndex().isValid() and self.models[key].rowCount():
            view.selectRow(0)
        # (called while the page is still hidden, as the main window switches to it: the
        # focus then moves once, into the page, as it shows)
        # no list with work yet (or none at all): the first button, so that the focus stays on
        # the page (left to itself it falls to the page list, which would open another page)
        target: QWidget = view if self.models[key].rowCount() else self.buttons[0]
        target.setFocus(Qt.FocusReason.OtherFocusReason)

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
