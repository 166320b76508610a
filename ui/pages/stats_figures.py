"""What the 统计 page shows of a figure: its table model, its chart, and the reading of them all.

`load_stats` reads every figure of one area, round and date in one go off the UI
thread (app/reports, no Qt); `FigureModel` holds a figure's cells as the table
shows them; `ChartView` draws the figure's chart from the same definition the
printed reports use (app.reports.charts, SVG shown by QtSvg), on a white ground in
either theme, with its text growing with the program's text size.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QByteArray, QModelIndex, QObject, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QFontInfo, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.reports import charts
from app.reports.figure import Figure
from app.reports.page import page_figures
from app.reports.progress import DueRow, persons_due
from app.store.database import Database
from ui.rows_model import Index, RowsModel
from ui.worker import Progress

#: the chart's text size in its own units (points of the print): the screen scales the
#: drawing so that this size shows as large as the program's text
CHART_TEXT = 8.0


@dataclass(frozen=True)
class StatsQuery:
    """What the page asks for: an area (its 12-digit code), a round and a date."""

    area_code: str
    survey_round: str
    as_of: date
    village: bool  # a village: the persons still due are read too


@dataclass
class StatsData:
    """Every figure of one query, and (for a village) the persons still due."""

    query: StatsQuery
    progress: list[Figure] = field(default_factory=list)
    statistics: list[Figure] = field(default_factory=list)
    due: list[DueRow] | None = None


def load_stats(db: Database, query: StatsQuery, report: Progress) -> StatsData:
    """Read the figures of `query` (off the UI thread; `report` tells how far, and raises
    when the page asked for something else meanwhile)."""
    steps = 2 if query.village else 1
    data = StatsData(query)
    report(0, steps)
    year = int(query.survey_round) if query.survey_round.isdigit() else query.as_of.year
    data.progress, data.statistics = page_figures(
        db.session, query.area_code, query.survey_round, year, query.as_of
    )
    report(1, steps)
    if query.village:
        with db.session() as s:
            data.due = persons_due(s, query.area_code, query.survey_round)
        report(2, steps)
    return data


def cell_text(value: str | int | float | Decimal) -> str:
    """A figure's cell as the table writes it: as the printed report does, and the chart
    labels its values the same way."""
    return charts.cell(value)


class FigureModel(RowsModel):
    """A figure's rows as the table shows them; each row's id is the area it drills into."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__([], parent)
        self.figure: Figure | None = None
        self._numeric: set[int] = set()

    def set_figure(self, figure: Figure | None) -> None:
        self.figure = figure
        if figure is None:
            self.set_table([], [])
            return
        drill = figure.drill or ("",) * len(figure.rows)
        self._numeric = {
            c
            for c in range(len(figure.columns))
            if figure.rows and all(isinstance(r[c], int | float | Decimal) for r in figure.rows)
        }
        self.set_table(
            figure.columns,
            [
                (code, [cell_text(v) for v in row])
                for code, row in zip(drill, figure.rows, strict=True)
            ],
        )

    def set_table(self, headers: Sequence[str], rows: Sequence[tuple[str, Sequence[Any]]]) -> None:
        self.beginResetModel()
        self._headers = list(headers)
        self.endResetModel()
        self.set_rows(rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and index.isValid():
            if index.column() in self._numeric:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        return super().data(index, role)

    def cells(self) -> list[list[str]]:
        """Every row's cells as shown (what a test compares with the figure)."""
        return [
            [str(self.data(self.index(r, c))) for c in range(self.columnCount())]
            for r in range(self.rowCount())
        ]

    def drills(self, row: int) -> str:
        return self.record_id(row) if 0 <= row < self.rowCount() else ""


class ChartView(QWidget):
    """A figure's chart on a white ground: bars for progress and counts, a line for the trend.

    The chart is drawn again for the widget's size, in units that make its text as large
    as the program's (at 200 % text the chart's words are twice as large too). It tells
    nothing the table beside it does not: its accessible name and description say which
    table holds its numbers, and it takes no focus (the table is the keyboard's way)."""

    REDRAW_MS = 120

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.figure: Figure | None = None
        self.renderer = QSvgRenderer(self)
        self.renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        self.svg = b""
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._drawn_for = QSize()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.REDRAW_MS)
        self._timer.timeout.connect(self.redraw)

    def scale(self) -> float:
        """Screen pixels per chart unit: the program's text height over the chart's."""
        return max(QFontInfo(self.font()).pixelSize(), 8) / CHART_TEXT

    def set_figure(self, figure: Figure | None) -> None:
        self.figure = figure if figure is not None and figure.chart is not None else None
        self.setVisible(self.figure is not None)
        self.updateGeometry()
        self.redraw()

    def minimumSizeHint(self) -> QSize:
        """Room for every bar's name and value: a band of the text's height for each."""
        line = self.fontMetrics().height()
        high, wide = line * 12, line * 14
        chart = self.figure.chart if self.figure is not None else None
        if self.figure is not None and chart is not None and chart.kind == "bar":
            high = int(charts.bar_height(self.figure, CHART_TEXT) * self.scale())
            # wide enough for every category's whole name in its share of the width
            names = charts.names_width(self.figure, CHART_TEXT) / charts.NAMES_SHARE
            wide = max(wide, int(names * self.scale()) + 1)
        # (no upper bound: a chart of up to MAX_BARS bars keeps every band legible and the
        # page scrolls; a bound squeezed a town's villages into overlapping names)
        return QSize(wide, max(high, line * 10))

    def sizeHint(self) -> QSize:
        least = self.minimumSizeHint()
        return QSize(self.fontMetrics().height() * 24, least.height())

    def redraw(self) -> None:
        """Draw the chart for the widget's present size."""
        self._timer.stop()
        if self.figure is None or self.width() < 10 or self.height() < 10:
            self.svg = b""
            self.renderer.load(QByteArray())
            self.update()
            return
        # never smaller than the least room its text needs (before the layout gives it its
        # size, the widget may still be a few pixels high)
        room = self.size().expandedTo(self.minimumSizeHint())
        scale = self.scale()
        self.svg = charts.svg_bytes(
            self.figure, room.width() / scale, room.height() / scale, size=CHART_TEXT
        )
        self.renderer.load(QByteArray(self.svg))
        self._drawn_for = self.size()
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.figure is not None and self.size() != self._drawn_for:
            self._timer.start()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#ffffff"))  # the chart's ground in both themes
        if self.svg:
            self.renderer.render(painter, QRectF(self.rect()))
        painter.end()


def figure_index(figures: Sequence[Figure], key: str) -> int:
    """Where the figure `key` is in `figures` (-1: not there)."""
    return next((i for i, f in enumerate(figures) if f.key == key), -1)


def drill_row(model: FigureModel, code: str) -> QModelIndex:
    """The row of `model` that drills into `code` (invalid when none does)."""
    for row in range(model.rowCount()):
        if model.drills(row) and code.startswith(model.drills(row)):
            return model.index(row, 0)
    return QModelIndex()
