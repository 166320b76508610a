"""The 统计 page: drill-down to the persons due by keyboard, tables that match their figures,
charts that say where their numbers are, and the reading off the UI thread."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QEvent, Qt, QThreadPool
from PySide6.QtGui import QAccessible, QAction, QFont, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.reports.charts import series_of as chart_series
from app.reports.charts import why_not_drawn
from app.reports.progress import persons_due, progress_figures
from app.reports.scope import prefix
from app.store.database import Database
from app.store.registry import Area, Assignment, User
from ui import theme
from ui.fonts import install_font
from ui.main_window import MainWindow
from ui.pages.stats import BY_AREA, StatsPage
from ui.pages.stats_figures import StatsData, StatsQuery, cell_text, load_stats
from ui.pages.stats_list import DUE
from ui.preferences import Preferences
from ui.session import AppSession
from ui.worker import Progress

INTERACTIVE_NAMES = ("QComboBox", "QDateEdit", "DateEdit", "QPushButton", "QListWidget",
                     "QTableView")  # fmt: skip


@pytest.fixture
def large_text() -> Iterator[None]:
    """The program at 200 % text, as a low-vision member sets it; as it was afterwards."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = QFont(app.font())
    theme.apply(app, Preferences(text_size=200), install_font(app))
    yield
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    theme.apply(app, Preferences())
    app.setFont(before)


def open_stats(qtbot: QtBot, db: Database, user: str, text_size: int = 100) -> StatsPage:
    """The window of `user`, on the 统计 page opened with its shortcut, its figures read."""
    window = MainWindow(AppSession(db, user), Preferences(text_size=text_size))
    qtbot.addWidget(window)
    window.resize(1366, 728)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    page = window.page("stats")
    assert isinstance(page, StatsPage)
    with qtbot.waitSignal(page.loaded):
        ctrl_8(window).trigger()
    assert window.current_page() is page
    return page


def ctrl_8(window: MainWindow) -> QAction:
    """The window's action of Ctrl+8 (the 统计 page's shortcut)."""
    return next(a for a in window.findChildren(QAction) if a.shortcut() == QKeySequence("Ctrl+8"))


def settle() -> None:
    QThreadPool.globalInstance().waitForDone(10_000)
    QApplication.processEvents()


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


NO_MODIFIER = Qt.KeyboardModifier.NoModifier


def press(
    qtbot: QtBot, page: StatsPage, key: Qt.Key, modifier: Qt.KeyboardModifier = NO_MODIFIER
) -> None:
    """A key on the focused control, then the figures it asked for read and shown."""
    with qtbot.waitSignal(page.loaded):
        qtbot.keyClick(focused(), key, modifier)


def names_of(page: StatsPage) -> list[str]:
    """The controls of the page a screen reader reaches without a name."""
    nameless = []
    for widget in page.findChildren(QWidget):
        if type(widget).__name__ not in INTERACTIVE_NAMES or not widget.isVisible():
            continue
        interface = QAccessible.queryAccessibleInterface(widget)
        if interface is None or not interface.text(QAccessible.Text.Name).strip():
            nameless.append(type(widget).__name__)
    return nameless


def test_drill_down_to_the_persons_due_and_back_by_keyboard_at_200_percent(
    qtbot: QtBot, district: Database, large_text: None
) -> None:
    page = open_stats(qtbot, district, "demo", 200)
    window = page.window()
    assert isinstance(window, MainWindow)
    # the district's progress by town, the focus in its table on the first town
    assert page.current_key() == BY_AREA
    assert focused() is page.table
    assert names_of(page) == []
    town = page.model.drills(page.table.currentIndex().row())
    assert len(town) == 9
    press(qtbot, page, Qt.Key.Key_Return)
    assert page.area == town.ljust(12, "0")
    assert page.breadcrumb.text().count("›") == 1
    assert focused() is page.table and page.current_key() == BY_AREA
    # down to a village with persons still due (the rows' 应调查 and 已完成 tell which)
    figure = page.model.figure
    assert figure is not None
    due_column, done_column = (figure.columns.index(h) for h in ("应调查", "已完成"))
    rows = figure.rows
    row = next(i for i, r in enumerate(rows[:-1]) if int(r[due_column]) > int(r[done_column]))
    for _ in range(row):
        qtbot.keyClick(page.table, Qt.Key.Key_Down)
    village = page.model.drills(page.table.currentIndex().row())
    wanted = int(rows[row][due_column]) - int(rows[row][done_column])
    press(qtbot, page, Qt.Key.Key_Return)
    # the village's persons still due, the focus on the first of them
    assert page.area == village
    assert page.current_key() == DUE
    assert focused() is page.table and page.table.currentIndex().row() == 0
    assert page.table.model().rowCount() == wanted
    assert str(wanted) in page.table.accessibleName()
    assert names_of(page) == []
    with district.session() as s:
        due = persons_due(s, village, page.query().survey_round)
    shown = [page.due_model.record_id(r) for r in range(wanted)]
    assert page.table.model() is page.due_model and shown == [d.household_id for d in due]
    # Enter opens the person's household
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    household = window.current_page()
    assert household is not None and household is not page
    assert household.household_id == due[0].household_id  # type: ignore[attr-defined]
    settle()
    # back on 统计 (its figures kept), Backspace goes up to the town, on the village's row
    ctrl_8(window).trigger()
    assert window.current_page() is page and focused() is page.table
    press(qtbot, page, Qt.Key.Key_Backspace)
    assert page.area == town.ljust(12, "0") and page.current_key() == BY_AREA
    assert page.model.drills(page.table.currentIndex().row()) == village
    assert focused() is page.table
    # and Alt+Left to the district, on the town's row
    press(qtbot, page, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert page.area == "330213000000"
    assert page.model.drills(page.table.currentIndex().row()) == town
    assert not page.up_button.isEnabled()  # the top of the admin's scope
    settle()


def test_a_member_sees_whom_to_visit_first(qtbot: QtBot, district: Database) -> None:
    with district.session() as s:
        user, village = s.execute(
            select(User.username, Assignment.area_code)
            .join(Assignment, Assignment.user_id == User.id)
            .where(User.role == "member")
            .order_by(User.username)
            .limit(1)
        ).one()
    page = open_stats(qtbot, district, user)
    # a member's own village only, and its persons due first
    assert [page.area_combo.itemData(i) for i in range(page.area_combo.count())] == [village]
    assert page.current_key() == DUE and focused() is page.table
    assert not page.up_button.isEnabled()
    with district.session() as s:
        due = persons_due(s, village, page.query().survey_round)
    assert page.table.model().rowCount() == len(due)
    settle()


def test_every_table_shows_its_figure_and_every_chart_names_its_table(
    qtbot: QtBot, district: Database
) -> None:
    page = open_stats(qtbot, district, "demo")
    assert page.data is not None
    figures = [*page.data.progress, *page.data.statistics]
    assert page.figure_list.keys() == [f.key for f in figures]
    charts = 0
    for figure in figures:
        page.figure_list.setCurrentRow(page.figure_list.row_of(figure.key))
        model = page.table.model()
        headers = [
            model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())
        ]
        assert headers == list(figure.columns), figure.key
        assert page.model.cells() == [[cell_text(v) for v in row] for row in figure.rows]
        assert page.table.accessibleName() == figure.title
        assert page.definition.text() == figure.definition
        if figure.chart is None or why_not_drawn(figure):
            # no chart, or one left out as on paper (too many bars, all zeros), saying why
            assert not page.chart.isVisible()
            assert page.chart_note.isVisible() == bool(figure.chart), figure.key
            continue
        charts += 1
        assert page.chart.isVisible()
        assert figure.title in page.chart.accessibleName()
        assert f"“{figure.title}”" in page.chart.accessibleDescription()
        assert page.chart.focusPolicy() == Qt.FocusPolicy.NoFocus  # the table is the way in
        # the chart draws the table's own categories and values
        page.chart.redraw()
        words = set(re.findall(r">([^<]+)</text>", page.chart.svg.decode("utf-8")))
        categories, _series, labels = chart_series(figure)  # the chart's own reading
        assert figure.chart is not None
        # a bar chart writes every value and category; a line its last point's value
        if figure.chart.kind == "bar":
            cut = [w[:-1] for w in words if w.endswith("…")]  # a name too long for its room
            for name in filter(None, categories):
                assert name in words or any(name.startswith(w) for w in cut), (figure.key, name)
            assert {v for values in labels for v in values} <= words, figure.key
        else:
            assert {values[-1] for values in labels} <= words, figure.key
    assert charts >= 3
    settle()


def test_the_figures_are_read_off_the_ui_thread_and_the_page_stays_usable(
    qtbot: QtBot, district: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = open_stats(qtbot, district, "demo")
    hold = threading.Event()
    threads: list[threading.Thread] = []

    def held(db: Database, query: StatsQuery, report: Progress) -> StatsData:
        threads.append(threading.current_thread())
        hold.wait(30)
        return load_stats(db, query, report)

    monkeypatch.setattr(StatsPage, "loader", staticmethod(held))
    qtbot.keyClick(page.again_button, Qt.Key.Key_F5)  # 重新统计
    qtbot.waitUntil(lambda: bool(threads))
    assert threads[0] is not threading.main_thread()
    assert page.progress.isVisible()
    assert page.status.text() == "正在统计…"
    # meanwhile the page answers: the figures already read can be looked through
    first = page.figure_list.currentRow()
    qtbot.keyClick(page.figure_list, Qt.Key.Key_Down)
    assert page.figure_list.currentRow() == first + 1
    assert page.table.accessibleName() == page.figure_list.item(first + 1).text()
    with qtbot.waitSignal(page.loaded):
        hold.set()
    assert not page.progress.isVisible()
    assert page.current_key() == page.figure_list.key_at(first + 1)  # the one looked at stays
    settle()


def test_each_area_of_the_scope_gives_the_figures_the_library_gives(
    qtbot: QtBot, district: Database
) -> None:
    with district.session() as s:
        town = s.scalars(select(Area.code).where(Area.level == "town").order_by(Area.code)).first()
        assert town is not None
        reviewer = f"town{town[6:9]}"
        expected = progress_figures(s, prefix(town), "2026", date.today())
    page = open_stats(qtbot, district, reviewer)
    assert page.area == town
    assert page.round_combo.currentData() == "2026"
    assert page.data is not None
    assert page.data.progress == expected
    # the reviewer's own town and its villages, nothing of the other towns
    codes = [page.area_combo.itemData(i) for i in range(page.area_combo.count())]
    assert codes[0] == town and all(c.startswith(prefix(town)) for c in codes)
    assert len(codes) > 1
    settle()


def test_a_new_date_counts_again_as_of_that_day(qtbot: QtBot, district: Database) -> None:
    page = open_stats(qtbot, district, "demo")
    assert page.data is not None and page.data.query.as_of == date.today()
    day = date(date.today().year, 3, 31)
    with qtbot.waitSignal(page.loaded):
        page.set_as_of(day)  # (as typed or picked: the reading waits for the typing to stop)
    assert page.data.query.as_of == day
    assert f"{day.year}年{day.month}月{day.day}日" in page.status.text()  # in words
    with district.session() as s:
        expected = progress_figures(s, "330213", page.query().survey_round, day)
    assert page.data.progress == expected
    settle()
