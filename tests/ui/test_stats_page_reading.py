"""The 统计 page read as its users read it: every figure of the district and of a village,
at 100 % and 200 % text on a 1366×768 laptop: nothing cut or drawn over, the table whole
beside its chart, no chart of more bars than can be read, shares with their one decimal
as on paper, no key of ours and no date in the computer's form."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QRect
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from app.reports import charts
from app.store.database import Database
from tests.ui.test_stats_page import open_stats
from tests.ui.test_stats_page import settle as read
from ui import theme
from ui.fonts import install_font
from ui.pages.stats import StatsPage
from ui.pages.stats_list import DUE
from ui.preferences import Preferences

#: a key of ours (in_progress, dibao): never a cell a user reads
KEY = re.compile(r"^[a-z]+(_[a-z0-9]+)*[0-9]*$")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@pytest.fixture(params=[100, 200])
def text_size(request: pytest.FixtureRequest) -> Iterator[int]:
    """The program at the text size asked for; as it was afterwards."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = QFont(app.font())
    size = int(request.param)
    theme.apply(app, Preferences(text_size=size), install_font(app))
    yield size
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    theme.apply(app, Preferences())
    app.setFont(before)


def settle() -> None:
    """The figures read, and the page laid out again as often as its texts ask."""
    read()
    for _ in range(5):
        QApplication.processEvents()


def on_page(page: StatsPage, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(page, widget.rect().topLeft()), widget.size())


def faults(page: StatsPage) -> list[str]:
    """What a reader of the figure shown would find cut, covered, or unreadable."""
    key = page.current_key()
    found: list[str] = []
    for label in (page.heading, page.breadcrumb, page.chart_note, page.definition):
        if label.isVisible() and label.height() < label.heightForWidth(label.width()):
            found.append(f"{key}: {label.text()[:12]}… cut to {label.height()} px")
    shown: list[QWidget] = [
        w for w in (page.table, page.chart, page.chart_note, page.definition) if w.isVisible()
    ]
    for index, one in enumerate(shown):
        for other in shown[index + 1 :]:
            if on_page(page, one).intersects(on_page(page, other)):
                found.append(f"{key}: {type(one).__name__} over {type(other).__name__}")
    chart = page.chart
    if chart.isVisible():
        if chart.height() < chart.minimumSizeHint().height():
            found.append(f"{key}: chart squeezed to {chart.height()} px")
        chart.redraw()
        cut = [w for w in re.findall(r">([^<]+)</text>", chart.svg.decode()) if w.endswith("…")]
        if cut:
            found.append(f"{key}: the chart cuts its names {cut}")
        beside = on_page(page, chart).left() >= on_page(page, page.table).right()
        if beside and page.table.horizontalScrollBar().maximum() > 0:
            found.append(f"{key}: the table beside its chart hides columns")
    for said in (page.status.text(), page.definition.text()):
        if ISO_DATE.search(said):
            found.append(f"{key}: a date not in words in {said[:40]}…")
    return found


def check_cells(page: StatsPage) -> list[str]:
    """Every cell as the printed report writes it, shares to one decimal, no key of ours;
    the chart shown unless the print leaves it out too, and then the page says why."""
    key = page.current_key()
    if key == DUE:
        rows = page.due_model.rowCount()
        texts = [str(page.due_model.index(r, c).data()) for r in range(rows) for c in range(4)]
        return [f"due: {t}" for t in texts if KEY.match(t)]
    figure = page.model.figure
    assert figure is not None
    found = []
    for shown, row in zip(page.model.cells(), figure.rows, strict=True):
        for text, value in zip(shown, row, strict=True):
            if text != charts.cell(value):
                found.append(f"{key}: {text} is not as printed ({charts.cell(value)})")
            if (
                isinstance(value, float)
                and abs(value) < 1000
                and not re.fullmatch(r"-?\d+\.\d", text)
            ):
                found.append(f"{key}: share {text} without its one decimal")
            if isinstance(value, str) and KEY.match(value):
                found.append(f"{key}: a key {value}")
    why = charts.why_not_drawn(figure)
    if figure.chart is not None and page.chart.isVisible() == bool(why):
        found.append(f"{key}: chart shown {page.chart.isVisible()} though {why or 'drawable'}")
    if why and why not in page.chart_note.text():
        found.append(f"{key}: the chart left out without saying why")
    return found


@pytest.mark.parametrize("user", ["demo", "m001001"])
def test_every_figure_reads_whole_on_a_laptop(
    qtbot: QtBot, district: Database, text_size: int, user: str
) -> None:
    page = open_stats(qtbot, district, user, text_size)
    problems: list[str] = []
    shown = page.figure_list.keys()  # (a list of the entries' keys, not a dict's)
    for key in shown:
        page.choose_figure(key)
        settle()
        problems += faults(page) + check_cells(page)
    assert not problems, "\n".join(problems)


def test_a_chart_of_more_bars_than_can_be_read_is_left_to_its_table(
    qtbot: QtBot, district: Database
) -> None:
    page = open_stats(qtbot, district, "demo")
    page.choose_figure("progress.form_a.by_member")
    settle()
    figure = page.model.figure
    assert figure is not None and len(figure.rows) > charts.MAX_BARS
    assert not page.chart.isVisible()
    note = page.chart_note
    assert isinstance(note, QLabel) and note.isVisible()
    assert charts.why_not_drawn(figure) in note.text() and "类别过多" in note.text()
