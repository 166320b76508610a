"""统计: the season's progress and the statistics of the user's areas, as tables with charts.

Reviewers and the admin look at their towns or the district, members at their villages.
The progress by area drills down with Enter, from the district to a town to a village
and there to the persons still due, whose household opens with Enter (a member sees
at once whom to visit next); Backspace or Alt+Left goes back up. Each figure is a
table, the accessible and keyboard form, with its chart beside it. The figures are
read off the UI thread (ui/pages/stats_figures.py), the page usable meanwhile.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QPushButton,
    QStyle,
    QVBoxLayout,
)

from app.domain.settings import SettingsError, load_settings
from app.reports import charts
from app.services.changed import Changed
from ui.announce import MessageLine
from ui.date_edit import DateEdit
from ui.export_dialog import EXPORT_ROLES, ExportDialog
from ui.i18n import QT_TRANSLATE_NOOP
from ui.pages.base import Page
from ui.pages.commands import add_command, chain_tab_order
from ui.pages.stats_figures import (
    ChartView,
    FigureModel,
    StatsData,
    StatsQuery,
    drill_row,
    figure_index,
    load_stats,
)
from ui.pages.stats_list import DUE, FigureList
from ui.pages.stats_scope import full_code, load_scope
from ui.print_commands import PrintCommands
from ui.rows_model import RowsModel, rows_view
from ui.session import AppSession
from ui.theme import mark_heading
from ui.worker import Job

#: the figure that drills down by area (the first figure with drill codes if it is missing)
BY_AREA = "progress.form_a.by_area"
DUE_HEADERS = (
    QT_TRANSLATE_NOOP("StatsPage", "村/社区"),
    QT_TRANSLATE_NOOP("StatsPage", "地址"),
    QT_TRANSLATE_NOOP("StatsPage", "残疾人"),
    QT_TRANSLATE_NOOP("StatsPage", "状态"),
)
QWIDGETSIZE_MAX = (1 << 24) - 1
#: the most rows the table asks room for (more scroll inside it)
MOST_ROWS = 14
#: how long the page waits after a change of date before counting again
SETTLE_MS = 400


class StatsPage(Page):
    """The figures of one area, round and date; drill down by area to the persons due."""

    title = QT_TRANSLATE_NOOP("StatsPage", "统计")
    #: the figures of the chosen area have been read and shown
    loaded = Signal()
    #: reads the figures (off the UI thread): a test may wrap it to hold the reading
    loader = staticmethod(load_stats)

    def __init__(self, session: AppSession) -> None:
        super().__init__(session)
        self.scope = load_scope(session.db, session.areas)
        first = self.scope.first
        self.area = first.code if first is not None else ""
        self.data: StatsData | None = None
        self._cache: dict[StatsQuery, StatsData] = {}
        self._job: Job | None = None
        self._wanted_key = ""  # the figure to show once read
        self._wanted_row = ""  # the area whose row to select once read
        self._focus_table = False  # move the focus into the table once read

        self.area_combo = QComboBox(self)  # the page's first child: the first in reading order
        self.area_combo.setAccessibleName(self.tr("统计范围"))
        self.area_combo.setAccessibleDescription(self.tr("区、镇街或村社区"))
        self.area_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.area_combo.setMinimumContentsLength(8)
        area_label = QLabel(self.tr("范围(&A)："))
        area_label.setBuddy(self.area_combo)
        self.round_combo = QComboBox()
        self.round_combo.setAccessibleName(self.tr("调查年度"))
        for year in self._years():
            self.round_combo.addItem(str(year), str(year))
        round_label = QLabel(self.tr("年度(&Y)："))
        round_label.setBuddy(self.round_combo)
        self.as_of = DateEdit(date.today())
        self.as_of.setAccessibleName(self.tr("统计截至日期"))
        as_of_label = QLabel(self.tr("截至(&D)："))
        as_of_label.setBuddy(self.as_of)
        choose = QHBoxLayout()
        for label, widget, stretch in (
            (area_label, self.area_combo, 2),
            (round_label, self.round_combo, 0),
            (as_of_label, self.as_of, 0),
        ):
            choose.addWidget(label)
            choose.addWidget(widget, stretch)
        choose.addStretch(1)

        self.breadcrumb = QLabel()
        self.breadcrumb.setWordWrap(True)
        self.breadcrumb.setTextFormat(Qt.TextFormat.PlainText)
        self.commands = QHBoxLayout()
        self.commands.addWidget(self.breadcrumb, 1)
        up = add_command(self, self.tr("上一级(&U)"),
                         [QKeySequence("Alt+Left"), QKeySequence(Qt.Key.Key_Backspace)],
                         self.go_up, self.commands)  # fmt: skip
        again = add_command(self, self.tr("重新统计(&S)"), [QKeySequence(Qt.Key.Key_F5)],
                            self.recount, self.commands)  # fmt: skip
        assert up is not None and again is not None
        self.up_button, self.again_button = up, again
        self.printing = PrintCommands(session, self)
        self.print_button = QPushButton(self.tr("打印报表(&R)"))
        self.print_button.setAccessibleDescription(
            self.tr("本页所选区域、年度和日期的调查进度周报或年度统计报表，先预览")
        )
        menu = QMenu(self.print_button)
        menu.setAccessibleName(self.tr("打印报表"))
        self.print_weekly = menu.addAction(self.tr("调查进度周报(&W)"))
        self.print_weekly.triggered.connect(self.print_weekly_report)
        self.print_statistics = menu.addAction(self.tr("年度统计报表(&N)"))
        self.print_statistics.triggered.connect(self.print_statistics_report)
        self.print_button.setMenu(menu)
        self.commands.addWidget(self.print_button)
        # the files for other systems, for this place and year (reviewers and the admin)
        self.export_button: QPushButton | None = None
        if session.role in EXPORT_ROLES:
            self.export_button = QPushButton(self.tr("导出数据(&E)…"))
            self.export_button.setAccessibleDescription(
                self.tr("把本页所选区域和年度的数据导出为 Excel 或 CSV 文件")
            )
            self.export_button.clicked.connect(self.open_export)
            self.commands.addWidget(self.export_button)
        self.export_dialog: ExportDialog | None = None

        self.status = MessageLine()
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("统计进度"))
        self.progress.setTextVisible(True)
        self.progress.setVisible(False)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.progress)

        self.figure_list = FigureList()
        self.figure_list.setAccessibleName(self.tr("图表目录"))
        self.figure_list.setAccessibleDescription(
            self.tr("先是进度，后是统计；选中一项，右边显示它的表格和图；回车进入表格")
        )
        self.figure_list.currentRowChanged.connect(self._figure_chosen)
        self.figure_list.itemActivated.connect(lambda _item: self.focus_table())
        list_label = QLabel(self.tr("图表(&G)："))
        list_label.setBuddy(self.figure_list)
        left = QVBoxLayout()
        left.addWidget(list_label)
        left.addWidget(self.figure_list, 1)

        self.heading = QLabel()
        mark_heading(self.heading)
        self.heading.setWordWrap(True)
        self.definition = QLabel()
        self.definition.setWordWrap(True)
        self.definition.setTextFormat(Qt.TextFormat.PlainText)
        self.model = FigureModel(self)
        self.due_model = RowsModel([self.tr(h) for h in DUE_HEADERS], self)
        self.table = rows_view(self.tr("统计表"), self.model)  # then named by its figure
        self.table.setMinimumHeight(self.table.verticalHeader().defaultSectionSize() * 6)
        self.table.activated.connect(self.open_row)
        self.heading.setBuddy(self.table)
        self.chart = ChartView()
        # why the chart is left out (too many bars, nothing but zeros), where it would be
        self.chart_note = MessageLine(self, repeat=False)  # said when it changes
        self.chart_note.setVisible(False)
        self.pair = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.pair.addWidget(self.table, 1)
        self.pair.addWidget(self.chart, 1)
        # (no scrolled area of its own: a tall chart lets the whole page scroll, so that the
        # controls keep one reading order on the page)
        panel = QVBoxLayout()
        panel.addWidget(self.heading)
        panel.addLayout(self.pair, 1)
        panel.addWidget(self.chart_note)
        panel.addWidget(self.definition)  # the table's note, under it as in a yearbook

        body = QHBoxLayout()
        body.addLayout(left)
        body.addLayout(panel, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(choose)
        layout.addLayout(self.commands)
        layout.addLayout(status_row)
        layout.addLayout(body, 1)
        chain_tab_order([self.area_combo, self.round_combo, self.as_of, self.up_button,
                         self.again_button, self.print_button,
                         *([self.export_button] if self.export_button else []),
                         self.figure_list, self.table])  # fmt: skip

        self._date_timer = QTimer(self)
        self._date_timer.setSingleShot(True)
        self._date_timer.setInterval(SETTLE_MS)
        self._date_timer.timeout.connect(self.reload)
        self.as_of.dateChanged.connect(lambda _d: self._date_timer.start())
        self.round_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.area_combo.activated.connect(self._area_chosen)
        self._fill_areas()
        self._show_place()

    # -- what is asked -----------------------------------------------------------------------

    def _years(self) -> list[int]:
        try:
            book = load_settings()
        except SettingsError:
            return [date.today().year]
        years = sorted(book.years, reverse=True)
        # the season's year first: the page opens on it
        return [book.survey_year, *(y for y in years if y != book.survey_year)]

    def query(self) -> StatsQuery:
        day = self.as_of.date()
        place = self.scope.get(self.area)
        return StatsQuery(
            self.area,
            str(self.round_combo.currentData() or ""),
            date(day.year(), day.month(), day.day()),
            place is not None and place.level == "village",
        )

    def set_as_of(self, day: date) -> None:
        self.as_of.setDate(QDate(day.year, day.month, day.day))

    def _fill_areas(self) -> None:
        """The user's areas and those just below them, and the path to the area shown."""
        path = {a.code for a in self.scope.path(self.area)}
        self.area_combo.blockSignals(True)
        self.area_combo.clear()
        for place in self.scope.areas:
            if place.depth <= 1 or place.code in path:
                names = [a.name for a in self.scope.path(place.code)[1:]] or [place.name]
                self.area_combo.addItem(" › ".join(names), place.code)
        self.area_combo.setCurrentIndex(self.area_combo.findData(self.area))
        self.area_combo.blockSignals(False)

    def _area_chosen(self, index: int) -> None:
        code = self.area_combo.itemData(index)
        if code and code != self.area:
            self.show_area(code)

    def _show_place(self) -> None:
        names = [a.name for a in self.scope.path(self.area)]
        self.breadcrumb.setText(self.tr("位置：%s") % " › ".join(names) if names else "")
        self.up_button.setEnabled(self.scope.up(self.area) is not None)

    # -- moving between areas ---------------------------------------------------------------

    def show_area(self, code: str, *, key: str = "", row: str = "", focus: bool = False) -> None:
        """Show the figures of area `code` (12 digits): figure `key` on the row of `row`."""
        if code not in self.scope:
            return
        self.area = code
        self._wanted_key = key or self.current_key()
        self._wanted_row = row
        self._focus_table = focus
        self._fill_areas()
        self._show_place()
        self.reload()

    def go_up(self) -> None:
        """Back to the area above, on the row of the area left (Backspace, Alt+Left)."""
        above = self.scope.up(self.area)
        if above is None:
            return
        key = self.current_key()
        self.show_area(above, key=BY_AREA if key == DUE else key, row=self.area, focus=True)

    def open_row(self, index: QModelIndex) -> None:
        """Enter on a row: the household of a person due, or the area the row is about."""
        if not index.isValid():
            return
        if self.current_key() == DUE:
            self.navigate.emit("household", self.due_model.record_id(index.row()))
            return
        code = self.model.drills(index.row())
        if not code:
            return
        target = full_code(code)
        if target == self.area:  # a village's own row: on to its persons due
            self.choose_figure(DUE)
            self.focus_table()
        else:
            self.show_area(target, focus=True)

    # -- exports ----------------------------------------------------------------------------

    def open_export(self) -> None:
        """The export dialog on this page's place and year."""
        query = self.query()
        self.export_dialog = ExportDialog(
            self.session, self, area=query.area_code, survey_round=query.survey_round
        )
        self.export_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.export_dialog.open()

    # -- printing ---------------------------------------------------------------------------

    def print_weekly_report(self) -> None:
        """The weekly progress report of the area, round and date shown (its preview)."""
        query = self.query()
        self.printing.weekly_report(query.area_code, query.survey_round, query.as_of)

    def print_statistics_report(self) -> None:
        """The year's statistics of the area shown, as of the date shown (its preview)."""
        query = self.query()
        year = int(query.survey_round) if query.survey_round.isdigit() else query.as_of.year
        self.printing.statistics_report(query.area_code, year, query.as_of)

    # -- reading ------------------------------------------------------------------------------

    def recount(self) -> None:
        self._cache.clear()
        self.reload()

    def reload(self) -> None:
        """Read the figures asked for (the last reading kept while it comes)."""
        self._date_timer.stop()
        if not self.area:
            self.status.setText(self.tr("没有分配给您的区域，无法统计。"))
            return
        query = self.query()
        if query in self._cache:
            self._show(self._cache[query])
            return
        if self._job is not None:
            self._job.cancel()  # its answer would be for another area or date
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.status.show_message(self.tr("正在统计…"), speak=False)
        db, loader = self.session.db, type(self).loader
        self._job = self.session.run(
            lambda report: loader(db, query, report),
            lambda data: self._loaded(query, data),
            self._failed,
            owner=self,
        )
        self._job.signals.progress.connect(self._progressed)

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _failed(self, error: Exception) -> None:
        self.progress.setVisible(False)
        self.status.setText(self.tr("统计没有完成：%s") % error)

    def _loaded(self, query: StatsQuery, data: StatsData) -> None:
        self._cache[query] = data
        if query == self.query():
            self._show(data)

    def _show(self, data: StatsData) -> None:
        self._job = None
        self.progress.setVisible(False)
        self.data = data
        key = self._wanted_key or self.current_key()
        if data.due is not None and (not key or (self._focus_table and key == BY_AREA)):
            key = DUE  # drilled into a village (or a member's first look): whom to visit
        due = len(data.due) if data.due is not None else None
        self.figure_list.set_entries(due, data.progress, data.statistics)
        self.choose_figure(key if self.figure_list.row_of(key) >= 0 else self._drill_key())
        if self._wanted_row and self.current_key() != DUE:
            index = drill_row(self.model, self._wanted_row)
            if index.isValid():
                self.table.selectRow(index.row())
        place = self.scope.get(self.area)
        self.status.setText(
            self.tr("%s %s 年度，截至 %s：%d 张表")
            % (place.name if place else "", data.query.survey_round,
               self.day_text(data.query.as_of), len(data.progress) + len(data.statistics))
        )  # fmt: skip
        if self._focus_table and self.isVisible():
            self.focus_table()
        self._wanted_key, self._wanted_row, self._focus_table = "", "", False
        self.loaded.emit()

    def day_text(self, day: date) -> str:
        """A date as the page writes it in words (2026年11月20日)."""
        return (self.tr("%1年%2月%3日").replace("%1", str(day.year))
                .replace("%2", str(day.month)).replace("%3", str(day.day)))  # fmt: skip

    def _drill_key(self) -> str:
        if self.data is None:
            return ""
        figures = self.data.progress
        if figure_index(figures, BY_AREA) >= 0:
            return BY_AREA
        return next((f.key for f in figures if f.drill), "")

    # -- the figure shown ---------------------------------------------------------------------

    def current_key(self) -> str:
        return self.figure_list.current_key()

    def choose_figure(self, key: str) -> None:
        """Show figure `key` (or the persons due; the first entry when there is no `key`)."""
        row = self.figure_list.row_of(key)
        if row < 0:
            keys = self.figure_list.keys()
            row = self.figure_list.row_of(keys[0]) if keys else -1
        if row >= 0:
            self.figure_list.setCurrentRow(row)
            self._figure_chosen(row)

    def _figure_chosen(self, row: int) -> None:
        key = self.figure_list.key_at(row)
        if self.data is None or not key:
            return
        if key == DUE:
            due = self.data.due or []
            self.due_model.set_rows(
                [(d.household_id, [d.village_name, d.address, d.name, d.state]) for d in due]
            )
            self.table.setModel(self.due_model)
            title = self.tr("待调查的人（%d 人）") % len(due)
            self.definition.setText(
                self.tr("本年度动态更新调查还没有完成的人，按地址排列；回车打开这一户")
            )
            self.table.setAccessibleDescription(self.tr("回车打开这个人的户"))
            self.chart.set_figure(None)
            self.chart_note.setVisible(False)
        else:
            figures = [*self.data.progress, *self.data.statistics]
            figure = figures[figure_index(figures, key)]
            self.model.set_figure(figure)
            self.table.setModel(self.model)
            title = figure.title
            self.definition.setText(figure.definition)
            self.table.setAccessibleDescription(
                self.tr("回车进入所选的区域") if figure.drill else figure.definition
            )
            why = charts.why_not_drawn(figure)  # the printed report leaves it out alike
            self.chart.set_figure(None if why else figure)
            self.chart_note.setText(self.tr("图：%s，数字见表格。") % why if why else "")
            self.chart_note.setVisible(bool(why))
            self.chart.setAccessibleName(self.tr("图：%s") % title)
            self.chart.setAccessibleDescription(self.tr("图中的数字都在表格“%s”里") % title)
        self.heading.setText(f"{title}(&T)")
        self.table.setAccessibleName(title)
        if self.table.model().rowCount() and not self.table.currentIndex().isValid():
            self.table.selectRow(0)
        self.table.resizeColumnsToContents()
        self._arrange()

    def focus_table(self) -> None:
        """Into the table, on its current row (the first at first): Enter opens it."""
        if self.table.model().rowCount() and not self.table.currentIndex().isValid():
            self.table.selectRow(0)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- the page -------------------------------------------------------------------------------

    def activate(self, record_id: str = "") -> None:
        """Show the page: the last figures at once, counted again if the records changed."""
        if self.data is None:
            # into the (still empty) table at once, where the figures appear: one focus
            # change for a screen reader, not one to the area box and another when read
            self._focus_table = True
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.focus_table()
        self.reload()

    def on_changed(self, changed: Changed) -> None:
        self._cache.clear()
        if self.isVisible():
            self.reload()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()

    def minimumSizeHint(self) -> QSize:
        """The least size with the wrapped texts' lines at the page's width: the window's
        frame then scrolls the page rather than squeezing the table, the chart and the
        definition over each other (at 200 % text a definition is five lines)."""
        least = super().minimumSizeHint()
        layout = self.layout()
        if layout is None or not layout.hasHeightForWidth():
            return least
        width = max(self.width(), least.width())
        return QSize(least.width(), max(least.height(), layout.totalMinimumHeightForWidth(width)))

    def _arrange(self) -> None:
        """The chart beside the table when both fit side by side, else below it; the table
        as high as its rows (up to MOST_ROWS, then it scrolls)."""
        table = self.table
        rows = max(1, min(table.model().rowCount(), MOST_ROWS))
        bar = table.horizontalScrollBar().sizeHint().height()
        header = table.horizontalHeader()
        high = header.sizeHint().height() + rows * table.verticalHeader().defaultSectionSize()
        table.setMinimumHeight(high + 2 * table.frameWidth() + bar)
        columns = sum(
            max(header.sectionSizeHint(c), table.sizeHintForColumn(c))
            for c in range(header.count())
        )  # (not header.length(): the last column stretches over whatever room there is)
        wanted = columns + 2 * table.frameWidth() + table.verticalScrollBar().sizeHint().width()
        spacing = self.style().pixelMetric(QStyle.PixelMetric.PM_LayoutHorizontalSpacing)
        room = self.width() - self.figure_list.width() - max(spacing, 6) * 4
        chart = self.chart.minimumSizeHint().width() if self.chart.figure is not None else 0
        wide = wanted + chart <= room
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        # side by side the table takes the width it needs (every column, no scrolling) and
        # the chart the rest (with no chart the table keeps the panel's whole width, its
        # last column stretching: capped, the panel floated to the page's middle)
        beside = wide and self.chart.figure is not None
        table.setMaximumWidth(wanted if beside else QWIDGETSIZE_MAX)
        table.setMinimumWidth(wanted if beside else 0)
        if self.pair.direction() != direction:
            self.pair.setDirection(direction)
